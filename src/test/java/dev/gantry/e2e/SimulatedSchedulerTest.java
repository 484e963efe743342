package dev.gantry.e2e;

import dev.gantry.aws.sim.SchedulerState;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.*;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulated EventBridge Scheduler on a deployed app: AWS's validation, and schedules that fire
 * on virtual time into ECS RunTask as their role, with the tasks' group and exit codes visible
 * through ECS as on AWS.
 */
class SimulatedSchedulerTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"scheduler.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private SimHarness h;
    private SchedulerClient scheduler;
    private String cluster;
    private TaskDefinition job;
    private List<String> subnets;
    private String group;

    @BeforeEach void deployed() {
        Spec spec = SimHarness.template("worker.yaml");
        h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        scheduler = h.aws.scheduler();
        var svc = h.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0);
        cluster = svc.clusterArn();
        subnets = svc.networkConfiguration().awsvpcConfiguration().subnets();
        group = svc.networkConfiguration().awsvpcConfiguration().securityGroups().get(0);
        TaskDefinition service = h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition(svc.taskDefinition())).taskDefinition();
        ContainerDefinition c = service.containerDefinitions().get(0).toBuilder().command("sh", "-c", "echo report done; exit 4").build();
        job = h.aws.ecs().registerTaskDefinition(b -> b.family("worker-job-report").cpu(service.cpu()).memory(service.memory())
                .networkMode(service.networkMode()).requiresCompatibilities(service.requiresCompatibilities()).runtimePlatform(service.runtimePlatform())
                .executionRoleArn(service.executionRoleArn()).taskRoleArn(service.taskRoleArn()).containerDefinitions(c)).taskDefinition();
    }

    private String role(boolean mayRun) {
        String name = mayRun ? "runs-jobs" : "runs-nothing";
        String arn = h.aws.iam().createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST)).role().arn();
        if (mayRun) {
            h.aws.iam().putRolePolicy(b -> b.roleName(name).policyName("run").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"ecs:RunTask\",\"Resource\":\"" + job.taskDefinitionArn() + "\"},"
                    + "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":[\"" + job.executionRoleArn() + "\",\"" + job.taskRoleArn() + "\"]}]}"));
        }
        return arn;
    }

    private CreateScheduleRequest.Builder schedule(String expression, String roleArn) {
        return CreateScheduleRequest.builder().name("report").groupName("worker").scheduleExpression(expression)
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .target(Target.builder().arn(cluster).roleArn(roleArn).ecsParameters(EcsParameters.builder().taskDefinitionArn(job.taskDefinitionArn())
                        .launchType(LaunchType.FARGATE).group("job:report").networkConfiguration(NetworkConfiguration.builder()
                                .awsvpcConfiguration(AwsVpcConfiguration.builder().subnets(subnets).securityGroups(group).build()).build()).build()).build());
    }

    private List<Task> jobTasks() {
        List<String> arns = new java.util.ArrayList<>(h.aws.ecs().listTasks(b -> b.cluster("worker").desiredStatus(DesiredStatus.STOPPED)).taskArns());
        arns.addAll(h.aws.ecs().listTasks(b -> b.cluster("worker")).taskArns());
        if (arns.isEmpty()) return List.of();
        return h.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(arns)).tasks().stream().filter(t -> "job:report".equals(t.group())).toList();
    }

    @Test void aws_validation_of_groups_and_schedules() {
        String role = role(true);
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("rate(5 minutes)", role).build()))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Schedule group worker does not exist.");
        scheduler.createScheduleGroup(b -> b.name("worker").tags(Tag.builder().key("gantry:app").value("worker").build()));
        assertThatThrownBy(() -> scheduler.createScheduleGroup(b -> b.name("worker"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("cron(0 12 * * * *)", role).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Invalid Schedule Expression cron(0 12 * * * *).");
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("rate(5 minutes)", role).scheduleExpressionTimezone("Mars/Olympus").build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Invalid timezone Mars/Olympus.");
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("rate(5 minutes)", role).flexibleTimeWindow((FlexibleTimeWindow) null).build()))
                .isInstanceOf(ValidationException.class);
        scheduler.createSchedule(schedule("rate(5 minutes)", role).build());
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("rate(5 minutes)", role).build())).isInstanceOf(ConflictException.class);
        String groupArn = scheduler.getScheduleGroup(b -> b.name("worker")).arn();
        assertThat(scheduler.listTagsForResource(b -> b.resourceArn(groupArn)).tags()).extracting(Tag::value).containsExactly("worker");
        GetScheduleResponse got = scheduler.getSchedule(b -> b.groupName("worker").name("report"));
        assertThat(got.target().ecsParameters().group()).isEqualTo("job:report");
        assertThat(got.scheduleExpression()).isEqualTo("rate(5 minutes)");

        // Deleting the group takes its schedules with it; the group reads DELETING for a while.
        scheduler.deleteScheduleGroup(b -> b.name("worker"));
        assertThat(scheduler.getScheduleGroup(b -> b.name("worker")).state()).isEqualTo(ScheduleGroupState.DELETING);
        assertThatThrownBy(() -> scheduler.getSchedule(b -> b.groupName("worker").name("report"))).isInstanceOf(ResourceNotFoundException.class);
        h.time.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> scheduler.getScheduleGroup(b -> b.name("worker"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> scheduler.deleteScheduleGroup(b -> b.name("default"))).isInstanceOf(ValidationException.class);
    }

    @Test void a_schedule_fires_on_virtual_time_into_run_task_and_its_tasks_end_with_their_exit_code() {
        scheduler.createScheduleGroup(b -> b.name("worker"));
        scheduler.createSchedule(schedule("cron(0/10 * * * ? *)", role(true)).build());
        assertThat(jobTasks()).isEmpty();
        h.time.advance(Duration.ofMinutes(25));
        List<Task> tasks = jobTasks();
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("STOPPED");
            assertThat(t.containers().get(0).exitCode()).isEqualTo(4);
            assertThat(t.taskDefinitionArn()).isEqualTo(job.taskDefinitionArn());
        });
        assertThat(tasks).extracting(t -> t.createdAt().getEpochSecond() % 600).containsOnly(0L);
        assertThat(h.world.state.scheduler.invocations("worker", "report")).hasSize(2).allSatisfy(i -> assertThat(i.error).isNull());

        // Disabled, it stops firing.
        var current = scheduler.getSchedule(b -> b.groupName("worker").name("report"));
        scheduler.updateSchedule(b -> b.name("report").groupName("worker").scheduleExpression(current.scheduleExpression())
                .flexibleTimeWindow(current.flexibleTimeWindow()).target(current.target()).state(ScheduleState.DISABLED));
        h.time.advance(Duration.ofHours(1));
        assertThat(h.world.state.scheduler.invocations("worker", "report")).as("ECS forgets stopped tasks after an hour; the invocations tell").hasSize(2);
    }

    @Test void a_role_that_may_not_run_the_task_definition_fails_each_invocation_with_the_reason() {
        scheduler.createScheduleGroup(b -> b.name("worker"));
        scheduler.createSchedule(schedule("rate(1 hour)", role(false)).build());
        h.time.advance(Duration.ofMinutes(90));
        assertThat(jobTasks()).isEmpty();
        List<SchedulerState.Invocation> invocations = h.world.state.scheduler.invocations("worker", "report");
        assertThat(invocations).hasSize(2).allSatisfy(i -> assertThat(i.error)
                .startsWith("AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/runs-nothing/report is not authorized to perform: ecs:RunTask"));
    }
}

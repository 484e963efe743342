package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.Failures;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.engine.Engine;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.SecretValues;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** service.exec and gantry exec: ECS Exec on the simulated AWS, and the hand-off to a fake Session Manager plugin. */
class ExecCommandTest {
    final AppContextWorld w = new AppContextWorld();
    final Spec plain = AppContextWorld.template("worker.yaml");
    final Spec withExec = exec(plain, true);
    @TempDir Path dir;

    static Spec exec(Spec s, boolean on) {
        Service v = s.service();
        return s.withService(new Service(v.desiredCount(), v.minimumHealthyPercent(), v.maximumPercent(), v.rollbackOnFailure(), v.autoscaling(), on));
    }

    Captured streams;

    int exec(Spec spec, Map<String, String> env, String task, String command) {
        streams = new Captured(env);
        AppContext d = new AppContext(spec, w.aws, w.time, streams.context, Ansi.NONE, "");
        try {
            return AppContext.guarded(d, x -> ExecCommand.run(x, task, command, null, null)).code();
        } catch (RuntimeException e) {
            Failures.print(streams.context.errWriter(), e);
            return dev.gantry.Main.exitFor(e).code();
        }
    }

    /** A stand-in plugin that writes its arguments and the session variable where the test reads them, and exits 7. */
    Path fakePlugin() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = bin.resolve("session-manager-plugin");
        Files.writeString(p, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + dir.resolve("argv") + "'\n"
                + "printf '%s' \"$AWS_SSM_START_SESSION_RESPONSE\" > '" + dir.resolve("session") + "'\nexit 7\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    String runningTask() {
        var arns = w.aws.ecs().listTasks(b -> b.cluster("worker").serviceName("worker")).taskArns();
        String arn = arns.get(0);
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    @Test void the_session_goes_to_the_plugin_as_the_aws_cli_hands_it_over_with_the_token_only_in_the_environment() throws Exception {
        w.applied(withExec);
        Path bin = fakePlugin();
        int code = exec(withExec, Map.of("PATH", bin + ":/usr/bin:/bin"), null, "/bin/sh");

        assertThat(code).as(streams.err()).isEqualTo(7);
        List<String> argv = Files.readAllLines(dir.resolve("argv"));
        String task = runningTask();
        var container = w.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(task)).tasks().get(0).containers().get(0);
        assertThat(argv).containsExactly("AWS_SSM_START_SESSION_RESPONSE", "us-east-1", "StartSession", "",
                "{\"Target\":\"ecs:worker_" + task + "_" + container.runtimeId() + "\"}", "https://ecs.us-east-1.amazonaws.com");
        String session = Files.readString(dir.resolve("session"));
        assertThat(session).contains("\"sessionId\":\"ecs-execute-command-").contains("\"streamUrl\":\"wss://ssmmessages.us-east-1.amazonaws.com/")
                .contains("\"tokenValue\":\"AAEAA");
        String token = session.substring(session.indexOf("\"tokenValue\":\"") + 14, session.lastIndexOf('"'));
        assertThat(String.join(" ", argv)).doesNotContain(token);
        assertThat(streams.err()).contains("Session ecs-execute-command-").doesNotContain(token);
    }

    @Test void exec_on_gives_the_service_ecs_exec_and_the_task_role_exactly_the_four_ssmmessages_actions() {
        w.applied(withExec);
        var svc = w.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0);
        assertThat(svc.enableExecuteCommand()).isTrue();
        String doc = java.net.URLDecoder.decode(w.aws.iam().getRolePolicy(b -> b.roleName("worker-task").policyName("gantry-exec")).policyDocument(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(doc).contains("\"ssmmessages:CreateControlChannel\",\"ssmmessages:CreateDataChannel\",\"ssmmessages:OpenControlChannel\",\"ssmmessages:OpenDataChannel\"]")
                .contains("\"Resource\":\"*\"");
        assertThat(w.aws.iam().listRolePolicies(b -> b.roleName("worker-task")).policyNames()).containsExactly("gantry-exec");
        // Turned off again: the service stops offering it and the policy goes.
        w.applied(plain);
        assertThat(w.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0).enableExecuteCommand()).isFalse();
        assertThat(w.aws.iam().listRolePolicies(b -> b.roleName("worker-task")).policyNames()).isEmpty();
    }

    @Test void the_plan_says_what_turning_it_on_allows_and_apply_rolls_new_tasks_that_accept_sessions() throws Exception {
        w.applied(plain);
        String before = runningTask();
        Plan p = new Engine(Catalog.standard(), w.aws, w.time, SecretValues.none(), e -> { }).plan(withExec);
        Change service = p.changes().stream().filter(c -> c.address().toString().equals("service.main")).findFirst().orElseThrow();
        assertThat(service.reason()).contains("ECS Exec on").contains("ecs:ExecuteCommand").contains("task role's permissions");
        // A task started before: ECS refuses a session in it, as AWS does.
        assertThatThrownBy(() -> w.aws.ecs().executeCommand(b -> b.cluster("worker").task(before).command("/bin/sh").interactive(true)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("execute command was not enabled when the task was run");
        w.applied(withExec);
        String after = runningTask();
        assertThat(after).isNotEqualTo(before);
        Path bin = fakePlugin();
        assertThat(exec(withExec, Map.of("PATH", bin.toString()), null, "ls -la")).as(streams.err()).isEqualTo(7);
    }

    @Test void the_exec_policy_removed_by_hand_is_put_back_by_the_next_apply() {
        w.applied(withExec);
        w.aws.iam().deleteRolePolicy(b -> b.roleName("worker-task").policyName("gantry-exec"));
        Plan p = new Engine(Catalog.standard(), w.aws, w.time, SecretValues.none(), e -> { }).plan(withExec);
        assertThat(p.mutating()).extracting(c -> c.address().toString()).contains("role.task");
        w.applied(withExec);
        assertThat(w.aws.iam().listRolePolicies(b -> b.roleName("worker-task")).policyNames()).containsExactly("gantry-exec");
    }

    @Test void exec_not_enabled_is_exit_2_saying_how() throws Exception {
        w.applied(plain);
        int code = exec(plain, Map.of("PATH", fakePlugin().toString()), null, "/bin/sh");
        assertThat(code).isEqualTo(2);
        assertThat(streams.err()).contains("ECS Exec is not enabled for service worker").contains("exec: true");
    }

    @Test void a_missing_plugin_is_exit_2_saying_how_to_install_it() {
        w.applied(withExec);
        int code = exec(withExec, Map.of("PATH", dir.toString()), null, "/bin/sh");
        assertThat(code).isEqualTo(2);
        assertThat(streams.err()).contains("session-manager-plugin) is not on PATH").contains("session-manager-working-with-install-plugin.html");
    }
}

package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 25, items 2 and 3: alarms, their topic and ECS deployment alarms, end to end on virtual time. */
class AlertsEndToEndTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hello-alerts";

    private static Spec withAlerts(Spec spec) {
        return spec.withAlerts(Alerts.defaults(List.of("ops@example.com")));
    }

    private static Map<String, String> states(SimHarness h) {
        Map<String, String> out = new TreeMap<>();
        for (MetricAlarm m : h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("hello-")).metricAlarms()) out.put(m.alarmName(), m.stateValueAsString());
        return out;
    }

    @Test void apply_creates_the_alarms_and_the_topic_and_a_re_apply_changes_nothing() {
        Spec spec = withAlerts(SimHarness.template("web-https.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();

        assertThat(states(h).keySet()).containsExactly("hello-5xx-app", "hello-5xx-load-balancer", "hello-below-desired", "hello-cpu-high",
                "hello-latency-p95", "hello-memory-high", "hello-unhealthy-targets");
        MetricAlarm fiveXx = h.aws.cloudWatch().describeAlarms(b -> b.alarmNames("hello-5xx-load-balancer")).metricAlarms().get(0);
        assertThat(fiveXx.alarmActions()).containsExactly(TOPIC);
        assertThat(fiveXx.threshold()).isEqualTo(10.0);
        assertThat(h.world.state.events.rules).containsKey("hello-task-stopped");
        assertThat(h.world.state.events.rules.get("hello-task-stopped").targets).containsValue(TOPIC);
        assertThat(fiveXx.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).startsWith("app/hello-alb/"));
        var subs = h.aws.sns().listSubscriptionsByTopic(b -> b.topicArn(TOPIC)).subscriptions();
        assertThat(subs).singleElement().satisfies(s -> {
            assertThat(s.endpoint()).isEqualTo("ops@example.com");
            assertThat(s.subscriptionArn()).isEqualTo("PendingConfirmation");
        });
        var service = h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(service.deploymentConfiguration().alarms().alarmNames()).containsExactly("hello-5xx-load-balancer", "hello-unhealthy-targets");
        assertThat(service.deploymentConfiguration().alarms().rollback()).isTrue();

        // A healthy service: after a few minutes every alarm on traffic is OK.
        h.time.advance(Duration.ofMinutes(5));
        assertThat(states(h)).containsEntry("hello-5xx-load-balancer", "OK").containsEntry("hello-below-desired", "OK")
                .containsEntry("hello-unhealthy-targets", "OK");

        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        ApplyResult again = h.apply(spec);
        assertThat(again.outcome()).as(again.toString()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
        // web-https's 33 (ApplyEndToEndTest) and 15 for the alerts (docs/refresh-reads.md)
        assertThat(h.world.readCalls()).as(h.world.callsByAction().toString()).isLessThanOrEqualTo(33 + 15);
    }

    /** Without Container Insights a worker's running count has no datapoint: treated as missing, the alarm has no data (and no call fails). */
    @Test void a_workers_running_count_alarm_without_container_insights_has_insufficient_data() {
        Spec spec = withAlerts(SimHarness.template("worker.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        h.time.advance(Duration.ofMinutes(5));
        Map<String, String> states = new TreeMap<>();
        for (MetricAlarm m : h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("worker-")).metricAlarms()) states.put(m.alarmName(), m.stateValueAsString());
        assertThat(states).containsOnlyKeys("worker-below-desired", "worker-cpu-high", "worker-memory-high")
                .containsEntry("worker-below-desired", "INSUFFICIENT_DATA").containsEntry("worker-cpu-high", "OK");
        var service = h.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0);
        assertThat(service.deploymentConfiguration().alarms().alarmNames()).containsExactly("worker-below-desired");
    }

    @Test void a_stack_without_alerts_reads_no_cloudwatch_sns_or_eventbridge() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.resetCounters();
        h.plan(spec);
        assertThat(h.world.callsByAction().keySet()).noneMatch(a -> a.startsWith("cloudwatch:") || a.startsWith("sns:") || a.startsWith("events:"));
    }

    @Test void a_crashing_image_trips_the_5xx_and_running_count_alarms_and_the_topic_is_told() {
        Spec good = withAlerts(SimHarness.template("web-https.yaml"));
        Spec crashing = good.withTask(good.task().withImage("public.ecr.aws/nginx/nginx:crash"));
        SimHarness h = new SimHarness().prepare(crashing);
        h.apply(crashing); // the rollout fails: no task ever stays up
        h.world.state.sns.confirm(TOPIC, "ops@example.com");
        h.time.advance(Duration.ofMinutes(6));

        // The running-count alarm is made once the service has been up (Alarms: made earlier, a first
        // deploy's provisioning minutes would fire it); the load balancer's 5xx tell of the crash.
        assertThat(states(h)).containsEntry("hello-5xx-load-balancer", "ALARM").doesNotContainKey("hello-below-desired");
        var deliveries = h.world.state.sns.deliveries;
        assertThat(deliveries).anySatisfy(d -> {
            assertThat(d.subject).isEqualTo("ALARM: \"hello-5xx-load-balancer\" in us-east-1");
            assertThat(d.endpoints).containsExactly("ops@example.com");
        });
        // Each task that exited non-zero reached the topic through the EventBridge rule.
        assertThat(deliveries).anySatisfy(d -> {
            assertThat(d.message).contains("\"detail-type\":\"ECS Task State Change\"").contains("\"exitCode\":1")
                    .contains("\"group\":\"service:hello\"");
            assertThat(d.endpoints).containsExactly("ops@example.com");
        });
    }

    @Test void a_healthy_first_deploy_fires_no_alarm_and_emails_nobody() {
        Spec spec = withAlerts(SimHarness.template("web-https.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.state.sns.confirm(TOPIC, "ops@example.com");
        for (int minute = 0; minute < 6; minute++) {
            assertThat(states(h)).as("minute " + minute).doesNotContainValue("ALARM");
            h.time.advance(Duration.ofMinutes(1));
        }
        assertThat(h.world.state.sns.deliveries).noneSatisfy(d -> assertThat(d.subject).startsWith("ALARM"));
    }

    @Test void a_service_scaled_to_zero_by_hand_trips_the_running_count_alarm() {
        Spec spec = withAlerts(SimHarness.template("web-https.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.state.sns.confirm(TOPIC, "ops@example.com");
        h.time.advance(Duration.ofMinutes(2));
        h.aws.ecs().updateService(b -> b.cluster("hello").service("hello").desiredCount(0));
        h.time.advance(Duration.ofMinutes(6));
        assertThat(states(h)).containsEntry("hello-below-desired", "ALARM");
        assertThat(h.world.state.sns.deliveries).anySatisfy(d -> assertThat(d.subject).isEqualTo("ALARM: \"hello-below-desired\" in us-east-1"));
    }

    @Test void a_rollout_that_trips_a_deployment_alarm_is_rolled_back() {
        Spec good = withAlerts(SimHarness.template("web-https.yaml"));
        SimHarness h = new SimHarness().prepare(good);
        assertThat(h.apply(good).exitCode()).isZero();
        String before = h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0).taskDefinition();

        // Tasks that start but fail the health check: the circuit breaker is off, only the alarm can stop it.
        Spec unhealthy = good.withTask(good.task().withImage("public.ecr.aws/nginx/nginx:unhealthy"))
                .withService(new dev.gantry.spec.Service(2, 100, 200, false, null));
        ApplyResult r = h.apply(unhealthy);
        assertThat(r.exitCode()).isNotZero();
        h.time.advance(Duration.ofMinutes(10));

        var service = h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(service.events()).anySatisfy(e -> assertThat(e.message()).contains("deployment failed: alarm detected"));
        assertThat(service.events()).anySatisfy(e -> assertThat(e.message()).contains("rolling back to deployment"));
        assertThat(service.taskDefinition()).isEqualTo(before);
        assertThat(service.deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(before);
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        assertThat(h.world.state.sns.deliveries).anySatisfy(d -> assertThat(d.subject).isEqualTo("ALARM: \"hello-unhealthy-targets\" in us-east-1"));
    }

    @Test void destroy_removes_the_alarms_and_the_topic() {
        Spec spec = withAlerts(SimHarness.template("web-https.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        ApplyResult d = h.destroy(spec);
        assertThat(d.exitCode()).as(d.failures().toString()).isZero();
        assertThat(h.world.state.cloudWatch.alarms).isEmpty();
        assertThat(h.world.state.sns.topics).isEmpty();
        assertThat(h.world.state.events.rules).isEmpty();
        assertThat(h.taggedLeftovers("hello")).isEmpty();
    }

    @Test void alerts_removed_from_the_spec_are_deleted_and_the_service_watches_no_alarm() {
        Spec spec = withAlerts(SimHarness.template("web-https.yaml"));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Spec without = spec.withAlerts(null);
        ApplyResult r = h.apply(without);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.world.state.cloudWatch.alarms).isEmpty();
        assertThat(h.world.state.sns.topics).isEmpty();
        var service = h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(service.deploymentConfiguration().alarms() == null || service.deploymentConfiguration().alarms().alarmNames().isEmpty()).isTrue();
        assertThat(h.plan(without).hasChanges()).isFalse();
    }
}

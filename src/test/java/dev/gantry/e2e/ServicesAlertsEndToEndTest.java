package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: alerts on an app of several services (templates/web-api-worker.yaml: web, api and
 * worker), with alarms per service, end to end on virtual time. The load balancer's alarms are the
 * app's; each service has its own running-count, CPU and memory alarms (a public one also its
 * unhealthy targets), its rollout watches its own, and the task-stopped rule covers every service.
 */
class ServicesAlertsEndToEndTest {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:shop-alerts";
    static final String ALERTS = "\nalerts:\n  email: [ops@example.com]\n";

    static String text() throws Exception { return Files.readString(Path.of("templates/web-api-worker.yaml")) + ALERTS; }

    static Map<String, String> states(SimHarness h) {
        Map<String, String> out = new TreeMap<>();
        for (MetricAlarm m : h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("shop-")).metricAlarms()) out.put(m.alarmName(), m.stateValueAsString());
        return out;
    }

    static software.amazon.awssdk.services.ecs.model.Service service(SimHarness h, String name) {
        return h.aws.ecs().describeServices(b -> b.cluster("shop").services(name)).services().get(0);
    }

    static String pattern(SimHarness h) { return h.aws.events().describeRule(b -> b.name("shop-task-stopped")).eventPattern(); }

    @Test void three_services_get_their_own_alarms_apply_from_empty_and_re_apply_with_no_call() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text());
        SimHarness h = new SimHarness().prepare(spec);
        // The plan shows each service's alarms with it, the load balancer's with the shared alerts.
        String plan = dev.gantry.ui.line.PlanText.render(h.plan(spec), dev.gantry.ui.Ansi.NONE);
        String api = plan.substring(plan.indexOf("Service api"), plan.indexOf("Service web"));
        assertThat(api).contains("alarm.api-unhealthy-targets", "alarm.api-below-desired", "alarm.api-cpu-high", "alarm.api-memory-high")
                .doesNotContain("alarm.web-").doesNotContain("alarm.5xx");
        assertThat(plan.substring(plan.indexOf("\nAlerts\n"))).contains("alarm.5xx-load-balancer", "alarm.latency-p95")
                .contains("a task of web, api, worker that stops with a non-zero exit code").doesNotContain("alarm.api-");
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();

        assertThat(states(h).keySet()).containsExactlyInAnyOrder("shop-5xx-load-balancer", "shop-5xx-app", "shop-latency-p95",
                "shop-web-unhealthy-targets", "shop-web-below-desired", "shop-web-cpu-high", "shop-web-memory-high",
                "shop-api-unhealthy-targets", "shop-api-below-desired", "shop-api-cpu-high", "shop-api-memory-high",
                "shop-worker-below-desired", "shop-worker-cpu-high", "shop-worker-memory-high");
        assertThat(states(h)).hasSize(Alerts.alarmCount(spec));
        // Each service's alarms look at its own target group or its own ECS service.
        MetricAlarm apiTargets = h.aws.cloudWatch().describeAlarms(b -> b.alarmNames("shop-api-unhealthy-targets")).metricAlarms().get(0);
        assertThat(apiTargets.dimensions()).anySatisfy(d -> assertThat(d.value()).startsWith("targetgroup/shop-api-tg-8080/"));
        MetricAlarm workerCpu = h.aws.cloudWatch().describeAlarms(b -> b.alarmNames("shop-worker-cpu-high")).metricAlarms().get(0);
        assertThat(workerCpu.dimensions()).anySatisfy(d -> assertThat(d.name() + "=" + d.value()).isEqualTo("ServiceName=shop-worker"));
        assertThat(workerCpu.alarmDescription()).contains("of worker");
        // Each rollout watches its own alarms; the primary (web) also the load balancer's 5xx.
        assertThat(service(h, "shop-web").deploymentConfiguration().alarms().alarmNames())
                .containsExactly("shop-5xx-load-balancer", "shop-web-unhealthy-targets");
        assertThat(service(h, "shop-api").deploymentConfiguration().alarms().alarmNames()).containsExactly("shop-api-unhealthy-targets");
        assertThat(service(h, "shop-worker").deploymentConfiguration().alarms().alarmNames()).containsExactly("shop-worker-below-desired");
        // One rule for every service's stopped tasks; the topic lets exactly that rule publish.
        assertThat(pattern(h)).contains("\"group\":[\"service:shop-api\",\"service:shop-web\",\"service:shop-worker\"]");
        String policy = h.aws.sns().getTopicAttributes(b -> b.topicArn(TOPIC)).attributes().get("Policy");
        assertThat(policy).contains(":rule/shop-task-stopped\"").doesNotContain("rule/shop-web").doesNotContain("rule/shop-api");

        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        ApplyResult again = h.apply(spec);
        assertThat(again.outcome()).as(h.plan(spec).toString()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("shop-")).metricAlarms()).isEmpty();
        assertThat(h.taggedLeftovers("shop")).isEmpty();
    }

    @Test void a_healthy_first_deploy_of_three_services_fires_no_alarm_and_emails_no_alarm() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text());
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.state.sns.confirm(TOPIC, "ops@example.com");
        for (int minute = 0; minute < 6; minute++) {
            assertThat(states(h)).as("minute " + minute).doesNotContainValue("ALARM");
            h.time.advance(Duration.ofMinutes(1));
        }
        assertThat(states(h)).containsEntry("shop-web-below-desired", "OK").containsEntry("shop-api-below-desired", "OK")
                .containsEntry("shop-api-unhealthy-targets", "OK");
        // What reaches the topic is each alarm's first OK (CloudWatch tells OKActions of a move from no data to OK, as for one service).
        assertThat(h.world.state.sns.deliveries).extracting(d -> d.subject).isNotEmpty().allMatch(s -> s.startsWith("OK: "));
    }

    @Test void a_failing_api_rollout_trips_the_apis_alarm_is_rolled_back_and_the_email_names_api() throws Exception {
        String good = text();
        Spec spec = SpecLoader.load("gantry.yaml", good);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.state.sns.confirm(TOPIC, "ops@example.com");
        h.time.advance(Duration.ofMinutes(5));
        String apiBefore = service(h, "shop-api").taskDefinition();
        String webBefore = service(h, "shop-web").taskDefinition();

        // The api's new tasks start but fail the health check; the circuit breaker is off, only its alarm can stop it.
        String bad = good.replace("image: public.ecr.aws/docker/library/httpd:2.4", "image: public.ecr.aws/docker/library/httpd:unhealthy")
                .replace("      desiredCount: 2\n    public:\n      routes: [api.example.com",
                        "      desiredCount: 2\n      rollbackOnFailure: false\n    public:\n      routes: [api.example.com");
        Spec failing = SpecLoader.load("gantry.yaml", bad);
        assertThat(failing.services().get("api").service().rollbackOnFailure()).isFalse();
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        ApplyResult r = h.apply(failing);
        h.time.advance(Duration.ofMinutes(10));
        web.stop();
        assertThat(r.exitCode()).isNotZero();

        var api = service(h, "shop-api");
        assertThat(api.events()).anySatisfy(e -> assertThat(e.message()).contains("deployment failed: alarm detected"));
        assertThat(api.taskDefinition()).isEqualTo(apiBefore);
        assertThat(service(h, "shop-web").taskDefinition()).isEqualTo(webBefore);
        assertThat(web.outages()).isEmpty();
        var alarmMails = h.world.state.sns.deliveries.stream().filter(d -> d.subject.startsWith("ALARM")).toList();
        assertThat(alarmMails).anySatisfy(d -> {
            assertThat(d.subject).isEqualTo("ALARM: \"shop-api-unhealthy-targets\" in us-east-1");
            assertThat(d.endpoints).containsExactly("ops@example.com");
        });
        // Nothing was wrong with web or the worker, and no alarm of theirs said otherwise.
        assertThat(alarmMails).noneSatisfy(d -> assertThat(d.subject).containsAnyOf("shop-web-", "shop-worker-"));
    }

    @Test void a_worker_whose_tasks_stop_with_an_error_is_emailed_by_name() throws Exception {
        String good = text();
        Spec spec = SpecLoader.load("gantry.yaml", good);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.state.sns.confirm(TOPIC, "ops@example.com");

        Spec crashing = SpecLoader.load("gantry.yaml", good.replace("busybox:1.36", "busybox:crash"));
        h.apply(crashing); // the worker's rollout fails: its new tasks exit 1
        h.time.advance(Duration.ofMinutes(3));

        var stops = h.world.state.sns.deliveries.stream().filter(d -> d.message.contains("\"detail-type\":\"ECS Task State Change\"")).toList();
        assertThat(stops).isNotEmpty().allSatisfy(d -> {
            assertThat(d.message).contains("\"group\":\"service:shop-worker\"").contains("\"exitCode\":1");
            assertThat(d.endpoints).containsExactly("ops@example.com");
        });
    }

    @Test void a_service_added_gets_its_alarms_while_the_others_serve_and_removed_takes_them_away() throws Exception {
        String three = text();
        Spec spec = SpecLoader.load("gantry.yaml", three);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();

        String mailer = "  mailer:\n    task:\n      image: public.ecr.aws/docker/library/busybox:1.36\n"
                + "      command: [\"sh\", \"-c\", \"while true; do sleep 60; done\"]\n    service:\n      desiredCount: 1\n";
        String four = three.replace(ALERTS, "\n" + mailer + ALERTS);
        Spec more = SpecLoader.load("gantry.yaml", four);
        assertThat(more.services().keySet()).containsExactly("web", "api", "worker", "mailer");
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        SimServing.Recorder api = new SimServing.Recorder(h.world, h.time, "api.example.com", "/", "shop-api").start();
        ApplyResult added = h.apply(more);
        web.stop();
        api.stop();
        assertThat(added.exitCode()).as(added.failures().toString()).isZero();
        assertThat(web.outages()).isEmpty();
        assertThat(api.outages()).isEmpty();
        assertThat(states(h)).containsKeys("shop-mailer-below-desired", "shop-mailer-cpu-high", "shop-mailer-memory-high").hasSize(Alerts.alarmCount(more));
        assertThat(pattern(h)).contains("\"service:shop-mailer\"");
        assertThat(service(h, "shop-mailer").deploymentConfiguration().alarms().alarmNames()).containsExactly("shop-mailer-below-desired");
        assertThat(h.plan(more).hasChanges()).as(h.plan(more).toString()).isFalse();

        web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        ApplyResult removed = h.apply(spec);
        web.stop();
        assertThat(removed.exitCode()).as(removed.failures().toString()).isZero();
        assertThat(web.outages()).isEmpty();
        assertThat(states(h).keySet()).noneMatch(n -> n.startsWith("shop-mailer-")).hasSize(Alerts.alarmCount(spec));
        assertThat(pattern(h)).doesNotContain("mailer");
        assertThat(h.plan(spec).hasChanges()).as(h.plan(spec).toString()).isFalse();
    }
}

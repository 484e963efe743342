package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {

    @Test void a_healthy_https_service_reports_every_part_and_exits_zero() {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);

        int code = w.run(spec, d -> StatusCommand.run(d, false, true));

        assertThat(code).as(w.out()).isEqualTo(ExitCode.OK.code());
        String out = w.out();
        assertThat(out).startsWith("hello · us-east-1 · ✓ healthy\n")
                .contains("URL          https://hello.example.com\n")
                .contains("Certificate  hello.example.com: issued")
                .contains("Targets      2 of 2 healthy (load balancer targets)")
                .contains("Service      hello in cluster hello: 2 desired · 2 running · 0 pending")
                .contains("Rollout      COMPLETED")
                .contains("Events")
                .contains("has reached a steady state")
                .contains("Cost         about $")
                .contains("estimate, us-east-1 on-demand prices of 2025-01")
                .contains("1 NAT gateway")
                .contains("Application Load Balancer")
                .doesNotContain("Problems")
                .doesNotContain("Drift");
    }

    @Test void a_worker_has_no_url_and_no_targets() {
        Spec spec = AppContextWorld.template("worker.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);

        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).as(w.out()).isZero();
        assertThat(w.out()).startsWith("worker · us-east-1 · ✓ healthy\n")
                .contains("URL          none (no load balancer: the service takes no inbound traffic)")
                .contains("Service      worker in cluster worker: 1 desired · 1 running")
                // the digest the running task pulled, as the simulated registry resolves busybox:1.36
                .containsPattern("Image        public.ecr.aws/docker/library/busybox:1.36 · runs sha256:[0-9a-f]{64} \\(1 task\\)")
                .contains("1 × task of 0.25 vCPU, 0.5 GB arm64")
                .doesNotContain("Targets").doesNotContain("Certificate").doesNotContain("Application Load Balancer");
    }

    @Test void a_service_below_its_desired_count_is_a_problem_with_the_reason() throws Exception {
        Spec spec = AppContextWorld.withImage(AppContextWorld.template("web-https.yaml"), "public.ecr.aws/nginx/nginx:1.27-crash");
        AppContextWorld w = new AppContextWorld();
        assertThat(w.apply(spec).exitCode()).isEqualTo(1);

        int code = w.run(spec, d -> StatusCommand.run(d, false, true));

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).contains("✗ ")
                .contains("Problems")
                .containsPattern("✗ 0 of 2 tasks running")
                .contains("Why: ")
                .contains("fix: ");
        // without --detailed-exitcode, reading the status succeeded
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, false))).isZero();
        w.streams.clear();
        w.run(spec, d -> StatusCommand.run(d, true, false));
        JsonNode j = new ObjectMapper().readTree(w.out());
        assertThat(j.get("healthy").asBoolean()).isFalse();
        assertThat(j.get("problems").get(0).asText()).isEqualTo("0 of 2 tasks running");
        assertThat(j.at("/service/diagnosis/cause").asText()).isEqualTo("container-exited");
        assertThat(j.at("/service/diagnosis/fixes")).isNotEmpty();
    }

    @Test void a_log_group_deleted_out_of_band_is_drift_in_plain_words() {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/hello"));

        int code = w.run(spec, d -> StatusCommand.run(d, false, true));

        assertThat(code).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(w.out()).contains("✓ healthy · drift: ")
                .contains("Drift")
                .contains("! log group /gantry/hello: missing (deleted outside gantry, or never created) — 'gantry apply' recreates it");
    }

    @Test void a_desired_count_changed_in_the_console_shows_both_values() {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.aws.ecs().updateService(b -> b.cluster("hello").service("hello").desiredCount(3));

        w.run(spec, d -> StatusCommand.run(d, false, false));

        assertThat(w.out()).contains("ECS service hello on Fargate, 2 tasks: differs from gantry.yaml (desiredCount)")
                .contains("desiredCount: 3 → 2")
                .contains("✗ 2 of 3 tasks running (1 starting)")
                .contains("'gantry apply' sets it back");
    }

    @Test void json_has_the_documented_schema() throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/hello"));

        int code = w.run(spec, d -> StatusCommand.run(d, true, false));

        assertThat(code).isZero();
        JsonNode j = new ObjectMapper().readTree(w.out());
        assertThat(j.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(j.get("app").asText()).isEqualTo("hello");
        assertThat(j.get("region").asText()).isEqualTo("us-east-1");
        assertThat(j.get("deployed").asBoolean()).isTrue();
        assertThat(j.get("healthy").asBoolean()).isTrue();
        assertThat(j.get("drifted").asBoolean()).isTrue();
        assertThat(j.get("problems")).isEmpty();
        assertThat(j.get("url").asText()).isEqualTo("https://hello.example.com");
        assertThat(j.at("/certificate/status").asText()).isEqualTo("ISSUED");
        assertThat(j.at("/loadBalancer/healthy").asInt()).isEqualTo(2);
        assertThat(j.at("/loadBalancer/targets/0/state").asText()).isEqualTo("healthy");
        assertThat(j.at("/service/desired").asInt()).isEqualTo(2);
        assertThat(j.at("/service/running").asInt()).isEqualTo(2);
        assertThat(j.at("/service/rollout/state").asText()).isEqualTo("COMPLETED");
        assertThat(j.at("/service/deployments")).hasSize(1);
        assertThat(j.at("/service/events").size()).isBetween(1, 5);
        assertThat(j.at("/service/diagnosis").isNull()).isTrue();
        JsonNode logGroup = null;
        for (JsonNode d : j.get("drift")) if (d.get("address").asText().equals("log-group.main")) logGroup = d;
        assertThat(logGroup).as(j.get("drift").toString()).isNotNull();
        assertThat(logGroup.get("action").asText()).isEqualTo("create");
        assertThat(logGroup.get("subject").asText()).isEqualTo("log group /gantry/hello");
        assertThat(logGroup.get("summary").asText()).startsWith("log group /gantry/hello: missing");
        assertThat(logGroup.get("fix").asText()).isEqualTo("'gantry apply' recreates it");
        assertThat(logGroup.get("fields")).isEmpty();
        assertThat(j.at("/cost/monthlyUsd").asDouble()).isGreaterThan(10);
        assertThat(j.at("/cost/lines").size()).isGreaterThan(2);
        assertThat(j.at("/cost/label").asText()).contains("estimate");
    }

    @Test void nothing_deployed_says_so() {
        Spec spec = AppContextWorld.template("worker.yaml");
        AppContextWorld w = new AppContextWorld();

        int code = w.run(spec, d -> StatusCommand.run(d, false, true));

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).startsWith("worker · us-east-1 · not deployed\n").contains("worker is not deployed in us-east-1");
        // nothing exists, so nothing is billed: the estimate is what deploying would cost
        assertThat(w.out()).contains("Cost         nothing yet (not deployed); once deployed about $");
        assertThat(w.out()).doesNotContain("× task of");
    }

    @Test void no_credentials_exit_4() {
        Spec spec = AppContextWorld.template("worker.yaml");
        AppContextWorld w = new AppContextWorld();
        // Credentials that AWS refuses: every call is denied.
        dev.gantry.aws.sim.SimFaults.of(w.world).deny("*");

        assertThat(w.run(spec, d -> StatusCommand.run(d, false, false))).isEqualTo(ExitCode.NO_CREDENTIALS.code());
        assertThat(w.err()).contains("gantry: while").contains("not authorized").contains("fix: ");
    }

    @Test void a_spec_error_exits_2_before_touching_aws(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("gantry.yaml");
        Files.writeString(bad, "version: 1\napp: hello\nregion: us-east-1\n");
        Captured io = new Captured(Map.of("GANTRY_HOME", dir.toString()));
        int code = io.gantry("status", "-f", bad.toString(), "--simulate");
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("task");
        assertThat(dir.resolve("simulated")).doesNotExist();
    }

    @Test void the_cli_reads_the_simulated_account_saved_by_an_earlier_command(@TempDir Path dir) throws Exception {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.world.save(dir.resolve("simulated").resolve("us-east-1.json"));
        Captured io = new Captured(Map.of("GANTRY_HOME", dir.toString()));

        int code = io.gantry("status", "-f", "templates/web-https.yaml", "--simulate", "--output", "json");

        assertThat(code).as(io.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(io.out());
        assertThat(j.get("healthy").asBoolean()).isTrue();
        assertThat(j.get("url").asText()).isEqualTo("https://hello.example.com");
        assertThat(j.at("/service/running").asInt()).isEqualTo(2);
    }

    @Test void a_url_the_certificate_does_not_cover_or_no_record_serves_is_unhealthy() {
        Spec applied = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(applied);
        // The spec now says www (the edit is not applied yet): the load balancer still serves hello's certificate.
        Spec edited = applied.withCertificate(new dev.gantry.spec.Certificate("www.example.com", java.util.List.of(), null))
                .withDns(new dev.gantry.spec.Dns("example.com", "www.example.com"));

        int code = w.run(edited, d -> StatusCommand.run(d, false, true));

        assertThat(code).as(w.out()).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).contains("✗ ").contains("URL          https://www.example.com")
                .contains("www.example.com has no DNS record yet")
                .contains("the load balancer's certificate (hello.example.com) does not cover www.example.com");
    }

    @Test void a_record_pointing_elsewhere_is_unhealthy() {
        Spec spec = AppContextWorld.template("web-https.yaml");
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        String zoneId = w.aws.route53().listHostedZonesByName(b -> b.dnsName("example.com")).hostedZones().get(0).id();
        w.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(c -> c
                .action(software.amazon.awssdk.services.route53.model.ChangeAction.UPSERT)
                .resourceRecordSet(r -> r.name("hello.example.com").type(software.amazon.awssdk.services.route53.model.RRType.A)
                        .aliasTarget(a -> a.hostedZoneId("Z35SXDOTRQ7X7K").dnsName("other-123.us-east-1.elb.amazonaws.com").evaluateTargetHealth(false))))));

        int code = w.run(spec, d -> StatusCommand.run(d, false, true));

        assertThat(code).as(w.out()).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).contains("hello.example.com points at other-123.us-east-1.elb.amazonaws.com, not at the app's load balancer");
    }

    @Test void detailed_exit_codes_rank_problems_over_drift() {
        var cost = new dev.gantry.ops.StatusReport.Cost("estimate", java.util.List.of(), 0, "");
        var drift = java.util.List.of(new dev.gantry.ops.StatusReport.Drift("log-group.main", "create", "log group", "missing", "apply", java.util.List.of()));
        var healthy = new dev.gantry.ops.StatusReport("a", "r", null, true, null, null, null, null, cost, java.util.List.of(), java.util.List.of());
        var drifted = new dev.gantry.ops.StatusReport("a", "r", null, true, null, null, null, null, cost, drift, java.util.List.of());
        var sick = new dev.gantry.ops.StatusReport("a", "r", null, true, null, null, null, null, cost, drift, java.util.List.of("0 of 2 tasks running"));
        assertThat(StatusCommand.exitCode(healthy, true).code()).isEqualTo(0);
        assertThat(StatusCommand.exitCode(drifted, true).code()).isEqualTo(3);
        assertThat(StatusCommand.exitCode(sick, true).code()).isEqualTo(1);
        assertThat(StatusCommand.exitCode(sick, false).code()).isEqualTo(0);
    }
}

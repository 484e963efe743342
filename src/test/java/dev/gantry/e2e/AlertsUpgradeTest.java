package dev.gantry.e2e;

import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecMigration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alarms per service keep a running stack as it is: what an app with alerts has in AWS (its alarms,
 * the services' deployment alarms, the task-stopped rule, the topic's and the guard's policies) is
 * exactly what gantry made before alarms were per service. The files under
 * {@code src/test/resources/upgrade/} were written by this test run on the gantry before (main at
 * ee588e8, with {@code -Dgantry.writeUpgradeSnapshots=true}); the same apply now must give the same
 * state, so the plan for a stack made before is empty.
 */
class AlertsUpgradeTest {
    static final String ALERTS = "\nalerts:\n  email: [ops@example.com]\nguard:\n  every: 15m\n";

    static final String API = MigrateToServicesEndToEndTest.API;

    static String text(String scenario) throws Exception {
        return switch (scenario) {
            case "v1-web" -> Files.readString(Path.of("templates/web-https.yaml")) + ALERTS;
            case "v1-worker" -> Files.readString(Path.of("templates/worker.yaml")) + ALERTS;
            // What 'gantry migrate' makes of the first: one service named like the app.
            case "v2-migrated" -> SpecMigration.toVersion2("gantry.yaml", Files.readString(Path.of("templates/web-https.yaml"))) + ALERTS;
            // And a second service beside it: before, alerts watched the first only.
            case "v2-two" -> text("v2-migrated").replace("\n# A public Application Load Balancer", API + "\n# A public Application Load Balancer");
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1-web", "v1-worker", "v2-migrated"})
    void theAlertsOfAStackMadeBeforeAreExactlyWhatGantryMakesNow(String scenario) throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text(scenario));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        String now = String.join("\n", snapshot(h, spec.app())) + "\n";
        Path golden = Path.of("src/test/resources/upgrade/alerts-" + scenario + ".txt");
        if (Boolean.getBoolean("gantry.writeUpgradeSnapshots")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, now);
        }
        assertThat(now).isEqualTo(Files.readString(golden));
    }

    /**
     * A migrated app with a second service: the first service's alarms and the load balancer's stay
     * exactly as they were; the second gains its own, the rule names its tasks too and the guard may
     * change its alarms.
     */
    @org.junit.jupiter.api.Test
    void aSecondServiceGainsItsAlarmsAndTheFirstKeepsItsOwn() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text("v2-two"));
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        List<String> now = snapshot(h, spec.app());
        Path golden = Path.of("src/test/resources/upgrade/alerts-v2-two.txt");
        if (Boolean.getBoolean("gantry.writeUpgradeSnapshots")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, String.join("\n", now) + "\n");
        }
        List<String> before = Files.readAllLines(golden);
        List<String> kept = before.stream().filter(l -> !l.startsWith("rule ") && !l.startsWith("guard ") && !l.startsWith("service hello-api ")).toList();
        assertThat(before).contains("service hello-api alarms=none");
        assertThat(now).containsAll(kept);
        assertThat(now).filteredOn(l -> l.startsWith("alarm ")).hasSize(kept.stream().filter(l -> l.startsWith("alarm ")).toList().size() + 4)
                .filteredOn(l -> !before.contains(l)).allSatisfy(l -> assertThat(l).startsWith("alarm hello-api-"));
        assertThat(now).anySatisfy(l -> assertThat(l).startsWith("service hello-api alarms=[hello-api-unhealthy-targets]"))
                .anySatisfy(l -> assertThat(l).contains("\"group\":[\"service:hello\",\"service:hello-api\"]"));
    }

    /** The app's alerts as AWS holds them, one sorted line each, with the load balancer's random ids left out. */
    static List<String> snapshot(SimHarness h, String app) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (MetricAlarm m : h.aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix(app + "-")).metricAlarms()) {
            List<String> dims = new ArrayList<>();
            m.dimensions().forEach(d -> dims.add(d.name() + "=" + d.value().replaceAll("/[0-9a-f]{8,}$", "/ID")));
            out.add("alarm " + m.alarmName() + " " + m.namespace() + "/" + m.metricName() + " " + (m.extendedStatistic() != null ? m.extendedStatistic()
                    : m.statisticAsString()) + " " + dims.stream().sorted().toList() + " " + m.comparisonOperatorAsString() + " " + m.threshold()
                    + " missing=" + m.treatMissingData() + " period=" + m.period() + " " + m.datapointsToAlarm() + "/" + m.evaluationPeriods()
                    + " alarm=" + m.alarmActions() + " ok=" + m.okActions() + " enabled=" + m.actionsEnabled() + " '" + m.alarmDescription() + "'");
        }
        for (var c : h.aws.ecs().listClusters().clusterArns()) {
            for (var arn : h.aws.ecs().listServices(b -> b.cluster(c)).serviceArns()) {
                var s = h.aws.ecs().describeServices(b -> b.cluster(c).services(arn)).services().get(0);
                var a = s.deploymentConfiguration().alarms();
                out.add("service " + s.serviceName() + " alarms=" + (a == null ? "none" : new TreeSet<>(a.alarmNames()) + " enable=" + a.enable()
                        + " rollback=" + a.rollback()));
            }
        }
        String rule = app + "-task-stopped";
        var r = h.aws.events().describeRule(b -> b.name(rule));
        out.add("rule " + r.name() + " " + r.state() + " " + r.eventPattern() + " targets="
                + h.aws.events().listTargetsByRule(b -> b.rule(rule)).targets().stream().map(t -> t.id() + "=" + t.arn()).toList());
        for (var t : h.aws.sns().listTopics().topics()) {
            if (t.topicArn().endsWith(":" + app + "-alerts")) {
                out.add("topic " + t.topicArn() + " " + h.aws.sns().getTopicAttributes(b -> b.topicArn(t.topicArn())).attributes().get("Policy"));
            }
        }
        String role = app + "-guard-function";
        out.add("guard " + URLDecoder.decode(h.aws.iam().getRolePolicy(b -> b.roleName(role).policyName("gantry-guard")).policyDocument(),
                StandardCharsets.UTF_8));
        return new ArrayList<>(out);
    }
}

package dev.gantry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.engine.ApplyResult;
import dev.gantry.guard.GuardRun;
import dev.gantry.plan.Observed;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.StoredSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard of a version-2 app (templates/web-api-worker.yaml: web, api and worker): its stored
 * spec reads back as the same three services, and it puts back one service's listener rule with
 * only what its role grants, never touching an app whose name starts with this one's.
 */
class GuardServicesTest {
    static final String GUARD = "\nguard:\n  every: 5m\n  repair: safe\n";

    static String text() throws Exception { return Files.readString(Path.of("templates/web-api-worker.yaml")) + GUARD; }

    /** An app named with shop's name and a dash: /gantry/shop-* or role/shop-* would match its names. */
    static Spec neighbour() {
        return Crowd.spec(TwoAppsTest.other("service: {desiredCount: 1}").replace("app: other", "app: shop-admin")
                .replace("/other/db-password", "/shop-admin/db-password")).withAlerts(dev.gantry.spec.Alerts.defaults(List.of("ops@example.com")));
    }

    @Test void the_stored_spec_of_three_services_reads_back_as_the_same_spec() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text());
        assertThat(spec.services().keySet()).containsExactly("web", "api", "worker");
        assertThat(spec.hasGuard()).isTrue();
        String stored = StoredSpec.write(spec);
        assertThat(stored.length()).isLessThanOrEqualTo(4096);
        assertThat(StoredSpec.read("ssm:/gantry/guard/shop/spec", stored)).isEqualTo(spec);
    }

    @Test void the_stored_spec_of_an_environment_of_three_services_reads_back_as_the_same_spec() throws Exception {
        String secret = "{secrets: {DB_PASSWORD: {parameter: /shop-staging/db-password}}}";
        String text = text() + "environments:\n  production: {}\n  staging:\n    services:\n"
                + "      web: {public: {routes: [staging.example.com]}}\n"
                + "      api: {task: " + secret + ", service: {desiredCount: 1}, public: {routes: [api-staging.example.com]}}\n"
                + "      worker: {task: " + secret + "}\n";
        var checked = SpecLoader.check("gantry.yaml", text, "staging", null);
        assertThat(checked.errors()).isEmpty();
        Spec spec = checked.spec();
        assertThat(spec.tags()).containsEntry(Environment.TAG, "staging");
        assertThat(spec.services().get("api").service().desiredCount()).isEqualTo(1);
        String stored = StoredSpec.write(spec);
        assertThat(stored).startsWith("# gantry:env=staging\n");
        assertThat(StoredSpec.read("ssm:/gantry/guard/" + spec.app() + "/spec", stored)).isEqualTo(spec);
    }

    @Test void a_stored_spec_beyond_what_ssm_holds_is_refused_before_anything_changes() throws Exception {
        StringBuilder workers = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            workers.append("  worker").append(i).append(":\n    task:\n      image: public.ecr.aws/docker/library/busybox:1.36\n")
                    .append("      command: [\"sh\", \"-c\", \"while true; do echo working on queue number ").append(i).append("; sleep 60; done\"]\n")
                    .append("      environment: {QUEUE_URL: https://queue.example.com/").append(i).append(", MODE: batch}\n");
        }
        Spec spec = SpecLoader.load("gantry.yaml", text().replace("\nguard:", workers + "\nguard:"));
        assertThat(StoredSpec.write(spec).length()).isGreaterThan(4096);
        SimHarness h = new SimHarness().prepare(spec);
        h.world.resetCounters();
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.failures()).anySatisfy(f -> assertThat(f).contains("characters without its comments").contains("holds 4096"));
        assertThat(h.world.mutatingCalls()).isZero();
    }

    static List<Rule> rulesTo(SimHarness h, String targetGroup) {
        String tg = h.aws.elb().describeTargetGroups(b -> b.names(targetGroup)).targetGroups().get(0).targetGroupArn();
        List<Rule> out = new ArrayList<>();
        for (var l : GuardEndToEndTest.listeners(h, "shop-alb")) {
            for (Rule r : h.aws.elb().describeRules(b -> b.listenerArn(l.listenerArn())).rules()) {
                if (!r.isDefault() && r.actions().stream().anyMatch(a -> tg.equals(a.targetGroupArn()))) out.add(r);
            }
        }
        return out;
    }

    @Test void a_listener_rule_of_one_service_deleted_by_hand_is_back_within_one_period() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text());
        SimHarness h = new SimHarness().prepare(spec);
        h.world.functionRuntime(dev.gantry.guard.GuardHandler.HANDLER, (payload, log) -> dev.gantry.guard.GuardHandler.handle(payload, h.aws, h.time, log));
        ApplyResult first = h.apply(spec);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();
        h.world.runDueFunctions();
        assertThat(GuardRun.read(h.aws.ssm(), "shop").orElseThrow().outcome()).isEqualTo(GuardRun.Outcome.CLEAN);

        Spec other = neighbour();
        h.prepare(other);
        ApplyResult neighbour = h.apply(other);
        assertThat(neighbour.exitCode()).as(neighbour.failures().toString()).isZero();

        // A re-apply of shop changes nothing (its secret values are not asked for again).
        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        GuardEndToEndTest.deleteListenerOnPort(h, "shop-admin-alb", 80);
        h.aws.ecs().updateService(b -> b.cluster("shop-admin").service("shop-admin").desiredCount(0));
        Map<String, Map<String, Object>> otherBefore = GuardEndToEndTest.props(h.inventory(other));

        // The runs that came due while the applies ran: from here on, one period is one run.
        h.world.runDueFunctions();
        List<Rule> apiRules = rulesTo(h, "shop-api-tg-8080");
        assertThat(apiRules).isNotEmpty();
        Rule gone = apiRules.get(0);
        h.aws.elb().deleteRule(b -> b.ruleArn(gone.ruleArn()));
        assertThat(rulesTo(h, "shop-api-tg-8080")).hasSize(apiRules.size() - 1);

        h.world.resetCounters();
        GuardEndToEndTest.onePeriod(h);

        GuardRun last = GuardRun.read(h.aws.ssm(), "shop").orElseThrow();
        assertThat(last.outcome()).as(last.toString()).isEqualTo(GuardRun.Outcome.REPAIRED);
        assertThat(rulesTo(h, "shop-api-tg-8080")).hasSize(apiRules.size())
                .anySatisfy(r -> assertThat(r.conditions()).isEqualTo(gone.conditions()));
        assertThat(h.plan(spec).hasChanges()).isFalse();
        // The guard made no web, worker or other service of its own: the stored spec is the three services.
        assertThat(h.world.state.ecs.services.values()).filteredOn(s -> "ACTIVE".equals(s.status) && s.name.startsWith("shop") && !s.name.startsWith("shop-admin"))
                .extracting(s -> s.name).containsExactlyInAnyOrder("shop-web", "shop-api", "shop-worker");

        // Every call of that run is one the guard's role grants (by action).
        JsonNode policy = guardPolicy(h, "shop");
        List<String> granted = new ArrayList<>();
        for (var st : policy.get("Statement")) for (var a : st.get("Action")) granted.add(a.asText());
        assertThat(h.world.callsByAction().keySet()).isNotEmpty().allSatisfy(call ->
                assertThat(granted).as("the guard's role grants %s", call).anyMatch(g -> call.toLowerCase().matches(g.toLowerCase().replace("*", ".*"))));

        // The neighbour whose name starts with shop- is left as it was.
        assertThat(GuardEndToEndTest.listeners(h, "shop-admin-alb")).extracting(l -> l.port()).containsExactly(443);
        assertThat(GuardEndToEndTest.props(h.inventory(other))).isEqualTo(otherBefore);
        assertThat(last.repaired()).extracting(GuardRun.Item::address).allMatch(a -> !a.contains("admin"));
    }

    /** A service's own alarm deleted by hand is put back by the guard, with PutMetricAlarm on a name its role names. */
    @Test void an_alarm_of_one_service_deleted_by_hand_is_back_within_one_period() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", text() + "alerts:\n  email: [ops@example.com]\n");
        SimHarness h = new SimHarness().prepare(spec);
        h.world.functionRuntime(dev.gantry.guard.GuardHandler.HANDLER, (payload, log) -> dev.gantry.guard.GuardHandler.handle(payload, h.aws, h.time, log));
        ApplyResult first = h.apply(spec);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();
        h.world.runDueFunctions();
        assertThat(GuardRun.read(h.aws.ssm(), "shop").orElseThrow().outcome()).isEqualTo(GuardRun.Outcome.CLEAN);

        h.aws.cloudWatch().deleteAlarms(b -> b.alarmNames("shop-api-cpu-high"));
        h.world.resetCounters();
        GuardEndToEndTest.onePeriod(h);

        GuardRun last = GuardRun.read(h.aws.ssm(), "shop").orElseThrow();
        assertThat(last.outcome()).as(last.toString()).isEqualTo(GuardRun.Outcome.REPAIRED);
        assertThat(last.repaired()).extracting(GuardRun.Item::address).containsExactly("alarm.api-cpu-high");
        assertThat(h.aws.cloudWatch().describeAlarms(b -> b.alarmNames("shop-api-cpu-high")).metricAlarms()).hasSize(1);
        assertThat(h.world.callsByAction()).containsKey("cloudwatch:PutMetricAlarm");
        assertThat(h.plan(spec).hasChanges()).isFalse();
        String arn = "arn:aws:cloudwatch:us-east-1:" + h.world.accountId() + ":alarm:shop-api-cpu-high";
        List<String> named = new ArrayList<>();
        for (var st : guardPolicy(h, "shop").get("Statement")) {
            boolean puts = false;
            for (var a : st.get("Action")) puts |= a.asText().equals("cloudwatch:PutMetricAlarm");
            if (puts && !st.has("Condition")) for (var r : st.get("Resource")) named.add(r.asText());
        }
        assertThat(named).anyMatch(p -> matches(p, arn)).noneMatch(p -> p.substring(p.lastIndexOf(":")).contains("*"));
    }

    /**
     * The statements scoped by name (no condition) name every service's log group, the app's roles
     * and each of its alarms, and none of them matches a name of the app shop-admin (log groups,
     * roles, alarms, rule).
     */
    @Test void the_guards_role_names_each_services_log_group_and_nothing_of_an_app_named_with_its_prefix() throws Exception {
        // With alerts: each service has alarms of its own, shop-web-cpu-high beside shop-admin-cpu-high.
        Spec spec = SpecLoader.load("gantry.yaml", text() + "alerts:\n  email: [ops@example.com]\n");
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Spec other = neighbour();
        h.prepare(other);
        ApplyResult neighbour = h.apply(other);
        assertThat(neighbour.exitCode()).as(neighbour.failures().toString() + h.events).isZero();

        List<String> byName = new ArrayList<>();
        for (var st : guardPolicy(h, "shop").get("Statement")) {
            if (st.has("Condition") || st.get("Sid").asText().equals("ReadTheAccount")) continue;
            for (var r : st.get("Resource")) byName.add(r.asText());
        }
        String logs = "arn:aws:logs:us-east-1:" + h.world.accountId() + ":log-group:";
        for (String group : List.of("/gantry/shop-web", "/gantry/shop-api", "/gantry/shop-worker")) {
            assertThat(h.world.state.logs.groups).containsKey(group);
            assertThat(byName).as(group).anyMatch(p -> matches(p, logs + group)).anyMatch(p -> matches(p, logs + group + ":log-stream:x"));
        }
        List<String> alarms = h.world.state.cloudWatch.alarms.values().stream().filter(a -> a.name.startsWith("shop-") && !a.name.startsWith("shop-admin"))
                .map(a -> a.arn).toList();
        assertThat(alarms).hasSize(dev.gantry.spec.Alerts.alarmCount(spec)).anySatisfy(a -> assertThat(a).endsWith(":alarm:shop-worker-cpu-high"));
        for (String arn : alarms) assertThat(byName).as(arn).anyMatch(p -> matches(p, arn));
        List<String> neighbours = new ArrayList<>();
        h.world.state.logs.groups.keySet().stream().filter(g -> g.startsWith("/gantry/shop-admin")).forEach(g -> {
            neighbours.add(logs + g);
            neighbours.add(logs + g + ":log-stream:x");
        });
        h.world.state.iam.roles.values().stream().filter(r -> r.name.startsWith("shop-admin")).forEach(r -> neighbours.add(r.arn));
        int logsAndRoles = neighbours.size();
        h.world.state.cloudWatch.alarms.values().stream().filter(a -> a.name.startsWith("shop-admin")).forEach(a -> neighbours.add(a.arn));
        assertThat(neighbours.size()).as("shop-admin's alarms").isGreaterThan(logsAndRoles);
        neighbours.add("arn:aws:events:us-east-1:" + h.world.accountId() + ":rule/shop-admin-task-stopped");
        assertThat(logsAndRoles).isGreaterThan(2);
        for (String arn : neighbours) assertThat(byName).as(arn).noneMatch(p -> matches(p, arn));
    }

    static JsonNode guardPolicy(SimHarness h, String app) throws Exception {
        return new ObjectMapper().readTree(URLDecoder.decode(h.world.state.iam.roles.get(app + "-guard-function").inline.get("gantry-guard"), StandardCharsets.UTF_8));
    }

    /** IAM's resource match: * any run of characters, ? one, case-sensitive. */
    static boolean matches(String pattern, String arn) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        return arn.matches(re.toString());
    }
}

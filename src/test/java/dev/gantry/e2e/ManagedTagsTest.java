package dev.gantry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Planner;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tags gantry manages (the spec's {@code tags:} and {@code gantry:env}) are part of the plan:
 * a running stack that gains environments, or a spec that gains a tag, is tagged in place, while
 * serving, with nothing replaced; a person's own tags are never touched.
 */
class ManagedTagsTest {
    private static final String BEFORE = EnvironmentsEndToEndTest.FILE.substring(0, EnvironmentsEndToEndTest.FILE.indexOf("environments:"));

    /** Every type whose resources the simulated account holds with gantry's tags, and that gantry tags in place. */
    private static final List<String> RETAGGED = List.of("vpc", "subnet", "internet-gateway", "eip", "nat-gateway", "route-table",
            "security-group", "log-group", "parameter", "role", "cluster", "task-definition", "service", "certificate", "load-balancer",
            "target-group", "listener");

    @Test void a_running_app_that_gains_environments_is_only_tagged_while_it_serves() {
        Spec single = EnvironmentsEndToEndTest.env(BEFORE, null);
        SimHarness h = new SimHarness().prepare(single);
        assertThat(h.apply(single).exitCode()).isZero();
        String revision = h.inventory(single).get("task-definition.main").id();

        Spec production = EnvironmentsEndToEndTest.env(EnvironmentsEndToEndTest.FILE, "production");
        Plan plan = h.plan(production);
        List<Change> changes = plan.changes().stream().filter(c -> c.action() != Action.NOOP && c.action() != Action.READ).toList();
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.action()).as(c.address().toString()).isEqualTo(Action.UPDATE);
            assertThat(c.fields()).extracting(Change.FieldChange::field).containsExactly(Planner.TAGS_FIELD);
            assertThat(c.fields().get(0).forcesReplace()).isFalse();
            assertThat(c.fields().get(0).after()).isEqualTo(Map.of("gantry:env", "production"));
        });
        assertThat(changes).extracting(c -> c.address().type()).containsAll(RETAGGED);

        SimServing.Recorder serving = new SimServing.Recorder(h.world, h.time, "hello.example.com").start();
        ApplyResult applied = h.apply(production);
        serving.stop();
        assertThat(applied.exitCode()).isZero();
        assertThat(applied.replaced()).isZero();
        assertThat(applied.created()).isZero();
        assertThat(applied.deleted()).isZero();
        assertThat(applied.updated()).isEqualTo(changes.size());
        assertThat(serving.samples()).isPositive();
        assertThat(serving.outages()).isEmpty();
        // The running revision was tagged, not registered again.
        assertThat(h.inventory(production).get("task-definition.main").id()).isEqualTo(revision);
        assertThat(appTags(h, "hello")).allSatisfy((component, tags) ->
                assertThat(tags).as(component).containsEntry("gantry:env", "production"));

        h.world.resetCounters();
        assertThat(h.apply(production).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
    }

    @Test void a_tag_added_to_the_spec_reaches_every_resource_and_a_persons_own_tag_stays() {
        Spec web = EnvironmentsEndToEndTest.env(BEFORE.replace("region: us-east-1\n", "region: us-east-1\ntags: {team: web}\n"), null);
        SimHarness h = new SimHarness().prepare(web);
        assertThat(h.apply(web).exitCode()).isZero();
        String vpc = h.inventory(web).get("vpc.main").id();
        String lb = h.inventory(web).get("load-balancer.main").id();
        h.aws.ec2().createTags(b -> b.resources(vpc).tags(t -> t.key("owner").value("alice")));
        h.aws.elb().addTags(b -> b.resourceArns(lb).tags(t -> t.key("owner").value("alice")));
        assertThat(h.plan(web).hasChanges()).isFalse();

        Spec more = EnvironmentsEndToEndTest.env(BEFORE.replace("region: us-east-1\n", "region: us-east-1\ntags: {team: web, cost-center: '42'}\n"), null);
        Plan plan = h.plan(more);
        assertThat(plan.changes()).filteredOn(c -> c.action().mutates()).allSatisfy(c ->
                assertThat(c.fields()).extracting(Change.FieldChange::field).containsExactly(Planner.TAGS_FIELD));
        ApplyResult applied = h.apply(more);
        assertThat(applied.exitCode()).isZero();
        assertThat(applied.replaced()).isZero();
        Map<String, Map<String, String>> tags = appTags(h, "hello");
        assertThat(tags.keySet()).extracting(c -> c.substring(0, c.indexOf('.'))).containsAll(RETAGGED);
        assertThat(tags).allSatisfy((component, t) -> assertThat(t).as(component).containsEntry("cost-center", "42").containsEntry("team", "web"));
        assertThat(tags.get("vpc.main")).containsEntry("owner", "alice");
        assertThat(tags.get("load-balancer.main")).containsEntry("owner", "alice");

        h.world.resetCounters();
        assertThat(h.apply(more).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        // A key taken out of tags: is left where it is (gantry cannot tell it from one a person added).
        assertThat(h.plan(web).hasChanges()).isFalse();
        assertThat(appTags(h, "hello").get("vpc.main")).containsEntry("cost-center", "42").containsEntry("owner", "alice");
    }

    /** A Name tag in the spec is ignored (gantry names each resource itself): it is never compared, so apply converges. */
    @Test void a_name_tag_in_the_spec_is_not_managed_and_a_second_apply_makes_no_call() {
        Spec named = EnvironmentsEndToEndTest.env(BEFORE.replace("region: us-east-1\n", "region: us-east-1\ntags: {Name: shop, team: web}\n"), null);
        SimHarness h = new SimHarness().prepare(named);
        assertThat(h.apply(named).exitCode()).isZero();
        assertThat(h.plan(named).hasChanges()).as(h.plan(named).mutating().toString()).isFalse();
        h.world.resetCounters();
        assertThat(h.apply(named).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
        assertThat(appTags(h, "hello").get("vpc.main")).containsEntry("Name", "hello-main").containsEntry("team", "web");
    }

    /** Alerts (topic, rule, alarms) and scheduled jobs (group, role, job revision) are tagged in place too. */
    @Test void alert_and_job_resources_are_tagged_in_place_as_well() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("templates", "web-https.yaml"))
                + "\njobs:\n  report:\n    schedule: rate(1 hour)\n    command: [sh, \"-c\", \"echo report\"]\n";
        java.util.function.Function<String, Spec> spec = text -> {
            try {
                return dev.gantry.spec.yaml.SpecLoader.load("gantry.yaml", text).withAlerts(dev.gantry.spec.Alerts.defaults(List.of("ops@example.com")));
            } catch (dev.gantry.spec.SpecException e) {
                throw new AssertionError(e.diagnostics().toString());
            }
        };
        Spec web = spec.apply(yaml), api = spec.apply(yaml.replace("team: web", "team: api"));
        SimHarness h = new SimHarness().prepare(web);
        ApplyResult first = h.apply(web);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();
        String app = web.app();

        Plan plan = h.plan(api);
        assertThat(plan.changes()).filteredOn(c -> c.action().mutates()).allSatisfy(c ->
                assertThat(c.fields()).extracting(Change.FieldChange::field).containsExactly(Planner.TAGS_FIELD));
        assertThat(plan.changes()).filteredOn(c -> c.action().mutates()).extracting(c -> c.address().type())
                .contains("topic", "event-rule", "alarm", "schedule-group", "scheduler-role", "job-task-definition");
        ApplyResult applied = h.apply(api);
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        assertThat(applied.replaced()).isZero();
        assertThat(applied.created()).isZero();
        h.world.resetCounters();
        assertThat(h.apply(api).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
    }

    /** web-https with autoscaling, a job, alerts and a guard: every kind of resource gantry makes on one load balancer. */
    static final String FULL = readTemplate().replace("  rollbackOnFailure: true\n", "  rollbackOnFailure: true\n  autoscaling: {min: 2, max: 4}\n")
            + "\nalerts:\n  email: [ops@example.com]\njobs:\n  report:\n    schedule: rate(1 hour)\n    command: [sh, \"-c\", \"echo report\"]\n"
            + "guard:\n  every: 5m\n";
    static final String FULL_WITH_ENVIRONMENTS = FULL + "environments:\n  production: {}\n  staging:\n    certificate: {domain: staging.example.com}\n"
            + "    dns: {record: staging.example.com}\n    task:\n      secrets:\n        DB_PASSWORD: {parameter: /hello-staging/db-password}\n";

    private static String readTemplate() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("templates", "web-https.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The types whose resources AWS cannot tag: they never plan a tag change (README, "Tags: part of the plan"). */
    private static final List<String> UNTAGGABLE = List.of("guard-schedule", "schedule", "scaling-policy", "dns-record");

    @Test void an_app_with_autoscaling_a_job_alerts_and_a_guard_gains_environments_by_tags_alone_while_it_serves() {
        Spec single = EnvironmentsEndToEndTest.env(FULL, null);
        SimHarness h = GuardEndToEndTest.installed(single);
        Map<String, dev.gantry.plan.Observed> before = h.inventory(single);

        Spec production = EnvironmentsEndToEndTest.env(FULL_WITH_ENVIRONMENTS, "production");
        Plan plan = h.plan(production);
        List<Change> changes = plan.mutating();
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.action()).as(c.address().toString()).isEqualTo(Action.UPDATE);
            assertThat(c.fields()).as(c.address().toString()).noneMatch(Change.FieldChange::forcesReplace);
            assertThat(c.fields().stream().map(Change.FieldChange::field).toList()).as(c.address().toString()).contains(Planner.TAGS_FIELD);
        });
        // Only the guard's stored copy of gantry.yaml changes with the file itself (it now names the environment).
        assertThat(changes).filteredOn(c -> c.fields().size() > 1).extracting(c -> c.address().toString()).containsExactly("guard-spec.main");
        assertThat(changes).extracting(c -> c.address().type()).contains("scaling-target", "guard-function", "guard-role", "guard-spec",
                "schedule-group", "scheduler-role", "job-task-definition", "topic", "alarm", "event-rule", "log-group", "service", "task-definition")
                .doesNotContainAnyElementsOf(UNTAGGABLE);

        SimServing.Recorder serving = new SimServing.Recorder(h.world, h.time, "hello.example.com").start();
        ApplyResult applied = h.apply(production);
        serving.stop();
        assertThat(applied.exitCode()).as(applied.failures().toString()).isZero();
        assertThat(applied.replaced()).isZero();
        assertThat(applied.created()).isZero();
        assertThat(applied.deleted()).isZero();
        assertThat(serving.samples()).isPositive();
        assertThat(serving.outages()).isEmpty();
        Map<String, dev.gantry.plan.Observed> after = h.inventory(production);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((a, o) -> assertThat(after.get(a).id()).as(a).isEqualTo(o.id()));
        assertThat(h.world.state.scaling.targets.values()).singleElement().satisfies(t -> assertThat(t.tags).containsEntry("gantry:env", "production"));
        assertThat(h.world.state.lambda.functions.get("hello-guard").tags).containsEntry("gantry:env", "production");

        h.world.resetCounters();
        assertThat(h.apply(production).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        // The guard reads the stored spec of the environment and finds nothing to repair.
        GuardEndToEndTest.onePeriod(h);
        dev.gantry.guard.GuardRun run = dev.gantry.guard.GuardRun.read(h.aws.ssm(), "hello").orElseThrow();
        assertThat(run.outcome()).as(run.toString()).isNotEqualTo(dev.gantry.guard.GuardRun.Outcome.FAILED);
        assertThat(run.repaired()).as(run.toString()).isEmpty();
        assertThat(run.reported()).as(run.toString()).isEmpty();
        assertThat(h.plan(production).hasChanges()).isFalse();

        // Staging is created beside it, its guard reads its own stored spec, and production stays as it is.
        Spec staging = EnvironmentsEndToEndTest.env(FULL_WITH_ENVIRONMENTS, "staging");
        h.prepare(staging);
        ApplyResult made = h.apply(staging);
        assertThat(made.exitCode()).as(made.failures().toString()).isZero();
        GuardEndToEndTest.onePeriod(h);
        dev.gantry.guard.GuardRun stagingRun = dev.gantry.guard.GuardRun.read(h.aws.ssm(), "hello-staging").orElseThrow();
        assertThat(stagingRun.outcome()).as(stagingRun.toString()).isEqualTo(dev.gantry.guard.GuardRun.Outcome.CLEAN);
        assertThat(h.plan(production).hasChanges()).isFalse();
        assertThat(h.plan(staging).hasChanges()).isFalse();
    }

    /**
     * A managed tag taken off by hand (gantry:env here) is a difference like any other: the guard
     * puts it back in place, with only actions its role grants, and a person's own tag stays.
     */
    @Test void the_guard_puts_back_a_managed_tag_taken_off_by_hand_and_leaves_a_persons_tag() throws Exception {
        Spec production = EnvironmentsEndToEndTest.env(FULL_WITH_ENVIRONMENTS, "production");
        SimHarness h = GuardEndToEndTest.installed(production);
        String vpc = h.inventory(production).get("vpc.main").id();
        h.aws.ec2().deleteTags(b -> b.resources(vpc).tags(t -> t.key("gantry:env")));
        h.aws.ec2().createTags(b -> b.resources(vpc).tags(t -> t.key("owner").value("alice")));
        // The same by hand in the IAM and CloudWatch Logs consoles (the simulated clients have no untag calls).
        h.world.state.iam.roles.get("hello-execution").tags.remove("gantry:env");
        h.world.state.logs.groups.get("/gantry/hello").tags.remove("team");
        assertThat(h.plan(production).mutating()).extracting(c -> c.address().toString())
                .containsExactlyInAnyOrder("vpc.main", "role.execution", "log-group.main");

        h.world.resetCounters();
        GuardEndToEndTest.onePeriod(h);
        assertThat(dev.gantry.guard.GuardRun.read(h.aws.ssm(), "hello").orElseThrow().repaired()).extracting(dev.gantry.guard.GuardRun.Item::address)
                .containsExactlyInAnyOrder("vpc.main", "role.execution", "log-group.main");
        assertThat(h.plan(production).hasChanges()).isFalse();
        assertThat(appTags(h, "hello").get("vpc.main")).containsEntry("gantry:env", "production").containsEntry("owner", "alice");

        var policy = new ObjectMapper().readTree(java.net.URLDecoder.decode(
                h.world.state.iam.roles.get("hello-guard-function").inline.get("gantry-guard"), java.nio.charset.StandardCharsets.UTF_8));
        List<String> granted = new ArrayList<>();
        for (var st : policy.get("Statement")) for (var a : st.get("Action")) granted.add(a.asText());
        assertThat(h.world.callsByAction().keySet()).contains("ec2:CreateTags", "iam:TagRole", "logs:TagResource").allSatisfy(call ->
                assertThat(granted).as("the guard's role grants %s", call).anyMatch(g -> call.toLowerCase().matches(g.toLowerCase().replace("*", ".*"))));
    }

    /**
     * The tags of every live resource of {@code app} in the simulated account that gantry tags in
     * place, by its {@code gantry:component} (a task definition: only its newest revision).
     */
    private static Map<String, Map<String, String>> appTags(SimHarness h, String app) {
        JsonNode root = new ObjectMapper().valueToTree(h.world.state);
        Map<String, Map<String, String>> out = new TreeMap<>();
        collect(root, app, out);
        out.keySet().removeIf(c -> !RETAGGED.contains(c.substring(0, c.indexOf('.'))));
        return out;
    }

    private static void collect(JsonNode node, String app, Map<String, Map<String, String>> out) {
        if (node.isObject()) {
            for (String s : List.of("state", "status", "lastStatus")) {
                JsonNode st = node.get(s);
                if (st != null && st.isTextual() && List.of("deleted", "INACTIVE", "DELETED").contains(st.asText())) return;
            }
            JsonNode a = node.get("gantry:app");
            if (a != null && a.isTextual() && a.asText().equals(app) && node.has("gantry:component")) {
                Map<String, String> tags = new TreeMap<>();
                node.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
                // Task definition revisions share a component: the last one registered (newest) wins.
                out.put(tags.get("gantry:component"), tags);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) collect(it.next().getValue(), app, out);
        } else if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            items.forEach(i -> collect(i, app, out));
        }
    }
}

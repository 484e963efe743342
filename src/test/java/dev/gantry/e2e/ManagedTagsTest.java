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

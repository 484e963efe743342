package dev.gantry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Conflict;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** gantry never takes over, overwrites or deletes what it did not make: an account that is already full. */
class CrowdedAccountTest {

    @ParameterizedTest(name = "look-alikes owned by {0}")
    @NullSource
    @ValueSource(strings = "rival")
    void every_taken_name_is_a_conflict_apply_changes_nothing_and_destroy_deletes_nothing(String owner) {
        Spec spec = Crowd.spec(Crowd.SHOP);
        SimHarness h = new SimHarness().prepare(spec);
        Crowd.seedNamed(h.aws, owner);
        JsonNode before = Crowd.snapshot(h);
        h.world.resetCounters();

        ApplyResult refused = h.apply(spec);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
        for (String address : Crowd.NAMED) {
            assertThat(refused.failures()).as(address).anySatisfy(f -> assertThat(f).startsWith(address + " ("));
        }
        assertThat(refused.failures()).hasSize(Crowd.NAMED.size()).allSatisfy(f -> {
            if (owner == null) assertThat(f).contains("not made by gantry for this app").contains("gantry.yaml");
            else assertThat(f).contains("belongs to the gantry app 'rival'").contains("cannot be taken over").doesNotContain("--adopt");
        });
        assertThat(String.join("\n", refused.failures())).doesNotContain("theirs");

        Plan plan = h.plan(spec);
        assertThat(plan.conflicts()).extracting(c -> c.address().toString()).containsExactlyInAnyOrderElementsOf(Crowd.NAMED);
        assertThat(plan.conflicts()).allSatisfy(c -> assertThat(c.owner()).isEqualTo(owner));

        // Even asked to take everything over, another app's resources stay out of reach.
        if (owner != null) {
            ApplyResult all = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("all")));
            assertThat(all.exitCode()).isEqualTo(2);
            assertThat(all.failures()).hasSize(Crowd.NAMED.size());
        }

        ApplyResult destroyed = h.destroy(spec);
        assertThat(destroyed.exitCode()).isZero();
        assertThat(destroyed.deleted()).isZero();
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(Crowd.snapshot(h)).isEqualTo(before);
    }

    @Test void adopt_takes_over_exactly_what_it_names_and_shows_what_changes_first() {
        Spec spec = Crowd.spec(Crowd.SHOP);
        SimHarness h = new SimHarness().prepare(spec);
        Crowd.seedNamed(h.aws, null);
        h.secrets = name -> Optional.empty();
        h.world.resetCounters();

        Plan preview = h.engine().plan(spec, Set.of("log-group.main", "parameter.DB_PASSWORD"));
        assertThat(preview.conflicts()).extracting(c -> c.address().toString())
                .containsExactlyInAnyOrderElementsOf(Crowd.NAMED.stream().filter(a -> !a.equals("log-group.main") && !a.equals("parameter.DB_PASSWORD")).toList());
        Change logs = change(preview, "log-group.main");
        assertThat(logs.action()).isEqualTo(Action.UPDATE);
        assertThat(logs.fields()).extracting(Change.FieldChange::field).containsExactly("owner", "retentionDays");
        Change secret = change(preview, "parameter.DB_PASSWORD");
        // No new value was given: taking it over changes its owner and nothing else.
        assertThat(secret.fields()).extracting(Change.FieldChange::field).containsExactly("owner");
        assertThat(dev.gantry.ui.line.PlanText.render(preview, dev.gantry.ui.Ansi.NONE))
                .contains("owner: nobody (no gantry tags) → gantry:app=shop (as parameter.DB_PASSWORD)").doesNotContain("theirs");
        assertThat(h.world.mutatingCalls()).isZero();

        // 'all' takes over everything that can be; what cannot (an autoscaling target) still stops apply, before any change.
        ApplyResult all = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("all")));
        assertThat(all.exitCode()).isEqualTo(2);
        assertThat(all.failures()).singleElement().asString().startsWith("scaling-target.main").contains("cannot be taken over");
        assertThat(h.world.mutatingCalls()).isZero();

        ApplyResult unknown = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("log-group.nope")));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.failures()).singleElement().asString().contains("--adopt log-group.nope").contains("log-group.main");
    }

    /** A secret taken over keeps its value; gantry then manages it, and destroy deletes it as the app's. */
    @Test void a_taken_over_secret_keeps_its_value_and_is_then_the_apps() {
        Spec spec = Crowd.spec("""
                version: 1
                app: vault
                region: us-east-1
                network: {vpc: default}
                task:
                  image: public.ecr.aws/nginx/nginx:1.27
                  secrets:
                    DB_PASSWORD: {parameter: /vault/db-password}
                """);
        SimHarness h = new SimHarness().prepare(spec);
        h.aws.ssm().putParameter(b -> b.name("/vault/db-password").type("SecureString").value("theirs"));
        h.secrets = name -> Optional.empty();
        assertThat(h.apply(spec).exitCode()).isEqualTo(2);
        assertThat(value(h)).isEqualTo("theirs");

        assertThat(h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("parameter.DB_PASSWORD"))).exitCode()).isZero();
        assertThat(value(h)).isEqualTo("theirs");
        assertThat(h.inventory(spec)).containsKey("parameter.DB_PASSWORD");
        assertThat(h.plan(spec).hasChanges()).isFalse();

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.world.state.ssm.params).doesNotContainKey("/vault/db-password");
    }

    /**
     * Every gantry has tagged its roles in CreateRole, so an upgrade finds them all. A role of the
     * app's whose tags were removed by hand is no longer provably the app's: a conflict (the stack
     * keeps running, nothing is replaced or deleted), and --adopt tags it again.
     */
    @Test void a_role_that_lost_its_tags_is_a_conflict_until_adopted_never_replaced() {
        Spec spec = Crowd.spec(Crowd.SHOP);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        String arn = h.aws.iam().getRole(b -> b.roleName("shop-execution")).role().arn();
        h.world.state.iam.roles.get("shop-execution").tags.clear();
        h.world.resetCounters();

        ApplyResult refused = h.apply(spec);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.failures()).singleElement().asString().startsWith("role.execution (").contains("--adopt role.execution");
        assertThat(h.world.mutatingCalls()).isZero();

        ApplyResult adopted = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("role.execution")));
        assertThat(adopted.exitCode()).as("%s", adopted.failures()).isZero();
        assertThat(h.aws.iam().getRole(b -> b.roleName("shop-execution")).role().arn()).isEqualTo(arn);
        assertThat(h.world.state.iam.roles.get("shop-execution").tags).containsEntry("gantry:app", "shop").containsEntry("gantry:component", "role.execution");
        assertThat(h.plan(spec).hasChanges()).isFalse();
    }

    /** A person's TXT record at gantry's owner name: a conflict, never overwritten, never deleted. */
    @Test void someones_txt_record_at_the_owner_name_is_a_conflict_and_stays() {
        Spec spec = Crowd.spec(Crowd.SHOP);
        SimHarness h = new SimHarness().prepare(spec);
        String zone = zone(h);
        txt(h, zone, software.amazon.awssdk.services.route53.model.ChangeAction.CREATE, "\"owned-by-ops-team\"");
        JsonNode before = Crowd.snapshot(h).get("route53");
        h.world.resetCounters();

        ApplyResult refused = h.apply(spec);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
        assertThat(refused.failures()).singleElement().asString().startsWith("dns-record.main (")
                .contains("_gantry.shop.example.com").contains("cannot be taken over").contains("dns.record");
        assertThat(h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("all"))).exitCode()).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).isZero();

        assertThat(h.destroy(spec).deleted()).isZero();
        assertThat(Crowd.snapshot(h).get("route53")).isEqualTo(before);
        assertThat(txtValues(h, zone)).containsExactly("\"owned-by-ops-team\"");
    }

    /** A value someone adds beside gantry's mark is theirs: destroy removes only gantry's. */
    @Test void a_value_added_beside_gantrys_mark_survives_destroy() {
        Spec spec = Crowd.spec(Crowd.SHOP);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        String zone = zone(h);
        txt(h, zone, software.amazon.awssdk.services.route53.model.ChangeAction.UPSERT, "\"gantry:app=shop\"", "\"verification=1234\"");
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(txtValues(h, zone)).containsExactly("\"verification=1234\"");
    }

    private static String zone(SimHarness h) {
        return h.aws.route53().listHostedZonesByName(b -> b.dnsName("example.com")).hostedZones().get(0).id();
    }

    private static void txt(SimHarness h, String zone, software.amazon.awssdk.services.route53.model.ChangeAction action, String... values) {
        h.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                software.amazon.awssdk.services.route53.model.Change.builder().action(action).resourceRecordSet(r -> r
                        .name("_gantry.shop.example.com").type(software.amazon.awssdk.services.route53.model.RRType.TXT).ttl(300L)
                        .resourceRecords(java.util.Arrays.stream(values).map(v -> software.amazon.awssdk.services.route53.model.ResourceRecord
                                .builder().value(v).build()).toList())).build())));
    }

    private static List<String> txtValues(SimHarness h, String zone) {
        return h.aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().stream()
                .filter(r -> r.name().startsWith("_gantry.shop.example.com") && r.typeAsString().equals("TXT"))
                .flatMap(r -> r.resourceRecords().stream().map(v -> v.value())).toList();
    }

    /**
     * The network's look-alikes (AWS does not name these uniquely) are neither picked up nor deleted,
     * even by an EC2 endpoint that ignores tag filters: every look-up checks the tags itself.
     */
    @ParameterizedTest(name = "tag filters ignored: {0}")
    @ValueSource(booleans = {false, true})
    void network_look_alikes_are_never_used_or_deleted(boolean filtersIgnored) {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        Crowd.seedNetwork(h.aws, spec.app(), "rival");
        if (filtersIgnored) h.aws = FilterIgnoringEc2.wrap(h.aws);
        JsonNode lookAlikes = ec2(h);

        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as("%s", applied.failures()).isZero();
        List<String> taken = h.inventory(spec).values().stream().map(o -> o.id()).toList();
        assertThat(lookAlikes.toString()).doesNotContain(taken.stream().filter(id -> id.matches("(vpc|subnet|igw|eipalloc|rtb|sg)-.*")).toList()
                .stream().findFirst().orElse("none"));
        for (String id : taken) assertThat(lookAlikes.toString()).as(id).doesNotContain("\"" + id + "\"");

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.taggedLeftovers(spec.app())).isEmpty();
        assertThat(h.taggedLeftovers("rival")).isNotEmpty();
        JsonNode after = ec2(h);
        lookAlikes.fieldNames().forEachRemaining(kind -> lookAlikes.get(kind).fieldNames().forEachRemaining(id ->
                assertThat(after.get(kind).has(id)).as(kind + " " + id + " still there").isTrue()));
    }

    private static JsonNode ec2(SimHarness h) {
        JsonNode all = Crowd.snapshot(h).get("ec2");
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String kind : List.of("vpcs", "subnets", "internetGateways", "addresses", "routeTables", "securityGroups")) {
            com.fasterxml.jackson.databind.node.ObjectNode k = out.putObject(kind);
            JsonNode m = all.get(kind);
            if (m == null) continue;
            m.fields().forEachRemaining(e -> {
                if (e.getValue().toString().contains("look-alike")) k.set(e.getKey(), e.getValue());
            });
        }
        return out;
    }

    private static Change change(Plan plan, String address) {
        return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    private static String value(SimHarness h) {
        return h.aws.ssm().getParameter(b -> b.name("/vault/db-password").withDecryption(true)).parameter().value();
    }

    @SuppressWarnings("unused")
    private static List<String> addresses(List<Conflict> cs) { return cs.stream().map(c -> c.address().toString()).toList(); }
}

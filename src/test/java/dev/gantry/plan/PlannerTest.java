package dev.gantry.plan;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planner alone: desired and observed resources in, one change per resource out. */
class PlannerTest {
    static final Address VPC = Address.of("vpc", "main");
    static final Address SUBNET = Address.of("subnet", "public-0");
    static final Address SG = Address.of("security-group", "service");
    static final Address SG2 = Address.of("security-group", "load-balancer");
    static final Address ZONES = Address.of("zones", "main");
    static final Address TASK_DEF = Address.of("task-definition", "main");
    static final Address SERVICE = Address.of("service", "main");

    /** vpc and subnet replace on cidr; task definitions get a new ARN on every update; clusters cannot update. */
    static final dev.gantry.resources.catalog.Catalog CATALOG = dev.gantry.resources.catalog.Catalog.standard();

    static final Planner.TypeRules RULES = new Planner.TypeRules() {
        @Override public Piece piece(String type) { return CATALOG.type(type).piece(); }
        @Override public String noun(String type) { return CATALOG.type(type).noun(); }
        @Override public Set<String> replaceOn(String type) {
            return switch (type) {
                case "vpc" -> Set.of("cidr");
                case "subnet" -> Set.of("cidr", "vpcId");
                default -> Set.of();
            };
        }
        @Override public boolean canUpdate(String type) { return !type.equals("cluster"); }
        @Override public boolean updateChangesIdentity(String type) { return type.equals("task-definition"); }
    };

    final Map<Address, Observed> observed = new HashMap<>();

    static Desired desired(Address a, Map<String, Object> props) {
        return Desired.managed(a, RULES.piece(a.type()), RULES.noun(a.type()) + " " + a.name(), props, Set.of());
    }

    void exists(Address a, String id, Map<String, Object> props) {
        observed.put(a, new Observed(a, id, props, Map.of("id", id, "arn", "arn:" + id)));
    }

    Plan plan(Desired... desired) { return Planner.plan("hello", List.of(desired), observed, RULES); }

    static Change change(Plan p, Address a) {
        return p.changes().stream().filter(c -> c.address().equals(a)).findFirst().orElseThrow();
    }

    @Test void an_input_rides_along_for_the_steps_and_is_never_compared() {
        Planner.TypeRules withInputs = new Planner.TypeRules() {
            @Override public Piece piece(String type) { return RULES.piece(type); }
            @Override public String noun(String type) { return RULES.noun(type); }
            @Override public Set<String> replaceOn(String type) { return RULES.replaceOn(type); }
            @Override public boolean canUpdate(String type) { return true; }
            @Override public Set<String> inputs(String type) { return CATALOG.type(type).inputs(); }
        };
        exists(SERVICE, "svc", Map.of("name", "hello"));
        Map<String, Object> props = Map.of("name", "hello", "explain", Map.of("app", "hello"), "startCount", 2);
        Plan p = Planner.plan("hello", List.of(desired(SERVICE, props)), observed, withInputs);
        assertThat(change(p, SERVICE).action()).isEqualTo(Action.NOOP);
        // Without the type's word for it, the same prop would be a change: the rule is what keeps it out.
        assertThat(change(plan(desired(SERVICE, props)), SERVICE).action()).isEqualTo(Action.UPDATE);
    }

    @Test void a_resource_aws_does_not_have_is_created() {
        Plan p = plan(desired(VPC, Map.of("cidr", "10.0.0.0/16")));
        Change c = change(p, VPC);
        assertThat(c.action()).isEqualTo(Action.CREATE);
        assertThat(c.reason()).isEqualTo("does not exist yet");
        assertThat(c.observed()).isNull();
        assertThat(p.hasChanges()).isTrue();
    }

    @Test void equal_props_are_no_op_whatever_the_number_width_or_an_absent_empty_list() {
        exists(VPC, "vpc-1", Map.of("cidr", "10.0.0.0/16", "port", 80L));
        Plan p = plan(desired(VPC, Map.of("cidr", "10.0.0.0/16", "port", 80, "tags", List.of())));
        assertThat(change(p, VPC).action()).isEqualTo(Action.NOOP);
        assertThat(change(p, VPC).reason()).isEqualTo("up to date");
        assertThat(p.hasChanges()).isFalse();
        assertThat(p.mutating()).isEmpty();
    }

    @Test void a_changed_updatable_prop_is_an_update_naming_the_field_before_and_after() {
        exists(VPC, "vpc-1", Map.of("cidr", "10.0.0.0/16", "enableDnsHostnames", false));
        Change c = change(plan(desired(VPC, Map.of("cidr", "10.0.0.0/16", "enableDnsHostnames", true))), VPC);
        assertThat(c.action()).isEqualTo(Action.UPDATE);
        assertThat(c.reason()).isEqualTo("changed: enableDnsHostnames");
        assertThat(c.fields()).containsExactly(new Change.FieldChange("enableDnsHostnames", false, true, false));
    }

    @Test void a_changed_replace_on_prop_replaces_and_the_reason_names_only_that_field() {
        exists(VPC, "vpc-1", Map.of("cidr", "10.0.0.0/16", "enableDnsHostnames", false));
        Change c = change(plan(desired(VPC, Map.of("cidr", "10.1.0.0/16", "enableDnsHostnames", true))), VPC);
        assertThat(c.action()).isEqualTo(Action.REPLACE);
        assertThat(c.reason()).isEqualTo("changing cidr requires a new one; the old one is deleted first");
        assertThat(c.fields()).extracting(Change.FieldChange::field, Change.FieldChange::forcesReplace)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cidr", true),
                        org.assertj.core.groups.Tuple.tuple("enableDnsHostnames", false));
    }

    @Test void any_change_to_a_type_that_cannot_update_replaces() {
        Address cluster = Address.of("cluster", "main");
        exists(cluster, "c-1", Map.of("containerInsights", false));
        assertThat(change(plan(desired(cluster, Map.of("containerInsights", true))), cluster).action()).isEqualTo(Action.REPLACE);
    }

    @Test void a_resource_the_spec_no_longer_asks_for_is_deleted_but_a_looked_up_one_never() {
        exists(SG, "sg-1", Map.of());
        observed.put(ZONES, new Observed(ZONES, "us-east-1", Map.of(), Map.of("data", "true")));
        Plan p = plan();
        assertThat(p.changes()).extracting(Change::address, Change::action).containsExactly(org.assertj.core.groups.Tuple.tuple(SG, Action.DELETE));
        Change c = change(p, SG);
        assertThat(c.reason()).isEqualTo("no longer in gantry.yaml");
        assertThat(c.piece()).isEqualTo(Piece.SECURITY);
        assertThat(c.description()).isEqualTo("security group sg-1");
    }

    @Test void a_tag_only_difference_is_an_update_even_for_a_type_that_cannot_update() {
        Address cluster = Address.of("cluster", "main");
        exists(cluster, "c-1", Map.of("containerInsights", false, Planner.TAGS_FIELD, Map.of()));
        Change c = change(plan(desired(cluster, Map.of("containerInsights", false, Planner.TAGS_FIELD, Map.of("gantry:env", "production")))), cluster);
        assertThat(c.action()).isEqualTo(Action.UPDATE);
        assertThat(c.fields()).containsExactly(new Change.FieldChange(Planner.TAGS_FIELD, Map.of(), Map.of("gantry:env", "production"), false));
        assertThat(c.reason()).isEqualTo("changed: tags");
    }

    @Test void a_task_definition_only_tagged_keeps_its_arn_for_the_service() {
        exists(TASK_DEF, "td:1", Map.of("image", "nginx:1.26", Planner.TAGS_FIELD, Map.of("team", "web")));
        exists(SERVICE, "svc", Map.of("taskDefinition", "arn:td:1"));
        Desired service = desired(SERVICE, Map.of("taskDefinition", Ref.to(TASK_DEF, "arn")));
        Plan tagged = plan(desired(TASK_DEF, Map.of("image", "nginx:1.26", Planner.TAGS_FIELD, Map.of("team", "api"))), service);
        assertThat(change(tagged, TASK_DEF).action()).isEqualTo(Action.UPDATE);
        assertThat(change(tagged, SERVICE).action()).isEqualTo(Action.NOOP);

        Plan both = plan(desired(TASK_DEF, Map.of("image", "nginx:1.27", Planner.TAGS_FIELD, Map.of("team", "api"))), service);
        assertThat(change(both, SERVICE).action()).isEqualTo(Action.UPDATE);
    }

    @Test void a_ref_to_a_resource_being_created_is_known_after_apply() {
        exists(SUBNET, "subnet-1", Map.of("vpcId", "vpc-old", "cidr", "10.0.0.0/24"));
        Plan p = plan(desired(VPC, Map.of("cidr", "10.0.0.0/16")),
                desired(SUBNET, Map.of("vpcId", Ref.to(VPC, "id"), "cidr", "10.0.0.0/24")));
        Change c = change(p, SUBNET);
        assertThat(c.fields()).containsExactly(new Change.FieldChange("vpcId", "vpc-old", Planner.KNOWN_AFTER_APPLY, true));
        assertThat(c.action()).isEqualTo(Action.REPLACE);
        assertThat(c.dependsOn()).containsExactly(VPC);
        // Dependencies come first in the plan.
        assertThat(p.changes()).extracting(Change::address).containsExactly(VPC, SUBNET);
    }

    @Test void a_ref_to_a_replaced_resource_is_known_after_apply_and_to_an_unchanged_one_is_its_output() {
        exists(VPC, "vpc-1", Map.of("cidr", "10.0.0.0/16"));
        exists(SUBNET, "subnet-1", Map.of("vpcId", "vpc-1", "cidr", "10.0.0.0/24"));
        Desired subnet = desired(SUBNET, Map.of("vpcId", Ref.to(VPC, "id"), "cidr", "10.0.0.0/24"));

        assertThat(change(plan(desired(VPC, Map.of("cidr", "10.0.0.0/16")), subnet), SUBNET).action()).isEqualTo(Action.NOOP);

        Plan replaced = plan(desired(VPC, Map.of("cidr", "10.9.0.0/16")), subnet);
        assertThat(change(replaced, VPC).action()).isEqualTo(Action.REPLACE);
        assertThat(change(replaced, SUBNET).action()).isEqualTo(Action.REPLACE);
        assertThat(change(replaced, SUBNET).fields().get(0).after()).isEqualTo(Planner.KNOWN_AFTER_APPLY);
    }

    @Test void an_update_that_makes_a_new_identity_makes_refs_to_it_known_after_apply() {
        exists(TASK_DEF, "td:1", Map.of("image", "nginx:1.26"));
        exists(SERVICE, "svc", Map.of("taskDefinition", "arn:td:1"));
        Desired service = desired(SERVICE, Map.of("taskDefinition", Ref.to(TASK_DEF, "arn")));

        Plan same = plan(desired(TASK_DEF, Map.of("image", "nginx:1.26")), service);
        assertThat(change(same, SERVICE).action()).isEqualTo(Action.NOOP);

        Plan bumped = plan(desired(TASK_DEF, Map.of("image", "nginx:1.27")), service);
        assertThat(change(bumped, TASK_DEF).action()).isEqualTo(Action.UPDATE);
        assertThat(change(bumped, SERVICE).action()).isEqualTo(Action.UPDATE);
        assertThat(change(bumped, SERVICE).fields())
                .containsExactly(new Change.FieldChange("taskDefinition", "arn:td:1", Planner.KNOWN_AFTER_APPLY, false));
    }

    @Test void a_list_of_refs_is_compared_as_a_set_and_a_list_of_values_in_order() {
        exists(SG, "sg-a", Map.of());
        exists(SG2, "sg-b", Map.of());
        exists(SERVICE, "svc", Map.of("securityGroups", List.of("sg-b", "sg-a"), "command", List.of("run", "web")));
        Desired sgs = desired(SG, Map.of());
        Desired sgs2 = desired(SG2, Map.of());

        Plan sameSet = plan(sgs, sgs2, desired(SERVICE, Map.of("securityGroups", List.of(Ref.to(SG, "id"), Ref.to(SG2, "id")),
                "command", List.of("run", "web"))));
        assertThat(change(sameSet, SERVICE).action()).isEqualTo(Action.NOOP);

        Plan reordered = plan(sgs, sgs2, desired(SERVICE, Map.of("securityGroups", List.of(Ref.to(SG, "id"), Ref.to(SG2, "id")),
                "command", List.of("web", "run"))));
        assertThat(change(reordered, SERVICE).action()).isEqualTo(Action.UPDATE);
        assertThat(change(reordered, SERVICE).fields()).extracting(Change.FieldChange::field).containsExactly("command");

        Plan fewer = plan(sgs, sgs2, desired(SERVICE, Map.of("securityGroups", List.of(Ref.to(SG, "id")), "command", List.of("run", "web"))));
        assertThat(change(fewer, SERVICE).fields()).extracting(Change.FieldChange::field).containsExactly("securityGroups");
    }

    @Test void nested_maps_compare_by_content_not_order() {
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("A", "1");
        a.put("B", 2);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("B", 2L);
        b.put("A", "1");
        exists(TASK_DEF, "td:1", Map.of("environment", a));
        assertThat(change(plan(desired(TASK_DEF, Map.of("environment", b))), TASK_DEF).action()).isEqualTo(Action.NOOP);
    }

    @Test void a_data_resource_is_read_never_changed_and_refs_to_it_use_what_was_found() {
        observed.put(ZONES, new Observed(ZONES, "us-east-1", Map.of(), Map.of("az0", "us-east-1a", "data", "true")));
        exists(SUBNET, "subnet-1", Map.of("availabilityZone", "us-east-1a"));
        Plan p = plan(Desired.data(ZONES, Piece.NETWORK, "availability zones", Map.of("count", 2)),
                desired(SUBNET, Map.of("availabilityZone", Ref.to(ZONES, "az0"))));
        assertThat(p.changes()).extracting(Change::address).containsExactly(SUBNET);
        assertThat(change(p, SUBNET).action()).isEqualTo(Action.NOOP);
    }

    @Test void destroy_deletes_everything_gantry_made_except_data_and_kept_types() {
        exists(VPC, "vpc-1", Map.of());
        exists(SUBNET, "subnet-1", Map.of());
        exists(Address.of("log-group", "main"), "/gantry/hello", Map.of());
        observed.put(ZONES, new Observed(ZONES, "us-east-1", Map.of(), Map.of("data", "true")));
        Plan p = Planner.destroy("hello", observed, Set.of("log-group"), RULES);
        assertThat(p.changes()).extracting(Change::address).containsExactly(SUBNET, VPC);
        assertThat(p.changes()).allSatisfy(c -> {
            assertThat(c.action()).isEqualTo(Action.DELETE);
            assertThat(c.reason()).isEqualTo("destroy");
        });
    }

    @Test void a_deletion_depends_on_what_its_description_refers_to_and_on_the_spec_graph() {
        exists(VPC, "vpc-1", Map.of());
        exists(SUBNET, "subnet-1", Map.of("vpcId", "vpc-1"));
        exists(SG, "sg-1", Map.of("vpcId", "vpc-1", "ingress", List.of(Map.of("sourceGroup", "sg-2"))));
        exists(SG2, "sg-2", Map.of("vpcId", "vpc-1"));
        exists(SERVICE, "svc-1", Map.of("taskDefinition", "arn:td-1", "name", "hello"));
        exists(TASK_DEF, "td-1", Map.of("family", "hello"));
        Desired graph = Desired.managed(SERVICE, Piece.SERVICE, "service", Map.of(), Set.of(SG));
        Plan p = Planner.destroy("hello", observed, Set.of(), List.of(graph), RULES);
        assertThat(change(p, SUBNET).dependsOn()).containsExactly(VPC);
        assertThat(change(p, SG).dependsOn()).containsExactlyInAnyOrder(VPC, SG2);
        assertThat(change(p, SERVICE).dependsOn()).containsExactlyInAnyOrder(TASK_DEF, SG);
        assertThat(change(p, VPC).dependsOn()).isEmpty();
        // A name shared by unrelated resources ("hello") is no reference.
        assertThat(change(p, TASK_DEF).dependsOn()).isEmpty();
    }

    @Test void a_replacement_says_how_it_goes() {
        Planner.TypeRules rules = new Planner.TypeRules() {
            @Override public Piece piece(String type) { return RULES.piece(type); }
            @Override public String noun(String type) { return RULES.noun(type); }
            @Override public Set<String> replaceOn(String type) { return Set.of("cidr", "domain"); }
            @Override public boolean canUpdate(String type) { return true; }
            @Override public boolean createBeforeDestroy(String type) { return type.equals("certificate"); }
        };
        Address cert = Address.of("certificate", "main");
        exists(VPC, "vpc-1", Map.of("cidr", "10.0.0.0/16"));
        exists(cert, "c-1", Map.of("domain", "a.example.com"));
        Plan p = Planner.plan("hello", List.of(desired(VPC, Map.of("cidr", "10.1.0.0/16")).guard(),
                desired(cert, Map.of("domain", "b.example.com"))), observed, rules);
        assertThat(change(p, VPC).reason()).isEqualTo("changing cidr requires a new one: downtime until it is back (needs --allow-replace)");
        assertThat(change(p, cert).reason()).isEqualTo("changing domain requires a new one, made before the old one is deleted so the service stays up");
    }

    @Test void a_dependency_cycle_fails_loudly() {
        Desired a = desired(VPC, Map.of("x", Ref.to(SUBNET, "id")));
        Desired b = desired(SUBNET, Map.of("vpcId", Ref.to(VPC, "id")));
        assertThatThrownBy(() -> plan(a, b)).isInstanceOf(IllegalStateException.class).hasMessageContaining("dependency cycle");
    }
}

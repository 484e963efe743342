package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.line.PlanText;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gantry apply --adopt} for every resource type that can be taken over: a hand-made
 * look-alike under each name gantry would use is a conflict, is taken over (owner shown, then
 * tagged), is then the app's (plan empty) and destroy deletes it; another app's never is.
 */
class AdoptEveryTypeTest {

    /** Every type gantry can take over, by the address it has in {@link Crowd#SHOP}. */
    static final List<String> ADOPTABLE = List.of("cluster.main", "dns-record.main", "listener.http", "load-balancer.main",
            "log-group.main", "parameter.DB_PASSWORD", "role.execution", "role.task", "security-group.load-balancer",
            "security-group.service", "service.main", "target-group.main", "task-definition.main");

    static Stream<String> adoptable() { return ADOPTABLE.stream(); }

    private final Spec spec = Crowd.spec(Crowd.SHOP);

    /**
     * An account where the app's resources at {@code addresses} exist exactly as gantry would make
     * them but were made by hand: no gantry tags, no owner TXT record (someone moving from
     * Terraform, say). Made by applying, then taking gantry's marks off.
     */
    private SimHarness handMade(Collection<String> addresses) {
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult made = h.apply(spec);
        assertThat(made.exitCode()).as("%s", made.failures()).isZero();
        Untag.strip(h.world.state, "shop", addresses);
        // A role with every mark of gantry's create call (its path, name and description) is gantry's
        // even untagged; one made by hand differs at least in its description.
        for (String role : List.of("execution", "task")) {
            if (addresses.contains("role." + role)) h.world.state.iam.roles.get("shop-" + role).description = "made by hand";
        }
        if (addresses.contains("dns-record.main")) {
            String zone = zone(h);
            var txt = h.aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().stream()
                    .filter(r -> r.name().equals("_gantry.shop.example.com.")).findFirst().orElseThrow();
            h.aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                    software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.DELETE).resourceRecordSet(txt).build())));
        }
        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        return h;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adoptable")
    void a_hand_made_look_alike_is_a_conflict_then_adopt_takes_it_over_and_destroy_deletes_it(String address) {
        SimHarness h = handMade(List.of(address));
        assertThat(h.inventory(spec)).doesNotContainKey(address);

        Plan plan = h.plan(spec);
        assertThat(plan.conflicts()).extracting(c -> c.address().toString()).containsExactly(address);
        assertThat(plan.conflicts().get(0).owner()).isNull();
        ApplyResult refused = h.apply(spec);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.failures()).singleElement().asString().startsWith(address + " (").contains("not made by gantry for this app");
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        Plan preview = h.engine().plan(spec, Set.of(address));
        assertThat(preview.conflicts()).isEmpty();
        assertThat(change(preview, address).fields()).extracting(Change.FieldChange::field).contains("owner");
        assertThat(PlanText.render(preview, Ansi.NONE)).contains("owner: nobody (no gantry tags) → gantry:app=shop (as " + address + ")");
        assertThat(preview.mutating()).as(PlanText.render(preview, Ansi.NONE)).extracting(c -> c.address().toString()).containsExactly(address);

        ApplyResult adopted = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of(address)));
        assertThat(adopted.exitCode()).as("%s", adopted.failures()).isZero();
        // Taken over as it is: marked as the app's (and a role's description set), nothing made, replaced or rewritten.
        assertThat(h.world.mutatingCalls()).isPositive();
        // (ssm:PutParameter and DeleteParameter are the run's lock; the secret's value is checked below.)
        assertThat(h.world.callsByAction().keySet()).filteredOn(a -> a.matches("[a-z0-9-]+:(?!Describe|List|Get).*"))
                .filteredOn(a -> !a.matches("ssm:(Put|Delete)Parameter")).as(address)
                .noneMatch(a -> a.matches("[a-z0-9-]+:(?!CreateTags)(Create|Register|Delete|Deregister|Put|Modify|Run|Stop).*"));
        assertThat(h.inventory(spec)).containsKey(address);
        assertThat(h.aws.ssm().getParameter(b -> b.name("/shop/db-password").withDecryption(true)).parameter().value()).isEqualTo("s3cret-DB_PASSWORD");
        if (address.equals("dns-record.main")) assertThat(ownerTxt(h)).containsExactly("\"gantry:app=shop\"");
        Plan next = h.plan(spec);
        assertThat(next.conflicts()).isEmpty();
        assertThat(next.mutating()).as(PlanText.render(next, Ansi.NONE)).isEmpty();

        destroysEverything(h);
    }

    @ParameterizedTest(name = "--adopt {0}")
    @ValueSource(strings = {"all", "each address"})
    void several_hand_made_look_alikes_are_taken_over_together(String how) {
        SimHarness h = handMade(ADOPTABLE);
        assertThat(h.inventory(spec).keySet()).doesNotContainAnyElementsOf(ADOPTABLE);
        Set<String> adopt = how.equals("all") ? Set.of("all") : new LinkedHashSet<>(ADOPTABLE);
        // The listener can only be looked for on a load balancer that is the app's, or being taken over.
        assertThat(h.plan(spec).conflicts()).extracting(c -> c.address().toString()).doesNotContain("listener.http").hasSize(ADOPTABLE.size() - 1);
        assertThat(h.engine().plan(spec, Set.of("load-balancer.main")).conflicts()).extracting(c -> c.address().toString()).contains("listener.http");

        Plan preview = h.engine().plan(spec, adopt);
        assertThat(preview.conflicts()).isEmpty();
        assertThat(preview.mutating()).extracting(c -> c.address().toString()).containsExactlyInAnyOrderElementsOf(ADOPTABLE);

        ApplyResult applied = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(adopt));
        assertThat(applied.exitCode()).as("%s", applied.failures()).isZero();
        assertThat(h.inventory(spec).keySet()).containsAll(ADOPTABLE);
        assertThat(ownerTxt(h)).containsExactly("\"gantry:app=shop\"");
        Plan next = h.plan(spec);
        assertThat(next.conflicts()).isEmpty();
        assertThat(next.mutating()).as(PlanText.render(next, Ansi.NONE)).isEmpty();

        destroysEverything(h);
    }

    /** Look-alikes whose fixed settings differ (Crowd's) cannot be taken over: gantry would have to replace them. */
    @Test void look_alikes_gantry_would_have_to_replace_are_refused_even_with_adopt_all() {
        SimHarness h = new SimHarness().prepare(spec);
        Crowd.seedNamed(h.aws, null);
        h.aws.scaling().deregisterScalableTarget("service/shop/shop");
        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        ApplyResult refused = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("all")));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.failures()).anySatisfy(f -> assertThat(f).startsWith("role.task cannot be taken over: its path differ"));
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
    }

    @Test void another_apps_look_alikes_are_refused_one_by_one() {
        SimHarness h = new SimHarness().prepare(spec);
        Crowd.seedNamed(h.aws, "rival");
        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        for (String address : Crowd.NAMED) {
            ApplyResult refused = h.engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of(address)));
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.failures()).as(address).anySatisfy(f -> assertThat(f).startsWith(address + " (")
                    .contains("belongs to the gantry app 'rival'").contains("cannot be taken over"));
        }
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
    }

    private void destroysEverything(SimHarness h) {
        ApplyResult destroyed = h.destroy(spec);
        assertThat(destroyed.exitCode()).as("%s", destroyed.failures()).isZero();
        assertThat(h.inventory(spec)).isEmpty();
        assertThat(h.taggedLeftovers("shop")).isEmpty();
        assertThat(h.world.state.ssm.params).doesNotContainKey("/shop/db-password");
        assertThat(h.aws.logs().describeLogGroups(b -> b.logGroupNamePrefix("/gantry/shop")).logGroups()).isEmpty();
        assertThat(h.aws.elb().describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(h.aws.elb().describeTargetGroups().targetGroups()).isEmpty();
        assertThat(h.aws.iam().listRoles().roles()).noneMatch(r -> r.roleName().startsWith("shop-"));
        assertThat(h.aws.ec2().describeSecurityGroups().securityGroups()).noneMatch(g -> g.groupName().startsWith("shop-"));
        assertThat(h.aws.ecs().describeClusters(b -> b.clusters("shop")).clusters()).allMatch(c -> c.status().equals("INACTIVE"));
        assertThat(ownerTxt(h)).isEmpty();
        assertThat(records(h, "shop.example.com.", "A")).isEmpty();
    }

    private static Change change(Plan plan, String address) {
        return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " not in " + PlanText.render(plan, Ansi.NONE)));
    }

    private static List<String> ownerTxt(SimHarness h) { return records(h, "_gantry.shop.example.com.", "TXT"); }

    private static String zone(SimHarness h) {
        return h.aws.route53().listHostedZonesByName(b -> b.dnsName("example.com")).hostedZones().get(0).id();
    }

    private static List<String> records(SimHarness h, String name, String type) {
        String zone = zone(h);
        return h.aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().stream()
                .filter(r -> r.name().equals(name) && r.typeAsString().equals(type))
                .flatMap(r -> r.resourceRecords().stream().map(v -> v.value())).toList();
    }
}

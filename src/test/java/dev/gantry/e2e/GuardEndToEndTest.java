package dev.gantry.e2e;

import dev.gantry.engine.Lock;
import dev.gantry.engine.LockHolder;
import dev.gantry.engine.Machine;
import dev.gantry.guard.GuardHandler;
import dev.gantry.guard.GuardRun;
import dev.gantry.plan.Observed;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25, item 1, end to end on virtual time: the schedule invokes the simulated Lambda, which
 * runs the reconciler in-process against the same simulated account.
 */
class GuardEndToEndTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hello-alerts";

    static Spec guarded(Guard.Repair repair) {
        return SimHarness.template("web-https.yaml").withAlerts(Alerts.defaults(List.of("ops@example.com"))).withGuard(new Guard(5, repair));
    }

    /** An account with the app applied and the guard's handler registered, as cli.wiring.Session does. */
    static SimHarness installed(Spec spec) {
        SimHarness h = new SimHarness().prepare(spec);
        h.world.functionRuntime(GuardHandler.HANDLER, (payload, log) -> GuardHandler.handle(payload, h.aws, h.time, log));
        var r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        h.world.state.sns.confirm(TOPIC, "ops@example.com");
        // The runs that came due while apply ran (the guard's first ones): from here on, one period is one run.
        h.world.runDueFunctions();
        return h;
    }

    static List<Listener> listeners(SimHarness h, String lbName) {
        String lb = h.aws.elb().describeLoadBalancers(b -> b.names(lbName)).loadBalancers().get(0).loadBalancerArn();
        return h.aws.elb().describeListeners(b -> b.loadBalancerArn(lb)).listeners();
    }

    static void deleteListenerOnPort(SimHarness h, String lbName, int port) {
        Listener l = listeners(h, lbName).stream().filter(x -> x.port() == port).findFirst().orElseThrow();
        h.aws.elb().deleteListener(b -> b.listenerArn(l.listenerArn()));
    }

    /** One guard period passes; the scheduler's due invocations run. */
    static void onePeriod(SimHarness h) {
        h.time.advance(Duration.ofMinutes(5));
        h.world.runDueFunctions();
    }

    /** What each resource is (its props), leaving out what changes with time alone (an alarm's state). */
    static Map<String, Map<String, Object>> props(Map<String, Observed> inventory) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        inventory.forEach((a, o) -> out.put(a, o.props()));
        return out;
    }

    static List<String> guardLog(SimHarness h) {
        var g = h.world.state.logs.groups.get("/gantry/hello/guard");
        return g == null ? List.of() : g.streams.values().stream().flatMap(s -> s.events.stream()).map(e -> e.message).toList();
    }

    @Test void a_listener_deleted_by_hand_is_back_within_one_period_and_the_topic_is_told() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        deleteListenerOnPort(h, "hello-alb", 80);
        assertThat(listeners(h, "hello-alb")).extracting(Listener::port).containsExactly(443);
        int delivered = h.world.state.sns.deliveries.size();

        onePeriod(h);

        assertThat(h.world.state.scheduler.invocations("hello", "gantry-guard")).isNotEmpty().allSatisfy(i -> assertThat(i.error).isNull());
        assertThat(listeners(h, "hello-alb")).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
        assertThat(h.world.state.sns.deliveries.subList(delivered, h.world.state.sns.deliveries.size())).anySatisfy(d -> {
            assertThat(d.topicArn).isEqualTo(TOPIC);
            assertThat(d.subject).isEqualTo("gantry guard repaired listener.http of hello");
            assertThat(d.message).contains("repaired listener.http");
            assertThat(d.endpoints).containsExactly("ops@example.com");
        });
        assertThat(guardLog(h)).anySatisfy(line -> assertThat(line).startsWith("repaired: listener.http"));
        GuardRun last = GuardRun.read(h.aws.ssm(), "hello").orElseThrow();
        assertThat(last.outcome()).isEqualTo(GuardRun.Outcome.REPAIRED);
        assertThat(last.repaired()).extracting(GuardRun.Item::address).containsExactly("listener.http");
        assertThat(h.plan(spec).hasChanges()).isFalse();

        // The next period finds nothing to do, and says nothing more to the topic.
        int after = h.world.state.sns.deliveries.size();
        onePeriod(h);
        assertThat(GuardRun.read(h.aws.ssm(), "hello").orElseThrow().outcome()).isEqualTo(GuardRun.Outcome.CLEAN);
        assertThat(h.world.state.sns.deliveries).hasSize(after);
    }

    @Test void a_service_scaled_to_zero_by_hand_is_scaled_back() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        h.aws.ecs().updateService(b -> b.cluster("hello").service("hello").desiredCount(0));
        onePeriod(h);
        assertThat(h.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0).desiredCount()).isEqualTo(2);
        assertThat(GuardRun.read(h.aws.ssm(), "hello").orElseThrow().repaired()).extracting(GuardRun.Item::address).contains("service.main");
    }

    @Test void a_change_that_needs_a_replacement_is_reported_not_done() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        // The stored spec now names another cluster (as if edited by hand): the cluster and the
        // service would have to be replaced, which is never the guard's to do.
        String stored = h.world.state.ssm.params.get("/gantry/guard/hello/spec").value;
        h.aws.ssm().putParameter(b -> b.name("/gantry/guard/hello/spec").overwrite(true)
                .value(stored.replace("service:\n", "cluster:\n  name: hello-next\n  containerInsights: false\nservice:\n")));
        assertThat(h.world.state.ssm.params.get("/gantry/guard/hello/spec").value).contains("hello-next");
        Map<String, Map<String, Object>> before = props(h.inventory(spec));
        int delivered = h.world.state.sns.deliveries.size();

        onePeriod(h);

        GuardRun last = GuardRun.read(h.aws.ssm(), "hello").orElseThrow();
        assertThat(last.outcome()).as(last.toString()).isEqualTo(GuardRun.Outcome.REPORTED);
        assertThat(last.repaired()).isEmpty();
        assertThat(last.reported()).anySatisfy(i -> {
            assertThat(i.address()).isEqualTo("cluster.main");
            assertThat(i.what()).contains("needs replacing").contains("never replaces");
        });
        assertThat(h.aws.ecs().describeClusters(b -> b.clusters("hello-next")).clusters()).noneMatch(c -> "ACTIVE".equals(c.status()));
        assertThat(props(h.inventory(spec))).isEqualTo(before);
        assertThat(h.world.state.sns.deliveries.subList(delivered, h.world.state.sns.deliveries.size()))
                .anySatisfy(d -> assertThat(d.message).contains("needs a person: cluster.main"));
        assertThat(guardLog(h)).anySatisfy(line -> assertThat(line).startsWith("report: cluster.main"));

        // Reported once: the same difference is not mailed again every period.
        int after = h.world.state.sns.deliveries.size();
        onePeriod(h);
        assertThat(h.world.state.sns.deliveries).hasSize(after);
    }

    @Test void the_guard_skips_while_an_apply_holds_the_lock() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        deleteListenerOnPort(h, "hello-alb", 80);
        Lock lock = new Lock(h.aws.ssm(), "hello");
        LockHolder someone = LockHolder.of(Machine.local(Map.of()), h.time.now(), "apply");
        lock.acquire(someone);

        onePeriod(h);

        assertThat(listeners(h, "hello-alb")).extracting(Listener::port).containsExactly(443);
        GuardRun last = GuardRun.read(h.aws.ssm(), "hello").orElseThrow();
        assertThat(last.outcome()).isEqualTo(GuardRun.Outcome.SKIPPED);
        assertThat(guardLog(h)).anySatisfy(line -> assertThat(line).startsWith("skipped: gantry apply").contains("holds the lock"));

        lock.release(someone);
        onePeriod(h);
        assertThat(listeners(h, "hello-alb")).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
    }

    @Test void with_repair_report_nothing_changes_and_the_difference_is_reported() {
        Spec spec = guarded(Guard.Repair.REPORT);
        SimHarness h = installed(spec);
        deleteListenerOnPort(h, "hello-alb", 80);
        h.world.resetCounters();
        onePeriod(h);
        assertThat(listeners(h, "hello-alb")).extracting(Listener::port).containsExactly(443);
        assertThat(h.world.callsByAction().keySet()).filteredOn(a -> !a.equals("ssm:PutParameter") && !a.equals("sns:Publish"))
                .noneMatch(a -> a.matches(".*:(Create|Put|Update|Delete|Modify|Register|Authorize|Revoke|Tag).*"));
        GuardRun last = GuardRun.read(h.aws.ssm(), "hello").orElseThrow();
        assertThat(last.outcome()).isEqualTo(GuardRun.Outcome.REPORTED);
        assertThat(last.reported()).anySatisfy(i -> assertThat(i.address()).isEqualTo("listener.http"));
    }

    @Test void another_apps_resources_are_never_touched() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        Spec other = Crowd.spec(TwoAppsTest.other("service: {desiredCount: 1}"));
        h.prepare(other);
        assertThat(h.apply(other).exitCode()).isZero();
        deleteListenerOnPort(h, "other-alb", 80);
        h.aws.ecs().updateService(b -> b.cluster("other").service("other").desiredCount(0));
        Map<String, Map<String, Object>> otherBefore = props(h.inventory(other));
        deleteListenerOnPort(h, "hello-alb", 80);

        onePeriod(h);

        assertThat(listeners(h, "hello-alb")).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
        assertThat(listeners(h, "other-alb")).extracting(Listener::port).containsExactly(443);
        assertThat(props(h.inventory(other))).isEqualTo(otherBefore);
        assertThat(GuardRun.read(h.aws.ssm(), "hello").orElseThrow().repaired()).extracting(GuardRun.Item::address)
                .allMatch(a -> !a.contains("other"));
    }

    @Test void the_scheduler_needs_its_role_to_allow_invoking_the_function() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        h.aws.iam().deleteRolePolicy(b -> b.roleName("hello-guard-scheduler").policyName("gantry-guard-invoke"));
        int runs = h.world.state.lambda.invocationsOf("hello-guard").size();
        onePeriod(h);
        var last = h.world.state.scheduler.invocations("hello", "gantry-guard");
        assertThat(last.get(last.size() - 1).error).contains("AccessDeniedException").contains("lambda:InvokeFunction");
        assertThat(h.world.state.lambda.invocationsOf("hello-guard")).hasSize(runs);
        // The guard does not repair its own role: apply does.
        assertThat(h.plan(spec).changes()).anySatisfy(c -> assertThat(c.address().toString()).isEqualTo("guard-role.scheduler"));
    }

    /**
     * Each thing a person may delete or change by hand is put back in one run, and every call that
     * run makes is one the guard's role names
     * (by action: the conditions and resources that narrow them are AWS's to evaluate).
     */
    @Test void what_was_deleted_or_changed_by_hand_is_put_back_with_only_actions_the_guards_role_grants() throws Exception {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        Map<String, Observed> was = h.inventory(spec);
        deleteListenerOnPort(h, "hello-alb", 80);
        h.aws.ecs().updateService(b -> b.cluster("hello").service("hello").desiredCount(0));
        h.aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/hello"));
        h.aws.cloudWatch().deleteAlarms(b -> b.alarmNames("hello-cpu-high"));
        h.aws.iam().deleteRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets"));
        h.aws.ec2().revokeSecurityGroupIngress(b -> b.groupId(was.get("security-group.load-balancer").id())
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
        // A person deletes the alias record in the Route53 console.
        h.world.state.route53.zones.values().forEach(z -> z.records.removeIf(r -> r.name.startsWith("hello.example.com") && r.type.equals("A")));
        // The task definition names the log group, so a log group made again is a new revision too.
        assertThat(h.plan(spec).mutating()).extracting(c -> c.address().toString()).hasSize(8).contains("task-definition.main");
        h.world.resetCounters();
        onePeriod(h);
        assertThat(GuardRun.read(h.aws.ssm(), "hello").orElseThrow().repaired()).extracting(GuardRun.Item::address)
                .containsExactlyInAnyOrder("listener.http", "service.main", "log-group.main", "alarm.cpu-high", "role.execution",
                        "security-group.load-balancer", "dns-record.main", "task-definition.main");
        assertThat(h.plan(spec).hasChanges()).isFalse();

        var policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.URLDecoder.decode(
                h.world.state.iam.roles.get("hello-guard-function").inline.get("gantry-guard"), java.nio.charset.StandardCharsets.UTF_8));
        List<String> granted = new java.util.ArrayList<>();
        for (var st : policy.get("Statement")) for (var a : st.get("Action")) granted.add(a.asText());
        assertThat(h.world.callsByAction().keySet()).isNotEmpty().allSatisfy(call ->
                assertThat(granted).as("the guard's role grants %s", call).anyMatch(g -> call.toLowerCase().matches(g.toLowerCase().replace("*", ".*"))));
    }

    @Test void a_deleted_secret_parameter_is_reported_since_its_value_cannot_come_back() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = installed(spec);
        h.aws.ssm().deleteParameter(b -> b.name("/hello/db-password"));
        onePeriod(h);
        GuardRun last = GuardRun.read(h.aws.ssm(), "hello").orElseThrow();
        assertThat(last.repaired()).isEmpty();
        assertThat(last.reported()).anySatisfy(i -> {
            assertThat(i.address()).isEqualTo("parameter.DB_PASSWORD");
            assertThat(i.what()).contains("cannot be put back").contains("run 'gantry apply'").contains("value of DB_PASSWORD");
        });
        assertThat(h.world.state.ssm.params).doesNotContainKey("/hello/db-password");
    }
}

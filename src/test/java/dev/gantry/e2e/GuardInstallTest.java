package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 25, item 1: apply installs the guard, owned by the app; a no-op apply changes nothing; destroy removes all of it. */
class GuardInstallTest {
    static Spec guarded(Guard.Repair repair) {
        return SimHarness.template("web-https.yaml").withGuard(new Guard(5, repair));
    }

    @Test void apply_installs_the_function_its_roles_schedule_spec_and_log_group_and_a_re_apply_changes_nothing() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = new SimHarness().prepare(spec);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();

        var fn = h.world.state.lambda.functions.get("hello-guard");
        assertThat(fn).isNotNull();
        assertThat(fn.runtime).isEqualTo("java21");
        assertThat(fn.handler).isEqualTo("dev.gantry.guard.GuardHandler::handleRequest");
        assertThat(fn.tags).containsEntry("gantry:app", "hello").containsEntry("gantry:component", "guard-function.main");
        assertThat(fn.logGroup).isEqualTo("/gantry/hello/guard");
        assertThat(h.world.state.iam.roles).containsKeys("hello-guard-function", "hello-guard-scheduler");
        assertThat(h.world.state.iam.roles.get("hello-guard-function").inline.get("gantry-guard")).contains("aws:ResourceTag/gantry:app").contains("\"hello\"");
        assertThat(h.world.state.scheduler.schedules.get("hello/gantry-guard").expression).isEqualTo("rate(5 minutes)");
        assertThat(h.world.state.ssm.params.get("/gantry/guard/hello/spec").value).contains("app: hello").doesNotContain("\n#").doesNotContain("secret value");
        assertThat(h.world.state.logs.groups).containsKey("/gantry/hello/guard");

        h.secrets = name -> java.util.Optional.empty();
        h.world.resetCounters();
        ApplyResult again = h.apply(spec);
        assertThat(again.outcome()).as(again.toString()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();
        // web-https's 33 (ApplyEndToEndTest) and 14 for the guard (docs/refresh-reads.md)
        assertThat(h.world.readCalls()).as(h.world.callsByAction().toString()).isLessThanOrEqualTo(33 + 14);
    }

    @Test void the_plan_shows_the_policy_of_the_guards_role() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = new SimHarness().prepare(spec);
        var plan = h.plan(spec);
        assertThat(plan.changes()).anySatisfy(c -> {
            assertThat(c.address().toString()).isEqualTo("guard-role.function");
            assertThat(c.reason()).contains("ChangeOnlyTheAppsTagged").contains("aws:ResourceTag/gantry:app=hello");
        });
    }

    @Test void destroy_removes_the_function_roles_schedule_parameters_and_log_group() {
        Spec spec = guarded(Guard.Repair.REPORT);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        h.world.state.ssm.params.computeIfAbsent("/gantry/guard/hello/last-run", n -> {
            var p = new dev.gantry.aws.sim.SsmState.ParamRec();
            p.name = n;
            p.type = "String";
            p.value = "{}";
            return p;
        });
        ApplyResult d = h.destroy(spec);
        assertThat(d.exitCode()).as(d.failures().toString()).isZero();
        assertThat(h.world.state.lambda.functions).isEmpty();
        assertThat(h.world.state.lambda.layerVersions).isEmpty();
        assertThat(h.world.state.iam.roles).doesNotContainKeys("hello-guard-function", "hello-guard-scheduler");
        assertThat(h.world.state.scheduler.schedules).isEmpty();
        assertThat(h.world.state.ssm.params).doesNotContainKeys("/gantry/guard/hello/spec", "/gantry/guard/hello/last-run");
        assertThat(h.world.state.logs.groups).doesNotContainKey("/gantry/hello/guard");
        assertThat(h.taggedLeftovers("hello")).isEmpty();
    }

    @Test void removing_the_section_removes_the_guard_and_then_reads_nothing_of_it() {
        Spec spec = guarded(Guard.Repair.SAFE);
        SimHarness h = new SimHarness().prepare(spec);
        assertThat(h.apply(spec).exitCode()).isZero();
        Spec off = spec.withGuard(null);
        ApplyResult r = h.apply(off);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(r.deleted()).isEqualTo(7); // the spec, log group, two roles, function, schedule and its group
        assertThat(h.world.state.lambda.functions).isEmpty();
        assertThat(h.world.state.scheduler.schedules).isEmpty();
        assertThat(h.world.state.iam.roles).doesNotContainKeys("hello-guard-function", "hello-guard-scheduler");
        h.world.resetCounters();
        assertThat(h.plan(off).hasChanges()).isFalse();
        // The schedule group's one look is every app's (ScheduleGroupType); nothing of the guard's is read.
        assertThat(h.world.callsByAction().keySet()).noneMatch(a -> a.startsWith("lambda:") || a.equals("scheduler:GetSchedule"));
    }
}

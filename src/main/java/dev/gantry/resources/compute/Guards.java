package dev.gantry.resources.compute;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Props;
import dev.gantry.spec.Spec;

import java.util.List;
import java.util.Set;

import static dev.gantry.resources.Addresses.*;

/**
 * How {@code guard} expands: the stored spec, the function's log group and role, the function, the
 * scheduler's role and the schedule in the app's schedule group. The function depends on the
 * stored spec, so it never runs before there is a spec to read.
 */
final class Guards {
    private Guards() {}

    /** The spec as the guard reads it ({@link dev.gantry.spec.yaml.StoredSpec}). */
    static String stored(Spec spec) { return dev.gantry.spec.yaml.StoredSpec.write(spec); }

    static void expand(Spec spec, List<Desired> out) {
        if (!spec.hasGuard()) return;
        String app = spec.app();
        var guard = spec.guard();
        String text = stored(spec);
        out.add(Desired.managed(GUARD_SPEC, Piece.GUARD, "SSM parameter " + GuardSpecType.name(app) + ": the spec the guard keeps AWS to (no secret values)",
                Props.props().put("name", GuardSpecType.name(app)).put("digest", GuardSpecType.digest(text)).put("text", text).build(), Set.of()));
        out.add(Desired.managed(GUARD_LOG_GROUP, Piece.GUARD, "log group " + GuardFunctionType.logGroup(app) + ": what the guard found and did ("
                        + dev.gantry.spec.Counted.of(spec.task().logs().retentionDays(), "day") + ")",
                Props.props().put("name", GuardFunctionType.logGroup(app)).put("retentionDays", spec.task().logs().retentionDays()).build(), Set.of()));
        String topic = spec.hasAlerts() ? TopicType.name(app) : null;
        List<String> records = !spec.hasDns() ? List.of() : spec.isVersion2() ? spec.publicHosts()
                : spec.dns().record() == null ? List.of() : List.of(spec.dns().record());
        List<String> bases = spec.isVersion2()
                ? spec.services().keySet().stream().map(n -> dev.gantry.spec.DerivedNames.serviceBase(app, n)).toList() : List.of(app);
        out.add(Desired.managed(GUARD_FUNCTION_ROLE, Piece.GUARD, "role the guard runs as: reads the account, changes only what is the app's",
                Props.props().put("name", GuardRoleType.name(app, GUARD_FUNCTION_ROLE)).put("path", RoleType.path(app))
                        .put("trust", "lambda.amazonaws.com").put("policy", GuardPolicies.function(app, spec.region(), bases, Alarms.guardNames(spec), topic, records)).build(), Set.of()));
        String mode = guard.repair() == dev.gantry.spec.Guard.Repair.SAFE ? "repairs what is safe, reports the rest" : "reports differences, changes nothing";
        out.add(Desired.managed(GUARD_FUNCTION, Piece.GUARD, "Lambda function " + GuardFunctionType.name(app) + " (Java 21, the gantry jar): " + mode,
                Props.props().put("name", GuardFunctionType.name(app)).put("runtime", GuardFunctionType.RUNTIME).put("handler", GuardFunctionType.HANDLER)
                        .put("memory", GuardFunctionType.MEMORY_MB).put("timeout", GuardFunctionType.TIMEOUT_SECONDS)
                        .put("role", Ref.to(GUARD_FUNCTION_ROLE, "arn")).put("logGroup", Ref.to(GUARD_LOG_GROUP, "name"))
                        .put("code", GuardFunctionType.code()).build(), Set.of(GUARD_SPEC)));
        out.add(Desired.managed(GUARD_SCHEDULER_ROLE, Piece.GUARD, "role EventBridge Scheduler invokes the guard as (that function only)",
                Props.props().put("name", GuardRoleType.name(app, GUARD_SCHEDULER_ROLE)).put("path", RoleType.path(app))
                        .put("trust", "scheduler.amazonaws.com").put("policy", GuardPolicies.scheduler(Ref.to(GUARD_FUNCTION, "arn"))).build(), Set.of()));
        out.add(Desired.managed(GUARD_SCHEDULE, Piece.GUARD, "runs the guard every " + guard.every() + " (" + guard.rateExpression() + ")",
                Props.props().put("group", Ref.to(SCHEDULE_GROUP, "name")).put("expression", guard.rateExpression()).put("enabled", true)
                        .put("function", Ref.to(GUARD_FUNCTION, "arn")).put("role", Ref.to(GUARD_SCHEDULER_ROLE, "arn"))
                        .put("input", GuardScheduleType.input(app, spec.region())).build(), Set.of()));
    }
}

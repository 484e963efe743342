package dev.gantry.guard;

import dev.gantry.aws.AwsClients;
import dev.gantry.spec.Spec;

import java.util.Optional;

/**
 * What {@code gantry guard status} and {@code gantry status} say of the guard: what the spec asks
 * for, whether its schedule and function are there, and its last run. Read only for a spec with a
 * guard, so an app without one pays no read.
 */
public record GuardStatus(String every, String repair, String scheduleExpression, String scheduleState, String functionState,
                          Optional<GuardRun> last) {
    /** The name of the guard's schedule in the app's schedule group (resources.compute.GuardScheduleType.NAME). */
    public static final String SCHEDULE = "gantry-guard";

    public boolean installed() { return scheduleExpression != null && functionState != null; }

    /** Null for a spec without a guard. */
    public static GuardStatus read(AwsClients aws, Spec spec) {
        if (!spec.hasGuard()) return null;
        String app = spec.app();
        String expression = null, state = null, function = null;
        if (aws.scheduler() != null) {
            try {
                var s = aws.scheduler().getSchedule(b -> b.groupName(app).name(SCHEDULE));
                expression = s.scheduleExpression();
                state = s.stateAsString();
            } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException none) {
                // not installed yet, or deleted by hand
            }
        }
        if (aws.lambda() != null) {
            try {
                function = aws.lambda().getFunction(b -> b.functionName(app + "-guard")).configuration().stateAsString();
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException none) {
                // not installed yet, or deleted by hand
            }
        }
        return new GuardStatus(spec.guard().every(), spec.guard().repair().yaml(), expression, state, function, GuardRun.read(aws.ssm(), app));
    }
}

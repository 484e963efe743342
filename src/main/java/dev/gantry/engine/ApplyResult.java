package dev.gantry.engine;

import dev.gantry.diagnose.Diagnosis;

import java.time.Duration;
import java.util.List;

/**
 * How an apply or destroy ended. {@code exitCode} follows the spec's table (0, 1, 4, 130).
 * {@code url} is where the service answers, when it has a load balancer.
 */
public record ApplyResult(Outcome outcome, int exitCode, int created, int updated, int replaced, int deleted,
                          int failed, int skipped, Duration elapsed, String url, List<String> failures,
                          Diagnosis diagnosis, String resumeCommand) {

    /** DECLINED: the person answered something other than "yes"; nothing was changed. */
    public enum Outcome { SUCCEEDED, NO_CHANGES, FAILED, ROLLOUT_FAILED, INTERRUPTED, DECLINED }

    public ApplyResult {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    public boolean ok() { return exitCode == 0; }
}

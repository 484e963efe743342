package dev.gantry.engine;

import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.Diagnosis;

import java.time.Duration;
import java.util.List;

/**
 * How an apply or destroy ended: what happened ({@code outcome}, for the views) and what kind of
 * ending it is for the process ({@code exit}, one row of the exit-code table). {@code url} is where
 * the service answers, when it has a load balancer. {@code stoppedBy} says what interrupted it
 * ("SIGTERM", "SIGINT"), or null when nothing did or a key press in the live view did (Ctrl-C).
 * {@code answers}: for an app of several services, where each public one answers ("web answers at
 * https://www.example.com; api at https://api.example.com"); null otherwise ({@code url} says it).
 */
public record ApplyResult(Outcome outcome, Exit exit, int created, int updated, int replaced, int deleted,
                          int failed, int skipped, Duration elapsed, String url, List<String> failures,
                          Diagnosis diagnosis, String resumeCommand, String stoppedBy, CriticalPath criticalPath, boolean simulatedTime,
                          String answers) {

    /** Without where several services answer. */
    public ApplyResult(Outcome outcome, Exit exit, int created, int updated, int replaced, int deleted, int failed, int skipped,
                       Duration elapsed, String url, List<String> failures, Diagnosis diagnosis, String resumeCommand, String stoppedBy,
                       CriticalPath criticalPath, boolean simulatedTime) {
        this(outcome, exit, created, updated, replaced, deleted, failed, skipped, elapsed, url, failures, diagnosis, resumeCommand, stoppedBy,
                criticalPath, simulatedTime, null);
    }

    /** The same result, saying where each public service of several answers. */
    public ApplyResult withAnswers(String sentence) {
        return new ApplyResult(outcome, exit, created, updated, replaced, deleted, failed, skipped, elapsed, url, failures, diagnosis,
                resumeCommand, stoppedBy, criticalPath, simulatedTime, sentence);
    }

    /** Without a critical path (nothing ran, or it did not finish), not stopped by a signal. */
    public ApplyResult(Outcome outcome, Exit exit, int created, int updated, int replaced, int deleted, int failed, int skipped,
                       Duration elapsed, String url, List<String> failures, Diagnosis diagnosis, String resumeCommand) {
        this(outcome, exit, created, updated, replaced, deleted, failed, skipped, elapsed, url, failures, diagnosis, resumeCommand, null, null, false);
    }

    /** With a critical path and its clock, not stopped by a signal. */
    public ApplyResult(Outcome outcome, Exit exit, int created, int updated, int replaced, int deleted, int failed, int skipped,
                       Duration elapsed, String url, List<String> failures, Diagnosis diagnosis, String resumeCommand,
                       CriticalPath criticalPath, boolean simulatedTime) {
        this(outcome, exit, created, updated, replaced, deleted, failed, skipped, elapsed, url, failures, diagnosis, resumeCommand, null,
                criticalPath, simulatedTime);
    }

    /** The same result, interrupted by {@code signal}. */
    public ApplyResult stoppedBy(String signal) {
        return new ApplyResult(outcome, exit, created, updated, replaced, deleted, failed, skipped, elapsed, url, failures, diagnosis, resumeCommand, signal,
                criticalPath, simulatedTime, answers);
    }

    /** This run's result, counting {@code more} deletions made before it (a teardown before a rebuild). */
    public ApplyResult afterDeleting(int more) {
        return new ApplyResult(outcome, exit, created, updated, replaced, deleted + more, failed, skipped, elapsed, url, failures, diagnosis,
                resumeCommand, stoppedBy, criticalPath, simulatedTime, answers);
    }

    /** DECLINED: the person answered something other than "yes"; nothing was changed. */
    public enum Outcome { SUCCEEDED, NO_CHANGES, FAILED, ROLLOUT_FAILED, INTERRUPTED, DECLINED }

    /**
     * The exit-code table's rows a run can end on (docs: "Exit codes"); the process exits with
     * {@link #code()}. TERMINATED (143) is the command's to decide: the engine sees an interruption.
     */
    public enum Exit {
        OK(0), FAILED(1), INVALID_INPUT(2), NO_CREDENTIALS(4), INTERRUPTED(130);

        private final int code;
        Exit(int code) { this.code = code; }
        public int code() { return code; }

        /** A failed run: 4 when what failed was a missing permission, 2 for bad input or what this machine must set up first, else 1. */
        public static Exit failed(AwsFailure.Kind worst) {
            return switch (worst) {
                case PERMISSION -> NO_CREDENTIALS;
                case INPUT, MACHINE -> INVALID_INPUT;
                default -> FAILED;
            };
        }
    }

    public ApplyResult {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    public int exitCode() { return exit.code(); }

    /** The same result, its times marked as simulated (measured on the simulated AWS's clock) or not. */
    public ApplyResult withSimulatedTime(boolean simulated) {
        return new ApplyResult(outcome, exit, created, updated, replaced, deleted, failed, skipped, elapsed, url, failures, diagnosis,
                resumeCommand, stoppedBy, criticalPath, simulated, answers);
    }

    public boolean ok() { return exit == Exit.OK; }
}

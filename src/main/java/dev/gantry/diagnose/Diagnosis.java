package dev.gantry.diagnose;

import java.util.List;

/**
 * Why a deployment failed, in plain words, and what to do: {@code summary} is one sentence,
 * {@code detail} the evidence (AWS's own words), {@code fixes} the steps to take.
 */
public record Diagnosis(Cause cause, String summary, String detail, List<String> fixes) {
    public enum Cause { SECRET_ACCESS_DENIED, IMAGE_PULL_FAILED, CONTAINER_EXITED, HEALTH_CHECK_FAILED,
        NO_CAPACITY, TIMED_OUT, UNKNOWN }

    public Diagnosis {
        fixes = List.copyOf(fixes);
    }
}

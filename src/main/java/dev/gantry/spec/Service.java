package dev.gantry.spec;

/**
 * How many copies run and how a new version replaces the old. {@code exec}: ECS Exec, a shell in
 * a running container through Session Manager ({@code gantry exec}); off unless asked for.
 */
public record Service(int desiredCount, int minimumHealthyPercent, int maximumPercent,
                      boolean rollbackOnFailure, Autoscaling autoscaling, int healthCheckGracePeriod, boolean exec) {
    /**
     * Seconds ECS ignores failing load balancer health checks after a task starts: enough for a
     * typical web server to start answering, short enough that a task that never answers is
     * replaced soon.
     */
    public static final int DEFAULT_HEALTH_CHECK_GRACE_PERIOD = 30;

    /** With the default grace period, ECS Exec off. */
    public Service(int desiredCount, int minimumHealthyPercent, int maximumPercent, boolean rollbackOnFailure, Autoscaling autoscaling) {
        this(desiredCount, minimumHealthyPercent, maximumPercent, rollbackOnFailure, autoscaling, DEFAULT_HEALTH_CHECK_GRACE_PERIOD, false);
    }

    /** ECS Exec off. */
    public Service(int desiredCount, int minimumHealthyPercent, int maximumPercent, boolean rollbackOnFailure, Autoscaling autoscaling,
                   int healthCheckGracePeriod) {
        this(desiredCount, minimumHealthyPercent, maximumPercent, rollbackOnFailure, autoscaling, healthCheckGracePeriod, false);
    }

    /** With the default grace period. */
    public Service(int desiredCount, int minimumHealthyPercent, int maximumPercent, boolean rollbackOnFailure, Autoscaling autoscaling,
                   boolean exec) {
        this(desiredCount, minimumHealthyPercent, maximumPercent, rollbackOnFailure, autoscaling, DEFAULT_HEALTH_CHECK_GRACE_PERIOD, exec);
    }

    public static Service defaults() { return new Service(2, 100, 200, true, null); }
}

package dev.gantry.spec;

/**
 * How many copies run and how a new version replaces the old. {@code exec}: ECS Exec, a shell in
 * a running container through Session Manager ({@code gantry exec}); off unless asked for.
 */
public record Service(int desiredCount, int minimumHealthyPercent, int maximumPercent,
                      boolean rollbackOnFailure, Autoscaling autoscaling, boolean exec) {
    public Service(int desiredCount, int minimumHealthyPercent, int maximumPercent, boolean rollbackOnFailure, Autoscaling autoscaling) {
        this(desiredCount, minimumHealthyPercent, maximumPercent, rollbackOnFailure, autoscaling, false);
    }

    public static Service defaults() { return new Service(2, 100, 200, true, null); }
}

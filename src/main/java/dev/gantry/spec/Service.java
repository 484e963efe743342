package dev.gantry.spec;

/** How many copies run and how a new version replaces the old. */
public record Service(int desiredCount, int minimumHealthyPercent, int maximumPercent,
                      boolean rollbackOnFailure, Autoscaling autoscaling) {
    public static Service defaults() { return new Service(2, 100, 200, true, null); }
}

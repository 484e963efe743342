package dev.gantry.spec;

/** CPU target tracking between min and max tasks. */
public record Autoscaling(int min, int max, int cpuTarget) {}

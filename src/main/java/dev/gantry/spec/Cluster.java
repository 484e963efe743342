package dev.gantry.spec;

/** The ECS cluster: a named group of services. Default name is the app name. */
public record Cluster(String name, boolean containerInsights) {}

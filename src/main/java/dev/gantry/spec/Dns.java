package dev.gantry.spec;

/** The public Route53 zone and the record that points at the load balancer. */
public record Dns(String zone, String record) {}

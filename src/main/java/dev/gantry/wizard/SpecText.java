package dev.gantry.wizard;

import dev.gantry.spec.Spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Spec → commented gantry.yaml. A stand-in for {@code dev.gantry.spec.yaml.SpecWriter} until it is
 * merged; keep the output a valid spec v1 file so the two are interchangeable.
 */
public final class SpecText {
    private SpecText() {}

    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9/][A-Za-z0-9_./:@+-]*$");
    private static final Pattern LOOKS_OTHER = Pattern.compile("^(true|false|yes|no|on|off|null|~|[0-9.+-]+)$", Pattern.CASE_INSENSITIVE);

    public static String write(Spec s) {
        StringBuilder y = new StringBuilder();
        y.append("# gantry.yaml: one service on ECS Fargate and everything around it (spec version 1).\n");
        y.append("# Edit by hand or with: gantry init -f <this file>. Never put secret values here.\n");
        y.append("version: ").append(s.version()).append('\n');
        y.append("app: ").append(q(s.app())).append("                 # prefixes every resource name\n");
        y.append("region: ").append(q(s.region())).append('\n');
        if (!s.tags().isEmpty()) {
            y.append("tags:                         # added to every resource\n");
            new java.util.TreeMap<>(s.tags()).forEach((k, v) -> y.append("  ").append(q(k)).append(": ").append(q(v)).append('\n'));
        }
        var n = s.network();
        y.append("\nnetwork:\n");
        y.append("  vpc: ").append(n.vpc().yaml()).append("                    # new | default | existing\n");
        switch (n.vpc()) {
            case NEW -> {
                y.append("  cidr: ").append(n.cidr()).append('\n');
                y.append("  availabilityZones: ").append(n.availabilityZones()).append('\n');
                y.append("  natGateways: ").append(n.natGateways().yaml()).append("           # none | single | perAz\n");
            }
            case EXISTING -> {
                y.append("  vpcId: ").append(n.vpcId()).append('\n');
                y.append("  publicSubnets: ").append(flow(n.publicSubnets())).append('\n');
                if (!n.privateSubnets().isEmpty()) y.append("  privateSubnets: ").append(flow(n.privateSubnets())).append('\n');
            }
            case DEFAULT -> { }
        }
        y.append("\ncluster:\n");
        y.append("  name: ").append(q(s.cluster().name())).append('\n');
        y.append("  containerInsights: ").append(s.cluster().containerInsights()).append('\n');
        var t = s.task();
        y.append("\ntask:\n");
        y.append("  image: ").append(q(t.image())).append('\n');
        y.append("  cpu: ").append(t.cpu()).append("                      # Fargate accepts memory ")
                .append(TaskSizes.memoriesFor(t.cpu()).get(0)).append("–")
                .append(TaskSizes.memoriesFor(t.cpu()).get(TaskSizes.memoriesFor(t.cpu()).size() - 1)).append(" with this cpu\n");
        y.append("  memory: ").append(t.memory()).append("                   # MiB\n");
        y.append("  architecture: ").append(t.architecture().yaml()).append("           # x86_64 | arm64\n");
        if (t.port() != null) y.append("  port: ").append(t.port()).append("                      # the port the container listens on\n");
        if (!t.command().isEmpty()) y.append("  command: ").append(flow(t.command())).append('\n');
        if (!t.environment().isEmpty()) {
            y.append("  environment:\n");
            t.environment().forEach((k, v) -> y.append("    ").append(k).append(": ").append(str(v)).append('\n'));
        }
        if (!t.secrets().isEmpty()) {
            y.append("  secrets:                      # values are supplied at apply time, never stored here\n");
            t.secrets().forEach((k, v) -> y.append("    ").append(k).append(":\n      parameter: ").append(q(v.parameter())).append('\n'));
        }
        y.append("  logs:\n    retentionDays: ").append(t.logs().retentionDays()).append('\n');
        var sv = s.service();
        y.append("\nservice:\n");
        y.append("  desiredCount: ").append(sv.desiredCount()).append('\n');
        y.append("  minimumHealthyPercent: ").append(sv.minimumHealthyPercent()).append('\n');
        y.append("  maximumPercent: ").append(sv.maximumPercent()).append('\n');
        y.append("  rollbackOnFailure: ").append(sv.rollbackOnFailure()).append("       # roll back a deployment that keeps failing\n");
        if (sv.autoscaling() != null) {
            var a = sv.autoscaling();
            y.append("  autoscaling:\n    min: ").append(a.min()).append("\n    max: ").append(a.max())
                    .append("\n    cpuTarget: ").append(a.cpuTarget()).append("                # percent\n");
        }
        if (s.hasLoadBalancer()) {
            var lb = s.loadBalancer();
            y.append("\nloadBalancer:\n");
            y.append("  healthCheckPath: ").append(q(lb.healthCheckPath())).append('\n');
            y.append("  deregistrationDelay: ").append(lb.deregistrationDelay()).append("       # seconds\n");
            y.append("  idleTimeout: ").append(lb.idleTimeout()).append("               # seconds\n");
            y.append("  allowedCidrs: ").append(flow(lb.allowedCidrs())).append("   # who may reach the load balancer\n");
        } else {
            y.append("\n# no loadBalancer: the service takes no inbound traffic\n");
        }
        if (s.hasCertificate()) {
            var c = s.certificate();
            y.append("\ncertificate:\n");
            if (c.existing()) y.append("  arn: ").append(c.arn()).append('\n');
            else {
                y.append("  domain: ").append(q(c.domain())).append('\n');
                if (!c.alternativeNames().isEmpty()) y.append("  alternativeNames: ").append(flow(c.alternativeNames())).append('\n');
            }
        }
        if (s.hasDns()) {
            y.append("\ndns:\n");
            y.append("  zone: ").append(q(s.dns().zone())).append("           # an existing public Route53 hosted zone\n");
            y.append("  record: ").append(q(s.dns().record())).append('\n');
        }
        return aligned(y.toString());
    }

    private static final Pattern COMMENTED = Pattern.compile("^(\\s*\\S.*?\\S)\\s{2,}(# .*)$");

    /** Trailing comments start in one column so the file reads as a table. */
    private static String aligned(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            var m = COMMENTED.matcher(line);
            if (m.matches() && !line.stripLeading().startsWith("#")) {
                out.append(String.format("%-34s", m.group(1))).append(' ').append(m.group(2));
            } else out.append(line);
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String flow(List<String> items) {
        return "[" + String.join(", ", items.stream().map(SpecText::q).toList()) + "]";
    }

    /** Environment values are strings even when they look like numbers or booleans. */
    private static String str(String v) {
        return PLAIN.matcher(v).matches() && !LOOKS_OTHER.matcher(v).matches() ? v : dq(v);
    }

    private static String q(String v) {
        if (v == null) return "null";
        return PLAIN.matcher(v).matches() && !LOOKS_OTHER.matcher(v).matches() ? v : dq(v);
    }

    private static String dq(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}

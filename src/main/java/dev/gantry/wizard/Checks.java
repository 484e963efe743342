package dev.gantry.wizard;

import dev.gantry.spec.Certificate;
import dev.gantry.spec.ImageRef;
import dev.gantry.spec.Rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The wizard's validators: each field delegates to {@link Rules}, so a prompt, a flag and the YAML
 * loader say the same thing in the same words. Only what Rules checks across fields in the loader
 * (counts, coverage, env vs secrets) is phrased here, with the spec's wording. Null means valid.
 */
public final class Checks {
    private Checks() {}

    static String text(Rules.Problem p) { return p == null ? null : p.text(); }

    private static Long number(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String notANumber(String v) { return "'" + v + "' is not a whole number"; }

    public static String app(String v) { return text(Rules.appName(v)); }

    public static String region(String v) { return text(Rules.region(v)); }

    public static String image(String v) { return text(Rules.image(v)); }

    public static String imageWarning(String v) { return Rules.image(v) == null ? text(ImageRef.warning(v)) : null; }

    public static String port(String v) {
        Long n = number(v);
        return n == null ? notANumber(v) + " (the port your container listens on, e.g. 8080)" : text(Rules.port(n));
    }

    public static String intRange(String v, Rules.Range range, String unit) {
        Long n = number(v);
        return n == null ? notANumber(v) + " (use a value from " + range.min() + " to " + range.max() + ")" : text(Rules.inRange(range, n, unit));
    }

    public static String vpcCidr(String v) { return text(Rules.vpcCidr(v.trim())); }

    public static String cidrList(String v) {
        List<String> all = AnswerText.list(v);
        if (all.isEmpty()) return "at least one CIDR block is required (0.0.0.0/0 means everyone)";
        for (String c : all) {
            String e = text(Rules.cidr(c));
            if (e != null) return e;
        }
        return null;
    }

    /** A public service's routes (version 2): each as the spec reads it, none twice. */
    public static String routes(String v) {
        List<String> all = AnswerText.list(v);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String r : all) {
            String e = text(dev.gantry.spec.Route.problem(r));
            if (e != null) return e;
            if (!seen.add(r.toLowerCase(java.util.Locale.ROOT))) return "the route " + r + " is listed twice; each route goes to one service";
        }
        return null;
    }

    public static String vpcId(String v) {
        return v.isBlank() ? "a VPC id is required (vpc: existing)" : text(Rules.vpcId(v.trim()));
    }

    /** Subnet ids; at least {@code atLeast} of them, in different AZs when the look-ups know the AZs. */
    public static String subnets(String v, int atLeast, Map<String, String> azOfSubnet) {
        List<String> ids = AnswerText.list(v);
        for (String id : ids) {
            String e = text(Rules.subnetId(id));
            if (e != null) return e;
        }
        if (ids.size() < atLeast) return "at least " + atLeast + ", in different AZs (the load balancer needs them)";
        if (atLeast > 0 && ids.stream().allMatch(azOfSubnet::containsKey)
                && ids.stream().map(azOfSubnet::get).filter(Objects::nonNull).distinct().count() < atLeast) {
            return "at least " + atLeast + ", in different AZs (the load balancer needs them); these are all in " + azOfSubnet.get(ids.get(0));
        }
        return null;
    }

    public static String clusterName(String v) { return text(Rules.clusterName(v)); }

    public static String environment(String v) {
        for (Map.Entry<String, String> e : AnswerText.pairs(v).entrySet()) {
            if (e.getValue() == null) return "write each variable as NAME=VALUE ('" + e.getKey() + "' has no =)";
            String bad = text(Rules.envName(e.getKey()));
            if (bad != null) return bad;
        }
        return null;
    }

    public static String environmentWarning(String v) {
        for (String name : AnswerText.pairs(v).keySet()) {
            if (Rules.looksSecret(name)) {
                return name + " looks secret; move it to task.secrets so its value is encrypted and kept out of gantry.yaml";
            }
        }
        return null;
    }

    public static String secrets(String v, String environment) {
        Map<String, String> env = AnswerText.pairs(environment);
        for (Map.Entry<String, String> e : AnswerText.pairs(v).entrySet()) {
            String name = e.getKey(), param = e.getValue();
            if (param == null || param.isBlank()) return "write each secret as NAME=PARAMETER, e.g. " + name + "=/app/" + name.toLowerCase();
            String bad = text(Rules.envName(name));
            if (bad != null) return bad;
            // What follows = may be the secret itself typed by mistake: never echo it, never suggest it as a path.
            if (!param.startsWith("/") && !param.startsWith("arn:")) {
                return name + ": after = comes the name of the SSM parameter that will hold the value (a path such as /app/"
                        + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", or a parameter ARN), not the value;"
                        + " the value is asked next, hidden, and never written to the file";
            }
            bad = text(Rules.parameterName(param));
            if (bad != null) return name + ": " + bad;
            if (env.containsKey(name)) return name + " is in both task.environment and task.secrets; keep it in one";
        }
        return null;
    }

    public static String maximumPercent(String v, int minHealthy, int desired) {
        String range = intRange(v, Rules.MAXIMUM_PERCENT, "percent");
        if (range != null) return range;
        int max = Integer.parseInt(v.trim());
        if (desired > 0 && max <= minHealthy) {
            return "must be greater than minimumHealthyPercent (" + minHealthy + ") unless desiredCount is 0, or a deploy cannot start a new task";
        }
        return null;
    }

    /** "none" or MIN:MAX:CPU with min ≤ desiredCount ≤ max and a 10–90 percent target. */
    public static String autoscaling(String v, int desired) {
        if (v.isBlank() || v.equals("none")) return null;
        String[] p = v.split(":");
        if (p.length != 3) return "write MIN:MAX:CPU, e.g. 2:6:60 (or none)";
        Long min = number(p[0]), max = number(p[1]), cpu = number(p[2]);
        if (min == null || max == null || cpu == null) return "write MIN:MAX:CPU with whole numbers, e.g. 2:6:60 (or none)";
        String e = text(Rules.inRange(Rules.AUTOSCALING_COUNT, min, null));
        if (e == null) e = text(Rules.inRange(Rules.AUTOSCALING_COUNT, max, null));
        if (e != null) return e;
        if (min > max) return "min must be ≤ max (" + min + ":" + max + ")";
        if (desired < min || desired > max) return "min ≤ desiredCount ≤ max; desiredCount is " + desired;
        return text(Rules.inRange(Rules.CPU_TARGET, cpu, "percent"));
    }

    public static String healthCheckPath(String v) { return text(Rules.healthCheckPath(v)); }

    public static String domain(String v) { return text(Rules.certificateName(v)); }

    /** A Route53 zone that holds at least one of a new certificate's names, else its record could not be covered. */
    public static String zone(String v, List<String> certificateNames) {
        String e = text(Rules.dnsName(v));
        if (e != null || certificateNames.isEmpty()) return e;
        List<String> hosts = certificateNames.stream().map(n -> n.startsWith("*.") ? n.substring(2) : n).toList();
        if (hosts.stream().anyMatch(h -> EdgeQuestions.inZone(h, v))) return null;
        String host = hosts.get(0);
        String[] labels = host.split("\\.");
        String parent = labels.length > 2 ? host.substring(host.indexOf('.') + 1) : host;
        return v + " does not contain the certificate's domain " + certificateNames.get(0)
                + ", so no record in it could use the certificate (use the zone the domain is in, e.g. " + parent
                + ", or a domain inside " + v + ")";
    }

    public static String certificateArn(String v, String region) { return text(Rules.certificateArn(v.trim(), region)); }

    /** dns.record must equal the zone or lie inside it, and be covered by the certificate when there is one. */
    public static String record(String record, String zone, List<String> certificateNames) {
        String e = text(Rules.dnsName(record));
        if (e != null) return e;
        if (zone != null && Rules.dnsName(zone) == null) {
            // A zone that holds none of the certificate's names is the zone's mistake, said there once.
            if (zone(zone, certificateNames) != null) return null;
            e = text(Rules.recordInZone(record, zone));
            if (e != null) return e;
        }
        if (!certificateNames.isEmpty() && certificateNames.stream().noneMatch(n -> Certificate.covers(n, record))) {
            return "must be covered by the certificate's names (" + String.join(", ", certificateNames) + ")";
        }
        return null;
    }
}

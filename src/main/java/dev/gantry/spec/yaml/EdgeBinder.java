package dev.gantry.spec.yaml;

import dev.gantry.spec.Autoscaling;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Dns;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Rules;
import dev.gantry.spec.Service;
import dev.gantry.spec.Task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code service}, {@code loadBalancer}, {@code certificate}, {@code dns}, and the rules between them. */
final class EdgeBinder {
    static final List<String> SERVICE_KEYS = List.of("desiredCount", "minimumHealthyPercent", "maximumPercent",
            "rollbackOnFailure", "exec", "autoscaling", "healthCheckGracePeriod");
    static final List<String> AUTOSCALING_KEYS = List.of("min", "max", "cpuTarget");
    static final List<String> LOAD_BALANCER_KEYS = List.of("healthCheckPath", "deregistrationDelay", "healthCheckInterval",
            "healthCheckTimeout", "healthyThreshold", "idleTimeout", "allowedCidrs");
    static final List<String> CERTIFICATE_KEYS = List.of("domain", "alternativeNames", "arn");
    static final List<String> DNS_KEYS = List.of("zone", "record");
    static final int DEFAULT_CPU_TARGET = 60;

    private final Report report;
    private final MapReader root;
    private final String region;
    /** Where dns.record's value is, for the cross-section certificate rule. */
    private int recordLine, recordColumn;

    EdgeBinder(Report report, MapReader root, String region) {
        this.report = report;
        this.root = root;
        this.region = region;
    }

    Service service() {
        MapReader s = root.section("service", SERVICE_KEYS);
        if (s == null) return null;
        Service d = Service.defaults();
        int desired = ranged(s, "desiredCount", Rules.DESIRED_COUNT, "tasks", d.desiredCount());
        int minHealthy = ranged(s, "minimumHealthyPercent", Rules.MINIMUM_HEALTHY_PERCENT, "percent", d.minimumHealthyPercent());
        int maxPercent = ranged(s, "maximumPercent", Rules.MAXIMUM_PERCENT, "percent", d.maximumPercent());
        Boolean rollback = s.bool("rollbackOnFailure");
        Boolean exec = s.bool("exec");
        if (desired != 0 && maxPercent <= minHealthy
                && !report.bad("service.maximumPercent") && !report.bad("service.minimumHealthyPercent")) {
            String at = s.has("maximumPercent") ? "maximumPercent" : "minimumHealthyPercent";
            report.error(s.valueLine(at), s.valueColumn(at), s.field(at),
                    "maximumPercent (" + maxPercent + ") must be greater than minimumHealthyPercent (" + minHealthy
                            + "): otherwise a deployment can neither start a new task nor stop an old one",
                    "e.g. minimumHealthyPercent: 100 and maximumPercent: 200, or minimumHealthyPercent: 50");
        }
        Autoscaling autoscaling = autoscaling(s, desired);
        int grace = ranged(s, "healthCheckGracePeriod", Rules.HEALTH_CHECK_GRACE_PERIOD, "seconds", d.healthCheckGracePeriod());
        return new Service(desired, minHealthy, maxPercent, rollback == null || rollback, autoscaling, grace, exec != null && exec);
    }

    private Autoscaling autoscaling(MapReader service, int desired) {
        MapReader s = service.section("autoscaling", AUTOSCALING_KEYS);
        if (s == null) return null;
        if (!s.has("min")) s.required("min", "the fewest tasks to keep, e.g. min: 2");
        if (!s.has("max")) s.required("max", "the most tasks to run, e.g. max: 6");
        int min = ranged(s, "min", Rules.AUTOSCALING_COUNT, "tasks", -1);
        int max = ranged(s, "max", new Rules.Range(1, Rules.AUTOSCALING_COUNT.max()), "tasks", -1);
        int target = ranged(s, "cpuTarget", Rules.CPU_TARGET, "percent", DEFAULT_CPU_TARGET);
        if (report.bad("service.autoscaling.min") || report.bad("service.autoscaling.max")) return null;
        if (min > max) {
            report.error(s.valueLine("min"), s.valueColumn("min"), s.field("min"),
                    "min (" + min + ") is greater than max (" + max + ")", "swap them, or raise max");
            return null;
        }
        if (!report.bad("service.desiredCount") && (desired < min || desired > max)) {
            boolean explicit = service.has("desiredCount");
            String said = "desiredCount (" + desired + (explicit ? "" : ", the default") + ")";
            String problem = desired < min ? said + " is below autoscaling.min (" + min + ")" : said + " is above autoscaling.max (" + max + ")";
            int line = explicit ? service.valueLine("desiredCount") : s.line;
            int col = explicit ? service.valueColumn("desiredCount") : s.column;
            report.error(line, col, explicit ? "service.desiredCount" : "service.autoscaling",
                    problem + "; autoscaling keeps the count between min and max",
                    "set service.desiredCount between " + min + " and " + max);
        }
        return new Autoscaling(min, max, target);
    }

    LoadBalancer loadBalancer() {
        MapReader s = root.section("loadBalancer", LOAD_BALANCER_KEYS);
        if (s == null) return null;
        LoadBalancer d = LoadBalancer.defaults();
        String path = s.string("healthCheckPath");
        if (path != null) s.check("healthCheckPath", Rules.healthCheckPath(path));
        int delay = ranged(s, "deregistrationDelay", Rules.DEREGISTRATION_DELAY, "seconds", d.deregistrationDelay());
        int idle = ranged(s, "idleTimeout", Rules.IDLE_TIMEOUT, "seconds", d.idleTimeout());
        int interval = ranged(s, "healthCheckInterval", Rules.HEALTH_CHECK_INTERVAL, "seconds", d.healthCheckInterval());
        int timeout = ranged(s, "healthCheckTimeout", Rules.HEALTH_CHECK_TIMEOUT, "seconds", d.healthCheckTimeout());
        int threshold = ranged(s, "healthyThreshold", Rules.HEALTHY_THRESHOLD, "checks", d.healthyThreshold());
        if (timeout >= interval && !report.bad("loadBalancer.healthCheckTimeout") && !report.bad("loadBalancer.healthCheckInterval")) {
            // CreateTargetGroup: the timeout must be smaller than the interval.
            String at = s.has("healthCheckTimeout") ? "healthCheckTimeout" : "healthCheckInterval";
            report.error(s.valueLine(at), s.valueColumn(at), s.field(at),
                    "healthCheckTimeout (" + timeout + " s) must be shorter than healthCheckInterval (" + interval + " s)",
                    "e.g. healthCheckInterval: " + Math.max(interval, timeout + 1) + " with healthCheckTimeout: " + Math.min(timeout, interval - 1));
        }
        List<String> cidrs = s.strings("allowedCidrs", "[0.0.0.0/0]");
        if (cidrs != null) {
            Node.ListNode list = s.listNode("allowedCidrs");
            if (cidrs.isEmpty()) {
                report.error(list.line(), list.column(), s.field("allowedCidrs"),
                        "an empty list would let nobody reach the load balancer", "remove the line to allow everyone, or list the blocks allowed in");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cidrs.size(); i++) {
                Node item = list.items().get(i);
                String field = s.field("allowedCidrs") + "[" + i + "]";
                Rules.Problem p = Rules.cidr(cidrs.get(i));
                if (p != null) report.error(item.line(), item.column(), field, p);
                else if (!seen.add(cidrs.get(i))) report.error(item.line(), item.column(), field, cidrs.get(i) + " is listed twice", "remove the duplicate");
            }
        }
        return new LoadBalancer(path == null ? "/" : path, delay, idle, cidrs, interval, timeout, threshold);
    }

    Certificate certificate() {
        MapReader s = root.section("certificate", CERTIFICATE_KEYS);
        if (s == null) return null;
        requireLoadBalancer("certificate", "a certificate is served by the load balancer");
        String domain = s.string("domain");
        String arn = s.string("arn");
        if (s.has("domain") && s.has("arn")) {
            report.error(s.lineOf("arn"), s.columnOf("arn"), s.field("arn"),
                    "give either domain (gantry requests a certificate) or arn (an existing one), not both", "remove one of them");
        } else if (!s.has("domain") && !s.has("arn")) {
            report.error(s.line, s.column, "certificate", "needs a domain (gantry requests a certificate) or an arn (an existing one)",
                    "e.g. domain: hello.example.com");
        }
        if (domain != null) s.check("domain", Rules.certificateName(domain));
        if (arn != null) s.check("arn", Rules.certificateArn(arn, region));
        List<String> alt = s.strings("alternativeNames", "[www.example.com]");
        if (alt != null && s.has("arn") && !alt.isEmpty()) {
            report.error(s.lineOf("alternativeNames"), s.columnOf("alternativeNames"), s.field("alternativeNames"),
                    "alternativeNames apply only when gantry requests the certificate (domain); an existing certificate has its own names",
                    "remove alternativeNames");
        } else if (alt != null) {
            Node.ListNode list = s.listNode("alternativeNames");
            Set<String> seen = new HashSet<>();
            if (domain != null) seen.add(domain.toLowerCase());
            for (int i = 0; i < alt.size(); i++) {
                Node item = list.items().get(i);
                String field = s.field("alternativeNames") + "[" + i + "]";
                Rules.Problem p = Rules.certificateName(alt.get(i));
                if (p != null) report.error(item.line(), item.column(), field, p);
                else if (!seen.add(alt.get(i).toLowerCase())) report.error(item.line(), item.column(), field,
                        alt.get(i) + " is already on the certificate", "remove the duplicate");
            }
        }
        return new Certificate(domain, alt == null ? List.of() : new ArrayList<>(alt), arn);
    }

    Dns dns() {
        MapReader s = root.section("dns", DNS_KEYS);
        if (s == null) return null;
        requireLoadBalancer("dns", "the record is an alias to the load balancer");
        String zone = s.string("zone");
        String record = s.string("record");
        if (!s.has("zone")) s.required("zone", "the public Route53 hosted zone, e.g. zone: example.com");
        if (!s.has("record")) s.required("record", "the name to serve, e.g. record: hello.example.com");
        boolean zoneOk = zone != null && s.check("zone", Rules.dnsName(zone));
        boolean recordOk = record != null && s.check("record", Rules.dnsName(record));
        if (zoneOk && recordOk) s.check("record", Rules.recordInZone(record, zone));
        if (s.has("record")) {
            recordLine = s.valueLine("record");
            recordColumn = s.valueColumn("record");
        }
        return new Dns(zone, record);
    }

    /** Rules across sections that each need their inputs to be valid first. */
    void crossRules(Task task, Certificate certificate, Dns dns) {
        boolean lb = root.has("loadBalancer");
        if (lb && task != null && task.port() == null && !report.bad("task.port") && root.entry("task").value() instanceof Node.MapNode) {
            Node.Entry t = root.entry("task");
            report.error(t.line(), t.column(), "task.port", "port is required when loadBalancer is set: the load balancer forwards to it",
                    "add port: 80 (or the port your container listens on) under task");
        }
        if (certificate != null && dns != null && certificate.domain() != null
                && !report.bad("certificate") && !report.bad("dns")) {
            boolean covered = certificate.names().stream().anyMatch(n -> Certificate.covers(n, dns.record()));
            if (!covered) {
                report.error(recordLine, recordColumn, "dns.record",
                        dns.record() + " is not covered by the certificate (" + String.join(", ", certificate.names())
                                + "); browsers would reject the connection",
                        "add " + dns.record() + " to certificate.alternativeNames, or make certificate.domain " + dns.record());
            }
        }
    }

    private void requireLoadBalancer(String section, String why) {
        // Version 2 makes the load balancer when a service is public (ServicesBinder checks that).
        if (root.has("loadBalancer") || root.has("services")) return;
        Node.Entry e = root.entry(section);
        report.error(e.line(), e.column(), section, section + " requires a loadBalancer (" + why + ")",
                "add a loadBalancer section (loadBalancer: {} uses the defaults), or remove " + section);
    }

    /** An optional integer in a range; returns the default when absent or wrong (wrong is reported). */
    private int ranged(MapReader s, String key, Rules.Range range, String unit, int dflt) {
        Long v = s.integer(key);
        if (v == null) return dflt;
        return s.check(key, Rules.inRange(range, v, unit)) ? v.intValue() : dflt;
    }
}

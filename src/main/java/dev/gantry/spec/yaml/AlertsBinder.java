package dev.gantry.spec.yaml;

import dev.gantry.spec.Alerts;
import dev.gantry.spec.Rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code alerts} section: who is told by email, and the thresholds of the alarms. */
final class AlertsBinder {
    static final List<String> KEYS = List.of("email", "http5xxPerMinute", "latencyP95Ms", "cpuPercent", "memoryPercent", "rollback");

    private final Report report;

    AlertsBinder(Report report) { this.report = report; }

    /** The alerts, or null when the section is absent (or wrong; then an error was reported). */
    Alerts bind(MapReader root, boolean hasLoadBalancer) {
        MapReader s = root.section("alerts", KEYS);
        if (s == null) return null;
        List<String> email = s.strings("email", "[ops@example.com]");
        if (email != null) {
            Node.ListNode list = s.listNode("email");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < email.size(); i++) {
                String e = email.get(i);
                Node item = list.items().get(i);
                String field = s.field("email") + "[" + i + "]";
                Rules.Problem bad = Rules.email(e);
                if (bad != null) {
                    report.error(item.line(), item.column(), field, bad.message(), bad.fix());
                } else if (!seen.add(e.toLowerCase(java.util.Locale.ROOT))) {
                    report.error(item.line(), item.column(), field, e + " is listed twice", "remove the duplicate");
                }
            }
        }
        // A value of the wrong shape is already an error above; saying there is none would be untrue.
        if (email == null ? !s.has("email") : email.isEmpty()) {
            report.warning(s.lineOf("email"), s.columnOf("email"), s.field("email"),
                    "no email address: the alarms are made, but nobody is told when one fires",
                    "add who should hear of it: email: [ops@example.com]");
        }
        int http5xx = bounded(s, "http5xxPerMinute", Alerts.DEFAULT_5XX_PER_MINUTE, 1, 1_000_000);
        int latency = bounded(s, "latencyP95Ms", Alerts.DEFAULT_LATENCY_P95_MS, 1, 3_600_000);
        int cpu = bounded(s, "cpuPercent", Alerts.DEFAULT_CPU_PERCENT, 1, 100);
        int memory = bounded(s, "memoryPercent", Alerts.DEFAULT_MEMORY_PERCENT, 1, 100);
        if (!hasLoadBalancer) {
            for (String k : List.of("http5xxPerMinute", "latencyP95Ms")) {
                if (s.has(k)) report.warning(s.lineOf(k), s.columnOf(k), s.field(k),
                        "this service has no load balancer, so there is no " + (k.startsWith("http") ? "5xx" : "latency") + " alarm to set",
                        "remove it, or add a loadBalancer section");
            }
        }
        Boolean rollback = s.bool("rollback");
        return new Alerts(email == null ? List.of() : email, http5xx, latency, cpu, memory, rollback == null || rollback);
    }

    private int bounded(MapReader s, String key, int dflt, int min, int max) {
        Long v = s.integer(key);
        if (v == null) return dflt;
        if (v < min || v > max) {
            report.error(s.valueLine(key), s.valueColumn(key), s.field(key), key + " must be between " + min + " and " + max + ", got " + v,
                    "use e.g. " + key + ": " + dflt + " (the default)");
            return dflt;
        }
        return v.intValue();
    }
}

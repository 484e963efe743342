package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.spec.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an apply's time went: the chain of waits that set its length, latest first found by
 * walking back from the change that finished last, and the biggest lever left on it. A wait of
 * one change that ends inside a wait of a change that needs it (the load balancer becoming active
 * while the service's new tasks wait for their first health checks) is what held the later one
 * up, so the walk follows it.
 */
public record CriticalPath(List<Wait> waits, String lever) {
    /** One wait on the path: what it was, and how long it held the apply up. */
    public record Wait(String what, Duration took) {}

    /** What the executor saw of one change: when it started and ended, and what it waited for meanwhile. */
    record Span(Address address, Set<Address> needs, Instant start, Instant end, List<Segment> waits) {}

    /** One stretch of waiting, labelled as the change said ("the load balancer to become active"). */
    record Segment(String waitingFor, Instant from, Instant to) {}

    private static final Duration EPSILON = Duration.ofMillis(1);

    public CriticalPath {
        waits = List.copyOf(waits);
    }

    /** "load balancer provisioning 3m05s → first health checks 10 s" */
    public String line() {
        List<String> parts = new ArrayList<>();
        for (Wait w : waits) parts.add(w.what() + " " + duration(w.took()));
        return String.join(" → ", parts);
    }

    /** 3m05s, 10 s, 0.5 s; whole seconds are cut, as in the rest of the summary. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000 && ms % 1000 != 0) return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        long s = ms / 1000;
        return s < 60 ? s + " s" : (s / 60) + "m" + String.format(java.util.Locale.ROOT, "%02d", s % 60) + "s";
    }

    static CriticalPath of(List<Span> spans, Spec spec) {
        if (spans.isEmpty()) return null;
        java.util.Map<Address, Span> by = new java.util.HashMap<>();
        for (Span s : spans) by.put(s.address(), s);
        Span cur = spans.stream().max(java.util.Comparator.comparing(Span::end)).orElseThrow();
        Instant t = cur.end();
        List<Wait> back = new ArrayList<>();
        for (int guard = 0; guard < 1000 && cur != null; guard++) {
            Segment seg = segmentAt(cur, t);
            if (seg != null) {
                Instant from = seg.from();
                Gate gate = gate(cur, from, t, by);
                if (gate != null) {
                    add(back, phase(seg.waitingFor()), Duration.between(gate.segment().to(), t));
                    cur = gate.span();
                    t = gate.segment().to();
                } else {
                    add(back, phase(seg.waitingFor()), Duration.between(from, t));
                    t = from;
                }
                continue;
            }
            // Not waiting at t: the change was working, or had not started; go to what it needed last.
            if (t.isAfter(cur.start())) t = cur.start();
            Span pred = null;
            for (Address a : cur.needs()) {
                Span d = by.get(a);
                if (d != null && !d.end().isAfter(t.plus(EPSILON)) && (pred == null || d.end().isAfter(pred.end()))) pred = d;
            }
            cur = pred;
            if (pred != null) t = pred.end();
        }
        Collections.reverse(back);
        List<Wait> waits = back.stream().filter(w -> !w.took().isZero()).toList();
        return new CriticalPath(waits, lever(waits, spec));
    }

    private record Gate(Span span, Segment segment) {}

    /** The latest wait of something {@code cur} needs (directly or not) that ended inside (from, t). */
    private static Gate gate(Span cur, Instant from, Instant t, Map<Address, Span> by) {
        Gate best = null;
        for (Address a : needsAll(cur, by)) {
            Span d = by.get(a);
            for (Segment g : d.waits()) {
                if (g.to().isAfter(from.plus(EPSILON)) && g.to().isBefore(t.minus(EPSILON))
                        && (best == null || g.to().isAfter(best.segment().to()))) best = new Gate(d, g);
            }
        }
        return best;
    }

    private static Set<Address> needsAll(Span s, Map<Address, Span> by) {
        Set<Address> out = new HashSet<>();
        List<Address> todo = new ArrayList<>(s.needs());
        while (!todo.isEmpty()) {
            Address a = todo.remove(todo.size() - 1);
            if (!by.containsKey(a) || !out.add(a)) continue;
            todo.addAll(by.get(a).needs());
        }
        return out;
    }

    private static Segment segmentAt(Span s, Instant t) {
        Segment found = null;
        for (Segment g : s.waits()) {
            if (g.from().isBefore(t) && !g.to().isBefore(t.minus(EPSILON))) found = g;
        }
        return found;
    }

    /** Consecutive stretches of one phase (the same wait with new counts) count as one. */
    private static void add(List<Wait> back, String what, Duration took) {
        if (!back.isEmpty() && back.get(back.size() - 1).what().equals(what)) {
            Wait last = back.remove(back.size() - 1);
            back.add(new Wait(what, last.took().plus(took)));
        } else {
            back.add(new Wait(what, took));
        }
    }

    /** The short name of a wait, from what the change said it waited for. */
    static String phase(String waitingFor) {
        String w = waitingFor == null ? "" : waitingFor;
        if (w.startsWith("the load balancer to become active")) return "load balancer provisioning";
        if (w.startsWith("NAT gateway") && w.contains("available")) return "NAT gateway";
        if (w.startsWith("ACM to validate") || w.startsWith("the certificate to be issued")) return "certificate validation";
        if (w.startsWith("ACM to publish")) return "certificate's validation records";
        if (w.startsWith("the new tasks to start")) return "tasks starting";
        if (w.startsWith("the new tasks' first health checks")) return "first health checks";
        if (w.startsWith("the old tasks to drain")) return "old tasks draining and stopping";
        if (w.startsWith("the old tasks to stop")) return "old tasks stopping";
        if (w.startsWith("Route53 to publish")) return "DNS change";
        int colon = w.indexOf(':');
        return colon > 0 ? w.substring(0, colon) : w;
    }

    /** What would shorten the path most, said plainly, or that what is left is AWS's own. */
    static String lever(List<Wait> waits, Spec spec) {
        Wait top = waits.stream().max(java.util.Comparator.comparing(Wait::took)).orElse(null);
        if (top == null) return null;
        String d = duration(top.took());
        var lb = spec.loadBalancer();
        return switch (top.what()) {
            case "load balancer provisioning" -> "none gantry can take: AWS provisions a new load balancer in about 3 minutes ("
                    + d + " here), and only a first deploy waits for it";
            case "NAT gateway" -> "none gantry can take: AWS makes a NAT gateway in about 1.5 minutes (" + d
                    + " here), once; natGateways: none skips it (tasks then run in public subnets)";
            case "certificate validation" -> "ACM validated the certificate in " + d + "; an issued certificate given by ARN (certificate.arn) skips that wait";
            case "tasks starting" -> "your tasks took about " + d + " from launch to running (Fargate placing them and pulling the image): "
                    + "a smaller image, or a SOCI index for it, would shorten the pull";
            case "first health checks" -> lb == null ? "the tasks' first checks took " + d
                    : "a new task serves after its first passing health check, sent within loadBalancer.healthCheckInterval ("
                    + lb.healthCheckInterval() + " s) once the load balancer checks it (" + d + " here)";
            case "old tasks draining and stopping" -> lb == null ? "old tasks took " + d + " to stop; task.stopTimeout bounds it"
                    : "old tasks drain for loadBalancer.deregistrationDelay (" + lb.deregistrationDelay() + " s), then get up to task.stopTimeout ("
                    + spec.task().stopTimeout() + " s) to exit (" + d + " in all): a shorter delay suits short requests";
            default -> top.what() + " took " + d;
        };
    }
}

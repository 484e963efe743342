package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a live view shows, built from engine events and nothing else: one row per planned change,
 * the latest rollout, the diagnosis, a log, and the result. Events arrive from several worker
 * threads and a view reads at its own pace, so every access is under this object's lock and reads
 * get an immutable {@link Snapshot}.
 *
 * <p>Elapsed time keeps ticking between events: the first event ties the event clock
 * ({@code at}) to {@code clock}, which should be the engine's own time source (compressed in
 * {@code --simulate}, real against AWS).
 */
public final class ProgressModel implements ApplyListener {
    public enum State { PENDING, RUNNING, DONE, FAILED, SKIPPED }

    /** One planned change and how far it got. Times are offsets from the start of the run. */
    public record Row(Change change, State state, Duration startedAt, Duration finishedAt, String waitingFor,
                      String message, String fix, int attempt) {
        Row with(State s) { return new Row(change, s, startedAt, finishedAt, waitingFor, message, fix, attempt); }

        /** Time spent on it so far, or in total once it ended; null when it never started. */
        public Duration elapsed(Duration now) {
            if (startedAt == null) return null;
            Duration end = finishedAt != null ? finishedAt : now;
            return end.compareTo(startedAt) < 0 ? Duration.ZERO : end.minus(startedAt);
        }

        public boolean ended() { return state == State.DONE || state == State.FAILED || state == State.SKIPPED; }
    }

    public record Counts(int total, int pending, int running, int done, int failed, int skipped) {
        public int ended() { return done + failed + skipped; }

        /** 0..1; an empty plan is complete. */
        public double fraction() { return total == 0 ? 1.0 : (double) ended() / total; }
    }

    /**
     * The build of task.build: what it builds, its current step, its last lines, since when, and
     * how it ended ({@code ok} null while it runs).
     */
    public record BuildState(String what, String step, List<String> lastLines, Duration startedAt, Duration endedAt,
                             Boolean ok, String summary) {
        public static final int LINES = 6;

        /** Time spent so far, or in total once it ended. */
        public Duration elapsed(Duration now) {
            Duration end = endedAt != null ? endedAt : now;
            return end.compareTo(startedAt) < 0 ? Duration.ZERO : end.minus(startedAt);
        }
    }

    /** An immutable view of the model at one instant. */
    public record Snapshot(Plan plan, List<Row> rows, Counts counts, Duration elapsed, Duration remaining,
                           RolloutSnapshot rollout, Diagnosis diagnosis, List<String> log, boolean stopping,
                           ApplyResult result, BuildState build) {
        /**
         * The rows under the titles the pane shows: with several services (spec version 2), each
         * service's own rows under "Service NAME" first, then what they share by piece (as the plan
         * lists them, {@link ServiceGroups}); else by piece alone.
         */
        public Map<String, List<Row>> groups() {
            Map<String, List<Row>> out = new LinkedHashMap<>();
            var byService = ServiceGroups.of(rows.stream().map(Row::change).toList());
            List<Row> shared = rows;
            if (!byService.isEmpty()) {
                for (var e : byService.entrySet()) {
                    if (e.getKey().isEmpty() || e.getValue().isEmpty()) continue;
                    java.util.Set<Address> own = e.getValue().stream().map(Change::address).collect(java.util.stream.Collectors.toSet());
                    List<Row> rs = rows.stream().filter(r -> own.contains(r.change().address())).toList();
                    out.put("Service " + (e.getKey().equals("main") ? "named like the app" : e.getKey()), rs);
                }
                java.util.Set<Address> theirs = byService.get("").stream().map(Change::address).collect(java.util.stream.Collectors.toSet());
                shared = rows.stream().filter(r -> theirs.contains(r.change().address())).toList();
            }
            for (Piece p : Piece.values()) {
                List<Row> rs = shared.stream().filter(r -> r.change().piece() == p).toList();
                if (!rs.isEmpty()) out.put(p.title(), rs);
            }
            return out;
        }

        public List<Row> rows(State state) { return rows.stream().filter(r -> r.state() == state).toList(); }

        public boolean finished() { return result != null; }
    }

    static final int MAX_LOG_LINES = 5000;

    private final TimeSource clock;
    private final EventLines lines = new EventLines(Ansi.NONE);
    private final Map<Address, Row> rows = new LinkedHashMap<>();
    private final Deque<String> log = new ArrayDeque<>();
    private Plan plan;
    private Instant origin;
    private Duration lastAt = Duration.ZERO;
    private RolloutSnapshot rollout;
    private BuildState build;
    private Diagnosis diagnosis;
    private boolean stopping;
    private ApplyResult result;
    private Duration finishedAt;

    public ProgressModel(TimeSource clock) { this.clock = clock; }

    @Override public synchronized void on(ApplyEvent event) {
        if (origin == null) origin = clock.now().minus(event.at());
        if (event.at().compareTo(lastAt) > 0) lastAt = event.at();
        apply(event);
        String stamp = EventLines.stamp(event.at());
        boolean first = true;
        for (String line : lines.lines(event)) {
            log.addLast(first ? stamp + line : EventLines.CONTINUATION + line);
            first = false;
        }
        while (log.size() > MAX_LOG_LINES) log.removeFirst();
    }

    private void apply(ApplyEvent event) {
        if (event instanceof ApplyEvent.Planned p) {
            plan = p.plan();
            // A later plan of the same run (a teardown, then the rebuild) starts its rows afresh.
            for (Change c : p.plan().mutating()) {
                Row had = rows.get(c.address());
                if (had == null || had.state() != State.RUNNING) rows.put(c.address(), new Row(c, State.PENDING, null, null, null, null, null, 0));
            }
        } else if (event instanceof ApplyEvent.Started s) {
            Row r = row(s.change());
            put(new Row(r.change(), State.RUNNING, s.at(), null, null, null, null, r.attempt()));
        } else if (event instanceof ApplyEvent.Waiting w) {
            Row r = running(w.change(), w.at());
            put(new Row(r.change(), State.RUNNING, r.startedAt(), null, w.waitingFor(), r.message(), r.fix(), r.attempt()));
        } else if (event instanceof ApplyEvent.Retrying rt) {
            Row r = running(rt.change(), rt.at());
            put(new Row(r.change(), State.RUNNING, r.startedAt(), null, "retrying: " + rt.reason(), r.message(), r.fix(),
                    rt.attempt()));
        } else if (event instanceof ApplyEvent.Done d) {
            Row r = row(d.change());
            Duration started = r.startedAt() != null ? r.startedAt() : d.at().minus(d.took());
            put(new Row(r.change(), State.DONE, started, started.plus(d.took()), null, null, null, r.attempt()));
        } else if (event instanceof ApplyEvent.Failed f) {
            Row r = row(f.change());
            Duration started = r.startedAt() != null ? r.startedAt() : f.at();
            put(new Row(r.change(), State.FAILED, started, f.at(), null, f.message(), f.fix(), r.attempt()));
        } else if (event instanceof ApplyEvent.Skipped s) {
            Row r = row(s.change());
            put(new Row(r.change(), State.SKIPPED, null, null, null, s.because(), null, r.attempt()));
        } else if (event instanceof ApplyEvent.Build b) {
            building(b);
        } else if (event instanceof ApplyEvent.Rollout r) {
            rollout = r.snapshot();
        } else if (event instanceof ApplyEvent.RolloutFailed rf) {
            diagnosis = rf.diagnosis();
        } else if (event instanceof ApplyEvent.Finished f) {
            result = f.result();
            finishedAt = f.at();
            if (diagnosis == null) diagnosis = f.result().diagnosis();
        }
    }

    private void building(ApplyEvent.Build b) {
        switch (b.phase()) {
            case START -> build = new BuildState(b.text(), null, List.of(), b.at(), null, null, null);
            case STEP -> { if (build != null) build = new BuildState(build.what(), b.text(), build.lastLines(), build.startedAt(), null, null, null); }
            case LINE -> {
                if (build != null) {
                    List<String> last = new ArrayList<>(build.lastLines());
                    last.add(b.text());
                    while (last.size() > BuildState.LINES) last.remove(0);
                    build = new BuildState(build.what(), build.step(), List.copyOf(last), build.startedAt(), null, null, null);
                }
            }
            case END -> { if (build != null) build = new BuildState(build.what(), build.step(), build.lastLines(), build.startedAt(), b.at(), b.ok(), b.text()); }
        }
    }

    /** The row for a change, added if the engine reports one the plan did not list. */
    private Row row(Change c) {
        Row r = rows.get(c.address());
        return r != null ? r : new Row(c, State.PENDING, null, null, null, null, null, 0);
    }

    private Row running(Change c, Duration at) {
        Row r = row(c);
        return r.startedAt() != null ? r : new Row(r.change(), State.RUNNING, at, null, null, null, null, r.attempt());
    }

    private void put(Row r) { rows.put(r.change().address(), r); }

    /** The user asked to stop: the engine finishes in-flight calls and starts nothing new. */
    public synchronized void markStopping() { stopping = true; }

    public synchronized Snapshot snapshot() {
        Duration now = now();
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparing((Row r) -> r.change().piece()));
        return new Snapshot(plan, List.copyOf(ordered), counts(), now, result != null ? Duration.ZERO : remaining(now),
                rollout, diagnosis, List.copyOf(log), stopping, result, build);
    }

    private Duration now() {
        if (finishedAt != null) return finishedAt;
        if (origin == null) return Duration.ZERO;
        Duration byClock = Duration.between(origin, clock.now());
        return byClock.compareTo(lastAt) > 0 ? byClock : lastAt;
    }

    private Counts counts() {
        int pending = 0, running = 0, done = 0, failed = 0, skipped = 0;
        for (Row r : rows.values()) {
            switch (r.state()) {
                case PENDING -> pending++;
                case RUNNING -> running++;
                case DONE -> done++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        return new Counts(rows.size(), pending, running, done, failed, skipped);
    }

    /**
     * The critical path through what remains: each unfinished row costs its type's typical
     * duration (less what it has already spent, when running) plus the longest chain of unfinished
     * rows it depends on. Rows that can no longer run (a dependency failed) cost nothing.
     */
    private Duration remaining(Duration now) {
        Map<Address, Duration> memo = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (Row r : rows.values()) {
            Duration d = remaining(r, now, memo, new HashSet<>());
            if (d.compareTo(longest) > 0) longest = d;
        }
        return longest;
    }

    private Duration remaining(Row r, Duration now, Map<Address, Duration> memo, Set<Address> visiting) {
        Duration known = memo.get(r.change().address());
        if (known != null) return known;
        if (r.ended() || blocked(r, new HashSet<>()) || !visiting.add(r.change().address())) return Duration.ZERO;
        Duration own = TypicalDurations.of(r.change());
        if (r.state() == State.RUNNING) {
            own = own.minus(r.elapsed(now));
            if (own.isNegative()) own = Duration.ZERO;
        }
        Duration before = Duration.ZERO;
        for (Address a : r.change().dependsOn()) {
            Row dep = rows.get(a);
            if (dep == null) continue;
            Duration d = remaining(dep, now, memo, visiting);
            if (d.compareTo(before) > 0) before = d;
        }
        visiting.remove(r.change().address());
        Duration total = own.plus(before);
        memo.put(r.change().address(), total);
        return total;
    }

    /** True when something this row waits for (directly or further up) has failed or was skipped. */
    private boolean blocked(Row r, Set<Address> seen) {
        for (Address a : r.change().dependsOn()) {
            Row dep = rows.get(a);
            if (dep == null || !seen.add(a)) continue;
            if (dep.state() == State.FAILED || dep.state() == State.SKIPPED || blocked(dep, seen)) return true;
        }
        return false;
    }
}

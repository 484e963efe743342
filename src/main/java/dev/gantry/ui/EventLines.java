package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The wording of each event as log lines, shared by the plain printer and the live log pane. The
 * first line is the event; further lines (a fix, a diagnosis's detail) continue it and the caller
 * indents them. Rollout snapshots repeat every few seconds, so only what changed becomes a line:
 * this object remembers what it has said and is not thread-safe (callers hold their own lock).
 */
public final class EventLines {
    private final Ansi ansi;
    private String lastDeployments;
    private final Set<String> seenEvents = new HashSet<>();
    private final Set<String> seenTasks = new HashSet<>();

    /** Continuation lines line up under the event text, past the time stamp. */
    public static final String CONTINUATION = " ".repeat(12);

    private final String operation;

    public EventLines(Ansi ansi) { this(ansi, "apply"); }

    /** {@code operation}: "apply" or "destroy", which words an empty plan differently. */
    public EventLines(Ansi ansi, String operation) {
        this.ansi = ansi;
        this.operation = operation;
    }

    /** {@code [  1m05s] }: right-aligned so a log's event texts start in one column. */
    public static String stamp(java.time.Duration at) {
        String t = Durations.format(at);
        return "[" + " ".repeat(Math.max(0, 7 - t.length())) + t + "] ";
    }

    public List<String> lines(ApplyEvent event) {
        List<String> out = new ArrayList<>();
        if (event instanceof ApplyEvent.Planned p) {
            // A destroy plan with nothing in it is "nothing to destroy", said by the summary.
            boolean emptyDestroy = !p.plan().hasChanges() && "destroy".equals(operation);
            if (!emptyDestroy) out.add(PlanSummary.line(p.plan()));
        } else if (event instanceof ApplyEvent.Started s) {
            out.add(head(s.change()) + ChangeWords.doing(s.change().action()));
        } else if (event instanceof ApplyEvent.Waiting w) {
            out.add(head(w.change()) + w.waitingFor());
        } else if (event instanceof ApplyEvent.Retrying r) {
            out.add(head(r.change()) + ansi.yellow("retrying (attempt " + r.attempt() + ")") + ": " + r.reason());
        } else if (event instanceof ApplyEvent.Done d) {
            out.add(head(d.change()) + ansi.green(ChangeWords.done(d.change().action()))
                    + " (" + Durations.format(d.took()) + ")");
        } else if (event instanceof ApplyEvent.Failed f) {
            out.add(head(f.change()) + ansi.red("failed") + ": " + f.message());
            if (f.fix() != null && !f.fix().isBlank()) out.add("fix: " + f.fix());
        } else if (event instanceof ApplyEvent.Skipped s) {
            out.add(head(s.change()) + ansi.dim("skipped") + ": " + s.because());
        } else if (event instanceof ApplyEvent.Rollout r) {
            rollout(r.snapshot(), out);
        } else if (event instanceof ApplyEvent.RolloutFailed rf) {
            diagnosis(rf.diagnosis(), out);
        } else if (event instanceof ApplyEvent.Info i) {
            out.add(i.message());
        } else if (event instanceof ApplyEvent.Build b) {
            // The steps, not every line of the builder's output: the failure carries the lines that matter.
            switch (b.phase()) {
                case START -> out.add("build: " + b.text());
                case STEP -> out.add("build: " + b.text());
                case END -> out.add("build: " + (b.ok() ? ansi.green(b.text()) : ansi.red("failed") + ": " + b.text()));
                default -> { }
            }
        } else if (event instanceof ApplyEvent.Finished f) {
            out.add(finished(f.result()));
        }
        return out;
    }

    private String head(Change c) {
        return symbol(c.action()) + " " + c.address() + "  " + c.description() + " … ";
    }

    private String symbol(Action a) {
        return switch (a) {
            case CREATE -> ansi.green(a.symbol());
            case UPDATE, REPLACE -> ansi.yellow(a.symbol());
            case DELETE -> ansi.red(a.symbol());
            default -> a.symbol();
        };
    }

    private void rollout(RolloutSnapshot s, List<String> out) {
        String deployments = deployments(s);
        if (!deployments.equals(lastDeployments)) {
            lastDeployments = deployments;
            out.add("rollout " + s.service() + ": " + deployments);
        }
        // ECS lists service events newest first; a log reads oldest first
        List<String> fresh = new ArrayList<>();
        for (String e : s.events()) if (seenEvents.add(e)) fresh.add(0, e);
        for (String e : fresh) out.add("ECS: " + e);
        for (RolloutSnapshot.StoppedTask t : s.stoppedTasks()) {
            if (!seenTasks.add(String.valueOf(t.taskId()))) continue;
            String id = t.taskId() == null ? "" : t.taskId().substring(t.taskId().lastIndexOf('/') + 1);
            out.add("task " + id + " stopped: " + stoppedReason(t));
        }
    }

    public static String deployments(RolloutSnapshot s) {
        if (s.deployments().isEmpty()) return "no deployments yet";
        List<String> parts = new ArrayList<>();
        for (RolloutSnapshot.Deployment d : s.deployments()) {
            parts.add("rev " + d.taskDefinitionRevision() + " " + d.status() + " " + d.rolloutState() + ", "
                    + d.running() + "/" + d.desired() + " running, " + d.pending() + " pending, "
                    + d.failed() + " failed");
        }
        return String.join("; ", parts);
    }

    public static String stoppedReason(RolloutSnapshot.StoppedTask t) {
        StringBuilder b = new StringBuilder();
        if (t.stopCode() != null && !t.stopCode().isBlank()) b.append(t.stopCode()).append(": ");
        b.append(t.stoppedReason() == null ? "no reason given" : t.stoppedReason());
        if (t.exitCode() != null) b.append(" (exit code ").append(t.exitCode()).append(')');
        for (String r : t.containerReasons()) b.append("; ").append(r);
        return b.toString();
    }

    private void diagnosis(Diagnosis d, List<String> out) {
        out.add(ansi.red("✗ rollout failed: " + d.summary()));
        if (d.detail() != null && !d.detail().isBlank()) out.add(d.detail());
        for (String fix : d.fixes()) out.add("fix: " + fix);
    }

    private String finished(ApplyResult r) {
        String took = " after " + Durations.format(r.elapsed());
        if (SummaryText.refused(r)) return ansi.red("✗ refused") + ": nothing was changed";
        return switch (r.outcome()) {
            case SUCCEEDED -> ansi.green("✓ finished") + took;
            case NO_CHANGES -> "✓ nothing to do";
            case FAILED -> ansi.red("✗ failed") + took + ": " + r.failed() + " failed, " + r.skipped() + " skipped";
            case ROLLOUT_FAILED -> ansi.red("✗ the deployment failed") + took;
            case INTERRUPTED -> ansi.yellow("stopped") + took;
            case DECLINED -> "not confirmed: nothing was changed";
        };
    }
}

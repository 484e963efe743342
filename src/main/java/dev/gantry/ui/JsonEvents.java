package dev.gantry.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.CriticalPath;
import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One JSON object per line per event, for scripts and CI ({@code --output json}). The schema is written
 * down in docs/progress.md and only ever grows. Each object is built field by field from what a
 * person would see anyway (addresses, descriptions, messages); resource properties are never
 * included, so secret values cannot reach it.
 */
public final class JsonEvents implements ApplyListener {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintStream out;

    public JsonEvents(PrintStream out) { this.out = out; }

    @Override public void on(ApplyEvent event) {
        String line;
        try {
            line = mapper.writeValueAsString(node(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }

    public static ObjectNode node(ApplyEvent event) {
        ObjectNode o = F.objectNode();
        o.put("type", type(event));
        o.put("at", Durations.seconds(event.at()));
        if (event instanceof ApplyEvent.Planned p) {
            o.set("plan", PlanJson.node(p.plan()));
        } else if (event instanceof ApplyEvent.Started s) {
            change(o, s.change());
        } else if (event instanceof ApplyEvent.Waiting w) {
            change(o, w.change());
            o.put("waitingFor", w.waitingFor());
        } else if (event instanceof ApplyEvent.Retrying r) {
            change(o, r.change());
            o.put("reason", r.reason());
            o.put("attempt", r.attempt());
        } else if (event instanceof ApplyEvent.Done d) {
            change(o, d.change());
            o.put("took", Durations.seconds(d.took()));
        } else if (event instanceof ApplyEvent.Failed f) {
            change(o, f.change());
            o.put("message", f.message());
            o.put("fix", f.fix());
        } else if (event instanceof ApplyEvent.Skipped s) {
            change(o, s.change());
            o.put("because", s.because());
        } else if (event instanceof ApplyEvent.Rollout r) {
            rollout(o, r.snapshot());
        } else if (event instanceof ApplyEvent.RolloutFailed rf) {
            o.set("diagnosis", diagnosis(rf.diagnosis()));
        } else if (event instanceof ApplyEvent.Info i) {
            o.put("message", i.message());
        } else if (event instanceof ApplyEvent.Finished f) {
            result(o, f.result());
        }
        return o;
    }

    static String type(ApplyEvent e) {
        if (e instanceof ApplyEvent.Planned) return "planned";
        if (e instanceof ApplyEvent.Started) return "started";
        if (e instanceof ApplyEvent.Waiting) return "waiting";
        if (e instanceof ApplyEvent.Retrying) return "retrying";
        if (e instanceof ApplyEvent.Done) return "done";
        if (e instanceof ApplyEvent.Failed) return "failed";
        if (e instanceof ApplyEvent.Skipped) return "skipped";
        if (e instanceof ApplyEvent.Rollout) return "rollout";
        if (e instanceof ApplyEvent.RolloutFailed) return "rollout-failed";
        if (e instanceof ApplyEvent.Info) return "info";
        return "finished";
    }

    private static void change(ObjectNode o, Change c) {
        o.put("address", c.address().toString());
        o.put("action", ChangeWords.json(c.action()));
        o.put("piece", PlanJson.piece(c.piece()));
        o.put("description", c.description());
    }

    private static void rollout(ObjectNode o, RolloutSnapshot s) {
        o.put("service", s.service());
        ArrayNode ds = o.putArray("deployments");
        for (RolloutSnapshot.Deployment d : s.deployments()) {
            ObjectNode n = ds.addObject();
            n.put("id", d.id());
            n.put("status", d.status());
            n.put("revision", d.taskDefinitionRevision());
            n.put("rolloutState", d.rolloutState());
            n.put("desired", d.desired());
            n.put("running", d.running());
            n.put("pending", d.pending());
            n.put("failed", d.failed());
        }
        ArrayNode events = o.putArray("events");
        s.events().forEach(events::add);
        ArrayNode stopped = o.putArray("stoppedTasks");
        for (RolloutSnapshot.StoppedTask t : s.stoppedTasks()) {
            ObjectNode n = stopped.addObject();
            n.put("taskId", t.taskId());
            n.put("stopCode", t.stopCode());
            n.put("stoppedReason", t.stoppedReason());
            ArrayNode reasons = n.putArray("containerReasons");
            t.containerReasons().forEach(reasons::add);
            n.put("exitCode", t.exitCode());
        }
    }

    private static ObjectNode diagnosis(Diagnosis d) {
        ObjectNode n = F.objectNode();
        n.put("cause", d.cause().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        n.put("summary", d.summary());
        n.put("detail", d.detail());
        ArrayNode fixes = n.putArray("fixes");
        d.fixes().forEach(fixes::add);
        return n;
    }

    private static void result(ObjectNode o, ApplyResult r) {
        o.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("exitCode", r.exitCode());
        o.put("created", r.created());
        o.put("updated", r.updated());
        o.put("replaced", r.replaced());
        o.put("deleted", r.deleted());
        o.put("failed", r.failed());
        o.put("skipped", r.skipped());
        o.put("elapsed", Durations.seconds(r.elapsed()));
        o.put("url", r.url());
        ArrayNode failures = o.putArray("failures");
        r.failures().forEach(failures::add);
        if (r.diagnosis() != null) o.set("diagnosis", diagnosis(r.diagnosis()));
        else o.putNull("diagnosis");
        o.put("resumeCommand", r.resumeCommand());
        o.put("simulatedTime", r.simulatedTime());
        if (r.criticalPath() != null) {
            ArrayNode path = o.putArray("criticalPath");
            for (CriticalPath.Wait w : r.criticalPath().waits()) path.addObject().put("wait", w.what()).put("seconds", Durations.seconds(w.took()));
            o.put("lever", r.criticalPath().lever());
        } else {
            o.putNull("criticalPath");
            o.putNull("lever");
        }
    }
}

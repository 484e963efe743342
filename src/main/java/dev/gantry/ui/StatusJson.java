package dev.gantry.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.ops.StatusReport;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Ref;

import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@code gantry status --output json}: one object, schema version 1 (docs/daytwo.md). Fields may be
 * added, never renamed or removed. Values that look secret are masked as in plan output.
 */
public final class StatusJson {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private StatusJson() {}

    static String render(StatusReport r) { return render(r, UnaryOperator.identity()); }

    /** {@code words}: completes the gantry commands the report suggests with the options given. */
    static String render(StatusReport r, UnaryOperator<String> words) { return render(r, words, null); }

    /** With the guard's status ({@code guard}: null without a guard in the spec, then "guard" is null). */
    public static String render(StatusReport r, UnaryOperator<String> words, dev.gantry.guard.GuardStatus guard) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("app", r.app());
        o.put("region", r.region());
        o.put("at", time(r.at()));
        o.put("deployed", r.deployed());
        o.put("healthy", r.healthy());
        o.put("drifted", r.drifted());
        ArrayNode problems = o.putArray("problems");
        r.problems().forEach(p -> problems.add(words.apply(p)));
        o.put("url", r.url());
        certificate(o, r.certificate());
        loadBalancer(o, r.loadBalancer());
        service(o, r.service(), words);
        // Every service of a version-2 app ("service" above stays its primary one); one service's has neither.
        if (!r.services().isEmpty()) {
            o.put("network", r.network());
            services(o.putArray("services"), r, words);
        }
        alerts(o, r.alerts());
        if (guard == null) o.putNull("guard");
        else GuardStatusText.json(o.putObject("guard"), guard, words);
        ArrayNode drift = o.putArray("drift");
        for (StatusReport.Drift d : r.drift()) {
            ObjectNode n = drift.addObject();
            n.put("address", d.address());
            n.put("action", d.action());
            n.put("subject", d.subject());
            n.put("summary", d.summary());
            n.put("fix", words.apply(d.fix()));
            ArrayNode fields = n.putArray("fields");
            Address a = Address.parse(d.address());
            for (Change.FieldChange f : d.fields()) {
                ObjectNode fn = fields.addObject();
                fn.put("field", f.field());
                fn.set("before", JSON.valueToTree(plain(Sensitive.mask(a, f.field(), f.before()))));
                fn.set("after", JSON.valueToTree(plain(Sensitive.mask(a, f.field(), f.after()))));
                fn.put("forcesReplacement", f.forcesReplace());
            }
        }
        ArrayNode jobs = o.putArray("jobs");
        for (StatusReport.JobStatus j : r.jobs()) {
            ObjectNode jn = jobs.addObject().put("name", j.name()).put("schedule", j.schedule()).put("timezone", j.timezone())
                    .put("deployed", j.deployed()).put("enabled", j.enabled()).put("nextRun", j.nextRun() == null ? null : j.nextRun().toString());
            StatusReport.JobRun lr = j.lastRun();
            if (lr == null) jn.putNull("lastRun");
            else jn.putObject("lastRun").put("taskId", lr.taskId()).put("at", lr.createdAt() == null ? null : lr.createdAt().toString())
                    .put("running", lr.running()).put("exitCode", lr.exitCode()).put("seconds", lr.took() == null ? null : lr.took().toSeconds())
                    .put("stoppedReason", lr.stoppedReason()).put("timedOut", lr.timedOut());
        }
        StatusReport.Cost c = r.cost();
        if (c == null) o.putNull("cost");
        else {
            ObjectNode cn = o.putObject("cost");
            cn.put("label", c.label());
            cn.put("monthlyUsd", c.monthlyUsd());
            ArrayNode lines = cn.putArray("lines");
            for (StatusReport.CostLine l : c.lines()) lines.addObject().put("item", l.item()).put("monthlyUsd", l.monthlyUsd());
            cn.put("excludes", c.excludes());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void services(ArrayNode services, StatusReport r, UnaryOperator<String> words) {
        for (StatusReport.ServiceBlock s : r.services()) {
            ObjectNode sn = services.addObject();
            sn.put("name", s.name()).put("reach", s.reach()).put("healthy", s.healthy());
            ArrayNode urls = sn.putArray("urls");
            s.urls().forEach(urls::add);
            ArrayNode own = sn.putArray("problems");
            s.problems().forEach(p -> own.add(words.apply(p)));
            loadBalancer(sn, s.targets());
            service(sn, s.service(), words);
            // Its own alarms by name; their states are under alerts.alarms (each with its service).
            ArrayNode alarms = sn.putArray("alarms");
            if (r.alerts() != null) r.alerts().alarms().stream().filter(a -> s.name().equals(a.service())).forEach(a -> alarms.add(a.name()));
        }
    }

    /** A ref left in a value (never expected after planning) reads like the plan JSON's placeholder. */
    private static Object plain(Object v) {
        return v instanceof Ref ref ? "${" + ref.address() + "." + ref.attribute() + "}" : v;
    }

    private static void certificate(ObjectNode o, StatusReport.CertificateStatus c) {
        if (c == null) { o.putNull("certificate"); return; }
        ObjectNode n = o.putObject("certificate").put("domain", c.domain()).put("arn", c.arn()).put("status", c.status()).put("notAfter", time(c.notAfter()));
        ArrayNode names = n.putArray("names");
        c.names().forEach(names::add);
    }

    private static void loadBalancer(ObjectNode o, StatusReport.TargetsStatus t) {
        if (t == null) { o.putNull("loadBalancer"); return; }
        ObjectNode n = o.putObject("loadBalancer");
        n.put("dnsName", t.dnsName());
        n.put("targetGroupArn", t.targetGroupArn());
        n.put("healthy", t.count("healthy"));
        n.put("total", t.targets().size());
        ArrayNode targets = n.putArray("targets");
        for (StatusReport.Target x : t.targets()) {
            targets.addObject().put("id", x.id()).put("port", x.port()).put("state", x.state()).put("reason", x.reason())
                    .put("description", x.description());
        }
    }

    private static void service(ObjectNode o, StatusReport.ServiceStatus s, UnaryOperator<String> words) {
        if (s == null) { o.putNull("service"); return; }
        ObjectNode n = o.putObject("service");
        n.put("cluster", s.cluster()).put("name", s.name()).put("status", s.status()).put("desired", s.desired())
                .put("running", s.running()).put("pending", s.pending()).put("taskDefinition", s.taskDefinition());
        StatusReport.Deployment p = s.primary();
        if (p == null) n.putNull("rollout");
        else n.putObject("rollout").put("deploymentId", p.id()).put("state", p.rolloutState()).put("reason", p.rolloutStateReason())
                .put("startedAt", time(p.createdAt()));
        ArrayNode deployments = n.putArray("deployments");
        for (StatusReport.Deployment d : s.deployments()) {
            deployments.addObject().put("id", d.id()).put("status", d.status()).put("taskDefinition", d.taskDefinition())
                    .put("rolloutState", d.rolloutState()).put("rolloutStateReason", d.rolloutStateReason())
                    .put("desired", d.desired()).put("running", d.running()).put("pending", d.pending()).put("failed", d.failed())
                    .put("createdAt", time(d.createdAt())).put("updatedAt", time(d.updatedAt()));
        }
        ArrayNode images = n.putArray("images");
        for (StatusReport.RunningImage i : s.images()) images.addObject().put("image", i.image()).put("digest", i.digest()).put("tasks", i.tasks());
        ArrayNode events = n.putArray("events");
        for (StatusReport.Event e : s.events()) events.addObject().put("at", time(e.at())).put("message", e.message());
        Diagnosis d = s.diagnosis();
        if (d == null) n.putNull("diagnosis");
        else {
            ObjectNode dn = n.putObject("diagnosis");
            dn.put("cause", d.cause().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            dn.put("summary", d.summary());
            dn.put("detail", d.detail());
            ArrayNode fixes = dn.putArray("fixes");
            d.fixes().forEach(f -> fixes.add(words.apply(f)));
        }
    }

    private static void alerts(ObjectNode o, StatusReport.AlertsStatus a) {
        if (a == null) { o.putNull("alerts"); return; }
        ObjectNode n = o.putObject("alerts");
        n.put("topicArn", a.topicArn());
        ArrayNode alarms = n.putArray("alarms");
        for (StatusReport.Alarm x : a.alarms()) {
            alarms.addObject().put("name", x.name()).put("state", x.state()).put("since", time(x.since())).put("reason", x.reason())
                    .put("service", x.service())
                    .put("noDataBecause", x.noDataBecause());
        }
        ArrayNode subs = n.putArray("subscriptions");
        for (StatusReport.Subscription s : a.subscriptions()) subs.addObject().put("email", s.email()).put("confirmed", s.confirmed());
    }

    private static String time(Instant at) { return at == null ? null : at.toString(); }
}

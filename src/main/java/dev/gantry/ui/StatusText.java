package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.ops.StatusReport;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;

import java.util.function.UnaryOperator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code gantry status} for people: a verdict first, then one labelled line per part, then what to do. */
public final class StatusText {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String LABEL = "%-13s";

    private StatusText() {}

    static String render(StatusReport r, Ansi ansi) { return render(r, ansi, UnaryOperator.identity()); }

    /** {@code words}: completes the gantry commands the report suggests with the options given. */
    static String render(StatusReport r, Ansi ansi, UnaryOperator<String> words) { return render(r, ansi, words, null); }

    /** With the guard's status ({@code guard}: null without a guard in the spec). */
    public static String render(StatusReport r, Ansi ansi, UnaryOperator<String> words, dev.gantry.guard.GuardStatus guard) {
        StringBuilder b = new StringBuilder();
        String verdict = !r.deployed() ? ansi.yellow("not deployed")
                : r.healthy() ? ansi.green("✓ healthy") : ansi.red("✗ " + r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems"));
        b.append(ansi.bold(r.app())).append(" · ").append(r.region()).append(" · ").append(verdict)
                .append(r.drifted() ? " · " + ansi.yellow("drift: " + r.drift().size()) : "").append('\n');
        boolean several = !r.services().isEmpty();
        if (r.deployed() && several) {
            shared(b, r);
            for (StatusReport.ServiceBlock s : r.services()) {
                block(b, s, ansi);
                if (r.alerts() != null) alarms(b, r.alerts().alarms().stream().filter(a -> s.name().equals(a.service())).toList(), "", ansi);
            }
            // The app's own parts after the blocks, set apart from the last one.
            if (r.alerts() != null || !r.jobs().isEmpty() || guard != null) b.append('\n');
            alerts(b, r.alerts(), true, ansi);
            jobs(b, r.jobs());
            if (guard != null) {
                line(b, "Guard", GuardStatusText.setup(guard, ansi, words));
                line(b, "Guard's run", GuardStatusText.lastRun(guard, ansi) + words.apply(" ('gantry guard status' says more)"));
            }
        } else if (r.deployed()) {
            line(b, "URL", r.url() == null ? "none (no load balancer: the service takes no inbound traffic)" : r.url());
            certificate(b, r.certificate());
            targets(b, r.loadBalancer(), ansi);
            service(b, r.service(), ansi);
            alerts(b, r.alerts(), false, ansi);
            jobs(b, r.jobs());
            if (guard != null) {
                line(b, "Guard", GuardStatusText.setup(guard, ansi, words));
                line(b, "Guard's run", GuardStatusText.lastRun(guard, ansi) + words.apply(" ('gantry guard status' says more)"));
            }
        }
        if (!r.problems().isEmpty()) {
            b.append('\n').append(ansi.bold("Problems")).append('\n');
            for (String p : r.problems()) b.append("  ").append(ansi.red("✗")).append(' ').append(words.apply(p)).append('\n');
            if (several) {
                for (StatusReport.ServiceBlock s : r.services()) {
                    if (s.service() != null) why(b, s.service().diagnosis(), s.name() + ": ", ansi, words);
                }
            } else {
                why(b, r.service() == null ? null : r.service().diagnosis(), "", ansi, words);
            }
        }
        if (r.drifted()) {
            b.append('\n').append(ansi.bold("Drift")).append(words.apply(" (what 'gantry apply' would change; 'gantry plan' shows every field)")).append('\n');
            for (StatusReport.Drift d : r.drift()) {
                b.append("  ").append(ansi.yellow("!")).append(' ').append(d.summary()).append(" — ").append(words.apply(d.fix())).append('\n');
                for (Change.FieldChange f : d.fields()) {
                    Address a = Address.parse(d.address());
                    b.append("      ").append(f.field()).append(": ").append(ChangeWords.value(Sensitive.mask(a, f.field(), f.before())))
                            .append(" → ").append(ChangeWords.value(Sensitive.mask(a, f.field(), f.after()))).append('\n');
                }
            }
        }
        if (r.deployed()) cost(b, r.cost());
        else if (r.cost() != null) {
            // Nothing of it exists, so nothing is billed: the estimate is what deploying would cost.
            b.append('\n').append(String.format(Locale.ROOT, LABEL, "Cost")).append("nothing yet (not deployed); once deployed ")
                    .append(String.format(Locale.ROOT, "about $%,.2f a month", r.cost().monthlyUsd())).append(" (").append(r.cost().label()).append(")\n");
        }
        return b.toString();
    }

    /** Why a service is short of tasks, as the diagnosis explains it ({@code whose}: the service's name for several). */
    private static void why(StringBuilder b, Diagnosis d, String whose, Ansi ansi, UnaryOperator<String> words) {
        if (d == null) return;
        b.append("  Why: ").append(whose).append(d.summary()).append('\n');
        if (d.detail() != null && !d.detail().isBlank()) b.append("       ").append(ansi.dim(d.detail())).append('\n');
        for (String fix : d.fixes()) b.append("       fix: ").append(words.apply(fix)).append('\n');
    }

    /** What every service of the app shares, said once: the app's URL, certificate, load balancer and network. */
    private static void shared(StringBuilder b, StatusReport r) {
        line(b, "URL", r.url() == null ? "none (no load balancer: no service takes inbound traffic)" : r.url());
        certificate(b, r.certificate());
        String lb = r.services().stream().map(StatusReport.ServiceBlock::targets).filter(t -> t != null && t.dnsName() != null)
                .map(StatusReport.TargetsStatus::dnsName).findFirst().orElse(null);
        if (lb != null) line(b, "Balancer", lb + " (shared by " + names(r, true) + ")");
        if (r.network() != null) line(b, "Network", r.network() + " (shared by " + names(r, false) + ")");
    }

    private static String names(StatusReport r, boolean publicOnly) {
        return String.join(", ", r.services().stream().filter(s -> !publicOnly || "public".equals(s.reach())).map(StatusReport.ServiceBlock::name).toList());
    }

    /** One service of several: a verdict line naming it, how it is reached, then its targets, ECS service, image and rollout. */
    private static void block(StringBuilder b, StatusReport.ServiceBlock s, Ansi ansi) {
        String verdict = s.healthy() ? ansi.green("✓ healthy") : ansi.red("✗ " + s.problems().size() + (s.problems().size() == 1 ? " problem" : " problems"));
        b.append('\n').append(ansi.bold(s.name())).append(" · ").append(verdict).append('\n');
        if ("public".equals(s.reach())) line(b, "URL", s.urls().isEmpty() ? "none yet (the load balancer has no name)" : String.join(", ", s.urls()));
        else if ("worker".equals(s.reach())) line(b, "Reached", "worker (no load balancer route, not called by the other services)");
        else line(b, "Reached", s.reach() + " (from the app's other services only)");
        targets(b, s.targets(), ansi);
        service(b, s.service(), ansi);
    }

    /** {@code Jobs  report  cron(0/10 * * * ? *) UTC · next 00:40Z · last: exit 0 after 3s (00:30Z)}, one job a line. */
    private static void jobs(StringBuilder b, List<StatusReport.JobStatus> jobs) {
        String label = "Jobs";
        for (StatusReport.JobStatus j : jobs) {
            StringBuilder t = new StringBuilder(j.name()).append("  ").append(j.schedule()).append(' ').append(j.timezone());
            if (!j.deployed()) t.append(" · no schedule yet (gantry apply)");
            else if (!j.enabled()) t.append(" · disabled");
            else t.append(" · next ").append(j.nextRun() == null ? "unknown" : stamp(j.nextRun()));
            StatusReport.JobRun r = j.lastRun();
            if (r == null) t.append(" · last: none that ECS still shows (it keeps stopped tasks about an hour)");
            else if (r.running()) t.append(" · running since ").append(stamp(r.startedAt() != null ? r.startedAt() : r.createdAt()));
            else if (r.timedOut()) t.append(" · last: ").append(r.timedOutWords()).append(" (").append(stamp(r.createdAt())).append(')');
            else if (r.exitCode() != null) t.append(" · last: ").append(r.exitCode() == 0 ? "ok" : "failed, exit " + r.exitCode())
                    .append(r.took() == null ? "" : " after " + dev.gantry.ui.Durations.format(r.took())).append(" (").append(stamp(r.createdAt())).append(')');
            else t.append(" · last: never ran its command (").append(stamp(r.createdAt())).append("): ").append(r.stoppedReason());
            line(b, label, t.toString());
            label = "";
        }
    }

    private static String stamp(java.time.Instant at) {
        return at == null ? "?" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(java.time.ZoneOffset.UTC).format(at);
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format(Locale.ROOT, LABEL, label)).append(text).append('\n');
    }

    /**
     * One line for the alarms (each one not OK named), one for who is told and whether they
     * confirmed. {@code blocks}: each service's alarms were said in its block, so only the load
     * balancer's are left here.
     */
    private static void alerts(StringBuilder b, StatusReport.AlertsStatus a, boolean blocks, Ansi ansi) {
        if (a == null) return;
        if (!blocks) alarms(b, a.alarms(), "", ansi);
        else alarms(b, a.alarms().stream().filter(x -> x.service() == null).toList(), " (the load balancer's, over every public service)", ansi);
        if (a.topicArn() == null) {
            line(b, "Alert email", ansi.yellow("the topic is missing: alarms tell nobody"));
            return;
        }
        if (a.subscriptions().isEmpty()) {
            line(b, "Alert email", "nobody subscribed");
            return;
        }
        StringBuilder e = new StringBuilder();
        for (StatusReport.Subscription x : a.subscriptions()) {
            if (e.length() > 0) e.append(", ");
            e.append(x.email()).append(x.confirmed() ? "" : ansi.yellow(" (pending: follow the link in the email from AWS Notifications)"));
        }
        line(b, "Alert email", e.toString());
    }

    /** {@code Alarms  3 of 4 OK; NAME firing since …}; nothing when there are none. */
    private static void alarms(StringBuilder b, List<StatusReport.Alarm> alarms, String whose, Ansi ansi) {
        if (alarms.isEmpty()) return;
        long ok = alarms.stream().filter(x -> "OK".equals(x.state())).count();
        StringBuilder s = new StringBuilder().append(ok).append(" of ").append(alarms.size()).append(" OK").append(whose);
        for (StatusReport.Alarm x : alarms) {
            if ("OK".equals(x.state())) continue;
            boolean firing = "ALARM".equals(x.state());
            String word = firing ? "firing" : x.noDataBecause() != null ? "has no data: " + x.noDataBecause() : "no data yet";
            s.append("; ").append(firing ? ansi.red(x.name() + " " + word) : ansi.dim(x.name() + " " + word))
                    .append(x.since() == null || x.noDataBecause() != null ? "" : " since " + TIME.format(x.since()));
        }
        line(b, "Alarms", s.toString());
    }

    private static void certificate(StringBuilder b, StatusReport.CertificateStatus c) {
        if (c == null) return;
        String status = c.status() == null ? "unknown" : c.status().toLowerCase(Locale.ROOT).replace('_', ' ');
        line(b, "Certificate", String.join(", ", c.names()) + ": " + status + (c.notAfter() == null ? "" : ", valid until " + TIME.format(c.notAfter()).substring(0, 10)));
    }

    private static void targets(StringBuilder b, StatusReport.TargetsStatus t, Ansi ansi) {
        if (t == null) return;
        int total = t.targets().size();
        StringBuilder s = new StringBuilder().append(t.count("healthy")).append(" of ").append(total).append(" healthy (load balancer targets)");
        for (StatusReport.Target x : t.targets()) {
            String state = x.state() == null ? "unknown" : x.state();
            String shown = "healthy".equals(state) ? ansi.green(state) : "unhealthy".equals(state) ? ansi.red(state) : ansi.yellow(state);
            s.append("\n").append(" ".repeat(13)).append(x.id()).append(x.port() == null ? "" : ":" + x.port()).append("  ").append(shown);
            if (x.description() != null && !"healthy".equals(state)) s.append(" (").append(x.description()).append(')');
        }
        line(b, "Targets", s.toString());
    }

    private static void service(StringBuilder b, StatusReport.ServiceStatus s, Ansi ansi) {
        if (s == null) {
            line(b, "Service", ansi.red("missing"));
            return;
        }
        line(b, "Service", s.name() + " in cluster " + s.cluster() + ": " + s.desired() + " desired · " + s.running() + " running · "
                + s.pending() + " pending · task definition " + s.taskDefinition());
        for (StatusReport.RunningImage i : s.images()) {
            line(b, "Image", i.image() + " · runs " + i.digest() + " (" + i.tasks() + (i.tasks() == 1 ? " task)" : " tasks)"));
        }
        StatusReport.Deployment p = s.primary();
        if (p != null) {
            String state = p.rolloutState() == null ? "unknown" : p.rolloutState();
            String shown = "COMPLETED".equals(state) ? ansi.green(state) : "FAILED".equals(state) ? ansi.red(state) : ansi.yellow(state);
            String more = s.deployments().size() > 1 ? " · " + (s.deployments().size() - 1) + " older deployment(s) still draining" : "";
            line(b, "Rollout", shown + " · " + p.taskDefinition() + " · " + p.running() + "/" + p.desired() + " running"
                    + (p.failed() > 0 ? " · " + p.failed() + " failed tasks" : "")
                    + (p.createdAt() == null ? "" : " · started " + TIME.format(p.createdAt())) + more
                    // ECS's reason only adds something when the rollout failed ("in progress." otherwise)
                    + (!"FAILED".equals(state) || p.rolloutStateReason() == null ? "" : "\n" + " ".repeat(13) + ansi.dim(p.rolloutStateReason())));
        }
        List<StatusReport.Event> events = s.events();
        if (!events.isEmpty()) {
            b.append(String.format(Locale.ROOT, LABEL, "Events"));
            for (int i = 0; i < events.size(); i++) {
                StatusReport.Event e = events.get(i);
                if (i > 0) b.append(" ".repeat(13));
                b.append(ansi.dim(e.at() == null ? "" : TIME.format(e.at()))).append("  ").append(e.message()).append('\n');
            }
        }
    }

    private static void cost(StringBuilder b, StatusReport.Cost c) {
        if (c == null) return;
        b.append('\n').append(String.format(Locale.ROOT, LABEL, "Cost")).append(String.format(Locale.ROOT, "about $%,.2f a month", c.monthlyUsd()))
                .append(" (").append(c.label()).append(")\n");
        for (StatusReport.CostLine l : c.lines()) {
            b.append(" ".repeat(13)).append(String.format(Locale.ROOT, "%-46s %10s", l.item(), String.format(Locale.ROOT, "$%,.2f", l.monthlyUsd()))).append('\n');
        }
        b.append(" ".repeat(13)).append(c.excludes()).append('\n');
    }

    public static String time(Instant at) { return at == null ? "" : TIME.format(at); }
}

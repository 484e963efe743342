package dev.gantry.wizard;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Alerts;
import dev.gantry.spec.Guard;
import dev.gantry.spec.Rules;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Alerts (who is emailed when the service is unwell) and the guard (off, report, repair). */
final class AlertsGuardQuestions {
    private AlertsGuardQuestions() {}

    /** The figures in the choices' words come from the same cost model as every estimate. */
    private static final CostEstimate COST = new CostEstimate(Prices.embedded());

    /** A file with an alerts section (even {@code alerts:} alone) has alerts; the default is none. */
    private static final SpecField<String> ALERTS = SpecField.shape("alerts",
            d -> d.value("alerts") instanceof Map || d.has("alerts") && d.value("alerts") == null ? "yes" : "no",
            d -> { if (d.shape("alerts").equals("yes")) d.section("alerts"); });

    /** off: no guard section; report and repair are guard.repair's report and safe. */
    private static final SpecField<String> GUARD = SpecField.shape("guard",
            d -> d.value("guard") instanceof Map<?, ?> g ? ("report".equals(String.valueOf(g.get("repair"))) ? "report" : "repair")
                    : d.has("guard") ? "repair" : "off",
            d -> {
                if (d.shape("guard").equals("off")) return;
                d.section("guard");
                d.put("guard.repair", d.shape("guard").equals("report") ? Guard.Repair.REPORT.yaml() : Guard.Repair.SAFE.yaml());
            });

    private static boolean alerting(AnswersSoFar k) { return k.is("alerts", "yes"); }

    private static boolean guarding(AnswersSoFar k) { return !k.is("guard", "off"); }

    /** The alarms the answers make: the load balancer's once, then each service's (several in version 2). */
    private static int alarms(AnswersSoFar k) {
        if (k instanceof WizardFlow f && f.servicesVersion()) {
            int publics = f.publicServiceCount();
            return Alerts.alarmCount(publics, f.services().size() - publics);
        }
        return Alerts.alarmCount(k.is("loadBalancer", "yes"));
    }

    /** The period the answers say, or the default while it is not a valid one yet. */
    private static int everyMinutes(AnswersSoFar k) {
        String every = k.get("guard.every");
        return every != null && Rules.guardEvery(every) == null ? Guard.parseMinutes(every) : Guard.DEFAULT_MINUTES;
    }

    private static String guardCost(AnswersSoFar k) {
        int every = everyMinutes(k);
        return String.format(Locale.ROOT, "About %s a month at every %s (%,d runs; Lambda's and Scheduler's free tiers cover it in most accounts).",
                CostEstimate.usd(COST.guardMonthly(every)), new Guard(every, null).every(), COST.guardRunsPerMonth(every));
    }

    static List<Question> all() {
        return List.of(
                Question.in(WizardScreen.ALERTS, ALERTS, Kind.CHOICE)
                        .title("Email someone when the service is unwell?")
                        .explain("""
                                CloudWatch alarms watch the service and an SNS topic emails each address when \
                                one fires (each address confirms once, by a link in the first email). With a load \
                                balancer: 5xx answers (10 a minute), p95 latency over 2 s, and each public \
                                service's unhealthy targets; for each service: fewer tasks running than desired, \
                                CPU or memory over 80%, tasks that stop with an error. Each must last 3 minutes, \
                                so one bad minute stays quiet. A rollout that trips the 5xx, unhealthy or \
                                running-count alarm is rolled back. Thresholds: \
                                http5xxPerMinute, latencyP95Ms, cpuPercent, memoryPercent in gantry.yaml. \
                                Default: no, unless an address is given.""")
                        .choices(k -> List.of(
                                new Choice("yes", "yes, by email", alarms(k) + " CloudWatch alarms, billed per alarm-month: "
                                        + CostEstimate.usd(COST.alarmsMonthly(alarms(k))) + " a month; the first 1,000 emails a month are free."),
                                new Choice("no", "no alerts", "Nothing watches the service or tells anyone; costs nothing.")))
                        .defaults(k -> k.given("alerts.email") ? "yes" : "no")
                        // --alert-email answers "yes" by naming who to tell.
                        .toggle("--no-alerts", "no", "No alarms and no email (the default unless --alert-email is given).")
                        .build(),
                Question.in(WizardScreen.ALERTS, SpecField.list("alerts.email"), Kind.LIST)
                        .title("Email addresses to tell")
                        .explain("""
                                Who hears of a firing alarm (and of the guard's repairs and reports), e.g. \
                                ops@example.com; several are separated by commas. Each gets one confirmation \
                                email from AWS and nothing more until the link in it is followed; gantry \
                                status shows who has not confirmed yet.""")
                        // None is valid (the alarms still roll a bad rollout back), but said plainly.
                        .defaults("")
                        .validate(AlertsGuardQuestions::emails)
                        .warn((v, k) -> AnswerText.list(v).isEmpty() ? "no email address: the alarms are made, but nobody is told when one fires" : null)
                        .when(AlertsGuardQuestions::alerting, "alerts: yes")
                        .repeatable("--alert-email", "EMAIL", "Email this address when an alarm fires (turns alerts on). Repeatable.")
                        .build(),
                Question.in(WizardScreen.ALERTS, GUARD, Kind.CHOICE)
                        .title("Guard the stack between applies?")
                        .explain("""
                                The guard is a small Lambda function in your account that EventBridge Scheduler \
                                runs every few minutes. It reads the spec apply stored (an SSM parameter: names, \
                                never a secret value), compares AWS with it as gantry plan does, and logs each \
                                difference to /gantry/APP/guard (emailed too, with alerts). It never replaces or \
                                deletes anything, never touches what is not the app's, and skips a run while an \
                                apply holds the lock. gantry guard status shows its last run. Default: off.""")
                        .choices(k -> List.of(
                                new Choice("off", "off", "Drift (a listener deleted by hand, a service scaled to zero) stays until the next apply. Costs nothing."),
                                new Choice("report", "report only", "Changes nothing; reports every difference. " + guardCost(k)),
                                new Choice("repair", "repair what is safe", "Puts back what was deleted or changed in place (a listener, a route, a rule, a policy, "
                                        + "a log group, a DNS record, the task count); reports the rest. The same cost as report.")))
                        .defaults("off")
                        .option("--guard", "off|report|repair")
                        .build(),
                Question.in(WizardScreen.ALERTS, SpecField.text("guard.every"), Kind.TEXT)
                        .title("How often the guard looks")
                        .explain("""
                                A whole number and m, h or d, from 5m to 1d: each run starts Java and reads the \
                                whole stack, so it is not made more often. Every 5m is 8,760 runs a month, some \
                                seconds each of a 1 GB function; every 1h is 730. Drift is put back within one \
                                period. Default 5m.""")
                        .defaults(Guard.DEFAULT_MINUTES + "m")
                        .validate(v -> Checks.text(Rules.guardEvery(v.trim())))
                        .when(AlertsGuardQuestions::guarding, "guard: report or repair")
                        .option("--guard-every", "PERIOD", "How often the guard runs: 5m to 1d (default 5m).")
                        .build());
    }

    /** Each address as the spec checks it (offline, by its shape), and none twice. */
    private static String emails(String v) {
        Set<String> seen = new HashSet<>();
        for (String e : AnswerText.list(v)) {
            Rules.Problem bad = Rules.email(e);
            if (bad != null) return bad.text();
            if (!seen.add(e.toLowerCase(Locale.ROOT))) return e + " is listed twice (remove the duplicate)";
        }
        return null;
    }
}

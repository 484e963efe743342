package dev.gantry.spec.yaml;

import dev.gantry.spec.Job;
import dev.gantry.spec.Rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The {@code jobs} section: NAME → schedule, command and what differs from the service's task. */
final class JobsBinder {
    static final List<String> JOB_KEYS = List.of("schedule", "timezone", "command", "image", "cpu", "memory", "environment", "timeout", "secrets");
    /** Short enough for the task definition family APP-job-NAME and the schedule's name (64). */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,30}$");
    private static final Pattern RATE = Pattern.compile("^rate\\([1-9][0-9]{0,8} (minute|minutes|hour|hours|day|days)\\)$");
    private static final Pattern CRON = Pattern.compile("^cron\\(\\S+ \\S+ (\\S+) \\S+ (\\S+) \\S+\\)$");
    private static final Pattern TIMEOUT = Pattern.compile("^([1-9][0-9]{0,6})(s|m|h)$");
    private static final String EXAMPLE = "schedule: cron(0 3 * * ? *) (03:00 every day) or schedule: rate(15 minutes)";

    private final Report report;

    JobsBinder(Report report) { this.report = report; }

    /** {@code task}: the service's task (null when it did not bind), whose secrets a job may name. */
    Map<String, Job> bind(MapReader root, dev.gantry.spec.Task task) {
        Node.MapNode m = root.map("jobs");
        if (m == null) return Map.of();
        Map<String, Job> out = new TreeMap<>();
        for (Node.Entry e : m.entries().values()) {
            String field = "jobs." + e.key();
            if (!NAME.matcher(e.key()).matches()) {
                report.error(e.line(), e.column(), field, "a job's name is 1–31 lowercase letters, digits and -, starting with a letter, got '" + e.key() + "'",
                        "rename it, e.g. nightly-report");
            }
            Node v = e.value();
            if (!(v instanceof Node.MapNode jm)) {
                report.error(v.line(), v.column(), field, "expected a map of fields (schedule, command, …), got " + v.describe(),
                        "write the job's fields on the lines below '" + e.key() + ":', indented");
                continue;
            }
            Job job = job(e.key(), new MapReader(jm, field, e.line(), e.column(), report, JOB_KEYS), task);
            if (job != null) out.put(e.key(), job);
        }
        return out;
    }

    private Job job(String name, MapReader s, dev.gantry.spec.Task task) {
        String schedule = s.string("schedule");
        if (!s.has("schedule")) s.required("schedule", "add e.g. " + EXAMPLE);
        else if (schedule != null) checkSchedule(s, schedule);
        String timezone = s.string("timezone");
        if (timezone != null) {
            try {
                java.time.ZoneId.of(timezone);
            } catch (RuntimeException bad) {
                report.error(s.valueLine("timezone"), s.valueColumn("timezone"), s.field("timezone"), "'" + timezone + "' is not a time zone",
                        "use an IANA name such as Europe/Paris or America/New_York (UTC when left out)");
            }
        }
        List<String> command = s.strings("command", "[\"bin/report\", \"--daily\"]");
        if (!s.has("command")) s.required("command", "add the command to run, e.g. command: [\"bin/report\", \"--daily\"]");
        else if (command != null && command.isEmpty()) {
            report.error(s.valueLine("command"), s.valueColumn("command"), s.field("command"), "the command is empty", "give the command to run");
        }
        String image = s.string("image");
        if (image != null) s.check("image", Rules.image(image));
        Long cpu = s.integer("cpu");
        boolean cpuOk = cpu == null || s.check("cpu", Rules.cpu(cpu));
        Long memory = s.integer("memory");
        if ((cpu == null) != (memory == null)) {
            String given = cpu != null ? "cpu" : "memory";
            report.error(s.lineOf(given), s.columnOf(given), s.field(given), "give a job's cpu and memory together, or neither (the service's size)",
                    "add " + (cpu != null ? "memory" : "cpu") + ", or remove " + given);
        } else if (cpu != null && cpuOk) {
            s.check("memory", Rules.memoryForCpu(cpu.intValue(), memory));
        }
        Map<String, String> environment = environment(s);
        Integer timeout = timeout(s);
        List<String> secrets = secrets(s, task);
        if (schedule == null || command == null || command.isEmpty()) return null;
        return new Job(name, schedule, timezone, command, image, cpu == null ? null : cpu.intValue(), memory == null ? null : memory.intValue(), environment,
                timeout, secrets);
    }

    /** Seconds; at least a minute, so a run is not stopped before its task has even pulled its image. */
    private Integer timeout(MapReader s) {
        if (!s.has("timeout")) return null;
        String text = s.string("timeout");
        if (text == null) return null;
        var m = TIMEOUT.matcher(text.trim());
        if (!m.matches()) {
            report.error(s.valueLine("timeout"), s.valueColumn("timeout"), s.field("timeout"), "'" + text + "' is not a duration",
                    "write a number and a unit: s, m or h, e.g. timeout: 30m");
            return null;
        }
        long seconds = Long.parseLong(m.group(1)) * switch (m.group(2)) { case "h" -> 3600; case "m" -> 60; default -> 1; };
        if (seconds < 60 || seconds > Integer.MAX_VALUE) {
            report.error(s.valueLine("timeout"), s.valueColumn("timeout"), s.field("timeout"),
                    seconds < 60 ? "a timeout under a minute would stop the run while its task is still starting" : "'" + text + "' is too long",
                    "use at least 1m, e.g. timeout: 30m");
            return null;
        }
        return (int) seconds;
    }

    /** Names of the service's secrets (task.secrets); null when left out: the job gets them all. */
    private List<String> secrets(MapReader s, dev.gantry.spec.Task task) {
        if (!s.has("secrets")) return null;
        List<String> names = s.strings("secrets", "[DATABASE_URL]");
        if (names == null || task == null) return names;
        java.util.Set<String> has = task.secrets().keySet();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Node.ListNode l = s.list("secrets", "[DATABASE_URL]");
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            Node item = l.items().get(i);
            String f = s.field("secrets") + "[" + i + "]";
            if (!has.contains(n)) {
                report.error(item.line(), item.column(), f, "the service has no secret " + n,
                        has.isEmpty() ? "add it under task.secrets first, or remove it here" : "the service's secrets: " + String.join(", ", new java.util.TreeSet<>(has)));
            } else if (!seen.add(n)) {
                report.error(item.line(), item.column(), f, n + " is named twice", "name each secret once");
            }
        }
        return names;
    }

    /** The shape AWS wants; the fields' values are AWS's to judge (the plan's create call says so if it refuses). */
    private void checkSchedule(MapReader s, String schedule) {
        var cron = CRON.matcher(schedule);
        if (RATE.matcher(schedule).matches()) return;
        if (cron.matches()) {
            if (cron.group(1).equals("?") == cron.group(2).equals("?")) {
                report.error(s.valueLine("schedule"), s.valueColumn("schedule"), s.field("schedule"),
                        "one of day-of-month (3rd field) and day-of-week (5th field) must be '?', and only one",
                        "e.g. cron(0 3 * * ? *) for every day, cron(0 3 ? * MON *) for Mondays");
            }
            return;
        }
        report.error(s.valueLine("schedule"), s.valueColumn("schedule"), s.field("schedule"),
                "'" + schedule + "' is not an EventBridge Scheduler expression: cron(MIN HOUR DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR) or rate(N minutes|hours|days)",
                "e.g. " + EXAMPLE);
    }

    private Map<String, String> environment(MapReader s) {
        Node.MapNode m = s.map("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (m == null) return env;
        for (Node.Entry e : m.entries().values()) {
            String field = s.field("environment") + "." + e.key();
            Rules.Problem p = Rules.envName(e.key());
            if (p != null) report.error(e.line(), e.column(), field, p);
            if (e.value() instanceof Node.ScalarNode sc && sc.kind() == Node.Kind.STRING) env.put(e.key(), sc.text());
            else report.error(e.value().line(), e.value().column(), field, "environment values are text, got " + e.value().describe(),
                    "quote it: " + e.key() + ": \"…\"");
        }
        return env;
    }
}

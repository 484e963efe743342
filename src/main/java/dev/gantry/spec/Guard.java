package dev.gantry.spec;

/**
 * The guard: a reconciler gantry installs in the account (an AWS Lambda function run by
 * EventBridge Scheduler every {@link #everyMinutes} minutes) that compares AWS with the spec apply
 * stored, repairs what is safe to repair without a person ({@link Repair#SAFE}) or only reports
 * ({@link Repair#REPORT}). Absent from a spec: off.
 */
public record Guard(int everyMinutes, Repair repair) {
    /**
     * Each run is a full refresh (tens of reads, some seconds of Lambda time): more often than
     * every 5 minutes buys little, and a run must end before the next starts.
     */
    public static final int MIN_MINUTES = 5;
    /** Once a day at least: a guard that looks less often than that hardly guards. */
    public static final int MAX_MINUTES = 24 * 60;
    public static final int DEFAULT_MINUTES = 5;

    public enum Repair implements YamlEnum {
        /** Recreate what was deleted and put back what changed in place; report the rest. */
        SAFE("safe"),
        /** Change nothing; report every difference. */
        REPORT("report");

        private final String yaml;

        Repair(String yaml) { this.yaml = yaml; }

        @Override public String yaml() { return yaml; }
    }

    public Guard {
        if (repair == null) repair = Repair.SAFE;
    }

    /** The spelling in gantry.yaml: "5m", "2h", "1d" (the largest unit that divides it). */
    public String every() {
        if (everyMinutes % (24 * 60) == 0) return everyMinutes / (24 * 60) + "d";
        if (everyMinutes % 60 == 0) return everyMinutes / 60 + "h";
        return everyMinutes + "m";
    }

    /** EventBridge Scheduler's rate expression: minutes always (rate(60 minutes) is valid; the unit is singular for 1). */
    public String rateExpression() {
        return "rate(" + everyMinutes + (everyMinutes == 1 ? " minute)" : " minutes)");
    }

    /**
     * Minutes from "5m", "1h", "1d" (a positive whole number and a unit), or null when the text
     * has another shape.
     */
    public static Integer parseMinutes(String text) {
        if (text == null) return null;
        var m = java.util.regex.Pattern.compile("([0-9]{1,6})\\s*(m|min|h|d)").matcher(text.trim());
        if (!m.matches()) return null;
        long n = Long.parseLong(m.group(1));
        long minutes = switch (m.group(2)) {
            case "h" -> n * 60;
            case "d" -> n * 24 * 60;
            default -> n;
        };
        return minutes > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) minutes;
    }
}

package dev.gantry.ui;

import java.time.Duration;

/** Short human durations: {@code 2s}, {@code 1m05s}, {@code 1h02m}. */
public final class Durations {
    private Durations() {}

    public static String format(Duration d) {
        if (d == null) return "";
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return String.format("%dm%02ds", s / 60, s % 60);
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** Seconds with millisecond precision, the JSON schemas' unit for time. */
    public static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

package dev.gantry.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of a log window: a span back from now ({@code 30s}, {@code 10m}, {@code 2h},
 * {@code 1d}) or a point in time in ISO 8601. A time without an offset is read as UTC, because the
 * log lines gantry prints are in UTC and people copy times from them.
 */
public final class Since {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,9})([smhd])");

    private Since() {}

    /** @throws IllegalArgumentException with a message that says what is accepted */
    public static Instant parse(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        Matcher m = SPAN.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try { return Instant.parse(t); } catch (DateTimeParseException ignored) { /* try the next form */ }
        try { return OffsetDateTime.parse(t).toInstant(); } catch (DateTimeParseException ignored) { /* next */ }
        try { return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC); } catch (DateTimeParseException ignored) { /* next */ }
        try { return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC); } catch (DateTimeParseException ignored) { /* below */ }
        throw new IllegalArgumentException("--since " + text + ": expected a span such as 30s, 10m, 2h or 1d, "
                + "or a time such as 2026-01-31T09:30:00Z (no offset means UTC)");
    }
}

package dev.gantry.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's schedule expressions (what the simulated AWS fires on and status calls the next run), with AWS's rules
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
 * {@code rate(VALUE UNIT)} (a positive integer; minute(s), hour(s), day(s); without a start date
 * the first invocation is at once), {@code cron(MIN HOUR DOM MONTH DOW YEAR)} (six fields;
 * {@code , - * /} everywhere, {@code ?} in one of day-of-month and day-of-week, which must be
 * {@code ?} when the other is not, {@code L} and {@code W} in day-of-month, {@code L} and
 * {@code #} in day-of-week, months JAN–DEC, weekdays SUN–SAT = 1–7, years 1970–2199), evaluated
 * in the schedule's time zone, and {@code at(yyyy-mm-ddThh:mm:ss)}. Invocations have one-minute
 * precision; the simulation fires at the start of the minute.
 */
public final class ScheduleExpression {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Map<String, Integer> MONTHS = names("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final Map<String, Integer> DAYS = names("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final Duration rate;
    private final Cron cron;
    private final LocalDateTime at;

    private ScheduleExpression(Duration rate, Cron cron, LocalDateTime at) {
        this.rate = rate;
        this.cron = cron;
        this.at = at;
    }

    /** The expression, or IllegalArgumentException with AWS's words when AWS would refuse it. */
    public static ScheduleExpression parse(String text) {
        String invalid = "Invalid Schedule Expression " + text + ".";
        if (text == null) throw new IllegalArgumentException("Invalid Schedule Expression null.");
        Matcher m = RATE.matcher(text);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(invalid);
            }
            if (n < 1) throw new IllegalArgumentException(invalid);
            Duration unit = m.group(2).startsWith("minute") ? Duration.ofMinutes(1) : m.group(2).startsWith("hour") ? Duration.ofHours(1) : Duration.ofDays(1);
            return new ScheduleExpression(unit.multipliedBy(n), null, null);
        }
        m = CRON.matcher(text);
        if (m.matches()) return new ScheduleExpression(null, Cron.parse(m.group(1).trim(), invalid), null);
        m = AT.matcher(text);
        if (m.matches()) {
            try {
                return new ScheduleExpression(null, null, LocalDateTime.parse(m.group(1)));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(invalid);
            }
        }
        throw new IllegalArgumentException(invalid);
    }

    /** Invocation times in (after, upTo], at most {@code limit} of them; {@code start} anchors a rate. */
    public List<Instant> between(Instant start, Instant after, Instant upTo, ZoneId zone, int limit) {
        List<Instant> out = new ArrayList<>();
        if (rate != null) {
            long k = after.isBefore(start) ? 0 : Duration.between(start, after).dividedBy(rate) + 1;
            for (Instant t = start.plus(rate.multipliedBy(k)); !t.isAfter(upTo) && out.size() < limit; t = t.plus(rate)) {
                if (t.isAfter(after)) out.add(t);
            }
            return out;
        }
        if (at != null) {
            Instant t = at.atZone(zone).toInstant();
            if (t.isAfter(after) && !t.isAfter(upTo)) out.add(t);
            return out;
        }
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime end = upTo.atZone(zone);
        while (!t.isAfter(end) && out.size() < limit) {
            if (!cron.dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
                continue;
            }
            if (cron.hours.get(t.getHour()) && cron.minutes.get(t.getMinute())) out.add(t.toInstant());
            t = t.plusMinutes(1);
        }
        return out;
    }

    /** The next invocation after {@code after}, within a year and a day, or null. */
    public Instant next(Instant start, Instant after, ZoneId zone) {
        List<Instant> n = between(start, after, after.plus(Duration.ofDays(367)), zone, 1);
        return n.isEmpty() ? null : n.get(0);
    }

    private record Cron(BitSet minutes, BitSet hours, BitSet months, BitSet years, String dom, String dow) {
        static Cron parse(String fields, String invalid) {
            String[] f = fields.split("\\s+");
            if (f.length != 6) throw new IllegalArgumentException(invalid);
            String dom = f[2].toUpperCase(Locale.ROOT), dow = f[4].toUpperCase(Locale.ROOT);
            // One of day-of-month and day-of-week is '?', never both.
            if (dom.equals("?") == dow.equals("?")) throw new IllegalArgumentException(invalid);
            BitSet minutes = set(f[0], 0, 59, Map.of(), invalid), hours = set(f[1], 0, 23, Map.of(), invalid);
            BitSet months = set(f[3].toUpperCase(Locale.ROOT), 1, 12, MONTHS, invalid), years = set(f[5], 1970, 2199, Map.of(), invalid);
            if (!dom.equals("?") && !dom.matches("L|LW|([1-9]|[12][0-9]|3[01])W")) set(dom, 1, 31, Map.of(), invalid);
            if (!dow.equals("?") && !dow.matches("[1-7]#[1-5]|[A-Z]{3}#[1-5]|[1-7]?L|[A-Z]{3}L")) set(dow, 1, 7, DAYS, invalid);
            if (dow.contains("#") || dow.endsWith("L") && dow.length() > 1) {
                String d = dow.substring(0, dow.length() - (dow.contains("#") ? 2 : 1));
                if (!d.isEmpty() && number(d, DAYS, invalid) > 7) throw new IllegalArgumentException(invalid);
            }
            return new Cron(minutes, hours, months, years, dom, dow);
        }

        boolean dayMatches(LocalDate d) {
            if (!months.get(d.getMonthValue()) || d.getYear() > 2199 || !years.get(d.getYear())) return false;
            int weekday = d.getDayOfWeek().getValue() % 7 + 1; // SUN = 1 … SAT = 7
            if (!dom.equals("?")) {
                int last = d.lengthOfMonth();
                if (dom.equals("L")) return d.getDayOfMonth() == last;
                if (dom.equals("LW")) return d.equals(nearestWeekday(d.withDayOfMonth(last)));
                if (dom.endsWith("W")) {
                    int n = Integer.parseInt(dom.substring(0, dom.length() - 1));
                    return n <= last && d.equals(nearestWeekday(d.withDayOfMonth(n)));
                }
                return set(dom, 1, 31, Map.of(), "").get(d.getDayOfMonth());
            }
            if (dow.contains("#")) {
                int day = number(dow.substring(0, dow.indexOf('#')), DAYS, "");
                int nth = Integer.parseInt(dow.substring(dow.indexOf('#') + 1));
                return weekday == day && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            if (dow.equals("L")) return weekday == 7;
            if (dow.endsWith("L")) {
                int day = number(dow.substring(0, dow.length() - 1), DAYS, "");
                return weekday == day && d.plusWeeks(1).getMonthValue() != d.getMonthValue();
            }
            return set(dow, 1, 7, DAYS, "").get(weekday);
        }

        private static LocalDate nearestWeekday(LocalDate d) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY) return d.getDayOfMonth() > 1 ? d.minusDays(1) : d.plusDays(2);
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) return d.getDayOfMonth() < d.lengthOfMonth() ? d.plusDays(1) : d.minusDays(2);
            return d;
        }
    }

    /** A field of numbers: {@code *}, {@code N}, {@code A-B}, {@code X/STEP}, comma-separated. */
    private static BitSet set(String field, int min, int max, Map<String, Integer> names, String invalid) {
        BitSet out = new BitSet();
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), Map.of(), invalid);
                if (step < 1) throw new IllegalArgumentException(invalid);
            }
            int from, to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), names, invalid);
                to = number(range.substring(range.indexOf('-') + 1), names, invalid);
            } else {
                from = number(range, names, invalid);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) throw new IllegalArgumentException(invalid);
            for (int v = from; v <= to; v += step) out.set(v);
        }
        return out;
    }

    private static int number(String s, Map<String, Integer> names, String invalid) {
        Integer named = names.get(s.toUpperCase(Locale.ROOT));
        if (named != null) return named;
        if (!s.matches("\\d{1,4}")) throw new IllegalArgumentException(invalid);
        return Integer.parseInt(s);
    }

    private static Map<String, Integer> names(String... n) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < n.length; i++) m.put(n[i], i + 1);
        return Map.copyOf(m);
    }

}

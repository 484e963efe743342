package dev.gantry.aws.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a one-off task's command does, as the simulated AWS reads it: it has no containers, so it
 * understands the few shell words a migration or a check is made of in tests and rehearsals:
 * {@code echo TEXT} prints a log line, {@code sleep N} takes N seconds, {@code exit N} ends with
 * code N, {@code true}/{@code false} end with 0/1, and {@code sh -c "…"} runs such words separated
 * by {@code ;} or {@code &&} (after a failing word, {@code &&} stops). Anything else prints one
 * line saying what would have run and succeeds. Documented in docs/daytwo.md.
 */
record SimProgram(List<Line> lines, int exitCode, Duration runs) {
    /** A line the program prints, {@code after} its start. */
    record Line(Duration after, String text) {}

    /** A program with no words of its own runs for this long before it ends. */
    static final Duration MINIMUM = Duration.ofSeconds(1);

    static SimProgram of(List<String> command) {
        List<Line> lines = new ArrayList<>();
        if (command == null || command.isEmpty()) return new SimProgram(lines, 0, MINIMUM);
        String first = command.get(0).replaceFirst(".*/", "");
        if ((first.equals("sh") || first.equals("bash")) && command.size() >= 3 && command.get(1).equals("-c")) {
            return script(command.get(2));
        }
        Step step = word(command);
        step.lines.forEach(l -> lines.add(new Line(Duration.ZERO, l)));
        return new SimProgram(lines, step.exit == null ? 0 : step.exit, MINIMUM.plus(step.takes));
    }

    private record Step(List<String> lines, Integer exit, Duration takes, boolean ends) {}

    private static SimProgram script(String script) {
        List<Line> lines = new ArrayList<>();
        Duration takes = MINIMUM;
        int code = 0;
        // Split on ; and && keeping which one joined each part to the next.
        String[] parts = script.split("(?<=;)|(?=;)|(?<=&&)|(?=&&)");
        boolean skip = false;
        for (String raw : parts) {
            String part = raw.trim();
            if (part.isEmpty()) continue;
            if (part.equals(";")) { skip = false; continue; }
            if (part.equals("&&")) { skip = code != 0; continue; }
            if (skip) continue;
            Step s = word(words(part));
            Duration at = takes.minus(MINIMUM);
            s.lines.forEach(l -> lines.add(new Line(at, l)));
            takes = takes.plus(s.takes);
            code = s.exit == null ? 0 : s.exit;
            if (s.ends) break;
        }
        return new SimProgram(lines, code, takes);
    }

    private static Step word(List<String> w) {
        String verb = w.get(0).replaceFirst(".*/", "");
        List<String> args = w.subList(1, w.size());
        return switch (verb) {
            case "echo" -> new Step(List.of(String.join(" ", args)), 0, Duration.ZERO, false);
            case "sleep" -> new Step(List.of(), 0, Duration.ofSeconds(number(args, 1)), false);
            case "exit" -> new Step(List.of(), (int) number(args, 0), Duration.ZERO, true);
            case "true" -> new Step(List.of(), 0, Duration.ZERO, false);
            case "false" -> new Step(List.of(), 1, Duration.ZERO, false);
            default -> new Step(List.of("(simulated) ran: " + String.join(" ", w)), 0, Duration.ZERO, false);
        };
    }

    private static long number(List<String> args, long otherwise) {
        try {
            return args.isEmpty() ? otherwise : Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Shell-like words: spaces separate, single or double quotes keep a word together. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char ch : text.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) quote = 0; else cur.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (cur.length() > 0 || any) { out.add(cur.toString()); cur.setLength(0); any = false; }
            } else {
                cur.append(ch);
            }
        }
        if (cur.length() > 0 || any) out.add(cur.toString());
        if (out.isEmpty()) out.add("true");
        return out;
    }
}

package dev.gantry.ui;

import dev.gantry.ops.LogLine;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One container line as {@code [0123abcd] 2026-01-31 09:30:05.123Z message}: the short task id
 * first, so lines of several tasks can be told apart (and grepped), then the time in UTC. A
 * message of several lines (a stack trace) keeps its continuation lines under the message.
 */
public final class LogText {
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LogText() {}

    public static String render(LogLine l, Ansi ansi) {
        String head = "[" + l.shortTaskId() + "] " + TIME.format(l.at()) + " ";
        String shownHead = ansi.cyan("[" + l.shortTaskId() + "]") + " " + ansi.dim(TIME.format(l.at())) + " ";
        String message = l.message() == null ? "" : l.message().replaceAll("\\r?\\n$", "");
        String[] parts = message.split("\\r?\\n", -1);
        StringBuilder b = new StringBuilder(shownHead).append(parts[0]);
        for (int i = 1; i < parts.length; i++) b.append('\n').append(" ".repeat(head.length())).append(parts[i]);
        return b.toString();
    }
}

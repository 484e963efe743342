package dev.gantry.spec;

import java.util.List;

/**
 * The release command (Heroku's release phase): run once in a task of each new image's task
 * definition before the service rolls to it (database migrations). Top level in spec version 1,
 * which has one service; a failing release stops the rollout.
 */
public record Release(List<String> command) {
    public Release {
        command = List.copyOf(command);
    }

    /** The command as a person would type it, for plans and messages. */
    public static String words(List<String> command) {
        StringBuilder b = new StringBuilder();
        for (String part : command) {
            if (b.length() > 0) b.append(' ');
            b.append(part.isEmpty() || part.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')
                    ? "\"" + part.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : part);
        }
        return b.toString();
    }
}

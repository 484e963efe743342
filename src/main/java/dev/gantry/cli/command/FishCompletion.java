package dev.gantry.cli.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fish completion script from picocli's model of the commands: one {@code complete} line per
 * subcommand and per option, each valid only after the words that lead to it. fish completes
 * file names for an option's value unless told not to ({@code -x}), so only a file-valued option
 * keeps that ({@code -r -F}); an option with fixed values lists them.
 */
final class FishCompletion {
    private FishCompletion() {}

    static String script(CommandSpec root) {
        StringBuilder b = new StringBuilder();
        String name = root.name();
        b.append("# fish completion for ").append(name).append(" (from '").append(name).append(" completion fish')\n");
        b.append("complete -c ").append(name).append(" -e\n");
        // a file is offered only where one is wanted (below)
        b.append("complete -c ").append(name).append(" -f\n");
        command(b, name, root, List.of());
        return b.toString();
    }

    /** Lines for {@code spec}, reached by the subcommand words {@code path} (empty for the top level). */
    private static void command(StringBuilder b, String name, CommandSpec spec, List<String> path) {
        String here = condition(spec, path);
        for (Map.Entry<String, picocli.CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec s = sub.getValue().getCommandSpec();
            if (s.usageMessage().hidden()) continue;
            b.append("complete -c ").append(name).append(" -n ").append(quote(here))
                    .append(" -a ").append(quote(sub.getKey()))
                    .append(" -d ").append(quote(summary(s))).append('\n');
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            b.append("complete -c ").append(name).append(" -n ").append(quote(here));
            for (String n : o.names()) {
                if (n.startsWith("--")) b.append(" -l ").append(n.substring(2));
                else if (n.startsWith("-") && n.length() == 2) b.append(" -s ").append(n.substring(1));
                else b.append(" -o ").append(n.substring(1));
            }
            if (o.arity().max() > 0) {
                List<String> values = values(o.completionCandidates());
                if (!values.isEmpty()) b.append(" -x -a ").append(quote(String.join(" ", values)));
                else if (isFile(o.type())) b.append(" -r -F");
                else b.append(" -x");
            }
            b.append(" -d ").append(quote(first(o.description()))).append('\n');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) continue;
            List<String> values = values(p.completionCandidates());
            if (!values.isEmpty()) {
                b.append("complete -c ").append(name).append(" -n ").append(quote(here))
                        .append(" -a ").append(quote(String.join(" ", values))).append('\n');
            } else if (isFile(p.type()) || isFile(p.auxiliaryTypes())) {
                b.append("complete -c ").append(name).append(" -n ").append(quote(here)).append(" -F\n");
            }
        }
        if (spec.subcommands().containsKey("help") && path.isEmpty()) {
            // "gantry help COMMAND"
            List<String> names = new ArrayList<>(spec.subcommands().keySet());
            names.remove("help");
            b.append("complete -c ").append(name).append(" -n ").append(quote("__fish_seen_subcommand_from help"))
                    .append(" -a ").append(quote(String.join(" ", names))).append('\n');
        }
        for (Map.Entry<String, picocli.CommandLine> sub : spec.subcommands().entrySet()) {
            if (sub.getKey().equals("help")) continue;
            List<String> deeper = new ArrayList<>(path);
            deeper.add(sub.getKey());
            command(b, name, sub.getValue().getCommandSpec(), deeper);
        }
    }

    /**
     * fish's test that the words so far lead to this command: at the top, no subcommand yet; below,
     * each word of the path seen and none of this command's own subcommands yet.
     */
    private static String condition(CommandSpec spec, List<String> path) {
        if (path.isEmpty()) return "__fish_use_subcommand";
        List<String> parts = new ArrayList<>();
        for (String word : path) parts.add("__fish_seen_subcommand_from " + word);
        if (!spec.subcommands().isEmpty()) {
            parts.add("not __fish_seen_subcommand_from " + String.join(" ", spec.subcommands().keySet()));
        }
        return String.join("; and ", parts);
    }

    private static boolean isFile(Class<?>... types) {
        for (Class<?> t : types) if (t == Path.class || t == File.class) return true;
        return false;
    }

    private static List<String> values(Iterable<String> candidates) {
        List<String> out = new ArrayList<>();
        if (candidates != null) for (String v : candidates) out.add(v);
        return out;
    }

    private static String summary(CommandSpec s) {
        String[] header = s.usageMessage().header();
        return first(header.length > 0 ? header : s.usageMessage().description());
    }

    private static String first(String[] lines) { return lines.length == 0 ? "" : lines[0]; }

    /** A single-quoted fish word: only a backslash and a single quote are special inside. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

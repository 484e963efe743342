package dev.gantry.cli.command;

import dev.gantry.cli.edge.TerminalFacts;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Where {@code gantry secrets set NAME} gets the new value, in this order: {@code --value-file FILE}
 * or {@code @FILE} ({@code -} reads standard input), then {@code GANTRY_SECRET_NAME}, then a masked
 * prompt typed twice. Never a plain argument: anything on a command line is visible to every user
 * of the machine in {@code ps} and stays in the shell's history file.
 */
final class SecretValueSource {
    /** The problem to report (exit 2), or the value; never both. */
    record Result(char[] value, String problem) {
        static Result problem(String p) { return new Result(null, p); }
    }

    private SecretValueSource() {}

    /** Null when {@code name} is a secret gantry manages; otherwise why it cannot be set. */
    static String checkName(Spec spec, String name) {
        SecretRef ref = secret(spec, name);
        var managed = spec.managedSecrets().keySet();
        String list = managed.isEmpty() ? "gantry.yaml declares no managed secret (task.secrets with a parameter name)"
                : "managed secrets: " + String.join(", ", managed);
        if (ref == null) return "gantry.yaml has no secret " + name + " (" + list + ")";
        if (!ref.managed()) {
            return name + " refers to an existing parameter by ARN (" + ref.parameter() + "), which gantry reads but does not manage; "
                    + "change it where it is owned (aws ssm put-parameter --overwrite), then start a new deployment so tasks read it";
        }
        return null;
    }

    /** The secret {@code name} of any service of the spec (a secret several services name is one), or null. */
    static SecretRef secret(Spec spec, String name) {
        return spec.services().values().stream().map(a -> a.task().secrets().get(name)).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    static Result read(String name, String positional, Path valueFile, Map<String, String> env, InputStream stdin,
                       Function<String, char[]> prompt) {
        if (positional != null && !positional.startsWith("@")) {
            return Result.problem("a secret value on the command line is visible to everyone on this machine in ps and stays in your shell history; "
                    + "put it in a file and pass --value-file FILE (or @FILE, or --value-file - to read standard input), "
                    + "set GANTRY_SECRET_" + name + ", or leave it out to type it at a hidden prompt");
        }
        if (positional != null && valueFile != null) return Result.problem("give the value once: either @FILE or --value-file, not both");
        Path file = valueFile != null ? valueFile : positional != null ? Path.of(positional.substring(1)) : null;
        if (file != null) {
            boolean stdinGiven = file.toString().equals("-");
            try (InputStream in = stdinGiven ? null : Files.newInputStream(file)) {
                // Bounded: /dev/zero or a log file given by mistake is refused, not read into memory.
                SecretLimits.Read r = SecretLimits.read(name, stdinGiven ? "standard input" : file.toString(), stdinGiven ? stdin : in);
                return r.problem() != null ? Result.problem(r.problem()) : new Result(r.value(), null);
            } catch (IOException e) {
                return Result.problem("cannot read " + file + ": " + e.getMessage());
            }
        }
        String fromEnv = env.get("GANTRY_SECRET_" + name);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            String problem = SecretLimits.check(name, "GANTRY_SECRET_" + name, fromEnv.toCharArray());
            return problem != null ? Result.problem(problem) : new Result(fromEnv.toCharArray(), null);
        }
        if (prompt != null) {
            char[] first = prompt.apply("New value for " + name);
            if (first == null || first.length == 0) return Result.problem("no value typed: nothing was changed");
            String tooLong = SecretLimits.check(name, "the value typed", first);
            if (tooLong != null) {
                Arrays.fill(first, '\0');
                return Result.problem(tooLong);
            }
            char[] again = prompt.apply("The same again, to be sure");
            boolean same = Arrays.equals(first, again);
            if (again != null) Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                return Result.problem("the two values differ: nothing was changed");
            }
            return new Result(first, null);
        }
        return Result.problem("no value for " + name + ": pass --value-file FILE (or @FILE; - reads standard input), set GANTRY_SECRET_" + name
                + ", or run in a terminal to type it at a hidden prompt");
    }

    /** The hidden prompt, when a person is at a terminal. */
    static char[] ask(TerminalFacts terminal, String question) {
        return terminal.readHidden(question + " (typing is hidden): ");
    }
}

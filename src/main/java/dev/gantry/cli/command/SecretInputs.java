package dev.gantry.cli.command;

import dev.gantry.resources.SecretValues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Secret values for one run, from (in the spec's order) {@code --secret NAME=@FILE},
 * {@code GANTRY_SECRET_NAME}, then, only for a parameter that does not exist yet, a masked prompt
 * when a person is at a terminal. Values stay in
 * memory; a value on the command line itself is refused because it would show in ps and history.
 */
public final class SecretInputs implements SecretValues {
    private final Map<String, Path> files;
    private final Map<String, String> env;
    private final Function<String, char[]> prompt;
    private final Map<String, Optional<char[]>> cache = new ConcurrentHashMap<>();
    private final Map<String, Optional<char[]>> asked = new ConcurrentHashMap<>();

    public SecretInputs(Map<String, Path> files, Map<String, String> env, Function<String, char[]> prompt) {
        this.files = Map.copyOf(files);
        this.env = env;
        this.prompt = prompt;
    }

    /** Parses {@code NAME=@FILE} flags; returns the problems (empty when all are fine). */
    public static Map<String, Path> parse(java.util.List<String> flags, java.util.Set<String> managedNames,
                                          java.util.List<String> problems) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                problems.add("--secret " + f + ": expected NAME=@FILE");
                continue;
            }
            String name = f.substring(0, eq), value = f.substring(eq + 1);
            if (!value.startsWith("@")) {
                problems.add("--secret " + name + ": a value on the command line would show in ps and shell history; "
                        + "put it in a file and pass --secret " + name + "=@FILE, or set GANTRY_SECRET_" + name);
                continue;
            }
            if (!managedNames.contains(name)) {
                problems.add("--secret " + name + ": gantry.yaml has no managed secret " + name
                        + (managedNames.isEmpty() ? "" : " (managed secrets: " + String.join(", ", managedNames) + ")"));
                continue;
            }
            if (value.length() == 1) {
                problems.add("--secret " + name + "=@: the file name is missing; pass --secret " + name + "=@FILE");
                continue;
            }
            Path p = Path.of(value.substring(1));
            if (Files.isDirectory(p) || !Files.isReadable(p)) {
                String why = !Files.exists(p) ? "there is no such file" + (p.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")")
                        : Files.isDirectory(p) ? "it is a directory, not a file"
                        : "permission denied (this user may not read it)";
                problems.add("--secret " + name + ": cannot read " + p + ": " + why);
                continue;
            }
            out.put(name, p);
        }
        return out;
    }

    /**
     * Reads every {@code --secret} file now (bounded, so nothing waits on it later) and checks every
     * value given by file or environment against what AWS will take: the problems (exit 2, before
     * anything in AWS is touched), empty when all are fine.
     */
    public java.util.List<String> readGiven(java.util.Set<String> names) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        files.forEach((name, file) -> {
            String what = "--secret " + name + "=@" + file;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                SecretLimits.Read r = SecretLimits.read(name, what, in);
                if (r.problem() != null) problems.add(r.problem());
                else cache.put(name, Optional.of(r.value()));
            } catch (IOException e) {
                problems.add(what + ": cannot read it (" + e.getMessage() + ")");
            }
        });
        for (String name : names) {
            String fromEnv = env.get("GANTRY_SECRET_" + name);
            if (files.containsKey(name) || fromEnv == null || fromEnv.isEmpty()) continue;
            String problem = SecretLimits.check(name, "GANTRY_SECRET_" + name, fromEnv.toCharArray());
            if (problem != null) problems.add(problem);
        }
        return problems;
    }

    /** A value given for this run (file or environment); never asks. */
    @Override public Optional<char[]> value(String name) {
        Optional<char[]> v = cache.computeIfAbsent(name, this::find);
        return v.map(char[]::clone);
    }

    /**
     * For a parameter that does not exist yet: the value given, else the person is asked. Only
     * then: a secret that already has a value keeps it unless one is given, so an apply that
     * changes no secret asks nothing.
     */
    @Override public Optional<char[]> forNew(String name) {
        Optional<char[]> given = value(name);
        if (given.isPresent() || prompt == null) return given;
        return asked.computeIfAbsent(name, n -> {
            char[] typed = prompt.apply(n);
            return typed != null && typed.length > 0 ? Optional.of(typed) : Optional.empty();
        }).map(char[]::clone);
    }

    private Optional<char[]> find(String name) {
        Path file = files.get(name);
        if (file != null) {
            try (java.io.InputStream in = Files.newInputStream(file)) {
                // Normally read already by readGiven; bounded here too, and a final newline dropped.
                return Optional.ofNullable(SecretLimits.read(name, "--secret " + name + "=@" + file, in).value());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        String fromEnv = env.get("GANTRY_SECRET_" + name);
        if (fromEnv != null && !fromEnv.isEmpty()) return Optional.of(fromEnv.toCharArray());
        return Optional.empty();
    }
}

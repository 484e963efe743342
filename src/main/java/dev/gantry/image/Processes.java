package dev.gantry.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the builder and git as child processes with exactly the environment gantry was given (never
 * the JVM's own), standard error merged into the output. {@code stdin} is written and closed at
 * once: it is how a registry password reaches {@code login --password-stdin}, never argv or env.
 */
final class Processes {
    private Processes() {}

    /** How a child ended: its exit code (-1: it could not be started) and the last lines it printed. */
    record Ran(int exit, List<String> tail, String startError) {
        boolean ok() { return exit == 0; }
        String text() { return String.join("\n", tail); }
    }

    static final int TAIL = 40;

    static Ran run(List<String> argv, Map<String, String> env, Path dir, byte[] stdin, Consumer<String> lines) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        if (dir != null) pb.directory(dir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Ran(-1, List.of(), e.getMessage());
        }
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        } catch (IOException e) {
            // The child closed its input early; what it printed says why.
        }
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (tail.size() == TAIL) tail.removeFirst();
                tail.addLast(line);
                if (lines != null) lines.accept(line);
            }
            return new Ran(p.waitFor(), new ArrayList<>(tail), null);
        } catch (IOException e) {
            return new Ran(-1, new ArrayList<>(tail), e.getMessage());
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return new Ran(-1, new ArrayList<>(tail), "interrupted");
        }
    }

    static Ran run(List<String> argv, Map<String, String> env, Path dir) { return run(argv, env, dir, null, null); }

    /** An executable named {@code name} on {@code PATH}, or a path given as is. */
    static java.util.Optional<Path> onPath(String name, Map<String, String> env) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return java.nio.file.Files.isExecutable(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p)) return java.util.Optional.of(p);
        }
        return java.util.Optional.empty();
    }
}

package dev.gantry.image;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a build would be made from, named by the image tag gantry pushes and looks for: in a git
 * work tree the commit ({@code <sha>}, or {@code <sha>-dirty-<hash>} when files in the context are
 * not committed: the hash of those files, so each different state is its own tag), outside git
 * {@code ctx-<hash>} of every file the builder would be sent (.dockerignore honoured). The
 * platform, Dockerfile, target and args are part of what is built, so a tag carries a hash of
 * them too when they are not the defaults. Same tag, same image: no build.
 */
public record BuildSource(String tag, String commit, int uncommitted, boolean git) {

    /** How a person reads it in the plan: "commit 1a2b3c4d5e6f, 3 files not committed". */
    public String describe() {
        if (!git) return "the context's files (hash " + tag.substring(4) + ")";
        return "commit " + commit + (uncommitted == 0 ? "" : ", " + uncommitted + (uncommitted == 1 ? " file" : " files") + " not committed");
    }

    public static BuildSource of(Build build, Architecture arch, Map<String, String> env) {
        Path context = build.contextPath();
        String recipe = recipe(build, arch);
        String recipeSuffix = recipe.equals(recipe(Build.of(build.root(), build.context()), Architecture.X86_64)) ? "" : "-" + hash(recipe).substring(0, 8);
        var git = Processes.onPath("git", env);
        if (git.isPresent()) {
            Processes.Ran top = Processes.run(List.of(git.get().toString(), "rev-parse", "--show-toplevel"), env, context);
            Processes.Ran head = top.ok() ? Processes.run(List.of(git.get().toString(), "rev-parse", "HEAD"), env, context) : top;
            if (top.ok() && head.ok() && !head.tail().isEmpty()) {
                Path root = Path.of(top.tail().get(0).trim());
                String sha = head.tail().get(0).trim().substring(0, 12);
                List<String> argv = new ArrayList<>(List.of(git.get().toString(), "status", "--porcelain=v1", "--untracked-files=all", "--", "."));
                if (!build.dockerfilePath().startsWith(context)) argv.add(build.dockerfilePath().toString());
                List<String> lines = new ArrayList<>();
                Processes.Ran status = Processes.run(argv, env, context, null, lines::add);
                TreeSet<String> dirty = new TreeSet<>();
                if (status.ok()) {
                    for (String line : lines) {
                        if (line.length() < 4) continue;
                        String path = line.substring(3);
                        int arrow = path.indexOf(" -> ");
                        dirty.add(arrow >= 0 ? path.substring(arrow + 4) : path);
                    }
                }
                // What .dockerignore keeps from the builder (gantry.yaml, say) cannot change the image.
                List<PathMatcher> ignoredHere = dockerignore(context);
                dirty.removeIf(p -> {
                    Path abs = unquote(root, p).normalize();
                    return abs.startsWith(context) && ignoredBy(ignoredHere, context.relativize(abs));
                });
                if (dirty.isEmpty()) return new BuildSource(sha + recipeSuffix, sha, 0, true);
                MessageDigest md = sha256();
                md.update(recipe.getBytes(StandardCharsets.UTF_8));
                for (String p : dirty) addFile(md, p, unquote(root, p));
                return new BuildSource(sha + "-dirty-" + HexFormat.of().formatHex(md.digest()).substring(0, 12) + recipeSuffix, sha, dirty.size(), true);
            }
        }
        MessageDigest md = sha256();
        md.update(recipe.getBytes(StandardCharsets.UTF_8));
        List<PathMatcher> ignored = dockerignore(context);
        try (Stream<Path> files = Files.walk(context)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = context.relativize(f);
                if (rel.startsWith(".git") || ignoredBy(ignored, rel)) continue;
                addFile(md, rel.toString().replace('\\', '/'), f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!build.dockerfilePath().startsWith(context)) addFile(md, "Dockerfile", build.dockerfilePath());
        return new BuildSource("ctx-" + HexFormat.of().formatHex(md.digest()).substring(0, 16), null, 0, false);
    }

    /**
     * How many of the context's files differ from {@code commit} (committed since, or not
     * committed at all, .dockerignore'd ones left out); empty outside git or for a commit git
     * does not know.
     */
    public static java.util.OptionalInt filesChangedSince(Build build, String commit, Map<String, String> env) {
        var git = Processes.onPath("git", env);
        Path context = build.contextPath();
        if (git.isEmpty() || commit == null || !commit.matches("[0-9a-f]{7,40}")) return java.util.OptionalInt.empty();
        Processes.Ran top = Processes.run(List.of(git.get().toString(), "rev-parse", "--show-toplevel"), env, context);
        if (!top.ok() || top.tail().isEmpty()) return java.util.OptionalInt.empty();
        Path root = Path.of(top.tail().get(0).trim());
        TreeSet<String> changed = new TreeSet<>();
        List<String> lines = new ArrayList<>();
        if (!Processes.run(List.of(git.get().toString(), "diff", "--name-only", commit, "--", "."), env, context, null, lines::add).ok()) {
            return java.util.OptionalInt.empty();
        }
        changed.addAll(lines);
        lines.clear();
        Processes.run(List.of(git.get().toString(), "ls-files", "--others", "--exclude-standard", "--full-name", "--", "."), env, context, null, lines::add);
        changed.addAll(lines);
        List<PathMatcher> ignored = dockerignore(context);
        changed.removeIf(p -> {
            Path abs = root.resolve(p).normalize();
            return !abs.startsWith(context) || ignoredBy(ignored, context.relativize(abs));
        });
        return java.util.OptionalInt.of(changed.size());
    }

    private static Path unquote(Path root, String p) {
        String s = p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1) : p;
        return root.resolve(s);
    }

    static String recipe(Build build, Architecture arch) {
        return "platform=linux/" + arch.platform() + "\ndockerfile=" + build.contextPath().relativize(build.dockerfilePath())
                + "\ntarget=" + (build.target() == null ? "" : build.target()) + "\nargs=" + build.args();
    }

    private static void addFile(MessageDigest md, String name, Path file) {
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        try {
            if (Files.isRegularFile(file)) md.update(Files.readAllBytes(file));
            else md.update("(deleted)".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            md.update(("(unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8));
        }
        md.update((byte) 0);
    }

    /** .dockerignore's patterns (no exceptions with '!': those files are hashed anyway, which only costs a build). */
    private static List<PathMatcher> dockerignore(Path context) {
        Path f = context.resolve(".dockerignore");
        List<PathMatcher> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) return out;
        try {
            for (String line : Files.readAllLines(f)) {
                String p = line.trim();
                if (p.isEmpty() || p.startsWith("#") || p.startsWith("!")) continue;
                if (p.startsWith("/")) p = p.substring(1);
                if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            }
        } catch (IOException e) {
            // Unreadable: hash everything, which at worst rebuilds.
        }
        return out;
    }

    private static boolean ignoredBy(List<PathMatcher> ignored, Path rel) {
        for (Path p = rel; p != null; p = p.getParent()) {
            for (PathMatcher m : ignored) if (m.matches(p)) return true;
        }
        return false;
    }

    static String hash(String s) { return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8))); }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

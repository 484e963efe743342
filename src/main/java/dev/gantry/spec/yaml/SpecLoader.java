package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Environments;
import dev.gantry.spec.Rules;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads gantry.yaml: parses it keeping every position, checks every rule of spec v1, applies the
 * defaults. All problems come back together in one {@link SpecException}; warnings of a valid spec
 * are available from {@link #check}.
 */
public final class SpecLoader {
    private SpecLoader() {}

    /** A whole stack's spec is a few KiB; anything near this is not a spec, and parsing it would only cost memory. */
    public static final int MAX_BYTES = 1024 * 1024;

    /**
     * The outcome of checking one file: the spec (null when there are errors) and every diagnostic;
     * with {@code environments:}, the file's environments and the one the spec is for (null: none
     * was asked for, and the spec is the first environment's).
     */
    public record Result(Spec spec, List<Diagnostic> diagnostics, Environments environments, Environment environment) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            environments = environments == null ? Environments.none() : environments;
        }
        public Result(Spec spec, List<Diagnostic> diagnostics) { this(spec, diagnostics, null, null); }
        public boolean valid() { return spec != null; }
        public List<Diagnostic> errors() { return diagnostics.stream().filter(Diagnostic::isError).toList(); }
        public List<Diagnostic> warnings() { return diagnostics.stream().filter(d -> !d.isError()).toList(); }
    }

    public static Spec load(Path file) throws SpecException {
        return orThrow(check(file));
    }

    public static Spec load(String fileName, String text) throws SpecException {
        return orThrow(check(fileName, text));
    }

    /** Checks a file without throwing: for validate, which also prints warnings of valid specs. */
    public static Result check(Path file) { return check(file, null, null); }

    /**
     * The spec of one environment of the file ({@code environment} null: the first), every
     * environment checked; a name the file does not list is a preview environment made from
     * {@code from}'s settings (the caller has checked that {@code from} is in the file).
     */
    public static Result check(Path file, String environment, String from) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return failed(name, "is a directory, not a spec file", "pass the file, e.g. -f " + file.resolve("gantry.yaml"));
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                return failed(name, "is not a regular file (a device, a pipe or a socket); a spec is a small text file",
                        "pass the spec file itself, e.g. -f gantry.yaml");
            }
            bytes = readAtMost(file, MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) return tooLarge(name);
        } catch (NoSuchFileException e) {
            return failed(name, "file not found", "create one with 'gantry init', or pass another file with -f");
        } catch (AccessDeniedException e) {
            return failed(name, "cannot read the file: permission denied", "check its permissions (ls -l " + name + ")");
        } catch (IOException e) {
            return failed(name, "cannot read the file: " + e.getMessage(), null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return notUtf8(name, bytes);
        }
        return check(name, text, environment, from);
    }

    /** The first line of a draft {@code gantry init} saved: not a spec yet, so nothing may act on it. */
    public static final String DRAFT_MARK = "# DRAFT";

    public static Result check(String fileName, String text) { return check(fileName, text, null, null); }

    public static Result check(String fileName, String text, String environment, String from) {
        if (text.length() > MAX_BYTES) return tooLarge(fileName);
        List<Diagnostic> out = new ArrayList<>();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.startsWith(DRAFT_MARK)) {
            return new Result(null, List.of(Diagnostic.error(fileName, 1, 1, "",
                    "this is an unfinished draft saved by gantry init, not a spec", "finish it with gantry init -f " + fileName)));
        }
        Node root = YamlTree.parse(fileName, text, out);
        Spec spec = null;
        if (EnvironmentSpecs.named(root)) {
            Result r = EnvironmentSpecs.check(fileName, (Node.MapNode) root, out, environment, from);
            List<Diagnostic> sorted = new ArrayList<>(r.diagnostics());
            sorted.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
            return new Result(r.spec(), sorted, r.environments(), r.environment());
        }
        if (root != null && out.stream().noneMatch(Diagnostic::isError)) {
            spec = new SpecBinder(new Report(fileName, out)).bind(root);
        } else if (root != null) {
            // Structural problems (duplicates, aliases) still leave a tree worth checking in full.
            new SpecBinder(new Report(fileName, out)).bind(root);
        }
        out.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return new Result(spec, out);
    }

    /** The check gantry applies to a {@code --region} flag, in the spec's words. */
    public static Rules.Problem checkRegion(String region) { return Rules.region(region); }

    /** Reads no more than {@code limit} bytes, so a file that grows while read cannot exhaust memory. */
    private static byte[] readAtMost(Path file, int limit) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit);
        }
    }

    private static Result tooLarge(String file) {
        return failed(file, "is larger than 1 MiB, the limit for a spec file", "pass gantry.yaml itself; a spec is a few KiB");
    }

    /** Where the first byte that is not UTF-8 is, as a line and column, so the person can find it. */
    private static Result notUtf8(String file, byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int at = in.position();
        int line = 1, lineStart = 0;
        for (int i = 0; i < at; i++) if (bytes[i] == '\n') { line++; lineStart = i + 1; }
        // The column counts characters, as an editor shows them: decode the line's valid start.
        int column = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new Result(null, List.of(Diagnostic.error(file, line, column, "",
                "the file is not UTF-8 text: the byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " here is not UTF-8"
                        + " (the file was probably saved as Latin-1 or Windows-1252)",
                "save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 " + file + ")")));
    }

    private static Result failed(String file, String message, String fix) {
        return new Result(null, List.of(Diagnostic.error(file, 0, 0, "", message, fix)));
    }

    private static Spec orThrow(Result r) throws SpecException {
        if (!r.valid()) throw new SpecException(r.diagnostics());
        return r.spec();
    }
}

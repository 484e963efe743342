package dev.gantry.wizard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where the wizard reads and writes gantry.yaml; a file in production, memory in tests. */
public interface SpecStore {
    /** The file as it is now, or null when it does not exist yet. */
    String read() throws IOException;

    void write(String text) throws IOException;

    /** Writes beside the file ({@link #draftName()}): a draft of an edit must not clobber a good spec. */
    void writeDraft(String text) throws IOException;

    String name();

    String draftName();

    static SpecStore file(Path path) {
        return new SpecStore() {
            @Override public String read() throws IOException {
                return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
            }

            @Override public void write(String text) throws IOException { atomic(path, text); }

            @Override public void writeDraft(String text) throws IOException { atomic(Path.of(draftName()), text); }

            @Override public String name() { return path.toString(); }

            @Override public String draftName() { return path + ".draft"; }
        };
    }

    /** Write beside, then move: a crash mid-write never leaves half a spec. */
    private static void atomic(Path path, String text) throws IOException {
        Path abs = path.toAbsolutePath();
        if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** In memory, for tests. */
    final class Memory implements SpecStore {
        public String text;
        public String draft;

        public Memory(String existing) { this.text = existing; }

        @Override public String read() { return text; }
        @Override public void write(String t) { text = t; }
        @Override public void writeDraft(String t) { draft = t; }
        @Override public String name() { return "gantry.yaml"; }
        @Override public String draftName() { return "gantry.yaml.draft"; }
    }
}

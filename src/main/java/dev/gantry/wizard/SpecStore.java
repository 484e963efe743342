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

    boolean draftExists() throws IOException;

    /** Removes the file (a draft, once it is finished into its spec). */
    void delete() throws IOException;

    /** The spec this store is the draft of (FILE for FILE.draft); null when it is no such draft. */
    SpecStore draftOf();

    String name();

    String draftName();

    String DRAFT_SUFFIX = ".draft";

    static SpecStore file(Path path) {
        return new SpecStore() {
            @Override public String read() throws IOException {
                return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
            }

            @Override public void write(String text) throws IOException { atomic(path, text); }

            @Override public void writeDraft(String text) throws IOException { atomic(Path.of(draftName()), text); }

            @Override public boolean draftExists() { return Files.exists(Path.of(draftName())); }

            @Override public void delete() throws IOException { Files.deleteIfExists(path); }

            @Override public SpecStore draftOf() {
                String n = path.toString();
                return n.endsWith(DRAFT_SUFFIX) ? file(Path.of(n.substring(0, n.length() - DRAFT_SUFFIX.length()))) : null;
            }

            @Override public String name() { return path.toString(); }

            @Override public String draftName() { return path + DRAFT_SUFFIX; }
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

    /** In memory, for tests: {@code edited} is the spec this one is the draft of, when it is one. */
    final class Memory implements SpecStore {
        public String text;
        public String draft;
        private final String name;
        private final Memory edited;

        public Memory(String existing) { this(existing, "gantry.yaml", null); }

        public Memory(String existing, String name, Memory edited) {
            this.text = existing;
            this.name = name;
            this.edited = edited;
        }

        @Override public String read() { return text; }
        @Override public void write(String t) { text = t; }
        @Override public void writeDraft(String t) { draft = t; }
        @Override public boolean draftExists() { return draft != null; }
        @Override public void delete() { text = null; }
        @Override public SpecStore draftOf() { return edited; }
        @Override public String name() { return name; }
        @Override public String draftName() { return name + DRAFT_SUFFIX; }
    }
}

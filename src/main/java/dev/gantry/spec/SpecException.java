package dev.gantry.spec;

import java.util.List;

/** Thrown when a spec cannot be used; carries every diagnostic so all problems are shown at once. */
public final class SpecException extends Exception {
    private final List<Diagnostic> diagnostics;

    public SpecException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid spec" : diagnostics.get(0).render(), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() { return diagnostics; }
}

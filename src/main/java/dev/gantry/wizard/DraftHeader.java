package dev.gantry.wizard;

import dev.gantry.spec.yaml.SpecLoader;

/**
 * The comment lines at the top of a draft: that it is one (so plan, apply and validate refuse it),
 * how to continue it, which file an edit's draft finishes into, and the screen it was left on.
 */
record DraftHeader(String edits, WizardScreen stoppedAt) {
    private static final String EDITS = "# Finishes into: ";
    private static final String STOPPED = "# Stopped at: ";

    String render(String resumeWith, boolean complete) {
        StringBuilder sb = new StringBuilder(SpecLoader.DRAFT_MARK)
                .append(complete ? " saved by gantry init before review." : " written by gantry init: not a complete spec yet.")
                .append("\n# Continue with: gantry init -f ").append(resumeWith).append('\n');
        if (edits != null) sb.append(EDITS).append(edits).append(" (shown as a diff against it before writing)\n");
        if (stoppedAt != null) sb.append(STOPPED).append(stoppedAt.title()).append('\n');
        return sb.toString();
    }

    /** The header of a draft's text; null when the text is not a draft. */
    static DraftHeader parse(String text) {
        if (text == null || !text.startsWith(SpecLoader.DRAFT_MARK)) return null;
        String edits = null;
        WizardScreen stopped = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) break;
            if (line.startsWith(EDITS)) edits = line.substring(EDITS.length()).replaceAll(" \\(.*$", "").trim();
            if (line.startsWith(STOPPED)) {
                String title = line.substring(STOPPED.length()).trim();
                for (WizardScreen s : WizardScreen.values()) if (s.title().equalsIgnoreCase(title)) stopped = s;
            }
        }
        return new DraftHeader(edits, stopped);
    }
}

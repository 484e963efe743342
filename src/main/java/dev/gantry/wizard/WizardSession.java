package dev.gantry.wizard;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.CommentKeeper;
import dev.gantry.spec.yaml.SpecWriter;

import java.io.IOException;
import java.util.List;

/**
 * One run of {@code gantry init}: the flow, where the file lives, whether it is an edit, and the
 * save/draft/diff logic every UI shares. UIs only render and collect input.
 */
public final class WizardSession {
    private final WizardFlow flow;
    private final SpecStore store;
    private final String originalText;
    private final CostEstimate cost;
    private String lastDraft;

    private WizardSession(WizardFlow flow, SpecStore store, String originalText, CostEstimate cost) {
        this.flow = flow;
        this.store = store;
        this.originalText = originalText;
        this.cost = cost;
    }

    /** Opens the file if it exists (edit mode, every answer pre-filled) or starts fresh. */
    public static WizardSession open(SpecStore store, Facts facts, Prices prices) throws IOException {
        String existing = store.read();
        WizardFlow flow = existing == null ? new WizardFlow(facts) : WizardFlow.editing(facts, FileAnswers.read(existing));
        return new WizardSession(flow, store, existing, new CostEstimate(prices));
    }

    public WizardFlow flow() { return flow; }

    public CostEstimate cost() { return cost; }

    /** True when a finished spec was opened: the menu comes first and saving shows a diff. */
    public boolean editing() { return originalText != null && !resumingDraft(); }

    /** True when the file is a draft an earlier run left: it continues where it stopped. */
    public boolean resumingDraft() { return originalText != null && originalText.startsWith(DRAFT_MARK); }

    static final String DRAFT_MARK = "# DRAFT";

    public String fileName() { return store.name(); }

    /** The commented spec that Save writes; an edit keeps the person's comments ({@link CommentKeeper}). */
    public String specText() { return written().text(); }

    /** The person's comments that saving drops because their keys are gone, e.g. {@code line 12: "# owned by team-x" (cluster)}. */
    public List<String> droppedComments() {
        return written().dropped().stream().map(CommentKeeper.Dropped::describe).toList();
    }

    /** Said before saving when comments are dropped: a heading, then one indented line per comment; empty when none. */
    public List<String> droppedCommentsNotice() {
        List<String> dropped = droppedComments();
        if (dropped.isEmpty()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        out.add(dropped.size() == 1 ? "Your comment on a removed key is dropped:" : "Your comments on removed keys are dropped:");
        dropped.forEach(d -> out.add("  " + d));
        return out;
    }

    private CommentKeeper.Kept written() {
        String text = SpecWriter.write(flow.build());
        return editing() ? CommentKeeper.keep(originalText, text) : new CommentKeeper.Kept(text, List.of());
    }

    /** Old vs new, line by line; empty when nothing changed, the file is new, or it was a draft. */
    public List<String> diff() {
        return !editing() ? List.of() : LineDiff.diff(originalText, specText());
    }

    public void save() throws IOException { store.write(specText()); }

    /** Writes what is there so far and returns where it went: the file itself, unless that is a finished spec. */
    public String saveDraft() throws IOException {
        String where = editing() ? store.draftName() : store.name();
        lastDraft = where;
        Spec complete = flow.errors().isEmpty() ? flow.tryBuild() : null;
        String text = complete != null
                ? DRAFT_MARK + " saved by gantry init before review. Continue with: gantry init -f " + where + "\n" + SpecWriter.write(complete)
                : DraftText.write(flow.givenAnswers(), where);
        if (editing()) store.writeDraft(text);
        else store.write(text);
        return where;
    }

    /** Where the last draft went; null when none was saved. */
    public String lastDraft() { return lastDraft; }

    /** The first screen that still has a problem: where a resumed draft opens. */
    public Section firstUnfinished() {
        for (Section s : Section.values()) if (!flow.errors(s).isEmpty()) return s;
        return Section.REVIEW;
    }

    /** The cost lines for one screen, or empty while the answers cannot be priced yet. */
    public List<String> costHint(Section s) {
        Spec spec = flow.tryBuild();
        CostEstimate.Area area = switch (s) {
            case NETWORK -> CostEstimate.Area.NETWORK;
            case TASK, SERVICE -> CostEstimate.Area.TASK;
            case LOAD_BALANCER -> CostEstimate.Area.LOAD_BALANCER;
            default -> null;
        };
        return spec == null || area == null ? List.of() : cost.hint(spec, area);
    }
}

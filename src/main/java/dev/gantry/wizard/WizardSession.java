package dev.gantry.wizard;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.CommentKeeper;
import dev.gantry.spec.yaml.SpecWriter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code gantry init}: the flow, where the file lives, whether it is an edit, and the
 * save/draft/diff logic every UI shares. UIs only render and collect input.
 *
 * <p>Files involved: the target (what Save writes), its original text (what the diff is against;
 * null for a new file) and, when a draft is being continued, the draft (removed once the target is
 * written). A draft of an edit lives beside the file it edits (FILE.draft) and finishes into FILE.
 */
public final class WizardSession {
    private final WizardFlow flow;
    private final SpecStore target;
    private final SpecStore draft;
    private final String originalText;
    private final WizardScreen resumeAt;
    private final CostEstimate cost;
    private String lastDraft;

    private WizardSession(WizardFlow flow, SpecStore target, SpecStore draft, String originalText, WizardScreen resumeAt, CostEstimate cost) {
        this.flow = flow;
        this.target = target;
        this.draft = draft;
        this.originalText = originalText;
        this.resumeAt = resumeAt;
        this.cost = cost;
    }

    /** Opens the file if it exists (edit mode, every answer pre-filled; a draft continues) or starts fresh. */
    public static WizardSession open(SpecStore store, LookupResults facts, Prices prices) throws IOException {
        String existing = store.read();
        WizardFlow flow = existing == null ? new WizardFlow(facts) : WizardFlow.editing(facts, SpecDraft.read(store.name(), existing));
        DraftHeader header = DraftHeader.parse(existing);
        if (header == null) return new WizardSession(flow, store, null, existing, null, new CostEstimate(prices));
        SpecStore edited = header.edits() == null ? null : store.draftOf();
        String editedText = edited == null ? null : edited.read();
        SpecStore target = editedText != null ? edited : store;
        return new WizardSession(flow, target, store, editedText, header.stoppedAt(), new CostEstimate(prices));
    }

    public WizardFlow flow() { return flow; }

    public CostEstimate cost() { return cost; }

    /** True when a finished spec is being changed: saving shows a diff against it first. */
    public boolean editing() { return originalText != null; }

    /** True when the file is a draft an earlier run left: it continues where it stopped. */
    public boolean resumingDraft() { return draft != null; }

    /** The screen a continued draft opens on: where it was left, else the first with a problem. */
    public WizardScreen resumeAt() { return resumeAt != null ? resumeAt : firstUnfinished(); }

    /** The file Save writes. */
    public String fileName() { return target.name(); }

    /** Where a draft goes: the draft being continued, beside an edited spec, or the new file itself. */
    public String draftName() {
        if (draft != null) return draft.name();
        return editing() ? target.draftName() : target.name();
    }

    /** An earlier edit's draft beside the file, when this run opened the file itself; null when none. */
    public String pendingDraft() throws IOException {
        return draft == null && editing() && target.draftExists() ? target.draftName() : null;
    }

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

    /**
     * Said after saving an edit that changed the app's name or region: gantry finds an app's
     * resources by both, so the next apply builds a second stack and the first keeps running.
     */
    public List<String> separateStackNotice() {
        if (!editing()) return List.of();
        SpecDraft before;
        try {
            before = SpecDraft.read(target.name(), originalText);
        } catch (IOException e) {
            return List.of(); // read once already when the session opened; nothing to compare if it no longer parses
        }
        String oldApp = before.text("app"), oldRegion = before.text("region");
        String app = flow.get("app"), region = flow.get("region");
        if (java.util.Objects.equals(oldApp, app) && java.util.Objects.equals(oldRegion, region) || oldApp == null || oldRegion == null) return List.of();
        String what = !java.util.Objects.equals(oldApp, app) ? "app " + oldApp + " → " + app : "region " + oldRegion + " → " + region;
        return List.of("Note: " + what + ". gantry finds an app's resources by its name and region, so the next apply builds a separate stack;",
                "  " + oldApp + " in " + oldRegion + " keeps running (and costing) until you destroy it with a spec that still says"
                        + " app: " + oldApp + ", region: " + oldRegion + " (e.g. the previous version of " + fileName() + ").");
    }

    private CommentKeeper.Kept written() {
        String text = withEnvironments(SpecWriter.write(carried(flow.build())));
        return editing() ? CommentKeeper.keep(commentsFrom(), text) : new CommentKeeper.Kept(text, List.of());
    }

    /**
     * The text whose comments an edit keeps: a version-1 file that gained a second service keeps
     * them where {@code gantry migrate} moves them (task under services.APP, …).
     */
    private String commentsFrom() {
        if (!flow.servicesVersion() || originalText.lines().anyMatch(l -> l.matches("version:\\s*2\\s*(#.*)?"))) return originalText;
        try {
            return dev.gantry.spec.yaml.SpecMigration.toVersion2(target.name(), originalText);
        } catch (dev.gantry.spec.SpecException | RuntimeException cannotMove) {
            return originalText; // comments then stay only where their keys did not move
        }
    }

    /**
     * The wizard asks nothing about the release command or scheduled jobs: an edit keeps the
     * file's as they were (the original parsed; an original that no longer parses has nothing to keep).
     */
    private Spec carried(Spec built) {
        if (!editing()) return built;
        try {
            Spec before = dev.gantry.spec.yaml.SpecLoader.load(target.name(), originalText);
            return built.withRelease(before.release()).withJobs(before.jobs());
        } catch (dev.gantry.spec.SpecException | RuntimeException unparsable) {
            return built;
        }
    }

    /** The body's text followed by the environments' section, when there are environments. */
    private String withEnvironments(String body) {
        return EnvironmentQuestions.names(flow).isEmpty() ? body : body + SpecWriter.environments(EnvironmentOverrides.section(flow));
    }

    /** Old vs new, line by line; empty when nothing changed or the file is new. */
    public List<String> diff() {
        return !editing() ? List.of() : LineDiff.diff(originalText, specText());
    }

    /** Writes the spec; a draft that was continued into it is removed. */
    public void save() throws IOException {
        target.write(specText());
        if (draft != null && draft != target) draft.delete();
    }

    /** Writes what is there so far, with the screen it was left on, and returns where it went. */
    public String saveDraft() throws IOException {
        String where = draftName();
        lastDraft = where;
        DraftHeader header = new DraftHeader(editing() ? target.name() : null, flow.current());
        Spec complete = flow.errors().isEmpty() ? flow.tryBuild() : null;
        String text = complete != null ? header.render(where, true) + withEnvironments(SpecWriter.write(carried(complete)))
                : SpecDraft.draftText(flow, header.render(where, false));
        if (draft != null) draft.write(text);
        else if (editing()) target.writeDraft(text);
        else target.write(text);
        return where;
    }

    /** Where the last draft went; null when none was saved. */
    public String lastDraft() { return lastDraft; }

    /** The first screen that still has a problem. */
    public WizardScreen firstUnfinished() {
        for (WizardScreen s : WizardScreen.values()) if (!flow.errors(s).isEmpty()) return s;
        return WizardScreen.REVIEW;
    }

    /** Each environment's monthly estimate, from the file as it would be written; empty without environments or while invalid. */
    private List<String> environmentCosts() {
        return environmentCostLines().stream().map(CostEstimate.Line::render).toList();
    }

    /**
     * Each environment's monthly estimate ("staging (hello-staging), per month"), from the file as
     * it would be written; empty without environments or while something is invalid.
     */
    public List<CostEstimate.Line> environmentCostLines() {
        List<String> names = EnvironmentQuestions.names(flow);
        if (names.isEmpty() || !flow.errors().isEmpty()) return List.of();
        List<CostEstimate.Line> out = new java.util.ArrayList<>();
        try {
            String text = specText();
            for (String env : names) {
                Spec spec = dev.gantry.spec.yaml.SpecLoader.check(fileName(), text, env, null).spec();
                if (spec == null) return List.of();
                out.add(new CostEstimate.Line(CostEstimate.Area.TASK, env + " (" + spec.app() + "), per month", cost.total(spec)));
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** The cost lines for one screen, or empty while the answers cannot be priced yet. */
    public List<String> costHint(WizardScreen s) {
        if (s == WizardScreen.ENVIRONMENTS) return environmentCosts();
        Spec spec = flow.tryBuild();
        CostEstimate.Area[] areas = switch (s) {
            case NETWORK -> new CostEstimate.Area[] {CostEstimate.Area.NETWORK};
            case TASK, SERVICE -> new CostEstimate.Area[] {CostEstimate.Area.TASK};
            case LOAD_BALANCER -> new CostEstimate.Area[] {CostEstimate.Area.LOAD_BALANCER};
            case ALERTS -> new CostEstimate.Area[] {CostEstimate.Area.ALERTS, CostEstimate.Area.GUARD};
            default -> null;
        };
        return spec == null || areas == null ? List.of() : cost.hint(spec, areas);
    }
}

package dev.gantry.ui.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.ActionListBox;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Borders;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.spec.Spec;
import dev.gantry.ui.LineWrap;
import dev.gantry.ui.WizardReview;
import dev.gantry.wizard.Choice;
import dev.gantry.wizard.Lookup;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.Section;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-screen wizard: one window whose content is the current view (a section's questions
 * with the explanation pane, the review, the section menu, help, quit or the diff). Views swap in
 * place instead of opening modal dialogs, so the whole wizard can be driven key by key in tests.
 */
public final class WizardWindow extends BasicWindow {
    private final WizardSession session;
    private final WizardFlow flow;
    private final boolean color;
    private final int cols;
    private final int rows;
    private final int paneWidth;
    private final int leftWidth;
    /** A short terminal (under 34 rows): no intro or breadcrumb, shorter lists, so every field stays visible. */
    private final boolean compact;
    private final List<WizardField> fields = new ArrayList<>();
    private Label pane;
    private Label cost;
    private Label status;
    private String shape = "";
    private Outcome outcome;
    private boolean onSectionView;

    public WizardWindow(WizardSession session, TerminalSize size, boolean color) {
        super("gantry init");
        this.session = session;
        this.flow = session.flow();
        this.color = color;
        this.cols = size.getColumns();
        this.rows = size.getRows();
        this.paneWidth = Math.max(30, cols * 2 / 5);
        this.leftWidth = cols - paneWidth - 5;
        this.compact = rows < 34;
        setHints(List.of(Hint.FULL_SCREEN, Hint.NO_DECORATIONS));
        if (session.editing()) showMenu("Editing " + session.fileName() + ": every answer is filled in. Jump to a section:");
        else {
            if (session.resumingDraft()) flow.jump(session.firstUnfinished());
            showSection();
        }
    }

    /** How the wizard ended; null while it is still open. */
    public Outcome outcome() { return outcome; }

    @Override public boolean handleInput(KeyStroke key) {
        if (key.getKeyType() == KeyType.F1 && onSectionView) { showHelp(); return true; }
        if (key.getKeyType() == KeyType.Escape) { showQuit(); return true; }
        if (key.getKeyType() == KeyType.PageDown && onSectionView) { next(); return true; }
        if (key.getKeyType() == KeyType.PageUp && onSectionView && !flow.isFirst()) { flow.back(); showSection(); return true; }
        boolean handled = super.handleInput(key);
        updatePane();
        return handled;
    }

    // --- a section's questions ---

    private void showSection() {
        Section s = flow.current();
        if (s == Section.REVIEW) { showReview(); return; }
        onSectionView = true;
        fields.clear();
        Panel left = new Panel(new LinearLayout().setSpacing(0));
        if (!compact) {
            left.addComponent(new Label(String.join("\n", LineWrap.wrap(s.intro(), leftWidth))));
            left.addComponent(new EmptySpace());
        }
        if (s == Section.WELCOME) welcome(left);
        for (Question q : flow.questions(s)) {
            WizardField f = new WizardField(q, flow, leftWidth, color, compact, this::changed);
            fields.add(f);
            left.addComponent(f.component());
            suggestions(q, left, f);
        }
        if (s == Section.SECRETS) secretValues(left);
        shape = shape();
        pane = new Label("");
        cost = new Label("");
        status = new Label("");
        if (color) status.setForegroundColor(TextColor.ANSI.RED);
        Panel right = new Panel(new LinearLayout());
        right.addComponent(pane);
        Panel middle = new Panel(new LinearLayout(Direction.HORIZONTAL));
        middle.addComponent(left.setPreferredSize(new TerminalSize(leftWidth, Math.max(5, rows - (compact ? 6 : 12)))));
        middle.addComponent(right.withBorder(Borders.singleLine("About this")));
        Panel bottom = new Panel(new LinearLayout());
        bottom.addComponent(cost);
        bottom.addComponent(status);
        Button back = new Button("< Back", () -> { flow.back(); showSection(); });
        back.setEnabled(!flow.isFirst());
        Button next = new Button("Next >", this::next);
        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        // Next comes first so Tab from the last field lands on it.
        buttons.addComponent(next);
        buttons.addComponent(back);
        buttons.addComponent(new Button("Sections", () -> showMenu("Jump to a section:")));
        buttons.addComponent(new Button("Help", this::showHelp));
        buttons.addComponent(new Button("Quit", this::showQuit));
        bottom.addComponent(buttons);
        if (!compact) bottom.addComponent(new Label("Tab next field · Space/Enter pick · PgDn next screen · PgUp back · F1 help · Esc quit"));
        setComponent(frame(middle, bottom));
        Interactable first = fields.isEmpty() ? next : fields.get(0).input;
        setFocusedInteractable(first);
        refresh();
    }

    private Panel frame(Panel middle, Panel bottom) {
        Panel root = new Panel(new BorderLayout());
        Panel top = new Panel(new LinearLayout());
        Section s = flow.current();
        Label title = new Label("gantry init · " + s.stepIndicator() + " · " + s.title()
                + (session.editing() ? "   (editing " : session.resumingDraft() ? "   (continuing the draft " : "   (new ")
                + session.fileName() + ")");
        if (color) title.addStyle(SGR.BOLD);
        top.addComponent(title);
        if (!compact) top.addComponent(new Label(breadcrumb(s)));
        root.addComponent(top.setLayoutData(BorderLayout.Location.TOP));
        root.addComponent(middle.setLayoutData(BorderLayout.Location.CENTER));
        root.addComponent(bottom.setLayoutData(BorderLayout.Location.BOTTOM));
        return root;
    }

    private String breadcrumb(Section current) {
        StringBuilder sb = new StringBuilder();
        for (Section s : Section.values()) {
            if (sb.length() > 0) sb.append(" › ");
            sb.append(s == current ? "[" + s.title() + "]" : s.title());
        }
        return sb.length() <= cols - 2 ? sb.toString() : "";
    }

    private void welcome(Panel left) {
        var id = flow.facts().identity();
        String text = id.signedIn()
                ? "Signed in to AWS account " + id.account() + " as " + id.arn()
                        + ". VPCs, hosted zones and certificates are looked up live."
                : capitalised(id.problem()) + ". You can continue offline: type values instead of "
                        + "picking them from your account. Then rehearse the apply on the simulated AWS: gantry apply -f "
                        + session.fileName() + " --simulate. Nothing real is created or billed.";
        left.addComponent(new Label(String.join("\n", LineWrap.wrap(text, leftWidth))));
        left.addComponent(new EmptySpace());
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "No AWS credentials" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void suggestions(Question q, Panel left, WizardField f) {
        if (!q.hasSuggestions()) return;
        Lookup<List<Choice>> found = q.suggestions(flow);
        if (found.ok() && !found.value().isEmpty()) {
            left.addComponent(new Button("Pick from your account (" + found.value().size() + ")", () -> showPicker(q, found.value())));
        } else if (!found.ok()) {
            Label l = new Label("(no look-up: type it; About this says why)");
            if (color) l.setForegroundColor(TextColor.ANSI.BLACK_BRIGHT);
            left.addComponent(l);
        }
    }

    private void secretValues(Panel left) {
        for (String name : flow.managedSecretNames()) {
            boolean typed = flow.secretValues().containsKey(name);
            left.addComponent(new Label("Value of " + name + (typed ? " (typed; type again to replace)" : " (hidden; empty = ask at apply)")));
            TextBox box = new TextBox(new TerminalSize(Math.min(leftWidth, 40), 1));
            box.setMask('*');
            box.setTextChangeListener((text, byUser) -> { if (byUser && !text.isEmpty()) flow.secretValue(name, text.toCharArray()); });
            left.addComponent(box);
        }
    }

    /** After any answer: rebuild when the set of questions changed (vpc: new → existing), else just refresh. */
    private void changed() {
        if (!shape().equals(shape)) {
            String focusedId = focusedField() == null ? null : focusedField().question.id();
            showSection();
            fields.stream().filter(f -> f.question.id().equals(focusedId)).findFirst()
                    .ifPresent(f -> setFocusedInteractable(f.input));
            refresh();
            return;
        }
        refresh();
    }

    private String shape() { return flow.questions(flow.current()) + "|" + flow.managedSecretNames(); }

    private void refresh() {
        fields.forEach(WizardField::refresh);
        if (cost != null) {
            List<String> hint = session.costHint(flow.current());
            // Short screens keep the total and the label; the per-item lines are on the review.
            if (compact && hint.size() > 2) hint = hint.subList(hint.size() - 2, hint.size());
            cost.setText(String.join("\n", hint));
        }
        updatePane();
    }

    private WizardField focusedField() {
        Interactable focused = getFocusedInteractable();
        return fields.stream().filter(f -> f.input == focused).findFirst().orElse(null);
    }

    private void updatePane() {
        if (!onSectionView || pane == null) return;
        WizardField f = focusedField();
        List<String> lines = f == null ? WizardPane.forSection(flow.current(), paneWidth - 2)
                : WizardPane.forQuestion(f.question, flow, paneWidth - 2);
        pane.setText(String.join("\n", lines.subList(0, Math.min(lines.size(), Math.max(3, rows - 10)))));
    }

    private void next() {
        List<String> errs = flow.next();
        if (errs.isEmpty()) { showSection(); return; }
        fields.forEach(WizardField::reveal);
        status.setText("✗ " + errs.get(0) + (errs.size() > 1 ? "  (+" + (errs.size() - 1) + " more)" : ""));
        fields.stream().filter(WizardField::hasError).findFirst().ifPresent(f -> setFocusedInteractable(f.input));
        updatePane();
    }

    // --- other views ---

    private void showPicker(Question q, List<Choice> choices) {
        onSectionView = false;
        ActionListBox list = new ActionListBox(new TerminalSize(cols - 4, Math.min(choices.size(), rows - 8)));
        for (Choice c : choices) {
            list.addItem(c.value() + (c.meaning() == null ? "" : "  " + c.meaning()), () -> {
                String v = c.value();
                if (q.kind() == dev.gantry.wizard.Kind.LIST || q.kind() == dev.gantry.wizard.Kind.PAIRS) {
                    String old = flow.given(q.id()) ? flow.get(q.id()) : "";
                    String sep = q.kind() == dev.gantry.wizard.Kind.PAIRS ? "\n" : ", ";
                    v = old == null || old.isBlank() ? v : old + sep + v;
                }
                flow.set(q.id(), v);
                showSection();
            });
        }
        list.addItem("< Back without picking", this::showSection);
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label(q.title() + ": found in your account"));
        p.addComponent(list);
        setComponent(p);
        setFocusedInteractable(list);
    }

    private void showMenu(String heading) {
        onSectionView = false;
        ActionListBox list = new ActionListBox(new TerminalSize(cols - 4, Section.values().length));
        for (Section s : Section.values()) {
            if (s == Section.WELCOME) continue;
            list.addItem(String.format("%-14s %s", s.title(), summary(s)), () -> { flow.jump(s); showSection(); });
        }
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label("gantry init · " + heading));
        p.addComponent(new EmptySpace());
        p.addComponent(list);
        p.addComponent(new EmptySpace());
        p.addComponent(new Label("Enter opens a section; from any screen, Sections comes back here."));
        setComponent(p);
        setFocusedInteractable(list);
    }

    /** "hello · nginx:1.27 · 80": the current answers of a section, short enough for one line. */
    private String summary(Section s) {
        if (s == Section.REVIEW) return "see the spec, the estimate, and save";
        List<String> parts = new ArrayList<>();
        for (Question q : flow.questions(s)) {
            String v = flow.get(q.id());
            if (v == null || v.isBlank()) continue;
            String shown = q.choices(flow).stream().filter(c -> c.value().equals(v)).map(Choice::label).findFirst().orElse(v);
            parts.add(shown.replace("\n", ", "));
        }
        String line = String.join(" · ", parts);
        int room = cols - 22;
        return line.length() > room ? line.substring(0, Math.max(0, room - 1)) + "…" : line;
    }

    private void showHelp() {
        onSectionView = false;
        Section s = flow.current();
        List<String> lines = new ArrayList<>(LineWrap.wrap(s.title() + ": " + s.intro(), cols - 6));
        for (Question q : flow.questions(s)) {
            lines.add("");
            lines.add(q.title());
            lines.addAll(WizardPane.forQuestion(q, flow, cols - 6));
        }
        lines.add("");
        lines.add("Keys: Tab / Shift-Tab move, Space or Enter picks, F1 help, Esc quit.");
        TextBox text = new TextBox(new TerminalSize(cols - 4, rows - 5), String.join("\n", lines), TextBox.Style.MULTI_LINE);
        text.setReadOnly(true);
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label("Help · " + s.title()));
        p.addComponent(text);
        Button close = new Button("Close", this::showSection);
        p.addComponent(close);
        setComponent(p);
        setFocusedInteractable(close);
    }

    private void showQuit() {
        onSectionView = false;
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label("Quit the wizard. Save a draft to continue later?"));
        p.addComponent(new Label("(The draft goes to " + session.fileName() + (session.editing() ? ".draft" : "")
                + "; gantry init -f continues it. Secret values are never saved.)"));
        p.addComponent(new EmptySpace());
        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        Button save = new Button("Save draft and quit", () -> {
            try {
                session.saveDraft();
                finish(Outcome.DRAFT_SAVED);
            } catch (IOException e) {
                p.addComponent(new Label("✗ could not write the draft: " + e.getMessage()));
            }
        });
        buttons.addComponent(save);
        buttons.addComponent(new Button("Quit without saving", () -> finish(Outcome.QUIT)));
        buttons.addComponent(new Button("Cancel", this::showSection));
        p.addComponent(buttons);
        setComponent(p);
        setFocusedInteractable(save);
    }

    private void showReview() {
        onSectionView = false;
        List<String> errs = flow.errors();
        Panel left = new Panel(new LinearLayout());
        Panel right = new Panel(new LinearLayout());
        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        Interactable first;
        if (!errs.isEmpty()) {
            left.addComponent(new Label("Fix these before saving:"));
            errs.forEach(e -> left.addComponent(new Label(String.join("\n", LineWrap.wrap("✗ " + e, leftWidth)))));
            Button go = new Button("Go to the first problem", () -> { flow.jump(firstBad()); showSection(); });
            buttons.addComponent(go);
            first = go;
        } else {
            Spec spec = flow.build();
            TextBox yaml = new TextBox(new TerminalSize(leftWidth, Math.max(5, rows - 10)), session.specText(), TextBox.Style.MULTI_LINE);
            yaml.setReadOnly(true);
            left.addComponent(new Label("gantry.yaml (scroll with the arrow keys):"));
            left.addComponent(yaml);
            List<String> info = new ArrayList<>(WizardReview.estimate(session, spec, paneWidth - 2));
            info.add("");
            info.add("What will be created:");
            info.addAll(WizardReview.resourcesCompact(spec, paneWidth - 3));
            // A read-only box, not a label: a big stack's list scrolls instead of being cut off.
            TextBox infoBox = new TextBox(new TerminalSize(paneWidth - 1, Math.max(5, rows - 10)), String.join("\n", info), TextBox.Style.MULTI_LINE);
            infoBox.setReadOnly(true);
            right.addComponent(infoBox);
            Button save = new Button("Save", () -> save(Outcome.SAVED));
            buttons.addComponent(save);
            buttons.addComponent(new Button(flow.facts().online() ? "Save and apply" : "Save and rehearse (--simulate)",
                    () -> save(Outcome.SAVED_APPLY)));
            first = save;
        }
        buttons.addComponent(new Button("< Back", () -> { flow.back(); showSection(); }));
        buttons.addComponent(new Button("Sections", () -> showMenu("Jump to a section:")));
        buttons.addComponent(new Button("Quit", this::showQuit));
        Panel middle = new Panel(new LinearLayout(Direction.HORIZONTAL));
        middle.addComponent(left.setPreferredSize(new TerminalSize(leftWidth, Math.max(5, rows - 8))));
        middle.addComponent(right.withBorder(Borders.singleLine("Estimate and resources")));
        status = new Label(errs.isEmpty() ? droppedCommentsHint() : "");
        Panel bottom = new Panel(new LinearLayout());
        bottom.addComponent(status);
        bottom.addComponent(buttons);
        setComponent(frame(middle, bottom));
        setFocusedInteractable(first);
    }

    /** One line on the Review screen when saving would drop comments; Save then lists them above the diff. */
    private String droppedCommentsHint() {
        int n = session.droppedComments().size();
        return n == 0 ? "" : "! " + n + (n == 1 ? " comment of yours is on a removed key" : " comments of yours are on removed keys")
                + ": Save lists them before writing.";
    }

    private Section firstBad() {
        for (Section s : Section.values()) if (!flow.errors(s).isEmpty()) return s;
        return Section.APP;
    }

    private void save(Outcome o) {
        if (session.editing()) { showDiff(o); return; }
        write(o);
    }

    private void showDiff(Outcome o) {
        List<String> diff = session.diff();
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label(diff.isEmpty() ? "No changes to " + session.fileName() + "."
                : "Changes to " + session.fileName() + " (- old, + new):"));
        List<String> dropped = new ArrayList<>(session.droppedCommentsNotice());
        int room = Math.max(2, rows / 4);
        if (dropped.size() > room) {
            int more = dropped.size() - (room - 1);
            dropped = new ArrayList<>(dropped.subList(0, room - 1));
            dropped.add("  … and " + more + " more (each is a '-' line in the diff)");
        }
        TextBox text = new TextBox(new TerminalSize(cols - 4, Math.max(3, rows - 6 - dropped.size())), String.join("\n", diff), TextBox.Style.MULTI_LINE);
        text.setReadOnly(true);
        p.addComponent(text);
        // Said before writing, so comments are never lost silently.
        dropped.forEach(l -> p.addComponent(new Label(l.length() > cols - 4 ? l.substring(0, cols - 5) + "…" : l)));
        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        Button write = new Button("Write " + session.fileName(), () -> write(o));
        buttons.addComponent(write);
        buttons.addComponent(new Button("< Back to review", this::showReview));
        p.addComponent(buttons);
        status = new Label("");
        p.addComponent(status);
        setComponent(p);
        setFocusedInteractable(write);
    }

    private void write(Outcome o) {
        try {
            session.save();
            finish(o);
        } catch (IOException e) {
            status.setText("✗ could not write " + session.fileName() + ": " + e.getMessage());
        }
    }

    private void finish(Outcome o) {
        outcome = o;
        close();
    }
}

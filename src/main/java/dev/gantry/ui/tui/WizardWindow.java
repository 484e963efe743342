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
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.spec.Spec;
import dev.gantry.ui.LineWrap;
import dev.gantry.ui.WizardReview;
import dev.gantry.wizard.Choice;
import dev.gantry.wizard.Lookup;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.WizardScreen;
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
    private int cols;
    private int rows;
    private int paneWidth;
    private int leftWidth;
    /** A short terminal (under 34 rows): no intro or breadcrumb, shorter lists, so every field stays visible. */
    private boolean compact;
    private final List<WizardField> fields = new ArrayList<>();
    private Label pane;
    private Label cost;
    private Label status;
    private Label footer;
    private int paneRows;
    private int paneScroll;
    private WizardField paneFor;
    private String shape = "";
    /** Draws the current view again, e.g. at a new terminal size. */
    private Runnable view = () -> {};
    /** What PgDn does on a view other than a section's (null: nothing). */
    private Runnable pageDown;
    /** What Esc does on the current view. */
    private Runnable escape = this::showQuit;
    private Outcome outcome;
    private boolean onSectionView;
    /** The screen's introduction did not fit above the questions: the About pane starts with it. */
    private boolean introInPane;
    /** The fields around the focused one, when a screen's questions do not fit its rows; null when they do. */
    private FieldScroll scroll;

    public WizardWindow(WizardSession session, TerminalSize size, boolean color) {
        super("gantry init");
        this.session = session;
        this.flow = session.flow();
        this.color = color;
        measure(size);
        setHints(List.of(Hint.FULL_SCREEN, Hint.NO_DECORATIONS));
        addWindowListener(new WindowListenerAdapter() {
            @Override public void onResized(Window w, TerminalSize before, TerminalSize now) {
                if (now.getColumns() == cols && now.getRows() == rows) return;
                // Every pane is laid out for a size: draw the whole view again, prices and all.
                measure(now);
                // A section keeps the focused field, caret and typing state: the next key goes where it went before.
                if (onSectionView) rebuildKeepingFocus();
                else view.run();
            }
        });
        if (session.resumingDraft()) {
            flow.jump(session.resumeAt());
            showSection();
        } else if (session.editing()) {
            showMenu("Editing " + session.fileName() + ": every answer is filled in. Jump to a section:" + pendingDraftNote());
        } else showSection();
    }

    private String pendingDraftNote() {
        try {
            String d = session.pendingDraft();
            return d == null ? "" : "\n(An unfinished edit is saved in " + d + ": quit and run gantry init -f " + d + " to continue it.)";
        } catch (IOException e) {
            return "";
        }
    }

    private void measure(TerminalSize size) {
        cols = size.getColumns();
        rows = size.getRows();
        paneWidth = Math.max(30, cols * 2 / 5);
        leftWidth = cols - paneWidth - 5;
        compact = rows < 34;
    }

    WizardSession session() { return session; }

    /** How the wizard ended; null while it is still open. */
    public Outcome outcome() { return outcome; }

    @Override public boolean handleInput(KeyStroke key) {
        KeyType t = key.getKeyType();
        if (t == KeyType.F1 && onSectionView) { showHelp(); return true; }
        if (t == KeyType.Escape) { escape.run(); return true; }
        if (t == KeyType.PageDown && onSectionView) { next(); return true; }
        if (t == KeyType.PageDown && pageDown != null) { pageDown.run(); return true; }
        if (t == KeyType.PageUp && onSectionView && !flow.isFirst()) { flow.back(); showSection(); return true; }
        if (onSectionView && (key.isCtrlDown() || key.isAltDown()) && (t == KeyType.ArrowDown || t == KeyType.ArrowUp)) {
            paneScroll += t == KeyType.ArrowDown ? paneRows / 2 : -paneRows / 2;
            updatePane();
            return true;
        }
        if (onSectionView && scroll != null && (t == KeyType.Tab || t == KeyType.ReverseTab) && focusedField() != null) {
            int to = fields.indexOf(focusedField()) + (t == KeyType.Tab ? 1 : -1);
            if (to >= 0 && to < fields.size()) {
                focus(fields.get(to));
                return true;
            }
        }
        boolean handled = super.handleInput(key);
        updatePane();
        return handled;
    }

    // --- a section's questions ---

    private void showSection() {
        pageDown = null;
        WizardScreen s = flow.current();
        if (s == WizardScreen.REVIEW) {
            if (flow.offersAnotherService()) new WizardServices(this, flow).showAdd(true);
            else showReview();
            return;
        }
        onSectionView = true;
        view = this::showSection;
        escape = this::showQuit;
        fields.clear();
        paneFor = null;
        Panel left = new Panel(new LinearLayout().setSpacing(0));
        if (!compact) {
            left.addComponent(new Label(String.join("\n", LineWrap.wrap(s.introForKubernetesUsers(), leftWidth))));
            left.addComponent(new EmptySpace());
        }
        if (s == WizardScreen.WELCOME) welcome(left);
        for (Question q : flow.questions(s)) {
            WizardField f = new WizardField(q, flow, leftWidth, color, compact, this::changed);
            fields.add(f);
            left.addComponent(f.component());
            suggestions(q, left, f);
        }
        if (s == WizardScreen.SECRETS) secretValues(left);
        shape = shape();
        int middleRowsFor = Math.max(5, rows - topRows() - Math.max(1, costLines().size()) - 3);
        introInPane = false;
        if (compact) {
            // A short screen shows the screen's introduction above its questions when it fits there,
            // else as the first paragraph of the About pane while the first question has the focus.
            List<String> intro = LineWrap.wrap(s.introForKubernetesUsers(), leftWidth);
            if (left.getPreferredSize().getRows() + intro.size() + 1 <= middleRowsFor) {
                left.addComponent(0, new Label(String.join("\n", intro)));
                left.addComponent(1, new EmptySpace());
            } else {
                introInPane = true;
            }
        }
        pane = new Label("");
        cost = new Label("");
        status = new Label("");
        footer = new Label("");
        if (color) status.setForegroundColor(TextColor.ANSI.RED);
        // The rows below the questions are fixed (estimate, status, buttons, keys) so the middle
        // gets exactly what is left and the footer is never pushed off a short screen.
        int middleRows = Math.max(5, rows - topRows() - Math.max(1, costLines().size()) - 3);
        paneRows = middleRows - 2;
        scroll = FieldScroll.of(left, fields, middleRows);
        if (scroll != null) scroll.show(0);
        Panel right = new Panel(new LinearLayout());
        right.addComponent(pane);
        Panel middle = new Panel(new LinearLayout(Direction.HORIZONTAL));
        middle.addComponent(left.setPreferredSize(new TerminalSize(leftWidth, middleRows)));
        middle.addComponent(right.setPreferredSize(new TerminalSize(paneWidth - 2, paneRows)).withBorder(Borders.singleLine("About this")));
        Panel bottom = new Panel(new LinearLayout().setSpacing(0));
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
        bottom.addComponent(footer);
        setComponent(frame(middle, bottom));
        Interactable first = fields.isEmpty() ? next : fields.get(0).input;
        setFocusedInteractable(first);
        refresh();
    }

    private Panel frame(Panel middle, Panel bottom) {
        Panel root = new Panel(new BorderLayout());
        Panel top = new Panel(new LinearLayout());
        WizardScreen s = flow.current();
        Label title = new Label("gantry init · " + s.stepIndicator() + " · " + s.title() + serviceTag(s) + "   (" + what() + ")");
        if (color) title.addStyle(SGR.BOLD);
        top.addComponent(title);
        if (topRows() > 1) top.addComponent(new Label(breadcrumb(s)));
        root.addComponent(top.setLayoutData(BorderLayout.Location.TOP));
        root.addComponent(middle.setLayoutData(BorderLayout.Location.CENTER));
        root.addComponent(bottom.setLayoutData(BorderLayout.Location.BOTTOM));
        return root;
    }

    /** A screen drawn by {@link WizardServices}: how to redraw it (a resize) and what Esc does. */
    void showOther(Runnable redraw, Runnable onEscape, Panel p, Interactable focus) { showOther(redraw, onEscape, null, p, focus); }

    /** As above, and what PgDn (next screen) does on it. */
    void showOther(Runnable redraw, Runnable onEscape, Runnable onPageDown, Panel p, Interactable focus) {
        onSectionView = false;
        pageDown = onPageDown;
        view = redraw;
        escape = onEscape;
        setComponent(p);
        setFocusedInteractable(focus);
    }

    void openSection() { showSection(); }

    void openMenu() { showMenu("Jump to a section:"); }

    int width() { return cols; }

    int height() { return rows; }

    /** " · service api" on a screen that asks about one service of several; "" otherwise. */
    private String serviceTag(WizardScreen s) {
        if (!flow.servicesVersion() || flow.questions(s).stream().noneMatch(WizardFlow::perService)) return "";
        return " · service " + flow.focusedService();
    }

    /** "new gantry.yaml", "editing gantry.yaml", "draft gantry.yaml.draft → gantry.yaml". */
    private String what() {
        if (session.resumingDraft()) {
            return "draft " + session.draftName() + (session.editing() ? " → " + session.fileName() : "");
        }
        return (session.editing() ? "editing " : "new ") + session.fileName();
    }

    /** The title and the breadcrumb (fitted to the width), on every screen but the tiniest. */
    private int topRows() { return rows < 16 ? 1 : 2; }

    /** The estimate under the questions, wrapped to the screen; short screens keep the total and the label. */
    private List<String> costLines() {
        List<String> hint = session.costHint(flow.current());
        // The per-item lines are on the review; a short screen keeps the running total and what it is.
        if (compact && hint.size() > 2) hint = hint.subList(hint.size() - 2, hint.size());
        List<String> out = new ArrayList<>();
        // Only what is too wide is wrapped: the amounts keep their column.
        for (String h : hint) out.addAll(h.length() < cols ? List.of(h) : LineWrap.wrap(h, cols - 1));
        return out;
    }

    /** The key line: what the focused field's keys do, shortened from the end to fit. */
    private String keys() {
        WizardField f = focusedField();
        List<String> parts = new ArrayList<>();
        if (f != null && f.replacing()) parts.add("typing replaces, ←/→ edits");
        else if (f != null && f.input instanceof TextBox) parts.add("Ctrl-A/E/U/K/W edit");
        else parts.add("↑/↓ pick");
        // Dropped from the end on a narrow screen, so the most needed keys come first.
        parts.addAll(List.of("Tab next", "PgUp/PgDn screens", "F1 help", "Esc quit"));
        return fit(parts);
    }

    /** Key hints joined by " · ", dropping the last ones until the line fits the screen. */
    private String fit(List<String> hints) {
        List<String> parts = new ArrayList<>(hints);
        String line = String.join(" · ", parts);
        while (line.length() > cols - 1 && parts.size() > 1) {
            parts.remove(parts.size() - 1);
            line = String.join(" · ", parts);
        }
        return line;
    }

    private String breadcrumb(WizardScreen current) {
        StringBuilder sb = new StringBuilder();
        for (WizardScreen s : WizardScreen.values()) {
            if (sb.length() > 0) sb.append(" › ");
            sb.append(s == current ? "[" + s.title() + "]" : s.title());
        }
        if (sb.length() <= cols - 2) return sb.toString();
        // Too wide: the screens around the current one, as many as fit, with … where some are left out.
        WizardScreen[] all = WizardScreen.values();
        int at = current.ordinal();
        int from = at, to = at;
        String best = "[" + current.title() + "]";
        while (true) {
            boolean grew = false;
            for (int side = 0; side < 2; side++) {
                int f = side == 0 ? from : from - 1, t = side == 0 ? to + 1 : to;
                if (f < 0 || t >= all.length) continue;
                String line = crumbs(all, f, t, current);
                if (line.length() <= cols - 2) { from = f; to = t; best = line; grew = true; }
            }
            if (!grew) return best;
        }
    }

    private static String crumbs(WizardScreen[] all, int from, int to, WizardScreen current) {
        StringBuilder sb = new StringBuilder(from > 0 ? "… › " : "");
        for (int i = from; i <= to; i++) {
            if (i > from) sb.append(" › ");
            sb.append(all[i] == current ? "[" + all[i].title() + "]" : all[i].title());
        }
        return sb.append(to < all.length - 1 ? " › …" : "").toString();
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
            left.addComponent(new Label(String.join("\n", LineWrap.wrap("Value of " + name
                    + (typed ? " (typed; type again to replace)" : " (hidden; empty = ask at apply)"), leftWidth))));
            TextBox box = new WizardTextBox(new TerminalSize(Math.min(leftWidth, 40), 1), "", TextBox.Style.SINGLE_LINE);
            box.setMask('*');
            box.setTextChangeListener((text, byUser) -> { if (byUser && !text.isEmpty()) flow.secretValue(name, text.toCharArray()); });
            left.addComponent(box);
        }
    }

    /** After any answer: rebuild when the set of questions changed (vpc: new → existing), else just refresh. */
    private void changed() {
        if (!shape().equals(shape)) {
            rebuildKeepingFocus();
            return;
        }
        refresh();
    }

    /** Draws the screen again with the focus, caret and replace state where they were: typing goes on undisturbed. */
    private void rebuildKeepingFocus() {
        WizardField was = focusedField();
        String focusedId = was == null ? null : was.question.id();
        var caret = was != null && was.input instanceof TextBox b ? b.getCaretPosition() : null;
        boolean replacing = was != null && was.replacing();
        showSection();
        fields.stream().filter(f -> f.question.id().equals(focusedId)).findFirst().ifPresent(f -> {
            focus(f);
            if (f.input instanceof WizardTextBox box && caret != null) box.resume(caret, replacing);
        });
        updatePane();
    }

    private String shape() { return flow.questions(flow.current()) + "|" + flow.managedSecretNames(); }

    private void refresh() {
        fields.forEach(WizardField::refresh);
        if (cost != null) {
            List<String> lines = costLines();
            String before = cost.getText();
            cost.setText(String.join("\n", lines));
            // A hint that gained or lost a line (no estimate → an estimate) changes the layout.
            if (onSectionView && before.split("\n", -1).length != lines.size() && !before.isEmpty() && !lines.isEmpty()) {
                rebuildKeepingFocus();
                return;
            }
        }
        updatePane();
    }

    /** Focuses a field, bringing it into view first on a screen whose fields scroll. */
    private void focus(WizardField f) {
        if (scroll != null) scroll.show(fields.indexOf(f));
        setFocusedInteractable(f.input);
        updatePane();
    }

    /** The question the focus is on, or null (tests). */
    String focusedQuestion() {
        WizardField f = focusedField();
        return f == null ? null : f.question.id();
    }

    private WizardField focusedField() {
        Interactable focused = getFocusedInteractable();
        return fields.stream().filter(f -> f.input == focused).findFirst().orElse(null);
    }

    private void updatePane() {
        if (!onSectionView || pane == null) return;
        WizardField f = focusedField();
        if (f != paneFor) paneScroll = 0;
        paneFor = f;
        List<String> lines = new ArrayList<>();
        // On entering the screen (its first field): afterwards each question's own text comes first.
        if (introInPane && (f == null || fields.isEmpty() || f == fields.get(0))) {
            WizardScreen s = flow.current();
            lines.addAll(LineWrap.wrap(s.title() + ": " + s.introForKubernetesUsers(), paneWidth - 2));
            lines.add("");
        }
        lines.addAll(f == null ? WizardPane.forSection(flow.current(), paneWidth - 2)
                : WizardPane.forQuestion(f.question, flow, paneWidth - 2));
        WizardPane.Window w = WizardPane.window(lines, paneRows, paneScroll);
        paneScroll = w.scroll();
        pane.setText(String.join("\n", w.lines()));
        if (footer != null) footer.setText(keys());
    }

    private void next() {
        List<String> errs = flow.next();
        if (errs.isEmpty()) { showSection(); return; }
        fields.forEach(WizardField::reveal);
        status.setText("✗ " + errs.get(0) + (errs.size() > 1 ? "  (+" + (errs.size() - 1) + " more)" : ""));
        fields.stream().filter(WizardField::hasError).findFirst().ifPresent(this::focus);
        updatePane();
    }

    // --- other views ---

    private void showPicker(Question q, List<Choice> choices) {
        pageDown = null;
        onSectionView = false;
        view = () -> showPicker(q, choices);
        escape = this::showSection;
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
        pageDown = null;
        onSectionView = false;
        view = () -> showMenu(heading);
        // From a screen, Esc goes back to it; the menu an edit starts on has no screen behind it.
        escape = heading.startsWith("Editing") ? this::showQuit : this::showSection;
        ActionListBox list = new ActionListBox(new TerminalSize(cols - 4, WizardScreen.values().length + WizardServices.rows(flow)));
        for (WizardScreen s : WizardScreen.values()) {
            if (s == WizardScreen.WELCOME) continue;
            list.addItem(String.format("%-14s %s", s.title(), summary(s)), () -> { flow.jump(s); showSection(); });
        }
        new WizardServices(this, flow).addTo(list);
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label(String.join("\n", LineWrap.wrap("gantry init · " + heading, cols - 2))));
        p.addComponent(new EmptySpace());
        p.addComponent(list);
        p.addComponent(new EmptySpace());
        p.addComponent(new Label("Enter opens a section; from any screen, Sections comes back here."));
        setComponent(p);
        setFocusedInteractable(list);
    }

    /** "hello · nginx:1.27 · 80": the current answers of a section, short enough for one line. */
    private String summary(WizardScreen s) {
        if (s == WizardScreen.REVIEW) return "see the spec, the estimate, and save";
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
        pageDown = null;
        onSectionView = false;
        view = this::showHelp;
        escape = this::showSection;
        WizardScreen s = flow.current();
        List<String> lines = new ArrayList<>(LineWrap.wrap(s.title() + ": " + s.introForKubernetesUsers(), cols - 6));
        for (Question q : flow.questions(s)) {
            lines.add("");
            lines.add(q.title());
            lines.addAll(WizardPane.forQuestion(q, flow, cols - 6));
        }
        lines.add("");
        lines.addAll(LineWrap.wrap(KEYS, cols - 6));
        TextBox text = new TextBox(new TerminalSize(cols - 2, rows - 3), String.join("\n", lines), TextBox.Style.MULTI_LINE);
        text.setReadOnly(true);
        Panel p = new Panel(new LinearLayout().setSpacing(0));
        p.addComponent(new Label("Help · " + s.title() + " (↑/↓ PgUp/PgDn scroll; Esc or Close returns)"));
        p.addComponent(text);
        Button close = new Button("Close", this::showSection);
        p.addComponent(close);
        setComponent(p);
        setFocusedInteractable(text);
    }

    /** What every key does, for Help; docs/wizard.md says the same. */
    static final String KEYS = "Keys: Tab / Shift-Tab next / previous field · ↑/↓ pick an option · PgDn next screen · "
            + "PgUp previous screen · F1 this help · Esc quit (or close this help) · Ctrl-↑/↓ or Alt-↑/↓ scroll the About pane. "
            + "In a text field: typing replaces the value shown until you move the cursor or edit it; "
            + "←/→ move, Ctrl-A or Home start, Ctrl-E or End end, Ctrl-U delete to the start, Ctrl-K delete to the end, "
            + "Ctrl-W or Alt-Backspace delete the word before the cursor, Alt-B / Alt-F a word left / right, "
            + "Delete or Ctrl-D the character under the cursor, Backspace the one before it.";

    private void showQuit() { showQuit(view); }

    /** The quit question; Cancel and Esc go {@code back} to the view it was asked from. */
    private void showQuit(Runnable back) {
        pageDown = null;
        onSectionView = false;
        view = () -> showQuit(back);
        escape = back;
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label("Quit the wizard. Save a draft to continue later?"));
        p.addComponent(new Label(String.join("\n", LineWrap.wrap("(The draft goes to " + session.draftName()
                + "; gantry init -f " + session.draftName() + " continues it where you stopped"
                + (session.editing() ? " and finishes into " + session.fileName() : "") + ". Secret values are never saved.)", cols - 2))));
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
        buttons.addComponent(new Button("Cancel", back));
        p.addComponent(buttons);
        setComponent(p);
        setFocusedInteractable(save);
    }

    private void showReview() {
        pageDown = null;
        onSectionView = false;
        view = this::showReview;
        escape = this::showQuit;
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
            // Wrapped for reading (the box is read-only): a long comment would need sideways scrolling.
            TextBox yaml = new TextBox(new TerminalSize(leftWidth, Math.max(5, rows - topRows() - 5)),
                    softWrapped(session.specText(), leftWidth - 2), TextBox.Style.MULTI_LINE);
            yaml.setReadOnly(true);
            left.addComponent(new Label("gantry.yaml (scroll with the arrow keys):"));
            left.addComponent(yaml);
            // The box's text is narrower than the box by its scrollbar and the caret's column.
            int infoWidth = paneWidth - 4;
            List<String> info = new ArrayList<>();
            for (String note : WizardReview.byHand(spec)) {
                info.addAll(LineWrap.wrap(note, infoWidth));
                info.add("");
            }
            info.addAll(WizardReview.estimate(session, spec, infoWidth));
            info.add("");
            info.add("What will be created:");
            info.addAll(WizardReview.resourcesCompact(spec, infoWidth));
            // A read-only box, not a label: a big stack's list scrolls instead of being cut off.
            TextBox infoBox = new TextBox(new TerminalSize(paneWidth - 1, Math.max(5, rows - topRows() - 6)), String.join("\n", info), TextBox.Style.MULTI_LINE);
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
        middle.addComponent(left.setPreferredSize(new TerminalSize(leftWidth, Math.max(5, rows - topRows() - 4))));
        middle.addComponent(right.withBorder(Borders.singleLine("Estimate and resources")));
        status = new Label(errs.isEmpty() ? droppedCommentsHint() : "");
        Panel bottom = new Panel(new LinearLayout().setSpacing(0));
        bottom.addComponent(status);
        bottom.addComponent(buttons);
        bottom.addComponent(new Label(fit(List.of("Tab next box or button", "↑/↓ scroll the box", "Enter picks", "Esc quit"))));
        setComponent(frame(middle, bottom));
        setFocusedInteractable(first);
    }

    /** Each line of {@code text} wrapped at word boundaries to {@code width}, continuations under its indent. */
    private static String softWrapped(String text, int width) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (b.length() > 0) b.append('\n');
            if (line.length() <= width) { b.append(line); continue; }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') indent++;
            String pad = " ".repeat(Math.min(indent + 2, width / 2));
            List<String> parts = LineWrap.wrap(line.substring(indent), width - pad.length());
            b.append(" ".repeat(indent)).append(parts.get(0));
            for (int i = 1; i < parts.size(); i++) b.append('\n').append(pad).append(parts.get(i));
        }
        return b.toString();
    }

    /** One line on the Review screen when saving would drop comments; Save then lists them above the diff. */
    private String droppedCommentsHint() {
        int n = session.droppedComments().size();
        return n == 0 ? "" : "! " + n + (n == 1 ? " comment of yours is on a removed key" : " comments of yours are on removed keys")
                + ": Save lists them before writing.";
    }

    private WizardScreen firstBad() {
        for (WizardScreen s : WizardScreen.values()) if (!flow.errors(s).isEmpty()) return s;
        return WizardScreen.APP;
    }

    private void save(Outcome o) {
        if (session.editing()) { showDiff(o); return; }
        write(o);
    }

    private void showDiff(Outcome o) {
        view = () -> showDiff(o);
        escape = this::showReview;
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

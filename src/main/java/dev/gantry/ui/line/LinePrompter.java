package dev.gantry.ui.line;

import dev.gantry.spec.Spec;
import dev.gantry.ui.LineWrap;
import dev.gantry.ui.WizardReview;
import dev.gantry.wizard.Choice;
import dev.gantry.wizard.Kind;
import dev.gantry.wizard.Lookup;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.WizardScreen;
import dev.gantry.wizard.AnswerText;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wizard as line prompts, for dumb terminals, pipes and {@code --plain}: the same screens and
 * questions as the full-screen wizard, one prompt at a time. {@code ?} explains, {@code <} goes
 * back, {@code q} quits; Tab completes closed choices; secret values are typed masked.
 */
public final class LinePrompter {
    private static final int WIDTH = 78;
    private static final int LIST_LIMIT = 8;

    private final WizardSession session;
    private final WizardFlow flow;
    private final LineReader reader;
    private final PrintWriter out;
    private final Terminal terminal;
    private List<String> candidates = List.of();
    private final LineServices services;

    private enum Nav { NEXT, BACK, QUIT }

    public LinePrompter(WizardSession session, Terminal terminal) {
        this.session = session;
        this.flow = session.flow();
        this.services = new LineServices(flow, this::read, this::println, WIDTH);
        this.terminal = terminal;
        this.out = terminal.writer();
        this.reader = LineReaderBuilder.builder().terminal(terminal)
                .completer((r, line, found) -> candidates.forEach(c -> found.add(new Candidate(c))))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_SIZE, 0)
                .build();
    }

    public Outcome run() {
        try {
            return loop();
        } catch (UserInterruptException e) {
            return Outcome.INTERRUPTED;
        } catch (EndOfFileException e) {
            return Outcome.END_OF_INPUT;
        } finally {
            out.flush();
        }
    }

    private Outcome loop() {
        println("gantry init writes " + session.fileName() + ". At any prompt: ? explains, < goes back, q quits.");
        if (session.resumingDraft()) {
            println("Continuing the draft " + session.draftName() + (session.editing() ? " of " + session.fileName() : "")
                    + " at " + session.resumeAt().title() + ".");
            flow.jump(session.resumeAt());
        } else if (session.editing()) jumpMenu();
        while (true) {
            WizardScreen s = flow.current();
            if (s == WizardScreen.REVIEW && flow.offersAnotherService()) {
                if (services.askAnother(true) == LineServices.Step.QUIT) return quit();
                continue;
            }
            if (s == WizardScreen.REVIEW) {
                Outcome o = review();
                if (o != null) return o;
                continue;
            }
            Nav nav = askSection(s);
            if (nav == Nav.QUIT) return quit();
            if (nav == Nav.BACK) flow.back();
            else {
                List<String> errs = flow.next();
                errs.forEach(e -> println("  ✗ " + e));
            }
        }
    }

    private void jumpMenu() {
        println("");
        println("Editing " + session.fileName() + ". Jump to a section, or press Enter to walk through all:");
        try {
            String pending = session.pendingDraft();
            if (pending != null) println("(An unfinished edit is saved in " + pending + ": q, then gantry init -f " + pending + " continues it.)");
        } catch (IOException e) {
            // Only a hint: without it the edit goes on as usual.
        }
        WizardScreen[] all = WizardScreen.values();
        for (int i = 1; i < all.length; i++) println(String.format("  %2d) %s", i, all[i].title()));
        candidates = java.util.Arrays.stream(all).map(s -> s.title().toLowerCase()).toList();
        String a = read("WizardScreen [1]: ").trim();
        if (a.isEmpty()) { flow.jump(WizardScreen.APP); return; }
        WizardScreen s = section(a);
        if (s == null) println("  no section " + a + "; starting at App");
        flow.jump(s == null ? WizardScreen.APP : s);
    }

    private WizardScreen section(String a) {
        WizardScreen[] all = WizardScreen.values();
        try {
            int n = Integer.parseInt(a);
            return n >= 0 && n < all.length ? all[n] : null;
        } catch (NumberFormatException e) {
            for (WizardScreen s : all) if (s.title().equalsIgnoreCase(a) || s.name().equalsIgnoreCase(a)) return s;
            return null;
        }
    }

    private Nav askSection(WizardScreen s) {
        println("");
        // In version 2 a screen of a service's own questions names the service it asks about.
        String about = flow.servicesVersion() && flow.questions(s).stream().anyMatch(WizardFlow::perService) ? " · service " + flow.focusedService() : "";
        println("── " + s.stepIndicator() + " · " + s.title() + about + " " + "─".repeat(Math.max(3, 60 - s.title().length() - about.length())));
        LineWrap.wrap(s.introForKubernetesUsers(), WIDTH).forEach(this::println);
        if (s == WizardScreen.WELCOME) welcomeNotes();
        int i = 0;
        while (true) {
            List<Question> qs = flow.questions(s);
            if (i >= qs.size()) {
                // A later answer can invalidate an earlier one (count vs maxPercent): ask it again.
                int bad = firstError(qs);
                if (bad >= 0) { i = bad; continue; }
                session.costHint(s).forEach(l -> println("  " + l));
                return Nav.NEXT;
            }
            Nav nav = ask(qs.get(i));
            if (nav == Nav.QUIT) return Nav.QUIT;
            if (nav == Nav.BACK) {
                if (i > 0) i--;
                else if (s != WizardScreen.WELCOME) return Nav.BACK;
                else println("  (this is the first screen)");
            } else i++;
        }
    }

    private int firstError(List<Question> qs) {
        for (int k = 0; k < qs.size(); k++) {
            String e = flow.error(qs.get(k));
            if (e != null) { println("  ✗ " + e); return k; }
        }
        return -1;
    }

    private void welcomeNotes() {
        var id = flow.facts().identity();
        println("");
        if (id.signedIn()) {
            println("Signed in to AWS account " + id.account() + " as " + id.arn() + ".");
            println("Choices such as VPCs, hosted zones and certificates are looked up live.");
        } else {
            println(Character.toUpperCase(id.problem().charAt(0)) + id.problem().substring(1) + ".");
            LineWrap.wrap("You can continue offline: type values instead of picking them from your account. "
                    + "Then rehearse the whole apply on the simulated AWS: gantry apply -f " + session.fileName()
                    + " --simulate. Nothing real is created or billed.", WIDTH).forEach(this::println);
        }
    }

    private Nav ask(Question q) {
        List<Choice> choices = q.choices(flow);
        if (q.kind() == Kind.PAIRS) return askPairs(q);
        println("");
        if (!choices.isEmpty() && choices.size() <= LIST_LIMIT) {
            for (int k = 0; k < choices.size(); k++) {
                Choice c = choices.get(k);
                println(String.format("  %d) %-22s %s", k + 1, c.value(), c.label().equals(c.value()) ? "" : c.label()).stripTrailing());
            }
        }
        Lookup<List<Choice>> found = q.hasSuggestions() ? q.suggestions(flow) : null;
        if (found != null) {
            if (found.ok() && !found.value().isEmpty()) {
                println("  Found in your account (Tab completes):");
                found.value().forEach(c -> println("    " + c.value() + "  " + (c.meaning() == null ? "" : c.meaning())));
            } else if (!found.ok()) {
                println("  (" + found.unavailable() + ": type the value)");
            }
        }
        candidates = !choices.isEmpty() ? choices.stream().map(Choice::value).toList()
                : found != null && found.ok() ? found.value().stream().map(Choice::value).toList() : List.of();
        while (true) {
            String current = flow.get(q.id());
            String hint = choices.size() > LIST_LIMIT ? " (Tab lists " + choices.size() + " choices)" : "";
            String a = read(q.title() + hint + (current == null || current.isEmpty() ? "" : " [" + current + "]") + ": ").trim();
            if (a.equals("?")) { explain(q); continue; }
            if (a.equals("<")) return Nav.BACK;
            if (a.equalsIgnoreCase("q")) return Nav.QUIT;
            String value = a.isEmpty() ? (current == null ? "" : current) : a;
            if (!choices.isEmpty()) value = pick(choices, value);
            boolean wasGiven = flow.given(q.id());
            String err = flow.set(q.id(), value);
            if (err == null) {
                String w = flow.warning(q);
                if (w != null) println("  ! " + w);
                return Nav.NEXT;
            }
            println("  ✗ " + err);
            // A rejected answer must not become the [default] that Enter would submit again.
            if (wasGiven && current != null) flow.set(q.id(), current);
            else flow.reset(q.id());
        }
    }

    /** A choice by number, value or label. */
    private static String pick(List<Choice> choices, String typed) {
        try {
            int n = Integer.parseInt(typed);
            if (n >= 1 && n <= choices.size() && choices.stream().noneMatch(c -> c.value().equals(typed))) return choices.get(n - 1).value();
        } catch (NumberFormatException ignored) { /* not a number */ }
        for (Choice c : choices) if (c.label().equalsIgnoreCase(typed)) return c.value();
        return typed;
    }

    private Nav askPairs(Question q) {
        println("");
        Map<String, String> entries = new LinkedHashMap<>(AnswerText.pairs(flow.get(q.id())));
        println(q.title() + ": " + (entries.isEmpty() ? "none yet" : ""));
        entries.forEach((k, v) -> println("    " + k + "=" + v));
        println(q.id().equals("task.secrets")
                ? "  Type NAME=PARAMETER (e.g. DB_PASSWORD=/" + flow.get("app") + "/db-password) to add or change, -NAME to remove;"
                        + "\n  an empty line finishes. Each value is asked afterwards, hidden, and never written to the file."
                : "  Type NAME=VALUE to add or change, -NAME to remove; an empty line finishes.");
        Lookup<List<Choice>> found = q.hasSuggestions() ? q.suggestions(flow) : null;
        if (found != null && found.ok() && !found.value().isEmpty()) {
            println("  Existing parameters (Tab completes):");
            found.value().forEach(c -> println("    " + c.value()));
            candidates = found.value().stream().map(Choice::value).toList();
        } else candidates = List.of();
        while (true) {
            String a = read("  > ").trim();
            if (a.equals("?")) { explain(q); continue; }
            if (a.equals("<")) return Nav.BACK;
            if (a.equalsIgnoreCase("q")) return Nav.QUIT;
            if (a.isEmpty()) break;
            Map<String, String> next = new LinkedHashMap<>(entries);
            if (a.startsWith("-")) next.remove(a.substring(1).trim());
            else {
                int eq = a.indexOf('=');
                next.put(eq < 0 ? a : a.substring(0, eq).trim(), eq < 0 ? null : a.substring(eq + 1).trim());
            }
            String err = flow.set(q.id(), joinAllowingBroken(next));
            if (err != null) {
                println("  ✗ " + err);
                flow.set(q.id(), AnswerText.joinPairs(entries));
                continue;
            }
            entries = next;
            String w = flow.warning(q);
            if (w != null) println("  ! " + w);
        }
        flow.set(q.id(), AnswerText.joinPairs(entries));
        if (q.id().equals("task.secrets")) askSecretValues();
        return Nav.NEXT;
    }

    private static String joinAllowingBroken(Map<String, String> m) {
        List<String> lines = new ArrayList<>();
        m.forEach((k, v) -> lines.add(v == null ? k : k + "=" + v));
        return String.join("\n", lines);
    }

    private void askSecretValues() {
        for (String name : flow.managedSecretNames()) {
            boolean has = flow.secretValues().containsKey(name);
            // A reader of its own: jline's dumb terminal keeps redrawing a masked prompt on later reads.
            LineReader masked = LineReaderBuilder.builder().terminal(terminal).build();
            String v = masked.readLine("  Value for " + name + " (hidden; Enter " + (has ? "keeps the one typed" : "supplies it at apply time") + "): ", '*');
            if (!v.isEmpty()) flow.secretValue(name, v.toCharArray());
        }
    }

    private void explain(Question q) {
        LineWrap.wrap(q.fullExplanation(flow), WIDTH - 2).forEach(l -> println("  " + l));
        println("  Flag: " + String.join(", ", q.flags().isEmpty() ? List.of("(set by the answers below it)") : q.flags()));
    }

    private Outcome review() {
        Spec spec;
        List<String> errs = flow.errors();
        if (!errs.isEmpty()) {
            println("");
            println("Before saving, fix:");
            errs.forEach(e -> println("  ✗ " + e));
            flow.jump(firstBad());
            return null;
        }
        spec = flow.build();
        println("");
        println("── " + WizardScreen.REVIEW.stepIndicator() + " · Review " + "─".repeat(54));
        println(session.specText().stripTrailing());
        println("");
        for (String note : WizardReview.byHand(spec)) {
            LineWrap.wrap(note, WIDTH - 2).forEach(l -> println("  " + l));
            println("");
        }
        println("Monthly estimate:");
        WizardReview.estimate(session, spec).forEach(l -> println("  " + l));
        println("");
        println("What will be created:");
        WizardReview.resourcesCompact(spec, WIDTH - 2).forEach(l -> println("  " + l));
        if (session.editing()) {
            List<String> diff = session.diff();
            println("");
            if (diff.isEmpty()) println("No changes to " + session.fileName() + ".");
            else {
                println("Changes to " + session.fileName() + ":");
                diff.forEach(l -> println("  " + l));
            }
            session.droppedCommentsNotice().forEach(this::println);
        }
        candidates = List.of("save", "apply", "back", "quit", "add", "service", "remove");
        println("");
        println(services.reviewHint() + ".");
        while (true) {
            String a = read("save, apply (save and apply), back, or a section name to edit [save]: ").trim().toLowerCase();
            if (a.equals("add")) {
                if (services.askAnother(false) == LineServices.Step.QUIT) return quit();
                return null;
            }
            if (a.startsWith("service ")) {
                services.edit(a.substring("service ".length()).trim());
                continue;
            }
            if (a.startsWith("remove ")) {
                services.remove(a.substring("remove ".length()).trim());
                return null;
            }
            switch (a) {
                case "", "save", "s" -> { return save(Outcome.SAVED); }
                case "apply", "a" -> { return save(Outcome.SAVED_APPLY); }
                case "back", "<", "b" -> { flow.back(); return null; }
                case "q", "quit" -> { return quit(); }
                case "?" -> LineWrap.wrap(WizardScreen.REVIEW.intro(), WIDTH).forEach(this::println);
                default -> {
                    WizardScreen s = section(a);
                    if (s != null && s != WizardScreen.REVIEW) { flow.jump(s); return null; }
                    println("  ✗ answer save, apply, back or a section name");
                }
            }
        }
    }

    private WizardScreen firstBad() {
        for (WizardScreen s : WizardScreen.values()) if (!flow.errors(s).isEmpty()) return s;
        return WizardScreen.APP;
    }

    private Outcome save(Outcome o) {
        try {
            session.save();
            return o;
        } catch (IOException e) {
            println("  ✗ could not write " + session.fileName() + ": " + e.getMessage());
            return null;
        }
    }

    private Outcome quit() {
        String a = read("Quit. Save a draft to continue later? [Y/n]: ").trim();
        if (a.isEmpty() || a.toLowerCase().startsWith("y")) {
            try {
                session.saveDraft();
                return Outcome.DRAFT_SAVED;
            } catch (IOException e) {
                println("  ✗ could not write the draft: " + e.getMessage());
            }
        }
        return Outcome.QUIT;
    }

    /** jline expands %-sequences in prompts; titles such as "(%)" must stay literal. */
    private String read(String prompt) { return reader.readLine(prompt.replace("%", "%%")); }

    private void println(String s) {
        out.println(s);
        out.flush();
    }
}

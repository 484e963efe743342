package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.ActionListBox;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.RadioBoxList;
import com.googlecode.lanterna.gui2.TextBox;
import dev.gantry.spec.Spec;
import dev.gantry.ui.LineWrap;
import dev.gantry.ui.WizardReview;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardFlow.ServiceKind;
import dev.gantry.wizard.WizardScreen;

import java.util.List;

/**
 * The section menu's services (version 2): pick one to edit (its Task, Service and Load balancer
 * screens then ask about it), add another (web, internal API or worker: then only the questions
 * that differ per service), or remove one after seeing what it deletes and that the others stay.
 */
final class WizardServices {
    private final WizardWindow window;
    private final WizardFlow flow;

    private String typedName = "";
    private int pickedKind;

    WizardServices(WizardWindow window, WizardFlow flow) {
        this.window = window;
        this.flow = flow;
    }

    /** How many menu rows {@link #addTo} adds. */
    static int rows(WizardFlow flow) {
        return (flow.servicesVersion() ? flow.services().size() : 0) + 1 + (flow.services().size() > 1 ? 1 : 0);
    }

    void addTo(ActionListBox list) {
        if (flow.servicesVersion()) {
            String editing = flow.focusedService();
            for (String name : flow.services()) {
                // "editing" first: a long description is cut at the screen's edge.
                list.addItem(String.format("%-14s %s", "Service " + name, (name.equals(editing) ? "(editing) " : "") + describe(name)), () -> {
                    flow.focus(name);
                    flow.jump(WizardScreen.APP);
                    window.openSection();
                });
            }
        }
        list.addItem("+ Add another service (web, internal API or worker)", () -> showAdd(false));
        if (flow.services().size() > 1) list.addItem("- Remove a service", this::showRemove);
    }

    private String describe(String name) {
        String was = flow.focusedService();
        flow.focus(name);
        String out = switch (flow.kind()) {
            case WEB -> "web: " + (flow.get("public.routes") == null || flow.get("public.routes").isBlank() ? "every other request" : flow.get("public.routes"));
            case INTERNAL -> "internal API on port " + flow.get("task.port");
            case WORKER -> "worker";
        } + " · " + (flow.is("task.source", "build") ? "built from ./" + dockerfile() : flow.get("task.image"));
        flow.focus(was);
        return out;
    }

    /** The focused service's Dockerfile, relative to gantry.yaml's folder (./api/Dockerfile for a service built from ./api). */
    private String dockerfile() {
        String f = flow.get("task.build.dockerfile");
        return f == null || f.isBlank() ? "Dockerfile" : f.startsWith("./") ? f.substring(2) : f;
    }

    /**
     * "Add another service?": asked when a service has just been described (Review is next), with
     * "No" first; or opened from the section menu. Adding one walks only its own questions.
     */
    void showAdd(boolean offered) {
        int width = window.width() - 4;
        String described = offered ? flow.focusedService() : null;
        // The shell's editing keys, as every field of the wizard; a redraw (a resize) keeps what was typed and picked.
        WizardTextBox name = new WizardTextBox(new TerminalSize(Math.min(34, width), 1), typedName, TextBox.Style.SINGLE_LINE);
        name.setTextChangeListener((text, byUser) -> typedName = text);
        RadioBoxList<String> kind = new RadioBoxList<>(new TerminalSize(width, 3));
        kind.addItem("web: public, on its own routes through the shared load balancer");
        kind.addItem("internal API: called by the app's other services at http://NAME:PORT");
        kind.addItem("worker: no inbound traffic (queues, schedules)");
        kind.setCheckedItemIndex(pickedKind);
        kind.addListener((checked, before) -> pickedKind = Math.max(0, checked));
        Label error = new Label("");
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label(String.join("\n", LineWrap.wrap("gantry init · Add another service to " + flow.get("app") + "?", width))));
        p.addComponent(new Label(String.join("\n", LineWrap.wrap((described != null ? "Service " + described + " is described. " : "")
                + "Another service shares the network, cluster, load balancer, certificate and DNS zone; only its own image, "
                + "size, copies and way in are asked next." + (flow.servicesVersion() ? "" : " The file becomes version 2 (as gantry migrate "
                + "writes it): " + flow.get("app") + " keeps its AWS names."), width))));
        p.addComponent(new EmptySpace());
        Button no = new Button(offered ? "No, review and save" : "Cancel", () -> {
            flow.anotherServiceAnswered();
            if (offered) window.openSection();
            else window.openMenu();
        });
        if (offered) {
            p.addComponent(no);
            p.addComponent(new EmptySpace());
            p.addComponent(new Label("Or add one. Its name (a-z, 0-9 and -; the host other services call):"));
        } else {
            p.addComponent(new Label("Name (lowercase letters, digits and -; the host other services call):"));
        }
        p.addComponent(name);
        p.addComponent(new Label("What kind of service?"));
        p.addComponent(kind);
        p.addComponent(error);
        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        buttons.addComponent(new Button("Add it", () -> {
            ServiceKind k = ServiceKind.values()[Math.max(0, kind.getCheckedItemIndex())];
            String e = flow.addService(name.getText().trim(), k);
            if (e != null) {
                error.setText(String.join("\n", LineWrap.wrap("✗ services." + name.getText().trim() + ": " + e, width)));
                return;
            }
            typedName = "";
            pickedKind = 0;
            flow.walkAddedService();
            window.openSection();
        }));
        if (!offered) buttons.addComponent(no);
        p.addComponent(buttons);
        p.addComponent(new Label("Tab next · ↑/↓ pick · Enter presses · " + (offered ? "PgDn review · Esc back" : "Esc cancels")));
        Runnable escape = offered ? () -> { flow.back(); window.openSection(); } : window::openMenu;
        // PgDn, "next screen", goes on to Review as No does.
        window.showOther(() -> showAdd(offered), escape, offered ? () -> { flow.anotherServiceAnswered(); window.openSection(); } : null,
                p, offered ? no : name);
    }

    private void showRemove() {
        ActionListBox list = new ActionListBox(new TerminalSize(window.width() - 4, flow.services().size() + 1));
        for (String name : flow.services()) list.addItem(name + "  (" + describe(name) + ")", () -> showConfirm(name));
        list.addItem("< Back without removing", window::openMenu);
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label("gantry init · Remove which service?"));
        p.addComponent(new EmptySpace());
        p.addComponent(list);
        window.showOther(this::showRemove, window::openMenu, p, list);
    }

    private void showConfirm(String name) {
        int width = window.width() - 4;
        Spec spec = flow.tryBuild();
        Spec after = flow.tryBuildWithout(name);
        List<String> said = spec == null || after == null ? List.of("(fix the problems on the other screens first to see what it deletes)")
                : WizardReview.removal(spec, after, name);
        Panel p = new Panel(new LinearLayout());
        p.addComponent(new Label("gantry init · Remove service " + name + "?"));
        p.addComponent(new EmptySpace());
        List<String> lines = new java.util.ArrayList<>();
        for (String l : said) {
            // An item ("  - …") wraps under its text, so each resource stays one readable block.
            int indent = l.startsWith("  ") ? 4 : 0;
            List<String> wrapped = LineWrap.wrap(l.substring(indent == 0 ? 0 : 2), width - 2 - indent);
            for (int i = 0; i < wrapped.size(); i++) lines.add((indent == 0 ? "" : i == 0 ? "  " : "    ") + wrapped.get(i));
        }
        // As tall as the text, within the screen (title, blank, note and buttons take 5 rows).
        TextBox box = new TextBox(new TerminalSize(width, Math.max(3, Math.min(lines.size(), window.height() - 5))),
                String.join("\n", lines), TextBox.Style.MULTI_LINE);
        box.setReadOnly(true);
        p.addComponent(box);
        p.addComponent(new Label("Nothing changes in AWS until you save and apply."));
        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        Button remove = new Button("Remove " + name, () -> {
            flow.removeService(name);
            window.openMenu();
        });
        buttons.addComponent(remove);
        buttons.addComponent(new Button("Cancel", window::openMenu));
        p.addComponent(buttons);
        window.showOther(() -> showConfirm(name), window::openMenu, p, remove);
    }
}

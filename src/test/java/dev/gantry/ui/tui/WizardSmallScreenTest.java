package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.wizard.LookupResults;
import dev.gantry.cost.Prices;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.WizardScreen;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every screen at 80×24: each question's title, the whole About text of each question (read by
 * scrolling the pane, which says when more follows), the estimate and the key line.
 */
class WizardSmallScreenTest {
    private static final int COLS = 80, ROWS = 24;

    private static WizardScreenDriver fullStack() throws Exception {
        WizardSession session = WizardSession.open(new SpecStore.Memory(null), LookupResults.offline(), Prices.embedded());
        WizardFlow f = session.flow();
        f.set("app", "hello");
        f.set("task.environment", "LOG_LEVEL=info");
        f.set("task.secrets", "DB_PASSWORD=/hello/db-password");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns.zone", "example.com");
        return new WizardScreenDriver(session, COLS, ROWS);
    }

    @Test
    void everyScreenIsWholeAtEightyByTwentyFour() throws Exception {
        var d = fullStack();
        WizardFlow flow = d.window.session().flow();
        for (WizardScreen s : WizardScreen.values()) {
            if (s == WizardScreen.REVIEW) break;
            List<String> lines = d.lines();
            assertThat(lines.get(0)).as(s.title()).startsWith("gantry init · " + s.stepIndicator() + " · " + s.title());
            assertThat(lines.get(ROWS - 2)).as(s.title()).startsWith("<Next >> << Back>");
            assertThat(lines.get(ROWS - 1)).as(s.title()).contains("Tab next").contains("F1 help").contains("Esc quit");
            if (!d.window.session().costHint(s).isEmpty()) {
                assertThat(d.text()).as(s.title()).contains("Whole stack as answered, per month")
                        .contains("(estimate, us-east-1 on-demand prices").contains("included)");
            }
            List<Question> qs = flow.questions(s);
            for (int i = 0; i < qs.size(); i++) {
                Question q = qs.get(i);
                assertThat(d.text().replace("\n", " ")).as(s.title()).contains(q.title().substring(0, Math.min(30, q.title().length())));
                assertThat(aboutPane(d)).as(q.id()).containsAll(nonBlank(WizardPane.forQuestion(q, flow, 30)));
                if (i < qs.size() - 1) d.key(KeyType.Tab);
            }
            d.key(KeyType.PageDown);
        }
        // "Add another service?" is whole too, its first answer (No) in view.
        assertThat(d.text()).contains("Add another service to hello?").contains("<No, review and save>").contains("PgDn review");
        assertThat(d.lines().stream().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(COLS);
        d.key(KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 13 of 13 · Review");
        assertThat(d.text()).contains("< Save >").contains("Total per month");
        assertThat(d.lines().get(ROWS - 1)).contains("Esc quit");
    }

    @Test
    void aLongExplanationSaysMoreFollowsAndScrollsBack() throws Exception {
        var d = fullStack();
        d.key(KeyType.PageDown, KeyType.PageDown).key(KeyType.Tab, KeyType.Tab, KeyType.Tab);
        assertThat(d.text()).contains("│" + WizardPane.MORE_BELOW).doesNotContain("Flag: --nat");
        for (int i = 0; i < 6 && d.text().contains(WizardPane.MORE_BELOW); i++) d.press(new KeyStroke(KeyType.ArrowDown, true, false));
        assertThat(d.text()).contains("Flag: --nat").contains("│" + WizardPane.MORE_ABOVE).doesNotContain(WizardPane.MORE_BELOW);
        for (int i = 0; i < 6; i++) d.press(new KeyStroke(KeyType.ArrowUp, false, true));
        assertThat(d.text()).contains("│A NAT gateway lets tasks in").doesNotContain(WizardPane.MORE_ABOVE);
        // Scrolling the pane did not move the answer.
        assertThat(d.window.session().flow().get("network.natGateways")).isEqualTo("single");
    }

    @Test
    void resizingRedrawsEveryPaneIncludingThePrices() throws Exception {
        var d = fullStack();
        d.key(KeyType.PageDown, KeyType.PageDown);
        for (int[] size : new int[][]{{200, 40}, {70, 24}, {120, 40}, {80, 24}}) {
            d.resize(size[0], size[1]);
            List<String> lines = d.lines();
            assertThat(lines.get(0)).as(size[0] + "x" + size[1]).startsWith("gantry init · 3 of 13 · Network");
            assertThat(d.text()).as(size[0] + "x" + size[1]).contains("Whole stack as answered, per month").contains("$")
                    .contains("About this").contains("NAT gateways");
            assertThat(lines.get(size[1] - 1)).as(size[0] + "x" + size[1]).contains("Tab next");
            assertThat(lines.stream().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(size[0]);
        }
        // Help and the review redraw too.
        d.key(KeyType.F1).resize(100, 30);
        assertThat(d.lines().get(0)).startsWith("Help · Network");
        d.key(KeyType.Escape);
        for (int i = 0; i < 10; i++) d.key(KeyType.PageDown);
        d.resize(100, 30);
        assertThat(d.text()).contains("Add another service to hello?");
        d.key(KeyType.PageDown).resize(160, 45);
        assertThat(d.text()).contains("Total per month").contains("< Save >");
    }

    @Test
    void everyScreenHasItsBreadcrumbItsIntroductionAndTheBackKeyAtBothSizes() throws Exception {
        for (int[] size : new int[][]{{80, 24}, {120, 40}}) {
            WizardSession session = WizardSession.open(new SpecStore.Memory(null), LookupResults.offline(), Prices.embedded());
            session.flow().set("app", "hello");
            session.flow().set("task.secrets", "DB_PASSWORD=/hello/db-password");
            session.flow().set("certificate.domain", "hello.example.com");
            var d = new WizardScreenDriver(session, size[0], size[1]);
            String at = size[0] + "x" + size[1] + " ";
            for (WizardScreen s : WizardScreen.values()) {
                if (s == WizardScreen.REVIEW) d.key(KeyType.PageDown); // no other service
                List<String> lines = d.lines();
                assertThat(lines.get(1)).as(at + s.title()).contains("[" + s.title() + "]");
                assertThat(lines.stream().mapToInt(String::length).max().orElse(0)).as(at + s.title()).isLessThanOrEqualTo(size[0]);
                if (s == WizardScreen.REVIEW) {
                    // both boxes whole: no sideways scrolling, the estimate's amounts in view
                    assertThat(d.text()).as(at).doesNotContain("◄", "►").contains("Total per month").contains("$84.09");
                    break;
                }
                // the introduction: above the questions, or (when they fill the column) first in the About pane
                int leftWidth = size[0] - Math.max(30, size[0] * 2 / 5) - 5;
                String left = String.join(" ", lines.stream().map(l -> l.substring(0, Math.min(l.length(), leftWidth)).strip()).toList());
                String pane = String.join(" ", paneRows(lines).stream().map(String::strip).toList());
                String intro = s.introForKubernetesUsers().substring(0, 25);
                assertThat(left.replaceAll(" +", " ") + " | " + pane.replaceAll(" +", " ")).as(at + s.title() + " intro").contains(intro);
                assertThat(lines.get(size[1] - 1)).as(at + s.title()).contains("PgUp");
                if (s == WizardScreen.SECRETS) {
                    assertThat(left.replaceAll(" +", " ")).as(at).contains("Value of DB_PASSWORD (hidden; empty = ask at apply)");
                }
                d.key(KeyType.PageDown);
            }
        }
    }

    @Test
    void resizingKeepsTheFocusWhereItWas() throws Exception {
        var d = fullStack();
        d.key(KeyType.PageDown).key(KeyType.Tab);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App");
        d.resize(120, 40).resize(80, 24);
        d.type("x");
        WizardFlow flow = d.window.session().flow();
        assertThat(flow.get("app")).isEqualTo("hello");
        assertThat(flow.get("task.image")).isEqualTo("x");
    }

    /** The text of the About pane, scrolled from top to bottom with Ctrl-↓. */
    private static Set<String> aboutPane(WizardScreenDriver d) throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < 12; i++) {
            seen.addAll(paneRows(d.lines()));
            if (!d.text().contains(WizardPane.MORE_BELOW)) break;
            d.press(new KeyStroke(KeyType.ArrowDown, true, false));
        }
        for (int i = 0; i < 12 && d.text().contains(WizardPane.MORE_ABOVE); i++) d.press(new KeyStroke(KeyType.ArrowUp, true, false));
        return seen;
    }

    private static List<String> paneRows(List<String> screen) {
        List<String> out = new ArrayList<>();
        for (String line : screen) {
            int end = line.lastIndexOf('│');
            int start = end > 0 ? line.lastIndexOf('│', end - 1) : -1;
            if (start >= 0) out.add(line.substring(start + 1, end).stripTrailing());
        }
        return out;
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }
}

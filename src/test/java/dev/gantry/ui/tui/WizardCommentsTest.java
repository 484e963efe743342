package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.gantry.testing.CommentedSpecs;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Outcome;
import dev.gantry.cost.Prices;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WizardCommentsTest {

    @Test
    void theDiffScreenNamesTheCommentsOfARemovedKeyBeforeWritingOn80x24() throws Exception {
        String before = CommentedSpecs.template("web-https");
        var store = new SpecStore.Memory(before);
        var d = new WizardScreenDriver(WizardSession.open(store, LookupResults.offline(), Prices.embedded()), 80, 24);
        for (int i = 0; i < 8; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        d.key(KeyType.ArrowDown, KeyType.Enter).key(KeyType.PageDown, KeyType.PageDown, KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 13 of 13 · Review");
        assertThat(d.text()).contains("! 5 comments of yours are on removed keys: Save lists them before writing.");
        d.key(KeyType.Enter);
        List<String> lines = d.lines();
        assertThat(lines.get(0)).isEqualTo("Changes to gantry.yaml (- old, + new):");
        assertThat(d.text()).contains("- # mine 58 above dns").contains("-   record: hello.example.com  # mine 60 after record");
        int notice = lines.indexOf("Your comments on removed keys are dropped:");
        assertThat(notice).isPositive();
        assertThat(lines.subList(notice + 1, notice + 6)).containsExactly(
                "  line 96: \"# mine 58 above dns\" (dns)",
                "  line 98: \"# mine 59 above zone\" (dns.zone)",
                "  line 99: \"# mine 59 after zone\" (dns.zone)",
                "  line 100: \"# mine 60 above record\" (dns.record)",
                "  line 101: \"# mine 60 after record\" (dns.record)");
        assertThat(lines.get(notice + 6)).contains("<Write gantry.yaml>");
        assertThat(store.text).isEqualTo(before);
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        CommentedSpecs.assertKept(before, store.text, List.of("dns", "zone", "record"));
    }
}

package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.spec.yaml.SpecWriter;
import dev.gantry.wizard.LookupResults;
import dev.gantry.cost.Prices;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The editing keys and the one replace rule, typed into the real window on a virtual terminal. */
class WizardEditingKeysTest {

    private static WizardScreenDriver open(SpecStore store) throws Exception {
        return new WizardScreenDriver(WizardSession.open(store, LookupResults.offline(), Prices.embedded()), 80, 24);
    }

    @Test
    void theShellsEditingKeysWorkInATextField() throws Exception {
        var d = open(new SpecStore.Memory(null));
        WizardFlow flow = d.window.session().flow();
        // (The wizard trims what it stores; the box keeps the spaces while editing.)
        d.key(KeyType.PageDown).type("my billing api");
        d.ctrl('w');
        assertThat(flow.get("app")).isEqualTo("my billing");
        d.ctrl('a').type("x");
        assertThat(flow.get("app")).isEqualTo("xmy billing");
        d.ctrl('e').alt(KeyType.Backspace);
        assertThat(flow.get("app")).isEqualTo("xmy");
        d.key(KeyType.Home).key(KeyType.Delete);
        assertThat(flow.get("app")).isEqualTo("my");
        d.alt('f').ctrl('k');
        assertThat(flow.get("app")).isEqualTo("my");
        d.type("-app").alt('b').alt('b').type("z");
        assertThat(flow.get("app")).isEqualTo("zmy-app");
        d.key(KeyType.End).ctrl('u').type("hello");
        assertThat(flow.get("app")).isEqualTo("hello");
        // Ctrl and Alt keys never type their letter.
        d.ctrl('x').alt('q');
        assertThat(flow.get("app")).isEqualTo("hello");
        assertThat(d.text()).contains("\nhello").doesNotContain("hellox");
    }

    @Test
    void typingReplacesADefaultUntilTheCursorMovesAndTheDefaultIsMarked() throws Exception {
        var d = open(new SpecStore.Memory(null));
        WizardFlow flow = d.window.session().flow();
        d.key(KeyType.PageDown).type("hello").key(KeyType.Tab);
        assertThat(d.text()).contains("Container image (default)").contains("typing replaces, ←/→ edits");
        d.type("nginx:1.27");
        assertThat(flow.get("task.image")).isEqualTo("nginx:1.27");
        assertThat(d.text()).doesNotContain("Container image (default)");
        // Leave and come back: typing replaces again; after a cursor move it edits in place.
        d.key(KeyType.Tab, KeyType.ReverseTab).key(KeyType.ArrowLeft, KeyType.ArrowLeft).type("-x");
        assertThat(flow.get("task.image")).isEqualTo("nginx:1.-x27");
        d.key(KeyType.Tab, KeyType.ReverseTab).key(KeyType.Backspace);
        assertThat(flow.get("task.image")).isEqualTo("nginx:1.-x2");
    }

    @Test
    void aPrefilledValueInEditModeIsReplacedByTypingNotAppendedTo() throws Exception {
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.set("app", "hello");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns.zone", "example.com");
        var d = open(new SpecStore.Memory(SpecWriter.write(f.build())));
        WizardFlow flow = d.window.session().flow();
        for (int i = 0; i < 7; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 9 of 13 · Certificate");
        d.key(KeyType.Tab).type("www.example.com");
        assertThat(flow.get("certificate.domain")).isEqualTo("www.example.com");
        assertThat(flow.get("dns.record")).isEqualTo("www.example.com");
    }
}

package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DraftTest {
    private static WizardSession open(SpecStore store) throws Exception {
        return WizardSession.open(store, LookupResults.offline(), Prices.embedded());
    }

    private static String finishedSpec() {
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.set("app", "hello");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns.zone", "example.com");
        return SpecWriter.write(f.build());
    }

    @Test
    void aNewFilesDraftReopensOnTheScreenItWasLeftOnEvenWhenEverythingIsValid() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession s = open(store);
        s.flow().set("app", "hello");
        s.flow().jump(WizardScreen.NETWORK);
        assertThat(s.saveDraft()).isEqualTo("gantry.yaml");
        assertThat(store.text).startsWith("# DRAFT saved by gantry init").contains("# Stopped at: Network");
        WizardSession resumed = open(store);
        assertThat(resumed.resumingDraft()).isTrue();
        assertThat(resumed.editing()).isFalse();
        assertThat(resumed.resumeAt()).isEqualTo(WizardScreen.NETWORK);
        assertThat(resumed.flow().get("app")).isEqualTo("hello");
    }

    @Test
    void anEditsDraftGoesBesideTheFileAndFinishesIntoItWithADiff() throws Exception {
        var spec = new SpecStore.Memory(finishedSpec());
        WizardSession edit = open(spec);
        assertThat(edit.editing()).isTrue();
        edit.flow().set("certificate.domain", "www.example.com");
        edit.flow().jump(WizardScreen.CERTIFICATE);
        assertThat(edit.saveDraft()).isEqualTo("gantry.yaml.draft");
        assertThat(spec.text).doesNotContain("www.example.com"); // the good spec is untouched
        assertThat(spec.draft).startsWith("# DRAFT").contains("# Finishes into: gantry.yaml").contains("# Stopped at: Certificate");

        // gantry init -f gantry.yaml now points at the unfinished edit.
        assertThat(open(spec).pendingDraft()).isEqualTo("gantry.yaml.draft");

        // gantry init -f gantry.yaml.draft: the draft, whose target is gantry.yaml.
        var draft = new SpecStore.Memory(spec.draft, "gantry.yaml.draft", spec);
        WizardSession resumed = open(draft);
        assertThat(resumed.resumingDraft()).isTrue();
        assertThat(resumed.editing()).isTrue();
        assertThat(resumed.resumeAt()).isEqualTo(WizardScreen.CERTIFICATE);
        assertThat(resumed.fileName()).isEqualTo("gantry.yaml");
        assertThat(resumed.draftName()).isEqualTo("gantry.yaml.draft");
        assertThat(resumed.diff()).contains("-   domain: hello.example.com", "+   domain: www.example.com");
        // Quitting again keeps the draft where it is.
        resumed.flow().jump(WizardScreen.DNS);
        assertThat(resumed.saveDraft()).isEqualTo("gantry.yaml.draft");
        assertThat(draft.text).contains("# Stopped at: DNS").contains("# Finishes into: gantry.yaml");
        resumed.save();
        assertThat(spec.text).contains("domain: www.example.com").doesNotStartWith("# DRAFT");
        assertThat(SpecLoader.check("gantry.yaml", spec.text).valid()).isTrue();
        assertThat(draft.text).as("the finished draft is removed").isNull();
    }

    @Test
    void theLoaderRefusesADraftAndSaysHowToFinishIt() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession s = open(store);
        s.flow().set("app", "hello");
        s.saveDraft();
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", store.text);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.render())
                .contains("gantry.yaml:1").contains("unfinished draft").contains("finish it with gantry init -f gantry.yaml"));
    }
}

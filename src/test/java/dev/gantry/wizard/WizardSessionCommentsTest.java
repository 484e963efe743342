package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.testing.CommentedSpecs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WizardSessionCommentsTest {

    @Test
    void savingAnEditKeepsEveryCommentOnEachTemplate() throws Exception {
        for (String template : List.of("web-https", "web-http-quick", "worker")) {
            String before = CommentedSpecs.template(template);
            var store = new SpecStore.Memory(before);
            WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
            session.flow().set("service.desiredCount", "4");
            session.flow().set("task.size", "512/1024");
            assertThat(session.droppedComments()).isEmpty();
            assertThat(session.droppedCommentsNotice()).isEmpty();
            session.save();
            CommentedSpecs.assertKept(before, store.text, List.of());
            assertThat(SpecLoader.load("gantry.yaml", store.text).task().cpu()).isEqualTo(512);
            // The review shows the same text that is saved, comments included.
            assertThat(session.specText()).isEqualTo(store.text);
        }
    }

    @Test
    void aNewFileHasOnlyGantrysComments() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        session.flow().set("app", "hello");
        session.save();
        assertThat(store.text).isEqualTo(dev.gantry.spec.yaml.SpecWriter.write(session.flow().build()));
        assertThat(session.droppedComments()).isEmpty();
    }
}

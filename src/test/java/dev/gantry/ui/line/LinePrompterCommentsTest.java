package dev.gantry.ui.line;

import dev.gantry.testing.CommentedSpecs;
import dev.gantry.wizard.Outcome;
import dev.gantry.wizard.SpecStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinePrompterCommentsTest {

    @Test
    void anEditKeepsTheCommentsAndSaysWhichGoWithARemovedKeyBeforeSaving() throws Exception {
        String before = CommentedSpecs.template("web-https");
        var store = new SpecStore.Memory(before);
        LinePrompterTest.Run r = LinePrompterTest.drive(store, "dns", "no", "", "", "", "save");
        assertThat(r.outcome()).isEqualTo(Outcome.SAVED);
        String notice = "Your comments on removed keys are dropped:";
        String out = r.output();
        assertThat(out).contains("- # mine 58 above dns").contains(notice);
        // Said at the review, before the answer that writes the file.
        assertThat(out.indexOf(notice)).isLessThan(out.lastIndexOf("save, apply"));
        assertThat(out.substring(out.indexOf(notice))).contains("\"# mine 58 above dns\" (dns)").contains("\"# mine 60 after record\" (dns.record)");
        CommentedSpecs.assertKept(before, store.text, List.of("dns", "zone", "record"));
    }
}

package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineEditTest {
    private static final String LINE = "public.ecr.aws/nginx nginx:1.27";

    private static LineEdit.Result ctrl(char c, int caret) { return LineEdit.apply(new KeyStroke(c, true, false), LINE, caret); }

    private static LineEdit.Result alt(char c, int caret) { return LineEdit.apply(new KeyStroke(c, false, true), LINE, caret); }

    private static LineEdit.Result key(KeyType t, int caret) { return LineEdit.apply(new KeyStroke(t), LINE, caret); }

    @Test
    void movingKeys() {
        assertThat(ctrl('a', 10)).isEqualTo(new LineEdit.Result(LINE, 0));
        assertThat(key(KeyType.Home, 10)).isEqualTo(new LineEdit.Result(LINE, 0));
        assertThat(ctrl('e', 3)).isEqualTo(new LineEdit.Result(LINE, LINE.length()));
        assertThat(key(KeyType.End, 3)).isEqualTo(new LineEdit.Result(LINE, LINE.length()));
        // Alt-B / Alt-F move by words of letters and digits, as readline does.
        assertThat(alt('b', LINE.length()).caret()).isEqualTo(LINE.length() - 2);
        assertThat(alt('b', 20).caret()).isEqualTo(15);
        assertThat(alt('f', 0).caret()).isEqualTo(6);
        assertThat(alt('f', 6).caret()).isEqualTo(10);
        assertThat(LineEdit.apply(new KeyStroke(KeyType.ArrowLeft, true, false), LINE, 20).caret()).isEqualTo(15);
    }

    @Test
    void killingKeys() {
        assertThat(ctrl('u', 21)).isEqualTo(new LineEdit.Result("nginx:1.27", 0));
        assertThat(ctrl('k', 20)).isEqualTo(new LineEdit.Result("public.ecr.aws/nginx", 20));
        // Ctrl-W deletes back to the previous space; Alt-Backspace only the previous word.
        assertThat(ctrl('w', LINE.length())).isEqualTo(new LineEdit.Result("public.ecr.aws/nginx ", 21));
        assertThat(LineEdit.apply(new KeyStroke(KeyType.Backspace, false, true), LINE, LINE.length()))
                .isEqualTo(new LineEdit.Result("public.ecr.aws/nginx nginx:1.", 29));
        assertThat(key(KeyType.Delete, 0)).isEqualTo(new LineEdit.Result("ublic.ecr.aws/nginx nginx:1.27", 0));
        assertThat(ctrl('d', LINE.length())).isEqualTo(new LineEdit.Result(LINE, LINE.length()));
    }

    @Test
    void otherKeysAreLeftToTheTextBox() {
        assertThat(LineEdit.apply(new KeyStroke('x', false, false), LINE, 0)).isNull();
        assertThat(key(KeyType.Backspace, 3)).isNull();
        assertThat(key(KeyType.ArrowLeft, 3)).isNull();
    }
}

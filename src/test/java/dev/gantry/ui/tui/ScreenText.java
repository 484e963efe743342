package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import java.util.ArrayList;
import java.util.List;

/** What a virtual terminal shows, as text: one string per row, trailing blanks removed. */
final class ScreenText {
    private ScreenText() {}

    static List<String> rows(DefaultVirtualTerminal vt) {
        TerminalSize size = vt.getTerminalSize();
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) b.append(vt.getCharacter(c, r).getCharacterString());
            rows.add(b.toString().stripTrailing());
        }
        return rows;
    }

    static String text(DefaultVirtualTerminal vt) { return String.join("\n", rows(vt)); }
}

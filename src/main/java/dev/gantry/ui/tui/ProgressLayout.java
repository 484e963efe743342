package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;

/**
 * Where each pane goes for a terminal size. At 100 columns and more the resources and rollout
 * panes sit side by side above the log; from 80 they stack; below 80x24 only the header and the
 * resources remain (the log and rollout are still in the summary and the plain output), and a
 * terminal too small even for that gets the header alone.
 */
record ProgressLayout(Box header, Box resources, Box rollout, Box log) {
    record Box(int col, int row, int width, int height) {
        int bottom() { return row + height; }
    }

    static final int MIN_WIDTH = 80;
    static final int MIN_HEIGHT = 24;
    static final int HEADER_ROWS = 3;

    static ProgressLayout of(TerminalSize size, boolean hasRollout) {
        int w = size.getColumns();
        int h = size.getRows();
        Box header = new Box(0, 0, w, Math.min(HEADER_ROWS, h));
        int body = h - HEADER_ROWS;
        if (body < 3) return new ProgressLayout(header, null, null, null);
        if (w < MIN_WIDTH || h < MIN_HEIGHT) {
            return new ProgressLayout(header, new Box(0, HEADER_ROWS, w, body), null, null);
        }
        int logHeight = Math.max(6, body / 3);
        int top = body - logHeight;
        Box log = new Box(0, h - logHeight, w, logHeight);
        if (w >= 100) {
            int left = w * 3 / 5;
            return new ProgressLayout(header, new Box(0, HEADER_ROWS, left, top),
                    new Box(left + 1, HEADER_ROWS, w - left - 1, top), log);
        }
        if (!hasRollout) return new ProgressLayout(header, new Box(0, HEADER_ROWS, w, top), null, log);
        int rolloutHeight = Math.max(5, top / 3);
        return new ProgressLayout(header, new Box(0, HEADER_ROWS, w, top - rolloutHeight),
                new Box(0, HEADER_ROWS + top - rolloutHeight, w, rolloutHeight), log);
    }
}

/** jline prompts and scrolling progress lines (dumb terminals, CI, --plain). */
package dev.gantry.ui.line;

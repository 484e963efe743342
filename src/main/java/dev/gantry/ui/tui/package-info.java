/** lanterna wizard windows and live progress panes. */
package dev.gantry.ui.tui;

/**
 * Views of the engine's events that do not depend on a terminal library: the progress model the
 * live panes draw from, the end-of-run summary, the JSON event and plan schemas, and the shared
 * wording of events, the wizard's review text and word wrapping, and the day-two renderers
 * (status, guard status, logs, history, a spec's diagnostics) in text and JSON. {@code ui.line} and {@code ui.tui}
 * put these on a screen; they share only this package, never each other.
 */
package dev.gantry.ui;

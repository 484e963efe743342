/**
 * Text others wrote, made safe for gantry's messages ({@link dev.gantry.text.Untrusted}). Uses
 * nothing of gantry's, so every package may use it.
 */
package dev.gantry.text;

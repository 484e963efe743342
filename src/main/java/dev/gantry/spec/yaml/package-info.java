/** Reading and writing gantry.yaml with positions for diagnostics, and the commented output. */
package dev.gantry.spec.yaml;

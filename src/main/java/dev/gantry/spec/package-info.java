/** The gantry.yaml contract as immutable records with defaults applied, and diagnostics. No I/O. */
package dev.gantry.spec;

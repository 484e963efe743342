/** Injected time: a clock and a scheduler, real (optionally compressed) or virtual. */
package dev.gantry.time;

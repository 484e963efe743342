/** Injected time: a clock and a scheduler, real (wall clock) or virtual (jumping, or paced for --simulate). */
package dev.gantry.time;

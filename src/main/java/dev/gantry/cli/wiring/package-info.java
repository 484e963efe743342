/**
 * Where a command's parts are built from its options: the session's AWS clients and scheduler
 * (real, or the simulated AWS), the engine, the progress views, the day-two context, the wizard's
 * look-ups and the spec file as a command loads it.
 */
package dev.gantry.cli.wiring;

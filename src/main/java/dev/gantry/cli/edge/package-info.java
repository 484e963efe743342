/**
 * The process edge: the one {@link dev.gantry.cli.edge.CommandContext} (standard streams,
 * environment, terminal), signals, a question a person answers, and how a run ends
 * ({@link dev.gantry.cli.edge.ExitCode}, {@link dev.gantry.cli.edge.CommandFailure},
 * {@link dev.gantry.cli.edge.Failures}). It uses nothing of the other {@code cli} packages.
 */
package dev.gantry.cli.edge;

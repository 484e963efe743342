/**
 * The picocli commands, one class each ({@link dev.gantry.cli.command.Commands} lists them), and
 * what only commands use: the saved plan file, a secret's value as given, shell completion and the
 * top-level usage. A command reads its options ({@code cli.option}), has its parts built by
 * {@code cli.wiring}, and ends on an {@code ExitCode} ({@code cli.edge}).
 */
package dev.gantry.cli.command;

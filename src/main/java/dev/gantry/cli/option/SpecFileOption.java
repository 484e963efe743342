package dev.gantry.cli.option;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code -f/--file}: the one spec a command reads, declared once for plan, apply, destroy, status,
 * logs and secrets. init (which writes the file) and validate (which takes several) say it their way.
 */
public final class SpecFileOption {
    @Option(names = {"-f", "--file"}, defaultValue = "gantry.yaml", paramLabel = "FILE", description = "The spec (default: ${DEFAULT-VALUE}).")
    public Path file = Path.of("gantry.yaml");

    public Path path() { return file; }
}

package dev.gantry.cli.option;

import picocli.CommandLine.Option;

/**
 * {@link GlobalOptions} with {@code --env}: for every command that works on one spec's app. init
 * keeps the plain options, since its own {@code --env NAME=VALUE} sets an environment variable.
 */
public final class AppOptions extends GlobalOptions {
    @Option(names = "--env", paramLabel = "NAME",
            description = "The environment of gantry.yaml (environments:) to work on; also GANTRY_ENV.")
    void env(String name) { this.env = name; }
}

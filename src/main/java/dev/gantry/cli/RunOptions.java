package dev.gantry.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options apply and destroy share: which spec, whether to ask, the lock, the output form. */
public final class RunOptions {
    @Option(names = {"-f", "--file"}, defaultValue = "gantry.yaml", paramLabel = "FILE", description = "The spec (default: ${DEFAULT-VALUE}).")
    Path file = Path.of("gantry.yaml");

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (CI).")
    boolean yes;

    @Option(names = "--force-unlock", description = "Break a lock left by a run that died.")
    boolean forceUnlock;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "text (default) or json: one JSON object per event.")
    String output = "text";

    boolean json() { return "json".equals(output); }

    /** An input error to print (exit 2), or null when the options can be used. */
    String problem(String verb, boolean interactive) {
        if (!output.equals("text") && !output.equals("json")) return "--output must be text or json, not " + output;
        if (!yes && !interactive) return verb + " needs confirmation, and there is no terminal to ask on: run again with --yes";
        return null;
    }

    /** The command that continues this run after a failure or an interruption. */
    String resume(String verb, GlobalOptions global) {
        return "gantry " + verb + given(global) + (yes ? " --yes" : "");
    }

    /** {@link GlobalOptions#given} for this run's spec. */
    String given(GlobalOptions g) { return g.given(file); }
}

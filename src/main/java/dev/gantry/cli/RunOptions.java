package dev.gantry.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/** The options apply and destroy share: which spec, whether to ask, the lock, the output form. */
public final class RunOptions {
    @Mixin SpecFileOption specFile = new SpecFileOption();

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (CI).")
    boolean yes;

    @Option(names = "--force-unlock", description = "Break a lock left by a run that died.")
    boolean forceUnlock;

    @Mixin OutputOption output = new OutputOption();

    boolean json() { return output.json(); }

    /** An input error to print (exit 2), or null when the options can be used. */
    String problem(String verb, boolean interactive) {
        if (!yes && !interactive) return verb + " needs confirmation, and there is no terminal to ask on: run again with --yes";
        return null;
    }

    /** The command that continues this run after a failure or an interruption. */
    String resume(String verb, GlobalOptions global) {
        return "gantry " + verb + given(global) + (yes ? " --yes" : "");
    }

    /** {@link GlobalOptions#given} for this run's spec. */
    String given(GlobalOptions g) { return g.given(specFile.path()); }
}

package dev.gantry.cli.option;

import dev.gantry.cli.edge.CommandFailure;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/** The options apply and destroy share: which spec, whether to ask, the lock, the output form. */
public final class RunOptions {
    @Mixin public SpecFileOption specFile = new SpecFileOption();

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (CI).")
    public boolean yes;

    @Option(names = "--force-unlock", description = "Break a lock left by a run that died.")
    public boolean forceUnlock;

    @Option(names = "--from", paramLabel = "ENV",
            description = "With --env NAME that gantry.yaml does not list: the preview environment NAME, made from ENV's settings (its own host under ENV's zone, no NAT gateway).")
    public String from;

    @Mixin public OutputOption output = new OutputOption();

    public boolean json() { return output.json(); }

    /** Refuses (exit 2) a run that would have to ask with no one to ask. */
    public void check(String verb, boolean interactive) {
        if (!yes && !interactive) throw CommandFailure.input(verb + " needs confirmation, and there is no terminal to ask on: run again with --yes");
    }

    /** The command that continues this run after a failure or an interruption. */
    public String resume(String verb, GlobalOptions global) {
        return "gantry " + verb + given(global) + (yes ? " --yes" : "");
    }

    /** {@link GlobalOptions#given} for this run's spec. */
    public String given(GlobalOptions g) { return g.given(specFile.path()); }
}

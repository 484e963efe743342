package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.OutputOption;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.guard.GuardStatus;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.ui.GuardStatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The guard's last run (when, what it repaired, what it reported for you to do) and its schedule. Changes nothing.",
                "Exit 0 when it could be read; 2 when gantry.yaml has no guard section."})
public final class GuardStatusCommand implements Callable<ExitCode> {
    @ParentCommand GuardCommand parent;
    @Mixin AppOptions global;
    @Mixin SpecFileOption specFile;
    @Mixin OutputOption output;

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.READS);
        if (!spec.hasGuard()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no guard section, so no guard runs for " + spec.app(),
                    "add 'guard: {every: 5m, repair: safe}' to gantry.yaml and run 'gantry apply' (README, Keeping it healthy)");
        }
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> run(d, output.json()));
    }

    static ExitCode run(AppContext d, boolean json) {
        d.checkCredentials();
        GuardStatus g = GuardStatus.read(d.aws(), d.spec());
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("app", d.spec().app());
            GuardStatusText.json(o, g, d::words);
            d.out().println(o.toString());
        } else {
            d.out().print(d.cli().wrapped(GuardStatusText.render(d.spec().app(), g, d.ansi(), d::words)));
        }
        d.out().flush();
        return ExitCode.OK;
    }
}

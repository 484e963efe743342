package dev.gantry.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.StopOnInterrupt;
import dev.gantry.cli.option.AppOptions;
import dev.gantry.cli.option.ServiceOption;
import dev.gantry.cli.option.ShellWords;
import dev.gantry.cli.option.SpecFileOption;
import dev.gantry.cli.wiring.AppContext;
import dev.gantry.cli.wiring.SpecFile;
import dev.gantry.ops.ExecSession;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {ExecCommand.SUMMARY,
                "Needs service.exec: true in gantry.yaml (applied) and AWS's Session Manager plugin (session-manager-plugin) on PATH.",
                "gantry asks ECS for the session (ExecuteCommand) and hands it to the plugin, as the AWS CLI does; Ctrl-C goes to the session."},
        footer = {"", "Examples:", "  gantry exec", "  gantry exec --task 0123abcd -- ls -la /app"})
public final class ExecCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Open a shell (or run a command) in a running container of the service, through ECS Exec.";
    static final String PLUGIN = "session-manager-plugin";
    /** The plugin reads the session from the environment variable named here, so the token is never in a process's arguments. */
    static final String RESPONSE_VARIABLE = "AWS_SSM_START_SESSION_RESPONSE";
    static final String INSTALL = "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand GantryCommand parent;
    @Mixin AppOptions global;
    @Mixin SpecFileOption specFile;

    @Mixin ServiceOption service = new ServiceOption();


    @Option(names = "--task", paramLabel = "ID", description = "The task to open it in (default: a running task of the service).")
    String task;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command (after --); default /bin/sh.")
    List<String> command = new ArrayList<>();

    @Override public ExitCode call() throws SpecException {
        CommandContext cli = parent.context();
        Spec spec = SpecFile.load(specFile.path(), global, cli, SpecFile.Use.CHANGES);
        String ecsName = service.ecsName(spec);
        dev.gantry.spec.AppService target = service.target(spec);
        String cmd = command.isEmpty() ? "/bin/sh" : String.join(" ", command.stream().map(ShellWords::quote).toList());
        return AppContext.inSession(cli, global, specFile.path(), spec, false, d -> {
            try (StopOnInterrupt ignored = StopOnInterrupt.install(() -> { })) {
                return run(d, task, cmd, global.profile(), global.endpointUrl(), target, ecsName);
            }
        });
    }

    /** Checks, opens the session and runs the plugin to its end; its exit code is gantry's. */
    static ExitCode run(AppContext d, String taskId, String command, String profile, String endpointUrl) {
        Spec spec = d.spec();
        return run(d, taskId, command, profile, endpointUrl, spec.primaryService(),
                dev.gantry.spec.DerivedNames.serviceBase(spec.app(), spec.primaryService().name()));
    }

    /** The same in a task of {@code target}, the ECS service {@code ecsName} (every container is named after the app). */
    static ExitCode run(AppContext d, String taskId, String command, String profile, String endpointUrl,
                        dev.gantry.spec.AppService target, String ecsName) {
        Spec spec = d.spec();
        if (!target.service().exec()) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "ECS Exec is not enabled for service " + ecsName,
                    d.words("set exec: true under " + (spec.isVersion2() ? "services." + target.name() + ".service:" : "service:") + " in gantry.yaml and run 'gantry apply' (the plan says what it allows); tasks started from then on accept sessions"));
        }
        Path plugin = onPath(d.env()).orElseThrow(() -> CommandFailure.of(ExitCode.INVALID_INPUT,
                "the Session Manager plugin (" + PLUGIN + ") is not on PATH: gantry hands the session to it and never speaks the protocol itself",
                "install it as " + INSTALL + " says (e.g. the .deb, .rpm or macOS bundle), check with '" + PLUGIN + " --version', then run this again"));
        d.checkCredentials();
        String cluster = spec.cluster().name();
        var t = ExecSession.pick(d.aws(), cluster, ecsName, taskId);
        ExecSession.Opened s = ExecSession.open(d.aws(), cluster, t, spec.app(), command);
        d.err().println("Session " + s.sessionId() + " in task " + s.taskId().substring(0, Math.min(8, s.taskId().length())) + " (" + command + ")…");
        d.err().flush();
        String endpoint = endpointUrl != null ? endpointUrl : "https://ecs." + spec.region() + ".amazonaws.com";
        List<String> argv = List.of(plugin.toString(), RESPONSE_VARIABLE, spec.region(), "StartSession", profile == null ? "" : profile,
                target(s.target()), endpoint);
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        Map<String, String> env = pb.environment();
        env.put(RESPONSE_VARIABLE, session(s));
        if (d.env().get("PATH") != null) env.put("PATH", d.env().get("PATH"));
        try {
            Process p = pb.start();
            int code = p.waitFor();
            return ExitCode.ofContainer(code);
        } catch (IOException e) {
            throw CommandFailure.of(ExitCode.FAILED, "could not start " + plugin + ": " + e.getMessage(), "check that it is executable; reinstall it as " + INSTALL + " says");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED;
        }
    }

    /** The session as ECS returned it (the AWS CLI passes ExecuteCommand's "session" object unchanged). */
    static String session(ExecSession.Opened s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("sessionId", s.sessionId());
        o.put("streamUrl", s.streamUrl());
        o.put("tokenValue", s.tokenValue());
        return o.toString();
    }

    static String target(String target) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Target", target);
        return o.toString();
    }

    static Optional<Path> onPath(Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, PLUGIN);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}

package dev.gantry.cli.command;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Failures;
import dev.gantry.cli.option.EndpointUrl;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.cli.option.ShellWords;
import dev.gantry.cli.wiring.Wiring;
import dev.gantry.ui.line.LinePrompter;
import dev.gantry.ui.tui.WizardTui;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Lookups;
import dev.gantry.wizard.Outcome;
import dev.gantry.cost.Prices;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardSession;
import dev.gantry.spec.SpecException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import dev.gantry.wizard.Questions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gantry init}: the wizard that writes gantry.yaml. Full-screen on a capable terminal, line
 * prompts otherwise ({@code --plain}, TERM=dumb, no TTY), or no questions at all with {@code --yes}.
 * Every question has a flag; flags are checked by the same validators and pre-fill the screens.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = InitCommand.FlagHelp.class,
        description = {InitCommand.SUMMARY,
                "On an existing file every answer is pre-filled; you can jump to any section, and see a diff before saving."},
        footer = {"", "Examples:",
                "  gantry init                                     # the wizard",
                "  gantry init -f gantry.yaml                      # edit an existing spec",
                "  gantry init --app hello --image nginx:1.27 --domain hello.example.com --zone example.com --yes"})
public final class InitCommand implements Callable<ExitCode> {
    /** The first line of the description: also the command's line in gantry's usage ({@link TopLevelHelp}). */
    static final String SUMMARY = "Create or edit gantry.yaml with a guided wizard.";

    @Option(names = {"-f", "--file"}, defaultValue = "gantry.yaml", paramLabel = "FILE", description = "The spec to write or edit (default: ${DEFAULT-VALUE}).")
    Path file;
    @Option(names = {"-y", "--yes"}, description = "Accept the default for every answer no flag gave, and ask nothing.")
    boolean yes;
    @Option(names = "--service", paramLabel = "NAME", description = "The service the task, service and load-balancer flags change (version 2; default: the primary one).")
    String service;
    @Option(names = "--add-service", paramLabel = "NAME", description = "Add a service (a version-1 file becomes version 2, its service keeping its names); the task, service and load-balancer flags then set it.")
    String addService;
    @Option(names = "--kind", paramLabel = "web|internal|worker", description = "What --add-service adds: public through the load balancer (web, the default), reached by the other services (internal), or neither (worker).")
    String kind;
    @Option(names = "--remove-service", paramLabel = "NAME", description = "Remove a service; the others keep running.")
    String removeService;

    /** Every question's flags, added by {@link FlagHelp} from the questions themselves; read back by {@link #flags()}. */
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

    @Mixin GlobalOptions global = new GlobalOptions();
    @ParentCommand GantryCommand parent;

    /** How the wizard's look-ups reach AWS; injected so tests run without the network. */
    @FunctionalInterface
    public interface LookupFactory {
        Lookups connect(String region, String profile, String endpointUrl);
    }

    private final CommandContext context;
    private final LookupFactory lookups;

    /** As a subcommand: the context is the run's, reached through the parent. */
    public InitCommand() { this(null, Wiring::lookups); }

    /** On its own (tests): streams, environment and terminal, and the look-ups, given. */
    public InitCommand(CommandContext context, LookupFactory lookups) {
        this.context = context;
        this.lookups = lookups;
    }

    private CommandContext cli() { return context != null ? context : parent.context(); }

    @Override public ExitCode call() throws SpecException {
        Path folder = file.toAbsolutePath().getParent();
        LookupResults facts = new LookupResults(lookups(), defaultRegion()).inFolder(folder == null || folder.getFileName() == null ? null : folder.getFileName().toString());
        if (folder != null) facts.withFolder(folder.toString(), java.nio.file.Files.isRegularFile(folder.resolve("Dockerfile")) ? "Dockerfile" : null,
                exposedPort(folder.resolve("Dockerfile")));
        if (folder != null) dockerfileFolders(folder, facts);
        WizardSession session;
        try {
            session = WizardSession.open(SpecStore.file(file), facts, Prices.embedded());
        } catch (IOException e) {
            throw fileFailure(ExitCode.INVALID_INPUT, "cannot read: " + e.getMessage());
        }
        serviceFlags(session.flow());
        List<String> flagErrors = session.flow().applyFlags(flags());
        if (!flagErrors.isEmpty()) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, flagErrors.stream().map(e -> new CommandFailure.Line(SUBJECT, e, null)).toList());
        }
        if (yes) return writeWithoutQuestions(session);
        Outcome outcome = interactive(session);
        return finish(session, outcome);
    }

    /** What --remove-service deletes at the next apply and what stays up, said once the file is written. */
    private List<String> removalSaid = List.of();

    /** --remove-service, --add-service with --kind, then --service: which service the other flags are about. */
    void serviceFlags(dev.gantry.wizard.WizardFlow flow) {
        List<CommandFailure.Line> errors = new java.util.ArrayList<>();
        // The first service of a file that becomes version 2 is named after the app: --app first.
        List<String> app = flags().get("--app");
        if (addService != null && app != null && !flow.servicesVersion()) flow.set("app", app.get(app.size() - 1));
        if (kind != null && addService == null) errors.add(new CommandFailure.Line(SUBJECT, "--kind " + kind + ": says what --add-service adds; give --add-service NAME too", null));
        if (service != null && addService != null) errors.add(new CommandFailure.Line(SUBJECT, "--service and --add-service both say which service the flags change; give one of them", null));
        if (removeService != null) {
            if (!flow.services().contains(removeService)) {
                errors.add(new CommandFailure.Line(SUBJECT, "--remove-service " + removeService + ": services: no service named " + removeService,
                        "the services are " + String.join(", ", flow.services())));
            } else if (flow.services().size() == 1) {
                errors.add(new CommandFailure.Line(SUBJECT, "--remove-service " + removeService + ": services: an app keeps at least one service", "destroy the app with gantry destroy instead"));
            } else {
                var before = flow.tryBuild();
                var after = flow.tryBuildWithout(removeService);
                if (before != null && after != null) removalSaid = dev.gantry.ui.WizardReview.removal(before, after, removeService);
                flow.removeService(removeService);
            }
        }
        if (addService != null) {
            var k = dev.gantry.wizard.WizardFlow.ServiceKind.parse(kind == null ? "web" : kind);
            if (k.isEmpty()) errors.add(new CommandFailure.Line(SUBJECT, "--kind " + kind + ": must be one of web, internal, worker", null));
            else {
                String e = flow.addService(addService, k.get());
                if (e != null) errors.add(new CommandFailure.Line(SUBJECT, "--add-service " + addService + ": services." + addService + ": " + e, null));
            }
        }
        if (service != null) {
            if (!flow.services().contains(service)) {
                errors.add(new CommandFailure.Line(SUBJECT, "--service " + service + ": services: no service named " + service,
                        "the services are " + String.join(", ", flow.services()) + " (add one with --add-service)"));
            } else {
                flow.focus(service);
            }
        }
        if (!errors.isEmpty()) throw new CommandFailure(ExitCode.INVALID_INPUT, errors);
    }

    /** The folders beside gantry.yaml that hold a Dockerfile (./api/Dockerfile): a service named like one builds it by default. */
    static void dockerfileFolders(Path folder, LookupResults facts) {
        try (var inside = java.nio.file.Files.list(folder)) {
            inside.filter(p -> java.nio.file.Files.isRegularFile(p.resolve("Dockerfile")))
                    .forEach(p -> facts.withDockerfileFolder(p.getFileName().toString(), exposedPort(p.resolve("Dockerfile"))));
        } catch (IOException | RuntimeException e) {
            // unreadable: no service builds by default
        }
    }

    /** The first port a Dockerfile's EXPOSE names (EXPOSE 8080/tcp 9090 → 8080), or null. */
    static Integer exposedPort(Path dockerfile) {
        try {
            if (!java.nio.file.Files.isRegularFile(dockerfile)) return null;
            for (String line : java.nio.file.Files.readAllLines(dockerfile)) {
                String[] words = line.trim().split("\\s+");
                if (words.length > 1 && words[0].equalsIgnoreCase("EXPOSE")) {
                    String port = words[1].replaceAll("/.*", "");
                    if (port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535) return Integer.valueOf(port);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: no default from it
        }
        return null;
    }

    private Lookups lookups() {
        if (yes) return new Lookups.Offline("look-ups are skipped with --yes");
        if (global.simulate) return new Lookups.Offline("rehearsing on the simulated AWS, so nothing is looked up");
        EndpointUrl.check(global.endpointUrl, env().get("AWS_ENDPOINT_URL"));
        return lookups.connect(defaultRegion(), global.profile, global.endpointUrl != null ? global.endpointUrl : env().get("AWS_ENDPOINT_URL"));
    }

    private java.util.Map<String, String> env() { return cli().env(); }

    /** init's failure lines name it, as docs/wizard.md shows: "gantry init: --port 70000: …". */
    private static final String SUBJECT = Failures.SUBJECT + " init";

    private CommandFailure fileFailure(ExitCode exit, String message) {
        return new CommandFailure(exit, List.of(new CommandFailure.Line(file.toString(), message, null)));
    }

    private String defaultRegion() {
        if (global.region != null) return global.region;
        String r = env().get("AWS_REGION");
        if (r == null || r.isBlank()) r = env().get("AWS_DEFAULT_REGION");
        return r == null || r.isBlank() ? "us-east-1" : r;
    }

    /** Flag name → values, only for flags given, in the order the questions are asked. */
    Map<String, List<String>> flags() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        if (global.region != null) f.put("--region", List.of(global.region));
        for (var q : Questions.all()) {
            for (var flag : q.options()) {
                var o = command.findOption(flag.name());
                if (o == null || f.containsKey(flag.name()) || !FlagHelp.GENERATED.equals(o.descriptionKey())) continue;
                Object v = o.getValue();
                if (v instanceof Boolean on) {
                    if (on) f.put(flag.name(), List.of("true"));
                } else if (v instanceof List<?> values) {
                    if (!values.isEmpty()) f.put(flag.name(), values.stream().map(String::valueOf).toList());
                } else if (v != null) {
                    f.put(flag.name(), List.of(v.toString()));
                }
            }
        }
        return f;
    }

    private ExitCode writeWithoutQuestions(WizardSession session) throws SpecException {
        List<String> errors = session.flow().errors();
        if (!errors.isEmpty()) {
            List<CommandFailure.Line> lines = new java.util.ArrayList<>();
            for (String e : errors) {
                String field = e.substring(0, e.indexOf(':'));
                String fix = dev.gantry.wizard.Questions.byId(field).or(() -> dev.gantry.wizard.Questions.all().stream()
                                .filter(q -> q.field().equals(field)).findFirst())
                        .filter(q -> !q.flags().isEmpty())
                        .map(q -> "pass " + String.join(" / ", q.flags())).orElse(null);
                lines.add(new CommandFailure.Line(SUBJECT, e, fix));
            }
            throw new CommandFailure(ExitCode.INVALID_INPUT, lines);
        }
        // The digest comes from the image's registry, and --yes looks nothing up: saying nothing would leave it unpinned.
        if (session.flow().is("task.pinDigest", "true") && session.flow().build().task().image() != null
                && !session.flow().build().task().image().contains("@sha256:")) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, List.of(new CommandFailure.Line(SUBJECT,
                    "--pin-digest: task.image: with --yes nothing is looked up, so the digest " + session.flow().get("task.image") + " points at is unknown",
                    "pin it when deploying with gantry apply --pin-digest, or give the image as REPO:TAG@sha256:DIGEST, or run gantry init without --yes")));
        }
        try {
            List<String> diff = session.diff();
            removalSaid.forEach(cli().out()::println);
            if (session.editing()) {
                if (diff.isEmpty()) {
                    cli().out().println("No changes to " + session.fileName() + ".");
                    return ExitCode.OK;
                }
                cli().out().println("Changes to " + session.fileName() + ":");
                diff.forEach(l -> cli().out().println("  " + l));
                session.droppedCommentsNotice().forEach(cli().out()::println);
            }
            session.save();
        } catch (IOException e) {
            throw fileFailure(ExitCode.FAILED, "cannot write: " + e.getMessage());
        }
        return finish(session, Outcome.SAVED);
    }

    private boolean lineMode() {
        String term = env().get("TERM");
        return global.plain || !cli().interactive() || term == null || term.isBlank();
    }

    private Outcome interactive(WizardSession session) {
        if (!lineMode()) {
            try {
                return new WizardTui(session, cli().ansi(global.noColor).enabled()).run();
            } catch (IOException | RuntimeException e) {
                cli().err().println("The full-screen wizard could not start (" + e.getMessage() + "); using line prompts.");
            }
        }
        try (Terminal t = lineTerminal()) {
            return new LinePrompter(session, t).run();
        } catch (IOException e) {
            cli().err().println("gantry init: cannot read the terminal: " + e.getMessage());
            return Outcome.QUIT;
        }
    }

    private Terminal lineTerminal() throws IOException {
        if (cli().readsTheTerminal()) {
            return TerminalBuilder.builder().system(true).dumb(true).build();
        }
        return new DumbTerminal("gantry", "dumb", cli().in(), cli().out(), StandardCharsets.UTF_8);
    }

    /** "Save and apply": the apply command, in this process, with the secret values typed in the wizard. */
    private ExitCode applyNow(WizardSession session, boolean simulate) throws SpecException {
        Map<String, char[]> typed = session.flow().secretValues();
        global.simulate = simulate;
        // Choosing "Save and apply" was the confirmation when there is no terminal to ask again on.
        return ApplyCommand.afterWizard(cli(), global, file,
                !cli().terminal().present(), secret -> java.util.Optional.ofNullable(typed.get(secret)).map(char[]::clone));
    }

    private ExitCode finish(WizardSession session, Outcome outcome) throws SpecException {
        String name = session.fileName();
        // --yes skips the credentials check, so it cannot tell whether to suggest a rehearsal.
        boolean rehearse = global.simulate || !yes && !session.flow().facts().online();
        // The account it was set up against: the region is in the file, the profile and endpoint are not.
        String account = (global.profile != null ? " --profile " + ShellWords.quote(global.profile) : "")
                + (global.endpointUrl != null ? " --endpoint-url " + ShellWords.quote(global.endpointUrl) : "");
        String sim = rehearse ? " --simulate" : account;
        // With --yes it came before the diff; after the wizard, it is said with what was written.
        if (!yes && (outcome == Outcome.SAVED || outcome == Outcome.SAVED_APPLY)) removalSaid.forEach(cli().out()::println);
        switch (outcome) {
            case SAVED -> {
                cli().out().println(wrote(session));
                String note = untouchedSecrets(session, sim);
                if (note != null) cli().out().println(note);
                session.separateStackNotice().forEach(cli().out()::println);
                if (rehearse) {
                    cli().out().println("Next, rehearse it on the simulated AWS: gantry plan -f " + name + " --simulate, then gantry apply -f "
                            + name + " --simulate." + (global.simulate ? "" : " With AWS credentials, drop --simulate."));
                } else {
                    cli().out().println("Next: gantry plan -f " + name + account + " to see what would be created, then gantry apply -f " + name + account + "."
                            + (yes ? " (Add --simulate to rehearse without an AWS account.)" : ""));
                }
            }
            case SAVED_APPLY -> {
                cli().out().println(wrote(session));
                session.separateStackNotice().forEach(cli().out()::println);
                cli().out().println("Applying it now (the same as: gantry apply -f " + name + sim + ").");
                try {
                    return applyNow(session, rehearse);
                } finally {
                    session.flow().forgetSecrets(); // also when apply refuses or fails
                }
            }
            case DRAFT_SAVED -> cli().out().println("Draft saved to " + session.lastDraft() + ". Continue with: gantry init -f "
                    + session.lastDraft());
            case QUIT -> cli().out().println("Nothing was written.");
            case INTERRUPTED -> {
                cli().out().println("\nStopped (Ctrl-C); nothing was written.");
                session.flow().forgetSecrets();
                return ExitCode.INTERRUPTED;
            }
            case END_OF_INPUT -> {
                cli().out().println("\nThe input ended before the wizard did; nothing was written.");
                session.flow().forgetSecrets();
                return ExitCode.FAILED;
            }
        }
        session.flow().forgetSecrets();
        return ExitCode.OK;
    }

    /**
     * A plain Save forgets the secret values typed in the wizard (gantry writes none to a file):
     * says so, and how apply gets them, instead of dropping them silently.
     */
    static String untouchedSecrets(WizardSession session, String sim) {
        List<String> typed = List.copyOf(new java.util.TreeSet<>(session.flow().secretValues().keySet()));
        if (typed.isEmpty()) return null;
        String first = typed.get(0);
        return ("The value" + (typed.size() == 1 ? "" : "s") + " typed for " + String.join(", ", typed)
                + " " + (typed.size() == 1 ? "was" : "were") + " not kept: gantry never writes a secret value to a file."
                + " 'gantry apply -f " + session.fileName() + sim + "' asks for a secret whose parameter does not exist yet"
                + " (or give it: --secret " + first + "=@FILE, or GANTRY_SECRET_" + first + "); 'Save and apply' uses typed values at once.");
    }

    /** "Wrote gantry.yaml." naming any comment of the person's that went with a removed key. */
    private static String wrote(WizardSession session) {
        List<String> dropped = session.droppedComments();
        return "Wrote " + session.fileName() + (dropped.isEmpty() ? "." : "; dropped with their keys: " + String.join("; ", dropped) + ".");
    }

    /**
     * Adds each question's flags as options, after --file and --yes: the name, the value's label
     * and the help come from the question ("--nat  NAT gateways (default: single)" when it has no
     * help of its own), so the help and the wizard cannot drift. A flag another option already has
     * (--region, a global option) is that option.
     */
    public static final class FlagHelp implements picocli.CommandLine.IModelTransformer {
        /** Marks the options made here (a description key no resource bundle has). */
        static final String GENERATED = "gantry.init.question";

        @Override public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            List<picocli.CommandLine.Model.OptionSpec> all = new java.util.ArrayList<>(spec.options());
            all.forEach(spec::remove);
            for (var o : all) {
                spec.addOption(o);
                if (o.longestName().equals("--yes")) questionOptions(spec, all);
            }
            return spec;
        }

        private static void questionOptions(picocli.CommandLine.Model.CommandSpec spec, List<picocli.CommandLine.Model.OptionSpec> declared) {
            var none = new dev.gantry.wizard.WizardFlow(dev.gantry.wizard.LookupResults.offline());
            for (var q : Questions.all()) {
                for (var flag : q.options()) {
                    if (declared.stream().anyMatch(o -> java.util.Arrays.asList(o.names()).contains(flag.name()))) continue;
                    String d = flag.help();
                    if (d == null) {
                        d = q.title();
                        String def = q.defaultValue(none);
                        if (def != null && !def.isBlank()) d += " (default: " + q.shown(def, none) + ")";
                    }
                    var o = picocli.CommandLine.Model.OptionSpec.builder(flag.name())
                            // picocli formats descriptions with String.format: a literal % must be doubled.
                            .description(d.replace("%", "%%")).descriptionKey(GENERATED);
                    if (flag.isSwitch()) o.type(boolean.class).arity("0");
                    else if (flag.repeatable()) o.type(List.class).auxiliaryTypes(String.class).arity("1").paramLabel(flag.label());
                    else o.type(String.class).arity("1").paramLabel(flag.label());
                    spec.addOption(o.build());
                }
            }
        }
    }
}

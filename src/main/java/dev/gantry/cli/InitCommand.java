package dev.gantry.cli;

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

    @Option(names = "--app", paramLabel = "NAME") String app;
    @Option(names = "--image", paramLabel = "IMAGE") String image;
    @Option(names = "--build", description = "Build the image from the Dockerfile in the spec's folder (task.build).") boolean build;
    @Option(names = "--no-build", description = "Deploy an image from a registry (--image), not the folder's Dockerfile.") boolean noBuild;
    @Option(names = "--dockerfile", paramLabel = "PATH", description = "The Dockerfile to build, relative to the spec's folder (implies --build).") String dockerfile;
    @Option(names = "--port", paramLabel = "PORT") String port;
    @Option(names = "--vpc", paramLabel = "new|default|existing") String vpc;
    @Option(names = "--cidr", paramLabel = "CIDR") String cidr;
    @Option(names = "--azs", paramLabel = "2|3") String azs;
    @Option(names = "--nat", paramLabel = "none|single|perAz") String nat;
    @Option(names = "--vpc-id", paramLabel = "VPC") String vpcId;
    @Option(names = "--public-subnets", paramLabel = "SUBNET,…") String publicSubnets;
    @Option(names = "--private-subnets", paramLabel = "SUBNET,…") String privateSubnets;
    @Option(names = "--cluster", paramLabel = "NAME") String cluster;
    @Option(names = "--container-insights", description = "Turn on Container Insights metrics.") boolean containerInsights;
    @Option(names = "--no-container-insights", description = "Standard ECS metrics only (the default).") boolean noContainerInsights;
    @Option(names = "--cpu", paramLabel = "UNITS", description = "Task CPU, 1024 = 1 vCPU (default: 256); alone, takes the smallest memory Fargate pairs with it.") String cpu;
    @Option(names = "--memory", paramLabel = "MIB", description = "Task memory in MiB (default: 512); must be a size Fargate offers for the cpu.") String memory;
    @Option(names = "--arch", paramLabel = "x86_64|arm64") String arch;
    @Option(names = "--registry-secret", paramLabel = "NAME|ARN", description = "Secrets Manager secret with the login for a private registry.") String registrySecret;
    @Option(names = "--pin-digest", description = "Write the digest the image's tag points at now into gantry.yaml.") boolean pinDigest;
    @Option(names = "--no-pin-digest", description = "Follow the image's tag (the default).") boolean noPinDigest;
    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable. Repeatable.") List<String> env;
    @Option(names = "--secret-param", paramLabel = "NAME=PARAM", description = "Repeatable. PARAM is a path (managed) or an SSM parameter ARN (existing).") List<String> secretParams;
    @Option(names = "--log-retention", paramLabel = "DAYS") String logRetention;
    @Option(names = "--count", paramLabel = "N") String count;
    @Option(names = "--min-healthy", paramLabel = "PERCENT") String minHealthy;
    @Option(names = "--max-percent", paramLabel = "PERCENT") String maxPercent;
    @Option(names = "--rollback", description = "Roll a failing deployment back to the last working version (the default).") boolean rollback;
    @Option(names = "--no-rollback", description = "Do not roll back a failing deployment.") boolean noRollback;
    @Option(names = "--autoscale", paramLabel = "MIN:MAX:CPU") String autoscale;
    @Option(names = "--health-path", paramLabel = "PATH") String healthPath;
    @Option(names = "--drain-seconds", paramLabel = "SECONDS") String drainSeconds;
    @Option(names = "--allow-cidr", paramLabel = "CIDR", description = "Who may reach the load balancer (default: 0.0.0.0/0, everyone). Repeatable.") List<String> allowCidrs;
    @Option(names = "--load-balancer", description = "Receive traffic from the internet through a load balancer (the default).") boolean loadBalancer;
    @Option(names = "--no-load-balancer", description = "A worker: no load balancer, certificate or DNS.") boolean noLoadBalancer;
    @Option(names = "--domain", paramLabel = "NAME", description = "Request a certificate for this name (and default the DNS record to it).") String domain;
    @Option(names = "--certificate-arn", paramLabel = "ARN") String certificateArn;
    @Option(names = "--no-certificate", description = "HTTP only: no certificate, even when a domain is given.") boolean noCertificate;
    @Option(names = "--zone", paramLabel = "ZONE", description = "An existing public Route53 hosted zone.") String zone;
    @Option(names = "--no-dns", description = "Create no DNS record (use the load balancer's name, or add a record yourself).") boolean noDns;
    @Option(names = "--record", paramLabel = "NAME") String record;

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
    public InitCommand() { this(null, LookupClients::connect); }

    /** On its own (tests): streams, environment and terminal, and the look-ups, given. */
    public InitCommand(CommandContext context, LookupFactory lookups) {
        this.context = context;
        this.lookups = lookups;
    }

    private CommandContext cli() { return context != null ? context : parent.context(); }

    @Override public ExitCode call() throws SpecException {
        refuseVersion2();
        Path folder = file.toAbsolutePath().getParent();
        LookupResults facts = new LookupResults(lookups(), defaultRegion()).inFolder(folder == null || folder.getFileName() == null ? null : folder.getFileName().toString());
        if (folder != null) facts.withFolder(folder.toString(), java.nio.file.Files.isRegularFile(folder.resolve("Dockerfile")) ? "Dockerfile" : null,
                exposedPort(folder.resolve("Dockerfile")));
        WizardSession session;
        try {
            session = WizardSession.open(SpecStore.file(file), facts, Prices.embedded());
        } catch (IOException e) {
            throw fileFailure(ExitCode.INVALID_INPUT, "cannot read: " + e.getMessage());
        }
        List<String> flagErrors = session.flow().applyFlags(flags());
        if (!flagErrors.isEmpty()) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, flagErrors.stream().map(e -> new CommandFailure.Line(SUBJECT, e, null)).toList());
        }
        if (yes) return writeWithoutQuestions(session);
        Outcome outcome = interactive(session);
        return finish(session, outcome);
    }

    /** The wizard asks about one service (version 1); a version-2 file is edited by hand until it learns services. */
    private void refuseVersion2() {
        if (!java.nio.file.Files.isRegularFile(file)) return;
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (IOException | RuntimeException unreadable) {
            return; // the wizard's own reading says what is wrong with it
        }
        if (text.lines().anyMatch(l -> l.matches("version:\\s*2\\s*(#.*)?"))) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, List.of(new CommandFailure.Line(file.toString(),
                    "is a version-2 spec (several services); gantry init edits version-1 specs only, for now",
                    "edit it by hand (docs/spec.md, \"Version 2: several services\"), and check it with 'gantry validate -f " + file + "'")));
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
        put(f, "--region", global.region);
        put(f, "--app", app);
        if (build || dockerfile != null) put(f, "--build", "true");
        if (noBuild) put(f, "--no-build", "true");
        put(f, "--dockerfile", dockerfile);
        put(f, "--image", image);
        put(f, "--port", port);
        put(f, "--vpc", vpc);
        put(f, "--cidr", cidr);
        put(f, "--azs", azs);
        put(f, "--nat", nat);
        put(f, "--vpc-id", vpcId);
        put(f, "--public-subnets", publicSubnets);
        put(f, "--private-subnets", privateSubnets);
        put(f, "--cluster", cluster);
        if (containerInsights) put(f, "--container-insights", "true");
        if (noContainerInsights) put(f, "--no-container-insights", "true");
        put(f, "--cpu", cpu);
        put(f, "--memory", memory);
        put(f, "--arch", arch);
        put(f, "--registry-secret", registrySecret);
        if (pinDigest) put(f, "--pin-digest", "true");
        if (noPinDigest) put(f, "--no-pin-digest", "true");
        if (env != null) f.put("--env", env);
        if (secretParams != null) f.put("--secret-param", secretParams);
        put(f, "--log-retention", logRetention);
        put(f, "--count", count);
        put(f, "--min-healthy", minHealthy);
        put(f, "--max-percent", maxPercent);
        if (rollback) put(f, "--rollback", "true");
        if (noRollback) put(f, "--no-rollback", "true");
        put(f, "--autoscale", autoscale);
        if (loadBalancer) put(f, "--load-balancer", "true");
        if (noLoadBalancer) put(f, "--no-load-balancer", "true");
        put(f, "--health-path", healthPath);
        put(f, "--drain-seconds", drainSeconds);
        if (allowCidrs != null) f.put("--allow-cidr", allowCidrs);
        put(f, "--domain", domain);
        put(f, "--certificate-arn", certificateArn);
        if (noCertificate) put(f, "--no-certificate", "true");
        put(f, "--zone", zone);
        if (noDns) put(f, "--no-dns", "true");
        put(f, "--record", record);
        return f;
    }

    private static void put(Map<String, List<String>> f, String flag, String value) {
        if (value != null) f.put(flag, List.of(value));
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
     * Fills each question flag's help from its question, so the help and the wizard cannot drift:
     * "--nat  NAT gateways (default: single)".
     */
    public static final class FlagHelp implements picocli.CommandLine.IModelTransformer {
        @Override public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            List<picocli.CommandLine.Model.OptionSpec> all = new java.util.ArrayList<>(spec.options());
            all.forEach(spec::remove);
            for (var o : all) {
                var q = dev.gantry.wizard.Questions.byFlag(o.longestName());
                if (q.isPresent() && o.description().length == 0) {
                    var none = new dev.gantry.wizard.WizardFlow(dev.gantry.wizard.LookupResults.offline());
                    String d = q.get().title();
                    String def = q.get().defaultValue(none);
                    if (def != null && !def.isBlank()) d += " (default: " + q.get().shown(def, none) + ")";
                    // picocli formats descriptions with String.format: a literal % must be doubled.
                    o = picocli.CommandLine.Model.OptionSpec.builder(o).description(d.replace("%", "%%")).build();
                }
                spec.addOption(o);
            }
            return spec;
        }
    }
}

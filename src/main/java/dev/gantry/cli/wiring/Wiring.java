package dev.gantry.cli.wiring;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.EndpointUrl;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.aws.AwsClients;
import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.Engine;
import dev.gantry.image.EcrRegistry;
import dev.gantry.image.ImageCheck;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.time.Scheduler;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.Operation;
import dev.gantry.ui.line.ReadingLine;
import dev.gantry.wizard.Lookups;

import java.util.function.Function;

/**
 * The composition root: the parts a command runs with are built here, from its options and its
 * context: the session (AWS clients and scheduler, real or simulated), the engine with the
 * standard catalog, the progress views, the image pre-flight and the builder, the day-two context
 * ({@link AppContext#inSession} asks for it) and the wizard's look-ups. Commands ask for these and
 * build none of them themselves (ArchitectureTest). The wizard's own session and screens are
 * still made by {@code InitCommand}.
 */
public final class Wiring {
    private Wiring() {}

    /**
     * Opens AWS for the spec. At a terminal it first says what it is about to read, so something
     * is on screen before the AWS clients are built and long before AWS answers.
     */
    public static Session open(CommandContext cli, GlobalOptions g, Spec spec) { return open(cli, g, spec, true); }

    /** {@code reads}: the command starts with a refresh (plan, apply, destroy, status), not logs or secrets. */
    static Session open(CommandContext cli, GlobalOptions g, Spec spec, boolean reads) {
        boolean terminal = reads && cli.interactive();
        // A rehearsal sends nothing to an endpoint, so only a run against AWS judges it.
        if (!g.simulate) EndpointUrl.check(g.endpointUrl, cli.env().get("AWS_ENDPOINT_URL"));
        Ansi ansi = cli.ansi(g.noColor);
        if (terminal) ReadingLine.announce(cli.err(), ansi, spec.app(), spec.region(), g.simulate);
        Session s = session(cli, g, spec.region(), g.environment);
        try {
            checkAccount(s, g.environment);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (s.simulated()) SimAccount.prepare(s.world(), spec);
        if (terminal) s.showReading(new ReadingLine(cli.err(), ansi));
        return s;
    }

    /** AWS in {@code region} for the environment {@code env} (null: the spec names none), with the options' profile and endpoint. */
    static Session session(CommandContext cli, GlobalOptions g, String region, dev.gantry.spec.Environment env) {
        return Session.open(Session.Config.from(cli.env(), region, profile(g, env), g.endpointUrl, g.simulate));
    }

    /**
     * The profile a command uses: an environment's {@code account:} when it names a profile (a
     * different {@code --profile} is refused: it would be another account), else {@code --profile}.
     */
    static String profile(GlobalOptions g, dev.gantry.spec.Environment env) {
        if (env == null || env.profile() == null) return g.profile;
        if (g.profile != null && !g.profile.equals(env.profile())) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "--profile " + g.profile + ": environment " + env.name() + " is reached with the profile "
                    + env.profile() + " (its account:)", "leave out --profile; environments.*.account decides each environment's account");
        }
        return env.profile();
    }

    /**
     * An environment whose {@code account:} is an id runs only with credentials of that account,
     * checked before anything is read or changed.
     */
    static void checkAccount(Session s, dev.gantry.spec.Environment env) {
        if (env == null || !env.accountIsId()) return;
        String actual = s.aws().sts().getCallerIdentity().account();
        if (!env.account().equals(actual)) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "environment " + env.name() + " is in account " + env.account()
                            + " (its account:), and these credentials are for account " + actual + "; nothing was read or changed",
                    "use credentials of account " + env.account() + " (--profile NAME or AWS_PROFILE), or correct environments."
                            + (env.preview() ? env.previewFrom() : env.name()) + ".account");
        }
    }

    /** The image pre-flight for this session: its registries, and ECR through the session's (real or simulated) client. */
    public static ImageCheck imageCheck(Session s) {
        return new ImageCheck(s.registry(), new EcrRegistry(s.aws().ecr()));
    }

    /**
     * The builder a spec that builds needs, found before any AWS call (none on PATH: exit 2, how to
     * install one); null when the run builds nothing. On the simulated AWS the build is as real, and
     * the push goes to the simulated ECR.
     */
    public static dev.gantry.image.ImageBuild builder(CommandContext cli, GlobalOptions g, Spec spec) {
        if (!spec.builds()) return null;
        try {
            dev.gantry.image.Builder b = dev.gantry.image.Builder.find(cli.env());
            return new dev.gantry.image.ImageBuild(b, cli.env(), g.simulate ? dev.gantry.image.ImageBuild.Push.SIMULATED : dev.gantry.image.ImageBuild.Push.REGISTRY);
        } catch (dev.gantry.image.BuildFailure f) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, java.util.List.of(new CommandFailure.Line("task.build", f.getMessage(), f.fix())));
        }
    }

    /**
     * {@code --image REF}: this run deploys REF instead of the spec's image or build (CI that builds
     * elsewhere). A build's repository stays; nothing is built.
     */
    public static Spec withImage(Spec spec, String ref) {
        if (ref == null) return spec;
        dev.gantry.spec.Rules.Problem p = dev.gantry.spec.Rules.image(ref);
        if (p != null) throw new CommandFailure(ExitCode.INVALID_INPUT, java.util.List.of(new CommandFailure.Line("--image", p.message(), p.fix())));
        return spec.withTask(spec.task().withImage(ref));
    }

    public static Engine engine(Session s, SecretValues secrets, dev.gantry.engine.ApplyListener listener) {
        return new Engine(Catalog.standard(), s.aws(), s.scheduler(), secrets, listener).onRefresh(s.reading());
    }

    /** The engine a day-two command reads with (status): no secrets, no listener, git run in the context's environment. */
    static Engine dayTwoEngine(AwsClients aws, Scheduler scheduler, CommandContext cli, Ansi ansi) {
        Engine e = new Engine(Catalog.standard(), aws, scheduler, SecretValues.none(), ApplyListener.NONE).sourcesIn(cli.env());
        // At a terminal, what status is reading shows while it reads (Wiring.open announced it).
        return cli.interactive() ? e.onRefresh(new ReadingLine(cli.err(), ansi)) : e;
    }

    /** How apply and destroy show their progress and ask their question ({@link Views}). */
    public static Views views(Operation op, boolean json, GlobalOptions g, CommandContext cli, Session session) {
        return new Views(op, json, g, cli, session);
    }

    /** The day-two context on a session opened for {@code spec}, with the options given ({@link AppContext#inSession}). */
    static ExitCode inSession(CommandContext cli, GlobalOptions g, java.nio.file.Path file, Spec spec, boolean reads,
                              Function<AppContext, ExitCode> body) {
        try (Session session = open(cli, g, spec, reads)) {
            return AppContext.guarded(new AppContext(spec, session.aws(), session.scheduler(), cli, cli.ansi(g.noColor), g.given(file)), body);
        }
    }

    /** The wizard's look-ups: real ones when credentials resolve quickly, else offline ({@link LookupClients}). */
    public static Lookups lookups(String region, String profile, String endpointUrl) {
        return LookupClients.connect(region, profile, endpointUrl);
    }
}

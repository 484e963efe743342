package dev.gantry.cli;

import dev.gantry.engine.Engine;
import dev.gantry.image.EcrRegistry;
import dev.gantry.image.ImageCheck;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.line.ReadingLine;

/** What the commands that talk to AWS share: opening the session, the engine, the image pre-flight. */
final class EngineRun {
    private EngineRun() {}

    /**
     * Opens AWS for the spec. At a terminal it first says what it is about to read, so something
     * is on screen before the AWS clients are built and long before AWS answers.
     */
    static Session open(CommandContext cli, GlobalOptions g, Spec spec) { return open(cli, g, spec, true); }

    /** {@code reads}: the command starts with a refresh (plan, apply, destroy, status), not logs or secrets. */
    static Session open(CommandContext cli, GlobalOptions g, Spec spec, boolean reads) {
        boolean terminal = reads && cli.interactive();
        // A rehearsal sends nothing to an endpoint, so only a run against AWS judges it.
        if (!g.simulate) EndpointUrl.check(g.endpointUrl, cli.env().get("AWS_ENDPOINT_URL"));
        Ansi ansi = cli.ansi(g.noColor);
        if (terminal) ReadingLine.announce(cli.err(), ansi, spec.app(), spec.region(), g.simulate);
        Session s = Session.open(Session.Config.from(cli.env(), spec.region(), g.profile, g.endpointUrl, g.simulate));
        if (s.simulated()) SimAccount.prepare(s.world(), spec);
        if (terminal) s.showReading(new ReadingLine(cli.err(), ansi));
        return s;
    }

    /** The image pre-flight for this session: its registries, and ECR through the session's (real or simulated) client. */
    static ImageCheck imageCheck(Session s) {
        return new ImageCheck(s.registry(), new EcrRegistry(s.aws().ecr()));
    }

    static Engine engine(Session s, SecretValues secrets, dev.gantry.engine.ApplyListener listener) {
        return new Engine(Catalog.standard(), s.aws(), s.scheduler(), secrets, listener).onRefresh(s.reading());
    }
}

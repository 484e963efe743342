package dev.gantry.cli;

import dev.gantry.engine.Engine;
import dev.gantry.image.EcrRegistry;
import dev.gantry.image.ImageCheck;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.line.ReadingLine;

import java.util.Map;

/** What plan, apply and destroy share: the session, the engine, the view and the confirmation. */
final class EngineRun {
    private EngineRun() {}

    static boolean interactive(Map<String, String> env) { return TerminalFacts.of(env).interactive(); }

    static Ansi ansi(GlobalOptions g, Map<String, String> env) { return TerminalFacts.of(env).ansi(g.noColor); }

    /**
     * Opens AWS for the spec. At a terminal it first says what it is about to read, so something
     * is on screen before the AWS clients are built and long before AWS answers.
     */
    static Session open(GlobalOptions g, Spec spec, Map<String, String> env) { return open(g, spec, env, true); }

    /** {@code reads}: the command starts with a refresh (plan, apply, destroy, status), not logs or secrets. */
    static Session open(GlobalOptions g, Spec spec, Map<String, String> env, boolean reads) {
        boolean terminal = reads && interactive(env);
        if (terminal) ReadingLine.announce(System.err, ansi(g, env), spec.app(), spec.region(), g.simulate);
        Session s = Session.open(Session.Config.from(env, spec.region(), g.profile, g.endpointUrl, g.simulate));
        if (s.simulated()) SimAccount.prepare(s.world(), spec);
        if (terminal) s.showReading(new ReadingLine(System.err, ansi(g, env)));
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

package dev.gantry.cli;

import dev.gantry.engine.Engine;
import dev.gantry.image.EcrRegistry;
import dev.gantry.image.ImageCheck;
import dev.gantry.resources.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;

import java.util.Map;

/** What plan, apply and destroy share: the session, the engine, the view and the confirmation. */
final class EngineRun {
    private EngineRun() {}

    static boolean interactive(Map<String, String> env) {
        return System.console() != null && !"dumb".equals(env.get("TERM"));
    }

    static Ansi ansi(GlobalOptions g, Map<String, String> env) {
        return g.noColor ? Ansi.NONE : Ansi.detect(env, System.console() != null);
    }

    static Session open(GlobalOptions g, Spec spec, Map<String, String> env) {
        Session s = Session.open(Session.Config.from(env, spec.region(), g.profile, g.endpointUrl, g.simulate));
        if (s.simulated()) SimAccount.prepare(s.world(), spec);
        return s;
    }

    /** The image pre-flight for this session: its registries, and ECR through the session's (real or simulated) client. */
    static ImageCheck imageCheck(Session s) {
        return new ImageCheck(s.registry(), new EcrRegistry(s.aws().ecr()));
    }

    static Engine engine(Session s, SecretValues secrets, dev.gantry.engine.ApplyListener listener) {
        return new Engine(Catalog.standard(), s.aws(), s.scheduler(), secrets, listener);
    }
}

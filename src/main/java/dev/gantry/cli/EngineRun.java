package dev.gantry.cli;

import dev.gantry.engine.ApplyListener;
import dev.gantry.engine.Engine;
import dev.gantry.plan.Plan;
import dev.gantry.resources.Catalog;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.JsonEvents;
import dev.gantry.ui.Operation;
import dev.gantry.ui.line.LineProgress;
import dev.gantry.ui.line.PlanText;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Predicate;

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

    static Engine engine(Session s, SecretValues secrets, ApplyListener listener) {
        return new Engine(Catalog.standard(), s.aws(), s.scheduler(), secrets, listener);
    }

    /** Plain lines or JSON lines; the live view replaces this when a capable terminal is attached. */
    static ApplyListener lineView(Operation op, String output, GlobalOptions g, Map<String, String> env, Session s, PrintStream out) {
        if ("json".equals(output)) return new JsonEvents(out);
        return new LineProgress(op, out, ansi(g, env), s.scheduler());
    }

    /** --yes, or a person typing yes at a terminal; no terminal and no --yes is an input error upstream. */
    static Predicate<Plan> confirmation(boolean yes, String question, Ansi ansi, PrintStream out) {
        if (yes) return p -> true;
        return plan -> {
            out.println(PlanText.render(plan, ansi));
            out.print(question + " Only 'yes' will be accepted: ");
            out.flush();
            String answer = System.console() == null ? null : System.console().readLine();
            return answer != null && answer.trim().equals("yes");
        };
    }
}

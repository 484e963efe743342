package dev.gantry.cli.wiring;

import dev.gantry.cli.edge.Asking;
import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Interrupts;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.engine.Engine;
import dev.gantry.plan.Plan;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.JsonEvents;
import dev.gantry.ui.Operation;
import dev.gantry.ui.ProgressModel;
import dev.gantry.ui.line.LineProgress;
import dev.gantry.ui.line.PlanText;
import dev.gantry.ui.tui.ProgressView;

import java.io.PrintStream;
import java.util.function.Predicate;

/**
 * Chooses how apply and destroy show progress: JSON lines (--output json), plain lines (--plain,
 * CI, a dumb or absent terminal), or the live full-screen view, which starts only after the plan
 * was shown and confirmed in the normal terminal.
 */
public final class Views implements AutoCloseable {
    private final ViewSwitch listener;
    private final boolean live;
    private final Operation op;
    private final Session session;
    private final Ansi ansi;
    private final CommandContext cli;
    private Engine engine;
    private ProgressView view;

    Views(Operation op, boolean json, GlobalOptions g, CommandContext cli, Session session) {
        this.op = op;
        this.session = session;
        this.cli = cli;
        this.ansi = cli.ansi(g.noColor);
        this.live = !json && !g.plain && cli.terminal().liveViews();
        this.listener = new ViewSwitch(json ? new JsonEvents(cli.out())
                : new LineProgress(op, cli.out(), ansi, session.scheduler(), cli.terminal().width()), op);
    }

    public ViewSwitch listener() { return listener; }

    public void attach(Engine engine) { this.engine = engine; }

    /** Shows the plan and asks (unless --yes), then hands the screen to the live view. */
    public Predicate<Plan> confirmation(boolean yes, String question, boolean json) {
        return confirmation(yes, plan -> question, json);
    }

    /** The same, with a question that depends on the plan (destroy's names what cannot be got back). */
    public Predicate<Plan> confirmation(boolean yes, java.util.function.Function<Plan, String> question, boolean json) {
        PrintStream out = json ? cli.err() : cli.out();
        return plan -> {
            if (!yes) {
                String shown = cli.wrapped(op.words(PlanText.render(plan, ansi, dev.gantry.cost.Prices.embedded())));
                int rows = cli.terminal().height();
                // A first deploy's plan is taller than most terminals: the question would come with its
                // top scrolled away, so it is shown a line per piece ('gantry plan' has every line).
                if (rows > 0 && shown.lines().count() > rows - 2 && PlanText.onlyCreates(plan)) {
                    shown = cli.wrapped(op.words(PlanText.compact(plan, ansi, dev.gantry.cost.Prices.embedded())));
                }
                out.println(shown);
                out.print(cli.wrapped(question.apply(plan) + " Only 'yes' will be accepted: "));
                out.flush();
                String answer;
                try {
                    answer = cli.terminal().canRead() ? Asking.ask(cli.terminal()::readLine) : null;
                } catch (Asking.Interrupted e) {
                    return false; // the engine was cancelled by the same Ctrl-C: it reports an interruption
                }
                if (answer == null || !answer.trim().equals("yes")) return false;
            }
            if (live) startLive(plan);
            return true;
        };
    }

    private void startLive(Plan plan) {
        try {
            view = new ProgressView(ProgressView.terminalScreen(), op, new ProgressModel(session.scheduler()), cli.out(),
                    engine::cancel, () -> Interrupts.haltNow(ExitCode.INTERRUPTED), ansi.enabled());
            view.start();
            // The plan was announced before the switch; the live view needs it for its rows.
            view.on(new dev.gantry.engine.ApplyEvent.Planned(java.time.Duration.ZERO, plan));
            listener.switchTo(view);
        } catch (Exception e) {
            // No usable terminal after all: keep the plain lines, which already work.
            view = null;
        }
    }

    @Override public void close() {
        if (view != null) view.close();
    }
}

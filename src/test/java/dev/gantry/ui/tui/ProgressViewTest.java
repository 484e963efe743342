package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.ui.Fixtures;
import dev.gantry.ui.Operation;
import dev.gantry.ui.ProgressModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gantry.ui.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProgressViewTest {
    private final DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(120, 40));
    private final Fixtures.Clock clock = new Fixtures.Clock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicInteger interrupts = new AtomicInteger();
    private final AtomicInteger forceQuits = new AtomicInteger();
    private final ProgressView view;

    ProgressViewTest() throws IOException {
        view = new ProgressView(new TerminalScreen(vt), Operation.apply("hello", "us-east-1"), new ProgressModel(clock),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), interrupts::incrementAndGet,
                forceQuits::incrementAndGet, false);
    }

    private void failAtTheLoadBalancer() {
        view.on(new ApplyEvent.Planned(s(0), plan()));
        for (var c : List.of(VPC, SUBNET, SG, TASK)) {
            view.on(new ApplyEvent.Started(s(1), c));
            view.on(new ApplyEvent.Done(s(3), c, s(2)));
        }
        view.on(new ApplyEvent.Started(s(10), NAT));
        view.on(new ApplyEvent.Waiting(s(12), NAT, "waiting for NAT gateway to become available"));
        view.on(new ApplyEvent.Started(s(10), LB));
        view.on(new ApplyEvent.Failed(s(40), LB, "TooManyLoadBalancers: the account's limit is reached",
                "ask AWS for a higher quota"));
        view.on(new ApplyEvent.Skipped(s(40), SERVICE, "depends on load-balancer.main, which failed"));
        view.on(new ApplyEvent.Skipped(s(40), SCALING, "depends on service.main, which failed"));
        clock.advance(s(40));
    }

    private String screen() { return ScreenText.text(vt); }

    private List<String> pane(int fromRow, int toRow, int fromCol, int toCol) {
        return ScreenText.rows(vt).subList(fromRow, toRow).stream()
                .map(r -> r.length() <= fromCol ? "" : r.substring(fromCol, Math.min(r.length(), toCol)).stripTrailing())
                .toList();
    }

    @Test
    void showsEveryRowByPieceWithItsStateWaitingTextAndTheEstimate() {
        view.open();
        failAtTheLoadBalancer();
        view.tick();

        List<String> rows = ScreenText.rows(vt);
        assertThat(rows.get(0)).startsWith("gantry apply · hello · us-east-1")
                .endsWith("elapsed 40s · about 1m05s left"); // NAT: 95 s typical, 30 s spent
        assertThat(rows.get(1)).endsWith("7/8  4 done · 1 failed · 2 skipped · 1 in progress");
        assertThat(pane(3, 20, 0, 72)).containsExactly(
                "── Resources ───────────────────────────────────────────────────────────",
                " Network",
                "  +   VPC: your private network        ✓ done                        2s",
                "  +   Public subnet in the first zone  ✓ done                        2s",
                "  +   NAT gateway: lets tasks reach t… ⠙ in progress                30s",
                "        ↳ waiting for NAT gateway to become available",
                " Security",
                "  +   Firewall for the service         ✓ done                        2s",
                " Load balancer",
                "  +   Load balancer: takes your users… ✗ failed                     30s",
                "        ↳ TooManyLoadBalancers: the account's limit is reached",
                " Task",
                "  ~   Task definition: what to run     ✓ done                        2s",
                " Service",
                "  +   ECS service: keeps your tasks r… skipped: dependency failed",
                "  +   Autoscaling limits               skipped: dependency failed",
                "");
        assertThat(pane(3, 5, 73, 120)).containsExactly(
                "── Rollout ────────────────────────────────────",
                " The ECS rollout shows here once it starts.");
        assertThat(screen()).contains(
                // too wide for the log: the description gives way, the state and the reason stay whole
                "[    40s] + load-balancer.main  Load balancer: takes you… … failed: TooManyLoadBalancers: the account's limit is reached",
                "            fix: ask AWS for a higher quota");
    }

    /** Several services: the Resources pane lists each service's own rows under its name, then the shared pieces. */
    @Test
    void severalServicesShowEachServiceThenWhatTheyShare() {
        view.open();
        var web = create("service.web", dev.gantry.plan.Piece.SERVICE, "ECS service shop-web");
        var api = create("service.api", dev.gantry.plan.Piece.SERVICE, "ECS service shop-api");
        var apiRule = create("listener-rule.api-0", dev.gantry.plan.Piece.LOAD_BALANCER, "Listener rule: sends api.example.com to api");
        view.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("shop", List.of(VPC, LB, web, api, apiRule), List.of())));
        view.tick();
        assertThat(pane(4, 14, 0, 40)).containsExactly(
                " Service api",
                "  +   Listener rule: sends api.exampl… w",
                "  +   ECS service shop-api             w",
                " Service web",
                "  +   ECS service shop-web             w",
                " Network",
                "  +   VPC: your private network        w",
                " Load balancer",
                "  +   Load balancer: takes your users… w",
                "");
    }

    @Test
    void theRolloutPaneShowsTheDiagnosisFirstThenDeploymentsStoppedTasksAndEvents() {
        view.open();
        failAtTheLoadBalancer();
        view.on(new ApplyEvent.Rollout(s(41), rollout()));
        view.on(new ApplyEvent.RolloutFailed(s(42), DIAGNOSIS));
        view.tick();

        assertThat(pane(3, 25, 73, 120)).containsExactly(
                "── Rollout · hello ────────────────────────────",
                " ✗ Tasks cannot read the secret PASSWORD.",
                "   ResourceInitializationError: unable to pull",
                "   secrets or registry auth:",
                "   AccessDeniedException",
                " How to fix it:",
                "   1. Let role.execution read /hello/password",
                "   (gantry apply does this).",
                "   2. Run gantry apply again.",
                "",
                " PRIMARY  rev 4  IN_PROGRESS",
                "   2 desired · 0 running · 1 pending · 3 failed",
                " ACTIVE  rev 3  COMPLETED",
                "   2 desired · 2 running · 0 pending · 0 failed",
                " Stopped tasks",
                "   0123abcd: TaskFailedToStart:",
                "   ResourceInitializationError: unable to pull",
                "   secrets",
                " Latest events",
                "   (service hello) has started 1 tasks: (task",
                "   0123abcd).",
                "   (service hello) registered 2 targets in");
        assertThat(screen()).contains("[    42s] ✗ rollout failed: Tasks cannot read the secret PASSWORD.");
    }

    @Test
    void finishedRestoresTheScreenAndPrintsTheSummaryWhichStays() {
        view.open();
        failAtTheLoadBalancer();
        view.tick();
        assertThat(screen()).contains("── Resources");

        view.on(new ApplyEvent.Finished(s(60), failedResult(s(60))));

        assertThat(screen()).doesNotContain("── Resources");
        String summary = bytes.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("✗", " Apply failed after 1m00s.",
                "  ✗ load-balancer.main  Load balancer: takes your users' traffic",
                "      fix: ask AWS for a higher quota",
                "  2 not started because something it needs failed: service.main (needs load-balancer.main), scaling-target.main (needs service.main)",
                "  1 still in progress when gantry stopped: nat-gateway.nat-0",
                "Fix the problem above, then continue with:\n  gantry apply\n");
        view.tick(); // a late frame after the end draws nothing and does not fail
        view.close();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(summary);
    }

    @Test
    void ctrlCFirstAsksTheEngineToStopThenQuits() {
        view.open();
        failAtTheLoadBalancer();
        vt.addInput(new KeyStroke('c', true, false));
        view.tick();

        assertThat(interrupts).hasValue(1);
        assertThat(forceQuits).hasValue(0);
        assertThat(ScreenText.rows(vt).get(2)).isEqualTo(ProgressRenderer.STOPPING);
        assertThat(ScreenText.rows(vt).get(0)).endsWith("elapsed 40s"); // no estimate while stopping

        vt.addInput(new KeyStroke('x', false, false));
        view.tick();
        assertThat(interrupts).hasValue(1);

        vt.addInput(new KeyStroke('c', true, false));
        view.tick();
        assertThat(interrupts).hasValue(1);
        assertThat(forceQuits).hasValue(1);
        assertThat(screen()).doesNotContain("Resources"); // the terminal is back before the process may exit
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("gantry stopped at once.");
    }

    @Test
    void theLogScrollsWithPageKeysAndArrows() {
        view.open();
        view.on(new ApplyEvent.Planned(s(0), plan()));
        for (int i = 0; i < 60; i++) view.on(new ApplyEvent.Info(s(i), "message " + i));
        view.tick();
        assertThat(ScreenText.rows(vt).get(39)).isEqualTo("[    59s] message 59");

        vt.addInput(new KeyStroke(KeyType.PageUp));
        view.tick();
        List<String> rows = ScreenText.rows(vt);
        assertThat(rows.get(39)).isEqualTo("[    48s] message 48"); // a page is the 11 lines the pane shows
        assertThat(rows.get(28)).startsWith("── Log (11 newer lines below, PgDn)");

        vt.addInput(new KeyStroke(KeyType.ArrowDown));
        view.tick();
        assertThat(ScreenText.rows(vt).get(39)).isEqualTo("[    49s] message 49");

        vt.addInput(new KeyStroke(KeyType.PageDown));
        view.tick();
        assertThat(ScreenText.rows(vt).get(39)).isEqualTo("[    59s] message 59");
        assertThat(ScreenText.rows(vt).get(28)).startsWith("── Log (PgUp/PgDn");
    }

    @Test
    void adaptsToTheTerminalSizeAndRedrawsOnResize() {
        view.open();
        failAtTheLoadBalancer();
        view.on(new ApplyEvent.Rollout(s(41), rollout()));

        vt.setTerminalSize(new TerminalSize(70, 16)); // below 80x24: header and resources only
        view.tick();
        String small = screen();
        assertThat(small).contains("── Resources", "✗ failed").doesNotContain("── Log", "── Rollout");
        assertThat(ScreenText.rows(vt)).allMatch(r -> r.length() <= 70);
        // Too short even with finished pieces shrunk: failed first, then in progress, finished ones share a line.
        List<String> rows = ScreenText.rows(vt);
        assertThat(rows.get(4)).isEqualTo(" Load balancer");
        assertThat(rows.get(5)).contains("✗ failed");
        assertThat(rows.get(8)).contains("⠙ in progress");
        assertThat(rows.get(14)).isEqualTo(" ✓ 2 done: Security, Task");

        vt.setTerminalSize(new TerminalSize(40, 5)); // tiny: the header alone, cut to fit
        view.tick();
        assertThat(ScreenText.rows(vt).get(1)).isEqualTo("███████████░░ 7/8  4 done · 1 failed · …");
        assertThat(screen()).doesNotContain("── Resources");

        vt.setTerminalSize(new TerminalSize(90, 30)); // narrow: panes stack
        view.tick();
        String stacked = screen();
        assertThat(stacked).contains("── Resources", "── Rollout · hello", "── Log");
        assertThat(stacked.indexOf("── Resources")).isLessThan(stacked.indexOf("── Rollout"));
        assertThat(stacked).doesNotContain("│");

        vt.setTerminalSize(new TerminalSize(120, 40));
        view.tick();
        assertThat(ScreenText.rows(vt).get(3)).contains("── Resources", "│── Rollout · hello");
    }

    @Test
    void theRenderThreadDrawsEventsAsTheyArrive() throws Exception {
        view.start();
        try {
            failAtTheLoadBalancer();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!screen().contains("✗ failed") && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(screen()).contains("✗ failed", "waiting for NAT gateway to become available");
            view.on(new ApplyEvent.Finished(s(60), failedResult(s(60))));
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Apply failed after 1m00s.");
            assertThat(screen()).doesNotContain("✗ failed");
        } finally {
            view.close();
        }
    }

    @Test
    void theCtrlCByteOfARawTerminalDecodesToTheKeyTheViewStopsOn() throws Exception {
        var decoder = new com.googlecode.lanterna.input.InputDecoder(new java.io.StringReader("\u0003"));
        decoder.addProfile(new com.googlecode.lanterna.input.DefaultKeyDecodingProfile());
        KeyStroke k = decoder.getNextCharacter(true);
        view.open();
        vt.addInput(k);
        view.tick();
        assertThat(interrupts).hasValue(1);
    }

    @Test
    void atEightyByTwentyFourWhatIsInProgressOrFailedComesFirstAndLogLinesKeepTheirState() {
        view.open();
        vt.setTerminalSize(new TerminalSize(80, 24));
        List<dev.gantry.plan.Change> many = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            many.add(create("subnet.private-" + i, dev.gantry.plan.Piece.NETWORK, "Private subnet number " + i + " in a zone of its own", "vpc.main"));
        }
        many.addAll(List.of(VPC, NAT, SG, LB, SERVICE));
        view.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("hello", many, List.of())));
        for (var c : many.subList(0, 14)) {
            view.on(new ApplyEvent.Started(s(1), c));
            view.on(new ApplyEvent.Done(s(3), c, s(2)));
        }
        view.on(new ApplyEvent.Started(s(10), NAT));
        view.on(new ApplyEvent.Waiting(s(12), NAT, "waiting for NAT gateway to become available"));
        view.on(new ApplyEvent.Started(s(10), LB));
        view.on(new ApplyEvent.Failed(s(40), LB, "TooManyLoadBalancers: the account's limit is reached", "ask AWS for a higher quota"));
        clock.advance(s(40));
        view.tick();

        List<String> rows = ScreenText.rows(vt);
        String resources = String.join("\n", rows.subList(3, 17));
        assertThat(resources).contains("✗ failed").contains("in progress").contains("↳ waiting for NAT gateway")
                .contains("✓ 14 done");
        assertThat(resources.indexOf("✗ failed")).isLessThan(resources.indexOf("in progress"));
        assertThat(rows).allMatch(r -> r.length() <= 80);
        // A log line too long for 80 columns loses part of its description, not whether it is done.
        assertThat(rows.subList(17, 24)).anyMatch(r -> r.contains("subnet.private-13") && r.contains("…") && r.endsWith("created (2s)"));
    }
}

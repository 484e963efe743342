package dev.gantry.cli.edge;

import dev.gantry.engine.Engine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What a signal does to a run: the engine stops starting work, an open question ends, the exit code says which signal. */
class InterruptsTest {
    private static Engine engine() {
        return new Engine(dev.gantry.resources.catalog.Catalog.standard(), null, new dev.gantry.time.VirtualScheduler(),
                dev.gantry.resources.SecretValues.none(), e -> { });
    }

    @Test void ctrl_c_ends_an_open_question_at_once() throws Exception {
        Engine engine = engine();
        CountDownLatch reading = new CountDownLatch(1);
        Interrupts interrupts = Interrupts.install(engine, System.err);
        try {
            new Thread(() -> {
                try { reading.await(); Thread.sleep(100); } catch (InterruptedException ignored) { }
                interrupts.stop("INT", engine);
            }).start();
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Asking.ask(() -> {
                reading.countDown();
                try { Thread.sleep(60_000); } catch (InterruptedException ignored) { }
                return "never answered";
            }))).isInstanceOf(Asking.Interrupted.class);
            assertThat(engine.cancelled()).isTrue();
            assertThat(interrupts.exitCode(ExitCode.INTERRUPTED).code()).isEqualTo(130);
        } finally {
            interrupts.close();
        }
    }

    @Test void ctrl_c_at_a_secret_prompt_says_it_stopped_there() throws Exception {
        Engine engine = engine();
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        CountDownLatch reading = new CountDownLatch(1);
        Interrupts interrupts = Interrupts.install(engine, new java.io.PrintStream(said, true));
        try {
            new Thread(() -> {
                try { reading.await(); Thread.sleep(100); } catch (InterruptedException ignored) { }
                interrupts.stop("INT", engine);
            }).start();
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Asking.ask("the secret prompt for DB_PASSWORD", () -> {
                reading.countDown();
                try { Thread.sleep(60_000); } catch (InterruptedException ignored) { }
                return "never answered";
            }))).isInstanceOf(Asking.Interrupted.class);
            // the handler says so right after ending the question, on its own thread
            for (int i = 0; i < 100 && !said.toString().contains("Stopped"); i++) Thread.sleep(50);
            assertThat(said.toString()).contains("Stopped at the secret prompt for DB_PASSWORD; nothing was changed.")
                    .doesNotContain("the question");
        } finally {
            interrupts.close();
        }
    }

    @Test void sigterm_stops_like_ctrl_c_and_exits_143() {
        Engine engine = engine();
        Interrupts interrupts = Interrupts.install(engine, System.err);
        try {
            interrupts.stop("TERM", engine);
            assertThat(engine.cancelled()).isTrue();
            assertThat(interrupts.exitCode(ExitCode.INTERRUPTED)).isEqualTo(ExitCode.TERMINATED);
            assertThat(interrupts.exitCode(ExitCode.OK)).isEqualTo(ExitCode.OK); // a run that finished anyway keeps its own code
        } finally {
            interrupts.close();
        }
    }
}

package dev.gantry.e2e;

import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecWriter;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.WizardFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full-screen wizard in a real terminal (tmux, 80×24), the whole draft cycle of an edit: open
 * gantry.yaml, change the domain, quit with a draft (the spec is untouched, the draft refused by
 * validate), continue the draft where it was left, and finish it into gantry.yaml through the diff.
 * Skipped where tmux is not installed.
 */
class WizardDraftTmuxTest {
    @TempDir Path dir;
    private final String session = "gantry-wizard-test-" + ProcessHandle.current().pid();
    /** Each start gets a fresh server: a new session on a server still shutting down fails ("server exited unexpectedly"). */
    private int starts;

    private String socket() { return session + "-" + starts; }

    @AfterEach
    void killSession() throws Exception {
        // Its own server (-L): another tmux on the machine can neither see nor end this one.
        if (tmuxPresent()) new ProcessBuilder("tmux", "-L", socket(), "kill-server").redirectErrorStream(true).start().waitFor();
    }

    @Test
    void anEditIsDraftedContinuedWhereItWasLeftAndFinishedIntoTheEditedFile() throws Exception {
        Assumptions.assumeTrue(tmuxPresent(), "tmux is not installed");
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.set("app", "hello");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns.zone", "example.com");
        Path spec = dir.resolve("gantry.yaml");
        String original = SpecWriter.write(f.build());
        Files.writeString(spec, original);

        start("init -f gantry.yaml");
        waitFor("Jump to a section");
        for (int i = 0; i < 7; i++) keys("Down");
        keys("Enter");
        waitFor("9 of 13 · Certificate   (editing gantry.yaml)");
        keys("Tab");
        waitFor("typing replaces");
        literal("www.example.com");
        waitFor("www.example.com");
        keys("Escape");
        waitFor("Quit the wizard. Save a draft");
        keys("Enter");
        waitFor("EXIT=0");
        assertThat(screen()).contains("Draft saved to gantry.yaml.draft. Continue with: gantry init -f");
        assertThat(Files.readString(spec)).isEqualTo(original);
        Path draft = dir.resolve("gantry.yaml.draft");
        assertThat(Files.readString(draft)).startsWith("# DRAFT").contains("# Stopped at: Certificate").contains("www.example.com");
        assertThat(SpecLoader.check(draft).errors()).singleElement().satisfies(e -> assertThat(e.render()).contains("finish it with gantry init"));

        killSession();
        start("init -f gantry.yaml.draft");
        waitFor("9 of 13 · Certificate   (draft gantry.yaml.draft → gantry.yaml)");
        keys("PageDown");
        waitFor("10 of 13 · DNS");
        keys("PageDown");
        waitFor("11 of 13 · Alerts & guard");
        keys("PageDown");
        waitFor("12 of 13 · Environments");
        keys("PageDown");
        waitFor("13 of 13 · Review");
        keys("Enter");
        waitFor("Changes to gantry.yaml (- old, + new):");
        // The diff is drawn line by line after its heading: on a busy machine a capture can fall between.
        waitFor("+   domain: www.example.com");
        keys("Enter");
        waitFor("EXIT=0");
        assertThat(screen()).contains("Wrote gantry.yaml.");
        assertThat(Files.readString(spec)).contains("domain: www.example.com").contains("record: www.example.com");
        assertThat(SpecLoader.check(spec).valid()).isTrue();
        assertThat(draft).doesNotExist();
    }

    @Test
    void ctrlCInTheFullScreenWizardExits130AndWritesNothing() throws Exception {
        Assumptions.assumeTrue(tmuxPresent(), "tmux is not installed");
        start("init -f gantry.yaml");
        waitFor("1 of 13");
        keys("C-c");
        waitFor("EXIT=130");
        assertThat(dir.resolve("gantry.yaml")).doesNotExist();
        assertThat(dir.resolve("gantry.yaml.draft")).doesNotExist();
    }

    private void start(String args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "cd '" + dir + "' && GANTRY_HOME='" + dir.resolve("home") + "' '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.gantry.Main " + args + "; echo EXIT=$?; sleep 600";
        // A tmux server that starts on a busy machine sometimes dies before the client attaches
        // ("server exited unexpectedly"): that is tmux's start, not the wizard; try a fresh server.
        String out = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            starts++;
            out = run("tmux", "-L", socket(), "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
            if (!out.contains("server exited unexpectedly")) break;
        }
        assertThat(out).as("tmux new-session").isEmpty();
    }

    private void keys(String key) throws Exception { run("tmux", "-L", socket(), "send-keys", "-t", session, key); }

    private void literal(String text) throws Exception { run("tmux", "-L", socket(), "send-keys", "-t", session, "-l", text); }

    private String screen() throws Exception { return run("tmux", "-L", socket(), "capture-pane", "-p", "-t", session); }

    /** Polls the pane; the wait is generous because a JVM starts slowly on a busy machine, and nothing is timed. */
    private void waitFor(String text) throws Exception {
        for (int i = 0; i < 600; i++) {
            // Joined lines: a wrapped message still matches.
            if (screen().replace("\n", " ").contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("never showed '" + text + "':\n" + screen() + "\n" + run("tmux", "-L", socket(), "ls"));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static boolean tmuxPresent() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

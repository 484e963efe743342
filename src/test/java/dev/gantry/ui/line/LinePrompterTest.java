package dev.gantry.ui.line;

import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Outcome;
import dev.gantry.cost.Prices;
import dev.gantry.wizard.SpecStore;
import dev.gantry.wizard.WizardSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LinePrompterTest {

    record Run(Outcome outcome, String output, WizardSession session) {}

    static Run drive(SpecStore store, String... lines) throws Exception {
        WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        var in = new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        var out = new ByteArrayOutputStream();
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Terminal t = new DumbTerminal("gantry-test", "dumb", in, out, StandardCharsets.UTF_8)) {
                return new LinePrompter(session, t).run();
            }
        });
        return new Run(o, out.toString(StandardCharsets.UTF_8), session);
    }

    @Test
    void walksEveryScreenWithExplanationsErrorsAndMaskedSecrets() throws Exception {
        var store = new SpecStore.Memory(null);
        Run r = drive(store,
                "",                       // region: default
                "Hello", "hello",         // app: an inline error, then a valid name
                "", "?", "8080",          // image default; port explained, then 8080
                "", "", "3", "perAz",     // network
                "", "",                   // cluster
                "", "2", "LOG_LEVEL=info", "", "",   // task: size, arm64, env, retention
                "DB_PASSWORD=/hello/db", "", "s3cret",  // secrets, then the value, masked
                "", "", "", "", "",       // service
                "", "/healthz", "", "", "", // load balancer: path, start-up time, draining time, who may connect
                "1", "hello.example.com", // certificate: new
                "yes", "", "",            // dns: zone and record defaulted from the domain
                "", "",                   // alerts & guard: none, off
                "",                       // environments: none
                "",                       // add another service? no
                "save");
        assertThat(r.outcome()).isEqualTo(Outcome.SAVED);
        assertThat(r.output())
                .contains("── 1 of 13 · Welcome")
                .contains("── Add another service?").contains("Service hello is described.")
                .contains("No AWS credentials.")
                .contains("--simulate")
                .contains("✗ app: must start with a lowercase letter and contain only lowercase letters, digits and '-', not ending in '-' (use hello)")
                .contains("The port your container listens on inside (1–65535).")
                .contains("Flag: --port")
                .contains("3 NAT gateways")
                .contains("Monthly estimate:")
                .contains("estimate, us-east-1 on-demand prices of")
                .doesNotContain("s3cret");
        assertThat(store.text)
                .contains("app: hello")
                .contains("availabilityZones: 3")
                .contains("natGateways: perAz")
                .contains("architecture: arm64")
                .contains("port: 8080")
                .contains("LOG_LEVEL: info")
                .contains("parameter: /hello/db")
                .contains("healthCheckPath: /healthz")
                .contains("domain: hello.example.com")
                .contains("zone: example.com")
                .contains("record: hello.example.com")
                .doesNotContain("s3cret");
        assertThat(new String(r.session().flow().secretValues().get("DB_PASSWORD"))).isEqualTo("s3cret");
    }

    @Test
    void aRejectedAnswerIsNotOfferedAgainAsTheDefault() throws Exception {
        var store = new SpecStore.Memory(null);
        Run r = drive(store, "", "hello", "", "70000", "", "q", "n");
        assertThat(r.output()).contains("✗ task.port: a port is 1–65535, got 70000").contains("Container port [80]: ")
                .doesNotContain("[70000]");
        assertThat(r.outcome()).isEqualTo(Outcome.QUIT);
        assertThat(r.session().flow().get("task.port")).isEqualTo("80");
    }

    @Test
    void backGoesToThePreviousQuestionAndQuitSavesADraft() throws Exception {
        var store = new SpecStore.Memory(null);
        Run r = drive(store, "", "hello", "<", "billing", "nginx:1.27", "q", "y");
        assertThat(r.outcome()).isEqualTo(Outcome.DRAFT_SAVED);
        assertThat(store.text).contains("app: billing").contains("image: nginx:1.27").startsWith("# DRAFT");
        assertThat(store.draft).isNull();
        assertThat(r.session().lastDraft()).isEqualTo("gantry.yaml");
    }

    @Test
    void editModeJumpsToASectionAndShowsTheDiffBeforeSaving() throws Exception {
        var first = new SpecStore.Memory(null);
        drive(first, "", "hello", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                "new", "hello.example.com", "yes", "", "", "", "", "", "", "save"); // the last "": no other service
        assertThat(first.text).contains("record: hello.example.com");
        var store = new SpecStore.Memory(first.text);
        Run r = drive(store, "certificate", "", "www.example.com", "", "", "", "", "", "", "save");
        assertThat(r.outcome()).isEqualTo(Outcome.SAVED);
        assertThat(r.output()).contains("Editing gantry.yaml").contains("Changes to gantry.yaml:")
                .contains("-   domain: hello.example.com").contains("+   domain: www.example.com")
                .contains("+   record: www.example.com");
        assertThat(store.text).contains("record: www.example.com");
    }

    @Test
    void aSecretTypedWhereTheParameterGoesIsNeitherEchoedNorTurnedIntoAPath() throws Exception {
        var store = new SpecStore.Memory(null);
        Run r = drive(store,
                "", "hello", "", "",        // welcome, app
                "", "", "", "",             // network
                "", "",                     // cluster
                "", "", "", "",             // task
                "DB_PASSWORD=hunter2",      // the password itself, by mistake
                "DB_PASSWORD=/hello/db-password", "", "",
                "q", "n");
        assertThat(r.output()).contains("Type NAME=PARAMETER (e.g. DB_PASSWORD=/hello/db-password)")
                .contains("Each value is asked afterwards, hidden, and never written to the file.")
                .contains("✗ task.secrets: DB_PASSWORD: after = comes the name of the SSM parameter")
                .doesNotContain("use /hunter2").doesNotContain("/hunter2");
        assertThat(r.session().flow().get("task.secrets")).isEqualTo("DB_PASSWORD=/hello/db-password");
    }
}

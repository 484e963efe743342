package dev.gantry.ui.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Outcome;
import dev.gantry.cost.Prices;
import dev.gantry.wizard.SpecStore;
import dev.gantry.spec.yaml.SpecWriter;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WizardWindowTest {

    private static WizardScreenDriver open(SpecStore store) throws Exception {
        return new WizardScreenDriver(WizardSession.open(store, LookupResults.offline(), Prices.embedded()), 110, 40);
    }

    @Test
    void welcomeScreenShowsTheStepTheOfflineNoticeAndTheExplanationPane() throws Exception {
        var d = open(new SpecStore.Memory(null));
        assertThat(d.lines().subList(0, 13)).containsExactly(
                "gantry init · 1 of 13 · Welcome   (new gantry.yaml)",
                "[Welcome] › App › Network › Cluster › Task › Secrets › Service › Load balancer › Certificate › DNS › …",
                "gantry writes one file, gantry.yaml, that describes your      ┌─About this───────────────────────────────┐",
                "service and everything around it on AWS: network, load        │The AWS region where everything is        │",
                "balancer, certificate, DNS, container and its secrets.        │created. Pick the one closest to your     │",
                "Nothing is created until you run apply, and the file never    │users: every request travels there. Prices│",
                "contains a secret value.                                      │differ a little by region; the estimates  │",
                "                                                              │here use us-east-1. Default: your AWS     │",
                "No AWS credentials. You can continue offline: type values     │configuration's region, else us-east-1.   │",
                "instead of picking them from your account. Then rehearse the  │                                          │",
                "apply on the simulated AWS: gantry apply -f gantry.yaml       │Default: us-east-1                        │",
                "--simulate. Nothing real is created or billed.                │Flag: --region                            │",
                "                                                              │                                          │");
        // The answer shown is a default, and says so.
        assertThat(d.lines().get(13)).startsWith("AWS region (default) ");
        assertThat(d.lines().get(14)).startsWith("<o> us-east-1                              ▲");
        assertThat(d.lines().get(38)).isEqualTo("<Next >> << Back> <Sections> < Help > < Quit >");
        assertThat(d.lines().get(39)).isEqualTo("↑/↓ pick · Tab next · PgUp/PgDn screens · F1 help · Esc quit");
    }

    @Test
    void anInvalidNameShowsTheSpecsMessageUnderTheFieldAsYouType() throws Exception {
        var d = open(new SpecStore.Memory(null));
        d.key(KeyType.PageDown).type("Hello");
        List<String> lines = d.lines();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("App name ")).findFirst().orElseThrow());
        assertThat(lines.subList(at, at + 5).stream().map(l -> l.substring(0, 62).stripTrailing())).containsExactly(
                "App name",
                "Hello",
                "✗ app: must start with a lowercase letter and contain only",
                "lowercase letters, digits and '-', not ending in '-' (use",
                "hello)");
        assertThat(d.text()).contains("│A short name for this service, e.g. hello │");
        d.key(KeyType.Backspace, KeyType.Backspace, KeyType.Backspace, KeyType.Backspace, KeyType.Backspace).type("hello");
        assertThat(d.text()).doesNotContain("✗");
        // Tab to the image: the pane follows the focus.
        d.key(KeyType.Tab);
        assertThat(d.text()).contains("│The image your service runs:");
    }

    @Test
    void typingIntoADefaultReplacesItWhileBackspaceEditsIt() throws Exception {
        var d = open(new SpecStore.Memory(null));
        d.key(KeyType.PageDown).type("hello").key(KeyType.Tab).type("nginx:1.27");
        List<String> lines = d.lines();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("Container image")).findFirst().orElseThrow());
        assertThat(lines.get(at)).doesNotContain("(default)");
        assertThat(lines.get(at + 1)).startsWith("nginx:1.27 ");
        d.key(KeyType.Tab).key(KeyType.Backspace, KeyType.Backspace).type("8080");
        assertThat(d.window.outcome()).isNull();
        d.key(KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 3 of 13 · Network");
        d.key(KeyType.PageUp);
        assertThat(d.text()).contains("\n8080").contains("\nnginx:1.27");
    }

    @Test
    void nextRefusesAnEmptyRequiredAnswerAndSaysWhy() throws Exception {
        var d = open(new SpecStore.Memory(null));
        d.key(KeyType.PageDown, KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App");
        assertThat(d.text()).contains("✗ app: an app name is required (e.g. hello)");
    }

    @Test
    void pickingAnExistingVpcSwapsTheQuestionsAndTheCostHintFollowsNat() throws Exception {
        var d = open(new SpecStore.Memory(null));
        d.key(KeyType.PageDown).type("hello").key(KeyType.PageDown);
        assertThat(d.text()).contains("VPC address range (CIDR)").contains("1 NAT gateway (+ $0.045/GB processed)           $32.85");
        // NAT: focus the list (Tab ×3 from the VPC list); moving the cursor from single to perAz picks it.
        d.key(KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.ArrowDown);
        assertThat(d.text()).contains("2 NAT gateways (+ $0.045/GB processed)          $65.70");
        d.key(KeyType.ReverseTab, KeyType.ReverseTab, KeyType.ReverseTab, KeyType.ArrowDown, KeyType.ArrowDown);
        assertThat(d.text()).contains("Existing VPC id").contains("Public subnets (comma-separated)")
                .doesNotContain("VPC address range").doesNotContain("/GB processed");
    }

    @Test
    void reviewShowsTheSpecAndEstimateAndSaveWritesIt() throws Exception {
        var store = new SpecStore.Memory(null);
        var d = open(store);
        d.key(KeyType.PageDown).type("hello");
        for (int i = 0; i < 11; i++) d.key(KeyType.PageDown);
        // The first service described, the wizard asks for another before Review; No is first.
        assertThat(d.text()).contains("gantry init · Add another service to hello?").contains("Service hello is described.");
        d.key(KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 13 of 13 · Review");
        assertThat(d.text()).contains("app: hello").containsPattern("│Total per month +\\$84\\.09").contains("What will be created:")
                .contains("< Save >").contains("Save and rehearse (--simulate)");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        assertThat(store.text).contains("app: hello").contains("natGateways: single");
    }

    @Test
    void editModeOpensTheMenuPrefillsAnswersAndShowsTheDiffBeforeWriting() throws Exception {
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.set("app", "hello");
        f.set("certificate", "new");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns", "yes");
        f.set("dns.zone", "example.com");
        var store = new SpecStore.Memory(SpecWriter.write(f.build()));
        var d = open(store);
        assertThat(d.text()).contains("Editing gantry.yaml: every answer is filled in. Jump to a section:")
                .contains("App            hello · public.ecr.aws/nginx/nginx:1.27 · 80")
                .contains("DNS            yes, in a Route53 zone · example.com · hello.example.com");
        for (int i = 0; i < 7; i++) d.key(KeyType.ArrowDown);
        d.key(KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 9 of 13 · Certificate   (editing gantry.yaml)");
        d.key(KeyType.Tab, KeyType.End);
        for (int i = 0; i < 17; i++) d.key(KeyType.Backspace);
        d.type("www.example.com").key(KeyType.PageDown);
        assertThat(d.text()).contains("www.example.com"); // the record followed the domain
        d.key(KeyType.PageDown, KeyType.PageDown, KeyType.PageDown, KeyType.Enter);
        List<String> lines = d.lines();
        assertThat(lines.get(0)).isEqualTo("Changes to gantry.yaml (- old, + new):");
        assertThat(d.text()).contains("-   domain: hello.example.com").contains("+   domain: www.example.com")
                .contains("-   record: hello.example.com").contains("+   record: www.example.com");
        assertThat(store.text).contains("hello.example.com");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        assertThat(store.text).contains("record: www.example.com").doesNotContain("hello.example.com");
    }

    @Test
    void secretValuesAreTypedMaskedAndKeptOnlyInMemory() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession session = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        var d = new WizardScreenDriver(session, 110, 40);
        d.key(KeyType.PageDown).type("hello");
        for (int i = 0; i < 4; i++) d.key(KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 6 of 13 · Secrets");
        d.type("DB_PASSWORD=/hello/db-password");
        assertThat(d.text()).contains("Value of DB_PASSWORD (hidden; empty = ask at apply)");
        d.key(KeyType.Tab).type("hunter2");
        assertThat(d.text()).contains("\n*******").doesNotContain("hunter2");
        assertThat(new String(session.flow().secretValues().get("DB_PASSWORD"))).isEqualTo("hunter2");
        for (int i = 0; i < 8; i++) d.key(KeyType.PageDown); // the last: no other service
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.SAVED);
        assertThat(store.text).contains("parameter: /hello/db-password").doesNotContain("hunter2");
    }

    @Test
    void withCredentialsTheWelcomeSaysWhoAndExistingVpcsArePickedFromTheAccount() throws Exception {
        WizardSession session = WizardSession.open(new SpecStore.Memory(null),
                new LookupResults(new dev.gantry.wizard.FoundLookups(), "us-east-1"), Prices.embedded());
        var d = new WizardScreenDriver(session, 110, 40);
        assertThat(d.text()).contains("Signed in to AWS account 123456789012 as").contains("arn:aws:iam::123456789012:user/ana");
        d.key(KeyType.PageDown).type("hello").key(KeyType.PageDown);
        d.key(KeyType.ArrowDown, KeyType.ArrowDown); // existing VPC
        assertThat(d.text()).contains("Pick from your account (1)");
        d.key(KeyType.Tab, KeyType.Tab, KeyType.Enter);
        assertThat(d.text()).contains("Existing VPC id: found in your account").contains("vpc-0123456789abcdef0  10.1.0.0/16 prod");
        d.key(KeyType.Enter);
        assertThat(session.flow().get("network.vpcId")).isEqualTo("vpc-0123456789abcdef0");
        assertThat(d.text()).contains("Pick from your account (3)");
        assertThat(d.window.outcome()).isNull();
        d.key(KeyType.PageDown);
        assertThat(d.text()).contains("✗ network.publicSubnets: at least 2, in different AZs");
    }

    @Test
    void onAnEightyByTwentyFourTerminalEveryFieldOfTheTaskScreenIsVisible() throws Exception {
        var d = new WizardScreenDriver(WizardSession.open(new SpecStore.Memory(null), LookupResults.offline(), Prices.embedded()), 80, 24);
        d.key(KeyType.PageDown).type("hello");
        for (int i = 0; i < 3; i++) d.key(KeyType.PageDown);
        assertThat(d.lines().get(0)).startsWith("gantry init · 5 of 13 · Task");
        assertThat(d.text()).contains("CPU and memory per task").contains("Processor architecture")
                .contains("Environment variables").contains("Keep logs for (days)").contains("<Next >>")
                .contains("Whole stack as answered, per month");
    }

    @Test
    void f1ExplainsEveryQuestionOfTheScreen() throws Exception {
        var d = open(new SpecStore.Memory(null));
        d.key(KeyType.PageDown, KeyType.F1);
        assertThat(d.lines().get(0)).startsWith("Help · App (↑/↓ PgUp/PgDn scroll; Esc or Close returns)");
        assertThat(d.text()).contains("App name").contains("Container image").contains("In Kubernetes terms: the container's image");
        // The help scrolls: the rest is a page further down.
        d.key(KeyType.PageDown);
        assertThat(d.text()).contains("Container port").contains("Flag: --port").contains("Keys: Tab / Shift-Tab next / previous field");
        // Esc closes Help (it used to open the Quit question); it does not quit.
        d.key(KeyType.Escape);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App");
        assertThat(d.window.outcome()).isNull();
        d.key(KeyType.F1, KeyType.Tab, KeyType.Enter);
        assertThat(d.lines().get(0)).startsWith("gantry init · 2 of 13 · App");
    }

    @Test
    void escapeOffersToSaveADraft() throws Exception {
        var store = new SpecStore.Memory(null);
        var d = open(store);
        d.key(KeyType.PageDown).type("billing").key(KeyType.Escape);
        assertThat(d.text()).contains("Quit the wizard. Save a draft to continue later?");
        d.key(KeyType.Enter);
        assertThat(d.window.outcome()).isEqualTo(Outcome.DRAFT_SAVED);
        assertThat(store.text).startsWith("# DRAFT").contains("app: billing");
    }
}

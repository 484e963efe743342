package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wizard's state is a partial spec: answers at their spec paths, in the spec's types, read back from a draft. */
class SpecDraftTest {
    private static final String CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab";

    @Test
    void anUnfinishedDraftReadsBackEveryAnswerItHoldsEvenTheInvalidOnes() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession s = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        WizardFlow f = s.flow();
        f.set("app", "hello");
        f.set("task.port", "80a");                                  // not a number yet: kept as typed
        f.set("network.vpc", "existing");
        f.set("network.publicSubnets", "subnet-0123456789abcdef0,subnet-0123456789abcdef1"); // not as "a, b" would be written
        f.set("task.environment", "LOG_LEVEL=debug\nBROKEN");       // a line without '=' is named by its error
        f.set("task.secrets", "DB_PASSWORD=/hello/db");
        f.set("task.size", "512/1024");
        f.set("service.autoscaling", "2:6:60");
        f.set("cluster.containerInsights", "true");
        f.set("loadBalancer", "no");
        f.set("task.source", "image");
        Map<String, String> given = f.givenAnswers();
        assertThat(f.errors()).isNotEmpty();
        s.saveDraft();

        WizardFlow resumed = WizardSession.open(store, LookupResults.offline(), Prices.embedded()).flow();
        given.remove("task.source"); // "image" is no section of the spec: the folder's Dockerfile decides again
        assertThat(resumed.givenAnswers()).isEqualTo(given);
        assertThat(resumed.get("task.port")).isEqualTo("80a");
        assertThat(resumed.get("loadBalancer")).isEqualTo("no");
    }

    @Test
    void answersAreHeldInTheSpecsTypesAtTheSpecsPaths() throws Exception {
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.set("app", "hello");
        f.set("task.port", "8080");
        f.set("network.vpc", "existing");
        f.set("network.publicSubnets", "subnet-0123456789abcdef0, subnet-0123456789abcdef1");
        f.set("cluster.containerInsights", "true");
        f.set("task.size", "512/1024");
        f.set("task.secrets", "DB_PASSWORD=/hello/db");
        f.set("service.autoscaling", "2:6:60");
        f.set("task.registryCredentials", "hello/registry");
        assertThat(f.draft().value("task.port")).isEqualTo(8080);
        assertThat(f.draft().value("network.publicSubnets")).isEqualTo(java.util.List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"));
        assertThat(f.draft().value("cluster.containerInsights")).isEqualTo(true);
        assertThat(f.draft().value("task.cpu")).isEqualTo(512);
        assertThat(f.draft().value("task.memory")).isEqualTo(1024);
        assertThat(f.draft().value("task.secrets.DB_PASSWORD.parameter")).isEqualTo("/hello/db");
        assertThat(f.draft().value("service.autoscaling.cpuTarget")).isEqualTo(60);
        assertThat(f.draft().value("task.registryCredentials.secret")).isEqualTo("hello/registry");

        String draft = SpecDraft.draftText(f, "");
        assertThat(draft).contains("  port: 8080\n", "  containerInsights: true\n", "  publicSubnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n",
                "  secrets:\n    DB_PASSWORD:\n      parameter: /hello/db\n");
        assertThat(SpecDraft.read("gantry.yaml", draft).value("task.port")).isEqualTo(8080);
        f.set("task.source", "build");
        assertThat(WizardFlow.editing(LookupResults.offline(), SpecDraft.read("gantry.yaml", SpecDraft.draftText(f, ""))).get("task.source"))
                .isEqualTo("build");
    }

    @Test
    void switchingTheSpecsShapeBackAndForthLosesNoAnswer() {
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.set("app", "hello");
        f.set("certificate.arn", CERT_ARN);
        f.set("certificate", "new");
        f.set("certificate.domain", "hello.example.com");
        f.set("loadBalancer", "no");
        f.set("loadBalancer", "yes");
        f.set("certificate", "existing");
        assertThat(f.get("certificate.arn")).isEqualTo(CERT_ARN);
        assertThat(f.build().certificate().arn()).isEqualTo(CERT_ARN);
        f.set("certificate", "new");
        assertThat(f.build().certificate().domain()).isEqualTo("hello.example.com");
    }

    @Test
    void aFileThatIsNotYamlIsRefusedWithWhereAndWhy() {
        assertThatThrownBy(() -> SpecDraft.read("gantry.yaml", "app: hello\n  region: [us-east-1\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("YAML syntax error");
    }
}

package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EditAndLookupTest {

    private static WizardFlow full() {
        WizardFlow f = new WizardFlow(LookupResults.offline());
        f.applyFlags(Map.of("--app", List.of("hello"), "--image", List.of("nginx:1.27"), "--env", List.of("MODE=web"),
                "--secret-param", List.of("DB_PASSWORD=/hello/db"), "--autoscale", List.of("2:4:50"),
                "--domain", List.of("hello.example.com"), "--zone", List.of("example.com"), "--nat", List.of("perAz")));
        return f;
    }

    @Test
    void anExistingFileOpensWithEveryAnswerAndBuildsTheSameSpec() throws Exception {
        Spec original = full().build();
        String text = SpecWriter.write(original);
        WizardFlow edit = WizardFlow.editing(LookupResults.offline(), SpecDraft.read("gantry.yaml", text));
        assertThat(edit.get("app")).isEqualTo("hello");
        assertThat(edit.get("network.natGateways")).isEqualTo("perAz");
        assertThat(edit.get("task.secrets")).isEqualTo("DB_PASSWORD=/hello/db");
        assertThat(edit.get("service.autoscaling")).isEqualTo("2:4:50");
        assertThat(edit.get("dns.record")).isEqualTo("hello.example.com");
        assertThat(edit.errors()).isEmpty();
        assertThat(edit.build()).isEqualTo(SpecLoader.load("gantry.yaml", text));
        assertThat(SpecWriter.write(edit.build())).isEqualTo(text);
    }

    @Test
    void changingTheDomainLaterMovesTheRecordAndTheZoneWithIt() throws Exception {
        WizardFlow edit = WizardFlow.editing(LookupResults.offline(), SpecDraft.read("gantry.yaml", SpecWriter.write(full().build())));
        edit.set("certificate.domain", "api.shop.example.org");
        // zone and record were the defaults the domain implies, so they follow it as on a first run
        assertThat(edit.get("dns.zone")).isEqualTo("shop.example.org");
        assertThat(edit.get("dns.record")).isEqualTo("api.shop.example.org");
        // a zone typed by hand stays; the record still follows the domain inside it
        edit.set("dns.zone", "example.org");
        edit.set("certificate.domain", "www.example.org");
        assertThat(edit.get("dns.zone")).isEqualTo("example.org");
        assertThat(edit.get("dns.record")).isEqualTo("www.example.org");
        assertThat(edit.errors()).isEmpty();
    }

    @Test
    void aDraftWithMissingAnswersReopensWhereItWasLeft() throws Exception {
        var store = new SpecStore.Memory(null);
        WizardSession s = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        s.flow().set("task.image", "nginx:1.27");
        s.flow().set("network.vpc", "default");
        assertThat(s.saveDraft()).isEqualTo("gantry.yaml");
        assertThat(store.text).startsWith("# DRAFT");
        WizardSession resumed = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        assertThat(resumed.editing()).isFalse();
        assertThat(resumed.resumingDraft()).isTrue();
        assertThat(resumed.firstUnfinished()).isEqualTo(WizardScreen.APP);
        WizardFlow again = resumed.flow();
        assertThat(again.get("task.image")).isEqualTo("nginx:1.27");
        assertThat(again.get("network.vpc")).isEqualTo("default");
        assertThat(again.errors()).containsExactly("app: an app name is required (e.g. hello)");
        again.set("app", "hello");
        assertThat(resumed.diff()).isEmpty();
        resumed.save();
        assertThat(store.text).doesNotContain("DRAFT").contains("app: hello");
    }

    @Test
    void quittingAnEditWritesTheDraftBesideTheFile() throws Exception {
        var store = new SpecStore.Memory(SpecWriter.write(full().build()));
        String good = store.text;
        WizardSession s = WizardSession.open(store, LookupResults.offline(), Prices.embedded());
        assertThat(s.editing()).isTrue();
        s.flow().set("service.desiredCount", "5");
        assertThat(s.saveDraft()).isEqualTo("gantry.yaml.draft");
        assertThat(store.text).isEqualTo(good);
        assertThat(store.draft).startsWith("# DRAFT").contains("desiredCount: 5");
    }

    @Test
    void lookupsFeedDefaultsChoicesAndChecks() {
        WizardFlow f = new WizardFlow(new LookupResults(new FoundLookups(), "us-east-1"));
        f.set("app", "hello");
        f.set("certificate", "new");
        f.set("certificate.domain", "api.shop.example.com");
        assertThat(f.get("dns")).isEqualTo("yes");
        assertThat(f.get("dns.zone")).isEqualTo("shop.example.com"); // the longest zone that contains the domain
        assertThat(Questions.byId("network.availabilityZones").orElseThrow().choices(f).get(0).meaning()).contains("us-east-1a, us-east-1b available");
        f.set("network.vpc", "existing");
        f.set("network.vpcId", "vpc-0123456789abcdef0");
        assertThat(f.set("network.publicSubnets", "subnet-00000000000000001, subnet-00000000000000002"))
                .isEqualTo("network.publicSubnets: at least 2, in different AZs (the load balancer needs them); these are all in us-east-1a");
        assertThat(f.set("network.publicSubnets", "subnet-00000000000000001, subnet-00000000000000003")).isNull();
        assertThat(Questions.byId("task.secrets").orElseThrow().suggestions(f).value()).extracting(Choice::value)
                .containsExactly("DB_PASSWORD=/hello/db-password");
    }
}

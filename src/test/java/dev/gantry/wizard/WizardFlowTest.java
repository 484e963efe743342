package dev.gantry.wizard;

import dev.gantry.spec.NatMode;
import dev.gantry.spec.Spec;
import dev.gantry.spec.VpcMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WizardFlowTest {

    private WizardFlow flow() { return new WizardFlow(LookupResults.offline()); }

    @Test
    void everyQuestionHasTitleExplanationFlagAndAValidDefaultOrARequiredAnswer() {
        WizardFlow f = flow();
        assertThat(f.error(Questions.byId("app").orElseThrow())).isEqualTo("app: an app name is required (e.g. hello)");
        f.set("app", "hello");
        for (Question q : Questions.all()) {
            assertThat(q.title()).as(q.id()).isNotBlank();
            assertThat(q.explanation()).as(q.id()).hasSizeGreaterThan(60);
            if (!List.of("certificate", "dns").contains(q.id())) assertThat(q.flags()).as(q.id()).isNotEmpty();
            String d = q.defaultValue(f);
            if (d == null) {
                // no default: the person must answer, and an empty answer says so in the spec's words
                assertThat(q.error("", f)).as(q.id()).startsWith(q.field() + ": ");
            } else {
                assertThat(q.error(d, f)).as(q.id() + " default " + d).isNull();
            }
        }
    }

    @Test
    void everyFreeTextQuestionRejectsNonsenseWithItsFieldName() {
        WizardFlow f = flow();
        for (Question q : Questions.all()) {
            if (q.kind() == Kind.PAIRS || q.id().equals("service.autoscaling")) continue;
            assertThat(q.error("?? not valid ??", f)).as(q.id()).startsWith(q.field() + ": ");
        }
    }

    @Test
    void screensAreThirteenAndNumbered() {
        assertThat(WizardScreen.values()).hasSize(13);
        assertThat(WizardScreen.NETWORK.stepIndicator()).isEqualTo("3 of 13");
        assertThat(WizardScreen.TASK.stepIndicator()).isEqualTo("5 of 13");
    }

    @Test
    void cidrZonesAndNatApplyOnlyToANewVpc() {
        WizardFlow f = flow();
        assertThat(ids(f.questions(WizardScreen.NETWORK))).containsExactly("network.vpc", "network.cidr", "network.availabilityZones", "network.natGateways");
        f.set("network.vpc", "existing");
        assertThat(ids(f.questions(WizardScreen.NETWORK))).containsExactly("network.vpc", "network.vpcId", "network.publicSubnets", "network.privateSubnets");
        f.set("network.vpc", "default");
        assertThat(ids(f.questions(WizardScreen.NETWORK))).containsExactly("network.vpc");
    }

    @Test
    void certificateAndDnsQuestionsFollowTheLoadBalancerAndTheirMode() {
        WizardFlow f = flow();
        assertThat(ids(f.questions(WizardScreen.CERTIFICATE))).containsExactly("certificate");
        f.set("certificate", "new");
        assertThat(ids(f.questions(WizardScreen.CERTIFICATE))).containsExactly("certificate", "certificate.domain");
        f.set("loadBalancer", "no");
        assertThat(f.questions(WizardScreen.CERTIFICATE)).isEmpty();
        assertThat(f.questions(WizardScreen.DNS)).isEmpty();
        assertThat(ids(f.questions(WizardScreen.LOAD_BALANCER))).containsExactly("loadBalancer");
    }

    @Test
    void nextStopsOnAnErrorAndBackAndJumpMove() {
        WizardFlow f = flow();
        assertThat(f.next()).isEmpty();
        assertThat(f.current()).isEqualTo(WizardScreen.APP);
        assertThat(f.next()).containsExactly("app: an app name is required (e.g. hello)");
        assertThat(f.current()).isEqualTo(WizardScreen.APP);
        assertThat(f.set("app", "Hello")).isEqualTo("app: must start with a lowercase letter and contain only lowercase letters, digits and '-', not ending in '-' (use hello)");
        f.set("app", "hello");
        assertThat(f.next()).isEmpty();
        assertThat(f.current()).isEqualTo(WizardScreen.NETWORK);
        f.back();
        assertThat(f.current()).isEqualTo(WizardScreen.APP);
        f.jump(WizardScreen.DNS);
        assertThat(f.current()).isEqualTo(WizardScreen.DNS);
        f.jump(WizardScreen.REVIEW);
        f.next();
        assertThat(f.current()).isEqualTo(WizardScreen.REVIEW);
    }

    @Test
    void defaultsAreComputedFromEarlierAnswers() {
        WizardFlow f = flow();
        f.set("app", "billing");
        assertThat(f.get("cluster.name")).isEqualTo("billing");
        f.set("certificate", "new");
        f.set("certificate.domain", "api.shop.example.com");
        assertThat(f.get("dns.zone")).isEqualTo("shop.example.com");
        f.set("dns", "yes");
        assertThat(f.get("dns.record")).isEqualTo("api.shop.example.com");
        f.set("dns.zone", "example.com");
        assertThat(f.get("dns.record")).isEqualTo("api.shop.example.com");
    }

    @Test
    void aDomainTypedForANewCertificateTurnsDnsOnWithTheZoneItWorkedOut() {
        WizardFlow offline = flow();
        offline.set("app", "hello");
        assertThat(offline.get("dns")).isEqualTo("no");
        offline.set("certificate", "new");
        offline.set("certificate.domain", "hello.example.org");
        assertThat(offline.get("dns")).isEqualTo("yes");
        assertThat(offline.get("dns.zone")).isEqualTo("example.org");
        assertThat(offline.get("dns.record")).isEqualTo("hello.example.org");
        // the account's zones were read: one holds the name, so yes with it; none does, so no (DNS elsewhere)
        WizardFlow online = new WizardFlow(new LookupResults(new FoundLookups(), "us-east-1"));
        online.set("app", "hello");
        online.set("certificate", "new");
        online.set("certificate.domain", "api.shop.example.com");
        assertThat(online.get("dns")).isEqualTo("yes");
        assertThat(online.get("dns.zone")).isEqualTo("shop.example.com");
        online.set("certificate.domain", "hello.example.org");
        assertThat(online.get("dns")).isEqualTo("no");
    }

    @Test
    void crossFieldRulesUseTheSpecsWords() {
        WizardFlow f = flow();
        f.set("certificate", "new");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns", "yes");
        f.set("dns.zone", "example.com");
        assertThat(f.set("dns.record", "other.example.org")).startsWith("dns.record: other.example.org is not inside the zone example.com");
        assertThat(f.set("dns.record", "www.example.com"))
                .isEqualTo("dns.record: must be covered by the certificate's names (hello.example.com)");
        assertThat(f.set("service.minimumHealthyPercent", "100")).isNull();
        assertThat(f.set("service.maximumPercent", "100")).contains("must be greater than minimumHealthyPercent (100) unless desiredCount is 0");
        f.set("service.desiredCount", "0");
        assertThat(f.error(Questions.byId("service.maximumPercent").orElseThrow())).isNull();
        f.set("task.environment", "PASSWORD=x");
        assertThat(f.set("task.secrets", "PASSWORD=/hello/password")).isEqualTo("task.secrets: PASSWORD is in both task.environment and task.secrets; keep it in one");
        assertThat(f.warning(Questions.byId("task.environment").orElseThrow())).contains("PASSWORD looks secret");
        f.set("service.desiredCount", "2");
        assertThat(f.set("service.autoscaling", "3:6:60")).isEqualTo("service.autoscaling: min ≤ desiredCount ≤ max; desiredCount is 2");
        assertThat(f.set("network.cidr", "10.0.0.1/16")).startsWith("network.cidr: 10.0.0.1/16 has host bits set").contains("use 10.0.0.0/16");
        assertThat(f.set("network.cidr", "8.8.0.0/16")).startsWith("network.cidr: 8.8.0.0/16 is not a private range");
        assertThat(f.set("task.image", "nginx")).isNull();
        assertThat(f.set("region", "eu-wset-1")).isEqualTo("region: 'eu-wset-1' is not an AWS region (did you mean eu-west-1?)");
        assertThat(f.warning(Questions.byId("task.image").orElseThrow())).startsWith("task.image: ");
    }

    @Test
    void buildsTheSpecFromAnswersWithEveryDefault() {
        WizardFlow f = flow();
        f.set("app", "hello");
        f.set("task.image", "nginx:1.27");
        f.set("task.size", "512/2048");
        f.set("task.environment", "LOG_LEVEL=info\nMODE=web");
        f.set("task.secrets", "DB_PASSWORD=/hello/db-password");
        f.set("certificate", "new");
        f.set("certificate.domain", "hello.example.com");
        f.set("dns", "yes");
        f.set("dns.zone", "example.com");
        Spec s = f.build();
        assertThat(s.app()).isEqualTo("hello");
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.network().vpc()).isEqualTo(VpcMode.NEW);
        assertThat(s.network().natGateways()).isEqualTo(NatMode.SINGLE);
        assertThat(s.task().cpu()).isEqualTo(512);
        assertThat(s.task().memory()).isEqualTo(2048);
        assertThat(s.task().port()).isEqualTo(80);
        assertThat(s.task().environment()).containsEntry("MODE", "web");
        assertThat(s.task().secrets().get("DB_PASSWORD").parameter()).isEqualTo("/hello/db-password");
        assertThat(s.cluster().name()).isEqualTo("hello");
        assertThat(s.loadBalancer().allowedCidrs()).containsExactly("0.0.0.0/0");
        assertThat(s.certificate().domain()).isEqualTo("hello.example.com");
        assertThat(s.dns().record()).isEqualTo("hello.example.com");
        assertThat(s.service().desiredCount()).isEqualTo(2);
    }

    @Test
    void buildRefusesWhileAnyScreenHasAnError() {
        WizardFlow f = flow();
        assertThatThrownBy(f::build).hasMessage("app: an app name is required (e.g. hello)");
        assertThat(f.tryBuild()).isNull();
    }

    @Test
    void flagsGoThroughTheSameValidators() {
        WizardFlow f = flow();
        List<String> errs = f.applyFlags(Map.of("--port", List.of("70000"), "--app", List.of("ok-app")));
        assertThat(errs).containsExactly("--port 70000: task.port: a port is 1–65535, got 70000 (the port your container listens on, e.g. 8080)");
        assertThat(f.applyFlags(Map.of("--cpu", List.of("1024"), "--memory", List.of("512"))))
                .containsExactly("--cpu 1024 --memory 512: task.memory: Fargate does not offer 512 MiB of memory with cpu 1024 (with cpu 1024 use one of "
                        + dev.gantry.spec.Rules.memoryForCpu(1024, 512).fix().substring("with cpu 1024 use one of ".length()) + ")");
        assertThat(f.applyFlags(Map.of("--cpu", List.of("1024")))).isEmpty();
        assertThat(f.get("task.size")).isEqualTo("1024/2048");
        assertThat(f.applyFlags(Map.of("--env", List.of("A=1", "B=2"), "--no-rollback", List.of("true")))).isEmpty();
        assertThat(f.get("task.environment")).isEqualTo("A=1\nB=2");
        assertThat(f.get("service.rollbackOnFailure")).isEqualTo("false");
    }

    @Test
    void secretValuesStayInMemoryAndAreWipedOnForget() {
        WizardFlow f = flow();
        f.set("task.secrets", "DB_PASSWORD=/hello/db\nSHARED=arn:aws:ssm:us-east-1:123456789012:parameter/shared/key");
        assertThat(f.managedSecretNames()).containsExactly("DB_PASSWORD");
        char[] v = "hunter2".toCharArray();
        f.secretValue("DB_PASSWORD", v);
        assertThat(f.givenAnswers().values()).noneMatch(a -> a.contains("hunter2"));
        f.forgetSecrets();
        assertThat(new String(v)).isEqualTo("\0".repeat(7));
        assertThat(f.secretValues()).isEmpty();
    }

    private static List<String> ids(List<Question> qs) { return qs.stream().map(Question::id).toList(); }

    @Test
    void aZoneThatHoldsNoneOfTheCertificatesNamesIsTheZonesMistake() {
        WizardFlow f = flow();
        List<String> errors = f.applyFlags(java.util.Map.of("--app", List.of("hello"), "--domain", List.of("hello.other.org"),
                "--zone", List.of("example.com")));
        assertThat(errors).singleElement().asString().startsWith("--zone example.com: dns.zone: example.com does not contain the certificate's domain hello.other.org")
                .contains("e.g. other.org");
        assertThat(f.errors()).singleElement().asString().startsWith("dns.zone:");
    }

    @Test
    void anImageSuggestionIsItselfAValidImage() {
        for (String bad : List.of("Ghcr.io/Example", "Ghcr.io/Example App:1.0", "ghcr.io/Example/App:V1", "nginx :1.27")) {
            String e = Checks.image(bad);
            assertThat(e).as(bad).isNotNull();
            String fix = e.substring(e.lastIndexOf('(') + 1, e.length() - 1);
            if (fix.startsWith("use ")) assertThat(Checks.image(fix.substring(4))).as(fix).isNull();
        }
        assertThat(Checks.image("Ghcr.io/Example")).endsWith("(use ghcr.io/example)");
        assertThat(Checks.image("ghcr.io/Example/App:V1")).endsWith("(use ghcr.io/example/app:V1)");
    }

    @Test
    void anOnOffChoiceShowsItsDefaultAsOnOrOff() {
        Question q = Questions.byId("cluster.containerInsights").orElseThrow();
        assertThat(q.shown(q.defaultValue(flow()), flow())).isEqualTo("off");
    }
}

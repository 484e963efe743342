package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Lookups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class InitCommandTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result run(String input, String... args) {
        List<String> connects = new ArrayList<>();
        Captured io = new Captured(Map.of("TERM", "xterm-256color"), input);
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> io.run(new InitCommand(io.context,
                (region, profile, endpoint) -> { connects.add(region); return new Lookups.Offline("test: offline"); }), args));
        return new Result(code, io.out(), io.err());
    }

    @Test
    void everyQuestionsFlagIsAnOptionWithHelpText() {
        var spec = new CommandLine(new InitCommand()).getCommandSpec();
        for (var q : dev.gantry.wizard.Questions.all()) {
            for (String flag : q.flags()) {
                var o = spec.findOption(flag);
                assertThat(o).as(flag).isNotNull();
                assertThat(String.join(" ", o.description())).as(flag).isNotBlank();
            }
        }
    }

    @Test
    void anEditKeepsTheTimingSettingsTheWizardDoesNotAsk() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(Path.of("templates", "web-https.yaml"))
                .replace("  deregistrationDelay: 15\n", "  deregistrationDelay: 15\n  healthCheckInterval: 30\n  healthCheckTimeout: 10\n  healthyThreshold: 3\n")
                .replace("  rollbackOnFailure: true\n", "  rollbackOnFailure: true\n  healthCheckGracePeriod: 90\n")
                .replace("  logs:\n    retentionDays: 30\n", "  logs:\n    retentionDays: 30\n  stopTimeout: 45\n"));
        Result r = run("", "-f", file.toString(), "--count", "3", "--drain-seconds", "5", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        var spec = dev.gantry.spec.yaml.SpecLoader.load(file);
        assertThat(spec.service().desiredCount()).isEqualTo(3);
        assertThat(spec.loadBalancer().deregistrationDelay()).isEqualTo(5);
        assertThat(spec.loadBalancer().healthCheckInterval()).isEqualTo(30);
        assertThat(spec.loadBalancer().healthCheckTimeout()).isEqualTo(10);
        assertThat(spec.loadBalancer().healthyThreshold()).isEqualTo(3);
        assertThat(spec.service().healthCheckGracePeriod()).isEqualTo(90);
        assertThat(spec.task().stopTimeout()).isEqualTo(45);
    }

    @Test
    void pinDigestWithYesIsRefusedInsteadOfSilentlyLeftUnpinned() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Result r = run("", "-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "--pin-digest", "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--pin-digest: task.image: with --yes nothing is looked up, so the digest nginx:1.27 points at is unknown")
                .contains("gantry apply --pin-digest");
        assertThat(file).doesNotExist();
        Result pinned = run("", "-f", file.toString(), "--app", "hello", "--pin-digest", "--yes",
                "--image", "nginx:1.27@sha256:" + "a".repeat(64));
        assertThat(pinned.code()).as(pinned.err()).isZero();
    }

    @Test
    void theNextCommandsKeepTheProfileAndEndpointInitWasGiven() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Result r = run("", "-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "--yes",
                "--profile", "prod", "--endpoint-url", "http://127.0.0.1:5000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("gantry plan -f " + file + " --profile prod --endpoint-url http://127.0.0.1:5000 to see what would be created")
                .contains("then gantry apply -f " + file + " --profile prod --endpoint-url http://127.0.0.1:5000.");
    }

    @Test
    void renamingTheAppSaysTheOldStackKeepsRunning() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        assertThat(run("", "-f", file.toString(), "--app", "hello", "--image", "nginx:1.27", "--yes").code()).isZero();
        Result same = run("", "-f", file.toString(), "--image", "nginx:1.28", "--yes");
        assertThat(same.out()).doesNotContain("separate stack");
        Result renamed = run("", "-f", file.toString(), "--app", "billing", "--yes");
        assertThat(renamed.code()).as(renamed.err()).isZero();
        assertThat(renamed.out()).contains("Note: app hello → billing. gantry finds an app's resources by its name and region, so the next apply builds a separate stack;")
                .contains("hello in us-east-1 keeps running (and costing) until you destroy it with a spec that still says app: hello, region: us-east-1");
    }

    @Test
    void flagsAndYesWriteACompleteSpecThatTheLoaderAccepts() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Result r = run("", "-f", file.toString(), "--app", "hello", "--image", "nginx:1.27",
                "--domain", "hello.example.com", "--zone", "example.com", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote " + file).contains("then gantry apply -f " + file + ". (Add --simulate to rehearse");
        SpecLoader.Result loaded = SpecLoader.check(file);
        assertThat(loaded.errors()).isEmpty();
        Spec spec = loaded.spec();
        assertThat(spec.app()).isEqualTo("hello");
        assertThat(spec.task().image()).isEqualTo("nginx:1.27");
        assertThat(spec.certificate().domain()).isEqualTo("hello.example.com");
        assertThat(spec.dns().zone()).isEqualTo("example.com");
        assertThat(spec.dns().record()).isEqualTo("hello.example.com");
        assertThat(spec.network().natGateways().yaml()).isEqualTo("single");
        assertThat(spec.loadBalancer().healthCheckPath()).isEqualTo("/");
    }

    @Test
    void everyFlagReachesTheSpec() throws Exception {
        Path file = dir.resolve("all.yaml");
        Result r = run("", "-f", file.toString(), "--yes", "--region", "eu-west-1", "--app", "billing-api",
                "--image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing:2.1.0", "--port", "8080",
                "--vpc", "existing", "--vpc-id", "vpc-0123456789abcdef0",
                "--public-subnets", "subnet-0123456789abcdef0,subnet-0123456789abcdef1", "--private-subnets", "subnet-0123456789abcdef2",
                "--cluster", "shared", "--cpu", "512", "--memory", "2048", "--arch", "arm64",
                "--env", "LOG_LEVEL=debug", "--env", "MODE=api", "--secret-param", "DB_PASSWORD=/billing/db",
                "--log-retention", "90", "--count", "3", "--min-healthy", "50", "--max-percent", "150", "--no-rollback",
                "--autoscale", "2:6:60", "--health-path", "/healthz", "--allow-cidr", "203.0.113.0/24", "--allow-cidr", "198.51.100.0/24",
                "--certificate-arn", "arn:aws:acm:eu-west-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab",
                "--zone", "example.com", "--record", "api.example.com");
        assertThat(r.code()).as(r.err()).isZero();
        Spec s = SpecLoader.load(file);
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.network().vpcId()).isEqualTo("vpc-0123456789abcdef0");
        assertThat(s.network().publicSubnets()).hasSize(2);
        assertThat(s.network().privateSubnets()).containsExactly("subnet-0123456789abcdef2");
        assertThat(s.cluster().name()).isEqualTo("shared");
        assertThat(s.task().cpu()).isEqualTo(512);
        assertThat(s.task().memory()).isEqualTo(2048);
        assertThat(s.task().architecture().yaml()).isEqualTo("arm64");
        assertThat(s.task().port()).isEqualTo(8080);
        assertThat(s.task().environment()).containsEntry("LOG_LEVEL", "debug").containsEntry("MODE", "api");
        assertThat(s.task().secrets().get("DB_PASSWORD").parameter()).isEqualTo("/billing/db");
        assertThat(s.task().logs().retentionDays()).isEqualTo(90);
        assertThat(s.service().desiredCount()).isEqualTo(3);
        assertThat(s.service().minimumHealthyPercent()).isEqualTo(50);
        assertThat(s.service().maximumPercent()).isEqualTo(150);
        assertThat(s.service().rollbackOnFailure()).isFalse();
        assertThat(s.service().autoscaling().max()).isEqualTo(6);
        assertThat(s.loadBalancer().healthCheckPath()).isEqualTo("/healthz");
        assertThat(s.loadBalancer().allowedCidrs()).containsExactly("203.0.113.0/24", "198.51.100.0/24");
        assertThat(s.certificate().arn()).startsWith("arn:aws:acm:eu-west-1:");
        assertThat(s.dns().record()).isEqualTo("api.example.com");
    }

    @Test
    void aWorkerHasNoLoadBalancerCertificateOrDns() throws Exception {
        Path file = dir.resolve("worker.yaml");
        Result r = run("", "-f", file.toString(), "--app", "jobs", "--image", "busybox:1.36", "--no-load-balancer", "--nat", "none", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        Spec s = SpecLoader.load(file);
        assertThat(s.hasLoadBalancer()).isFalse();
        assertThat(s.hasCertificate()).isFalse();
        assertThat(s.hasDns()).isFalse();
    }

    @Test
    void anInvalidFlagValueExitsTwoWithTheSpecsMessage() {
        Path file = dir.resolve("bad.yaml");
        Result r = run("", "-f", file.toString(), "--app", "Hello_World", "--port", "70000", "--nat", "two", "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("gantry init: --app Hello_World: app: must start with a lowercase letter")
                .contains("gantry init: --port 70000: task.port: a port is 1–65535, got 70000")
                .contains("gantry init: --nat two: network.natGateways: must be one of none, single, perAz");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aFlagThatTheOtherAnswersMakeMeaninglessIsRefused() {
        Result r = run("", "-f", dir.resolve("c.yaml").toString(), "--app", "jobs", "--no-load-balancer", "--zone", "example.com",
                "--vpc", "default", "--cidr", "10.1.0.0/16", "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("gantry init: --cidr 10.1.0.0/16: network.cidr: applies only with network.vpc: new")
                .contains("gantry init: --zone example.com: dns.zone: applies only with a load balancer");
    }

    @Test
    void quittingSavesADraftThatTheNextRunContinues() throws Exception {
        Path file = dir.resolve("draft.yaml");
        Result r = run(String.join("\n", "", "billing", "q", "y") + "\n", "-f", file.toString());
        assertThat(r.out()).contains("Draft saved to " + file + ". Continue with: gantry init -f " + file);
        assertThat(Files.readString(file)).startsWith("# DRAFT");
        // It reopens where it was left, with the name kept; Enter then takes every default up to the review.
        Result again = run("\n".repeat(40), "-f", file.toString());
        assertThat(again.out()).contains("Continuing the draft " + file + " at App.").contains("App name [billing]:")
                .contains("── 13 of 13 · Review");
        assertThat(again.code()).isZero();
        assertThat(SpecLoader.load(file).app()).isEqualTo("billing");
        assertThat(Files.readString(file)).doesNotContain("DRAFT");
    }

    @Test
    void saveAndApplyRunsApplyOnTheSpecJustWritten() throws Exception {
        Path file = dir.resolve("worker.yaml");
        assertThat(run("", "-f", file.toString(), "--app", "worker", "--image", "nginx:1.27", "--no-load-balancer",
                "--vpc", "default", "--count", "1", "--yes").code()).isZero();
        Captured io = new Captured(Map.of("TERM", "dumb", "GANTRY_HOME", dir.toString(), "GANTRY_SIM_SPEED", "100000"), "12\napply\n");
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> io.run(new InitCommand(io.context, (region, profile, endpoint) -> new Lookups.Offline("test: offline")), "-f", file.toString(), "--simulate"));
        // The apply it ran wrote to the same context: its progress is on out, its notes on err.
        String text = io.out() + io.err();
        assertThat(code).as(text).isZero();
        assertThat(text).contains("Applying it now").contains("Apply complete");
        assertThat(dir.resolve("simulated/us-east-1.json")).exists();
    }

    @Test
    void yesWithoutARequiredAnswerSaysWhichFlagToPass() {
        // A folder whose name cannot become an app name gives no default.
        Result r = run("", "-f", dir.resolve("2024").resolve("x.yaml").toString(), "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("gantry init: app: an app name is required (e.g. hello)").contains("fix: pass --app");
    }

    @Test
    void theAppNameDefaultsToTheFoldersNameMadeValid() throws Exception {
        Path file = dir.resolve("My Billing_API").resolve("gantry.yaml");
        Result r = run("", "-f", file.toString(), "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(SpecLoader.load(file).app()).isEqualTo("my-billing-api");
    }

    @Test
    void yesOnAnExistingFileChangesOnlyWhatTheFlagsSayAndPrintsTheDiff() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        assertThat(run("", "-f", file.toString(), "--app", "hello", "--domain", "hello.example.com", "--zone", "example.com", "--yes").code()).isZero();
        Result r = run("", "-f", file.toString(), "--domain", "www.example.com", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("-   domain: hello.example.com").contains("+   domain: www.example.com")
                .contains("+   record: www.example.com");
        assertThat(SpecLoader.load(file).dns().record()).isEqualTo("www.example.com");
    }

    @Test
    void withoutATerminalTheWizardRunsAsLinePrompts() throws Exception {
        Path file = dir.resolve("line.yaml");
        String answers = String.join("\n", "", "hello", "nginx:1.27", "") + "\n" + "\n".repeat(40);
        Result r = run(answers, "-f", file.toString());
        assertThat(r.out()).contains("── 1 of 13 · Welcome").contains("Test: offline.")
                .contains("Next, rehearse it on the simulated AWS: gantry plan -f " + file + " --simulate");
        assertThat(r.code()).isZero();
        assertThat(SpecLoader.load(file).app()).isEqualTo("hello");
    }

    @Test
    void aPlainSaveSaysTheTypedSecretValueWasNotKeptAndHowApplyGetsIt() throws Exception {
        var session = dev.gantry.wizard.WizardSession.open(new dev.gantry.wizard.SpecStore.Memory(null),
                dev.gantry.wizard.LookupResults.offline(), dev.gantry.cost.Prices.embedded());
        session.flow().set("app", "hello");
        session.flow().set("task.secrets", "DB_PASSWORD=/hello/db");
        assertThat(InitCommand.untouchedSecrets(session, " --simulate")).isNull();
        session.flow().secretValue("DB_PASSWORD", "s3cret".toCharArray());
        assertThat(InitCommand.untouchedSecrets(session, " --simulate"))
                .contains("The value typed for DB_PASSWORD was not kept: gantry never writes a secret value to a file.")
                .contains("--simulate' asks for a secret whose parameter does not exist yet")
                .contains("--secret DB_PASSWORD=@FILE").contains("'Save and apply' uses typed values at once").doesNotContain("s3cret");
    }

    @Test
    void endOfInputInLineModeSaysSoOnceWritesNothingAndExits1() {
        Path file = dir.resolve("gantry.yaml");
        Result r = run("", "--plain", "-f", file.toString());
        assertThat(r.code()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.out().split("nothing was written", -1)).as(r.out()).hasSize(2);
        assertThat(file).doesNotExist();
    }
}

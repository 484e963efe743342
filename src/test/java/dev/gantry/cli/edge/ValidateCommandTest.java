package dev.gantry.cli.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.ui.DiagnosticPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    private Captured io = new Captured(System.getenv());

    private int run(String... args) {
        return io.gantry(args);
    }

    @Test
    void validFilesExitZeroWithASummary() {
        int code = run("validate", "-f", "templates/web-https.yaml", "templates/worker.yaml", "templates/web-http-quick.yaml");
        assertThat(code).isEqualTo(ExitCode.OK.code());
        assertThat(io.out())
                .contains("templates/web-https.yaml: valid\nhello runs public.ecr.aws/nginx/nginx:1.27 on ECS Fargate in us-east-1: 2 tasks of 0.25 vCPU and 0.5 GB memory")
                .contains("https://hello.example.com")
                .contains("templates/worker.yaml: valid\n")
                .contains("It takes no inbound traffic")
                .contains("templates/web-http-quick.yaml: valid\n")
                .contains("the account's default VPC");
        assertThat(io.err()).isEmpty();
    }

    @Test
    void aFileWithEnvironmentsDescribesEachEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, Files.readString(Path.of("templates/worker.yaml"))
                + "\nenvironments:\n  production: {}\n  staging:\n    default: true\n    service: {desiredCount: 1}\n");
        assertThat(run("validate", "-f", file.toString())).isZero();
        assertThat(io.out()).contains(file + ": valid\nEnvironment production: worker runs ")
                .contains("\nEnvironment staging: worker-staging runs ").containsPattern("worker-staging runs [^\n]*: 1 task of");
    }

    @Test
    void severalServicesAreOneSentenceEachEndingBeforeTheNetwork() {
        assertThat(run("validate", "-f", "templates/web-api-worker.yaml")).isZero();
        assertThat(io.out()).contains("worker: public.ecr.aws/docker/library/busybox:1.36, 1 task of 0.25 vCPU and 0.5 GB, a worker (no inbound traffic). Network: ")
                .contains("web: public.ecr.aws/nginx/nginx:1.27, 2 tasks of 0.25 vCPU and 0.5 GB, public on port 80 at www.example.com; api: ");
    }

    @Test
    void repeatedFileOptionsWork() {
        assertThat(run("validate", "-f", "templates/worker.yaml", "--file", "templates/web-https.yaml")).isZero();
        assertThat(io.out()).contains("worker.yaml: valid").contains("web-https.yaml: valid");
    }

    @Test
    void invalidFileExitsTwoWithEveryDiagnosticOnStderr(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  cpu: 256\n  memory: 4096\nnetwork:\n  cidr: 8.8.0.0/16\n");
        int code = run("validate", "-f", "templates/worker.yaml", "-f", bad.toString());
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.out()).contains("worker.yaml: valid").doesNotContain("bad.yaml");
        assertThat(io.err())
                .contains(bad + ":7:11: task.memory: Fargate does not offer 4096 MiB of memory with cpu 256\n  fix: with cpu 256 use one of 512, 1024, 2048")
                .contains(bad + ":9:9: network.cidr: 8.8.0.0/16 is not a private range")
                .contains(bad + ": 2 errors")
                .doesNotContain("\u001b[")
                .doesNotContain("Exception");
    }

    @Test
    void defaultFileIsGantryYamlInTheCurrentDirectory() {
        // The repository root has no gantry.yaml (it is git-ignored), so this is the missing-file path.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("gantry.yaml")));
        assertThat(run("validate")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).startsWith("gantry.yaml: file not found\n  fix: create one with 'gantry init'");
    }

    @Test
    void warningsGoToStderrAndKeepExitZero(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  environment:\n    API_TOKEN: abc\n");
        assertThat(run("validate", f.toString())).isZero();
        assertThat(io.out()).contains("g.yaml: valid");
        assertThat(io.err()).contains(f + ":7:5: warning: task.environment.API_TOKEN: API_TOKEN looks like a secret")
                .doesNotContain("abc");
    }

    @Test
    void badRegionFlagIsInvalidInput() {
        assertThat(run("validate", "--region", "us-east1", "templates/worker.yaml")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("--region: 'us-east1' is not an AWS region").contains("did you mean us-east-1?");
        assertThat(io.out()).isEmpty();
    }

    @Test
    void globalOptionsAreAccepted() {
        assertThat(run("validate", "--no-color", "--simulate", "--profile", "dev", "--region", "eu-west-1",
                "--endpoint-url", "http://localhost:4566", "templates/worker.yaml")).isZero();
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        assertThat(run("validate", "--frobnicate")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).startsWith("gantry: Unknown option: '--frobnicate'")
                .contains("Run 'gantry validate --help' for usage.")
                .doesNotContain("at picocli").doesNotContain("Usage:");
    }

    @Test
    void unknownCommandSuggestsTheNearOne() {
        assertThat(run("valdate")).isEqualTo(ExitCode.INVALID_INPUT.code());
        // picocli lists every near command, nearest first ("gantry validate or gantry status?")
        assertThat(io.err()).contains("Did you mean: gantry validate");
    }

    @Test
    void schemaPrintsJson() throws IOException {
        assertThat(run("schema")).isZero();
        var json = new ObjectMapper().readTree(io.out());
        assertThat(json.get("$schema").asText()).contains("draft-07");
    }

    @Test
    void colorOnlyOnATerminalWithoutOptOut() {
        // One rule for diagnostics, plans and progress alike (no-color.org: an empty NO_COLOR is unset).
        assertThat(new TerminalFacts(true, Map.of()).ansi(false).enabled()).isTrue();
        assertThat(new TerminalFacts(true, Map.of()).ansi(true).enabled()).isFalse();
        assertThat(new TerminalFacts(true, Map.of("NO_COLOR", "1")).ansi(false).enabled()).isFalse();
        assertThat(new TerminalFacts(true, Map.of("NO_COLOR", "")).ansi(false).enabled()).isTrue();
        assertThat(new TerminalFacts(true, Map.of("TERM", "dumb")).ansi(false).enabled()).isFalse();
        assertThat(new TerminalFacts(true, Map.of("TERM", "dumb")).interactive()).isFalse();
        assertThat(new TerminalFacts(false, Map.of()).ansi(false).enabled()).isFalse();
        assertThat(new TerminalFacts(false, Map.of()).interactive()).isFalse();
        assertThat(new TerminalFacts(true, Map.of()).liveViews()).isTrue();
        assertThat(new TerminalFacts(true, Map.of("CI", "true")).liveViews()).isFalse();
        assertThat(new TerminalFacts(true, Map.of("TERM", "dumb")).liveViews()).isFalse();
    }

    @Test
    void coloredOutputHasTheSameTextAsPlain() {
        var d = dev.gantry.spec.Diagnostic.warning("g.yaml", 3, 5, "task.port", "odd", "change it");
        StringWriter colored = new StringWriter();
        new DiagnosticPrinter(new PrintWriter(colored), true).print(d);
        assertThat(colored.toString()).contains("\u001b[");
        assertThat(colored.toString().replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(d.render() + System.lineSeparator());
    }

    @Test
    void planHelpSaysWhatEachPieceHeadingIsInKubernetesTerms() {
        assertThat(run("plan", "--help")).isZero();
        assertThat(io.out()).contains("The plan is grouped by piece; in Kubernetes terms:")
                .contains("Task           task definition ≈ Pod spec").contains("Service        ECS service ≈ Deployment")
                .contains("target group + listeners ≈ Service + Ingress").contains("SSM SecureString ≈ Secret, but encrypted at rest");
        assertThat(io.err()).doesNotContain("WARN");
    }

    @Test
    void initHelpThroughTheCommandLineDescribesEveryQuestionFlagWithoutWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(run("init", "--help")).isZero();
        } finally {
            System.setErr(saved);
        }
        assertThat(io.out()).contains("NAT gateways (default: single)").contains("Minimum healthy during a deploy (%) (default: 100)");
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8) + io.err()).doesNotContain("WARN");
    }
}

package dev.gantry.spec.yaml;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.spec.VpcMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecLoaderTest {
    private static final String HEAD = "version: 1\napp: hello\nregion: us-east-1\n";

    static List<Path> templates() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("templates"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The templates SpecWriter (version 1 only, as gantry init) writes: every one but version 2's. */
    static List<Path> version1Templates() throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path p : templates()) {
            SpecLoader.Result r = SpecLoader.check(p);
            if (r.valid() && !r.spec().isVersion2()) out.add(p);
        }
        return out;
    }

    @Test
    void everyTemplateIsValidWithoutWarnings() throws IOException {
        assertThat(templates()).extracting(p -> p.getFileName().toString())
                .contains("web-https.yaml", "web-http-quick.yaml", "worker.yaml");
        for (Path t : templates()) {
            SpecLoader.Result r = SpecLoader.check(t);
            assertThat(r.valid()).as(t + ": " + r.diagnostics()).isTrue();
            assertThat(r.diagnostics()).as(t.toString()).isEmpty();
        }
    }

    @Test
    void templatesSayWhatTheyPromise() throws Exception {
        Spec https = SpecLoader.load(Path.of("templates/web-https.yaml"));
        assertThat(https.network().vpc()).isEqualTo(VpcMode.NEW);
        assertThat(https.network().natGateways()).isEqualTo(NatMode.SINGLE);
        assertThat(https.certificate().domain()).isNotNull();
        assertThat(https.dns()).isNotNull();
        assertThat(https.managedSecrets()).hasSize(1);
        assertThat(https.url()).startsWith("https://");

        Spec quick = SpecLoader.load(Path.of("templates/web-http-quick.yaml"));
        assertThat(quick.network().vpc()).isEqualTo(VpcMode.DEFAULT);
        assertThat(quick.hasCertificate()).isFalse();
        assertThat(quick.hasDns()).isFalse();
        assertThat(quick.hasLoadBalancer()).isTrue();
        assertThat(quick.service().desiredCount()).isEqualTo(1);

        Spec worker = SpecLoader.load(Path.of("templates/worker.yaml"));
        assertThat(worker.hasLoadBalancer()).isFalse();
        assertThat(worker.task().port()).isNull();
    }

    @Test
    void appliesEveryDefault() throws Exception {
        Spec s = SpecLoader.load("gantry.yaml", HEAD + "task:\n  image: nginx:1.27\n");
        assertThat(s.network()).isEqualTo(Network.defaults());
        assertThat(s.cluster().name()).isEqualTo("hello");
        assertThat(s.cluster().containerInsights()).isFalse();
        assertThat(s.task().cpu()).isEqualTo(256);
        assertThat(s.task().memory()).isEqualTo(512);
        assertThat(s.task().architecture()).isEqualTo(Architecture.X86_64);
        assertThat(s.task().logs().retentionDays()).isEqualTo(30);
        assertThat(s.service().desiredCount()).isEqualTo(2);
        assertThat(s.service().minimumHealthyPercent()).isEqualTo(100);
        assertThat(s.service().maximumPercent()).isEqualTo(200);
        assertThat(s.service().rollbackOnFailure()).isTrue();
        assertThat(s.loadBalancer()).isNull();
        assertThat(s.certificate()).isNull();
        assertThat(s.dns()).isNull();
    }

    @Test
    void sectionDefaultsInsideGivenSections() throws Exception {
        Spec s = SpecLoader.load("gantry.yaml", HEAD + "task:\n  image: nginx:1.27\n  port: 80\nnetwork:\n  natGateways: none\n"
                + "loadBalancer:\nservice:\n  autoscaling: {min: 1, max: 4}\n");
        assertThat(s.network()).isEqualTo(Network.newVpc("10.0.0.0/16", 2, NatMode.NONE));
        assertThat(s.loadBalancer().healthCheckPath()).isEqualTo("/");
        assertThat(s.loadBalancer().deregistrationDelay()).isEqualTo(15);
        assertThat(s.loadBalancer().healthCheckInterval()).isEqualTo(5);
        assertThat(s.loadBalancer().healthyThreshold()).isEqualTo(2);
        assertThat(s.service().healthCheckGracePeriod()).isEqualTo(30);
        assertThat(s.task().stopTimeout()).isEqualTo(10);
        assertThat(s.loadBalancer().idleTimeout()).isEqualTo(60);
        assertThat(s.loadBalancer().allowedCidrs()).containsExactly("0.0.0.0/0");
        assertThat(s.service().autoscaling().cpuTarget()).isEqualTo(60);
    }

    @Test
    void memoryDefaultFollowsALargerCpu() throws Exception {
        Spec s = SpecLoader.load("gantry.yaml", HEAD + "task:\n  image: nginx:1.27\n  cpu: 1024\n");
        assertThat(s.task().memory()).isEqualTo(2048);
    }

    @ParameterizedTest(name = "cpu {0} with memory {1} is accepted")
    @CsvSource({"256,512", "256,2048", "512,1024", "512,4096", "1024,8192", "2048,16384", "4096,8192", "4096,30720",
            "8192,16384", "8192,20480", "8192,61440", "16384,32768", "16384,40960", "16384,122880"})
    void acceptsEveryFargateEdge(int cpu, int memory) {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", HEAD + "task:\n  image: nginx:1.27\n  cpu: " + cpu + "\n  memory: " + memory + "\n");
        assertThat(r.valid()).as(r.diagnostics().toString()).isTrue();
        assertThat(r.spec().task().memory()).isEqualTo(memory);
    }

    @Test
    void memoryFixListsTheValidValuesAndABiggerCpu() {
        Diagnostic d = SpecLoader.check("gantry.yaml", HEAD + "task:\n  image: nginx:1.27\n  cpu: 256\n  memory: 4096\n").errors().get(0);
        assertThat(d.fix()).isEqualTo("with cpu 256 use one of 512, 1024, 2048; for 4096 MiB use cpu 512");
        assertThat(d.render()).isEqualTo("gantry.yaml:7:11: task.memory: Fargate does not offer 4096 MiB of memory with cpu 256\n"
                + "  fix: with cpu 256 use one of 512, 1024, 2048; for 4096 MiB use cpu 512");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml",
                "version: 1\napp: Hello\nregion: mars-1\ntask:\n  image: nginx:1.27\n  cpu: 300\nnetwork:\n  cidr: 8.8.8.0/24\n");
        assertThat(r.errors()).extracting(Diagnostic::field).containsExactly("app", "region", "task.cpu", "network.cidr");
        assertThat(r.errors()).extracting(Diagnostic::line).containsExactly(2, 3, 6, 8);
    }

    @Test
    void cpuErrorDoesNotCascadeIntoMemory() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", HEAD + "task:\n  image: nginx:1.27\n  cpu: 300\n  memory: 1024\n");
        assertThat(r.errors()).extracting(Diagnostic::field).containsExactly("task.cpu");
    }

    @Test
    void suggestionsForTyposAndFixesForCidrs() {
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:1.27\nservce: {}\n").errors().get(0).fix())
                .isEqualTo("did you mean 'service'?");
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:1.27\nnetwork:\n  cidr: 10.1.2.0/16\n").errors().get(0).fix())
                .isEqualTo("use 10.1.0.0/16");
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:1.27\nnetwork:\n  natGateways: perAZ\n").errors().get(0).fix())
                .isEqualTo("did you mean perAz?");
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:1.27\n  environment:\n    PORT: 8080\n").errors().get(0).fix())
                .isEqualTo("quote it: PORT: \"8080\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "CLIENT_SECRET", "GITHUB_TOKEN", "API_KEY"})
    void secretLookingEnvironmentNamesWarnButStayValid(String name) {
        SpecLoader.Result r = SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:1.27\n  environment:\n    " + name + ": s3cr3t-value\n");
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("task.environment." + name);
            assertThat(w.line()).isEqualTo(7);
            assertThat(w.message()).contains("looks like a secret");
            assertThat(w.fix()).contains("task.secrets").contains("/hello/");
            assertThat(w.render()).doesNotContain("s3cr3t-value");
        });
    }

    @Test
    void neverEchoesWhatMayBeASecretValue() {
        SpecLoader.Result r = SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:1.27\n  environment:\n    DB_PASSWORD: 918273\n"
                + "  secrets:\n    TOKEN: ghp_topsecret\n");
        String all = r.diagnostics().stream().map(Diagnostic::render).reduce("", String::concat);
        assertThat(all).doesNotContain("918273").doesNotContain("ghp_topsecret");
        assertThat(r.errors()).hasSize(2);
    }

    @Test
    void warnsAboutUnpinnedImages() {
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx\n").warnings())
                .singleElement().satisfies(w -> assertThat(w.message()).contains("no tag"));
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx:latest\n").warnings())
                .singleElement().satisfies(w -> assertThat(w.message()).contains("latest"));
        assertThat(SpecLoader.check("g.yaml", HEAD + "task:\n  image: nginx@sha256:" + "a".repeat(64) + "\n").diagnostics()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx:1.27", "public.ecr.aws/nginx/nginx:1.27", "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1.2.3",
            "localhost:5000/app:dev", "ghcr.io/org/my_app__x.y-z:2024-01-01", "registry.example.com:443/a/b/c@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "quay.io/org/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsRealImageReferences(String image) {
        SpecLoader.Result r = SpecLoader.check("g.yaml", HEAD + "task:\n  image: " + image + "\n");
        assertThat(r.valid()).as(r.diagnostics().toString()).isTrue();
    }

    @Test
    void acceptsExistingAndDefaultVpcsAndArnSecretsAndWildcards() throws Exception {
        Spec s = SpecLoader.load("g.yaml", HEAD + """
                task:
                  image: nginx:1.27
                  port: 8080
                  secrets:
                    API_KEY: {parameter: "arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key"}
                network:
                  vpc: existing
                  vpcId: vpc-0123456789abcdef0
                  publicSubnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
                  privateSubnets: [subnet-01234567, subnet-89abcdef]
                loadBalancer: {allowedCidrs: [203.0.113.0/24, 198.51.100.7/32]}
                certificate:
                  domain: "*.example.com"
                  alternativeNames: [example.com]
                dns: {zone: example.com, record: api.example.com}
                """);
        assertThat(s.network().privateSubnets()).hasSize(2);
        assertThat(s.task().secrets().get("API_KEY").managed()).isFalse();
        assertThat(s.managedSecrets()).isEmpty();
        assertThat(s.url()).isEqualTo("https://api.example.com");
        assertThat(SpecLoader.load("g.yaml", HEAD + "task: {image: nginx:1.27}\nnetwork: {vpc: default}\n").network())
                .isEqualTo(Network.defaultVpc());
    }

    @Test
    void certificateArnWithDnsSkipsTheCoverageRule() {
        SpecLoader.Result r = SpecLoader.check("g.yaml", HEAD + "task: {image: nginx:1.27, port: 80}\nloadBalancer: {}\n"
                + "certificate: {arn: \"arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\"}\n"
                + "dns: {zone: example.com, record: www.example.com}\n");
        assertThat(r.valid()).as(r.diagnostics().toString()).isTrue();
    }

    @Test
    void syntaxErrorsArePlainOneLiners() {
        Diagnostic d = SpecLoader.check("g.yaml", HEAD + "task:\n\timage: nginx\n").errors().get(0);
        assertThat(d.message()).startsWith("YAML syntax error:").doesNotContain("\n").doesNotContain("reader");
        assertThat(d.fix()).isEqualTo("indent with spaces, not tabs");
        assertThat(d.column()).isEqualTo(1);
    }

    @Test
    void missingFileHasNoLine(@TempDir Path dir) {
        Path missing = dir.resolve("gantry.yaml");
        SpecLoader.Result r = SpecLoader.check(missing);
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.line()).isZero();
            assertThat(d.message()).isEqualTo("file not found");
            assertThat(d.render()).startsWith(missing + ": file not found");
        });
        assertThatThrownBy(() -> SpecLoader.load(missing)).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).diagnostics()).hasSize(1));
    }

    @Test
    void directoriesAndNonUtf8FilesAreDiagnostics(@TempDir Path dir) throws IOException {
        assertThat(SpecLoader.check(dir).errors().get(0).message()).contains("is a directory");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[]{'a', 'p', 'p', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(SpecLoader.check(latin1).errors().get(0).message()).contains("not UTF-8");
        // The line and column of the first byte that is not UTF-8 (here after a valid "é" on line 3).
        Files.write(latin1, ("version: 1\napp: hello\n# caf\u00e9 ").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(latin1, new byte[]{'x', ' ', (byte) 0xE9, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(SpecLoader.check(latin1).errors()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.column()).isEqualTo(10);
            assertThat(d.render()).startsWith(latin1 + ":3:10: the file is not UTF-8 text: the byte 0xE9").contains("fix: save it as UTF-8");
        });
    }

    /** yes/no/on/off: accepted as before (a spec that works keeps working), with a warning and the YAML 1.2 word. */
    @Test
    void yaml11BooleansStillWorkWithAWarning() {
        SpecLoader.Result r = SpecLoader.check("g.yaml", HEAD + "task: {image: nginx:1.27}\ncluster:\n  containerInsights: yes\nservice:\n  rollbackOnFailure: off\n");
        assertThat(r.valid()).isTrue();
        assertThat(r.spec().cluster().containerInsights()).isTrue();
        assertThat(r.spec().service().rollbackOnFailure()).isFalse();
        assertThat(r.warnings()).extracting(Diagnostic::render).anySatisfy(w -> assertThat(w)
                .contains("cluster.containerInsights: 'yes' is YAML 1.1's spelling of true").contains("fix: write containerInsights: true"))
                .anySatisfy(w -> assertThat(w).contains("service.rollbackOnFailure: 'off'").contains("fix: write rollbackOnFailure: false"));
        assertThat(SpecLoader.check("g.yaml", HEAD + "task: {image: nginx:1.27}\ncluster:\n  containerInsights: true\n").warnings()).isEmpty();
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertThat(SpecLoader.check("g.yaml", "\uFEFF" + HEAD + "task: {image: nginx:1.27}\n").valid()).isTrue();
    }

    @Test
    void regionFlagValidator() {
        assertThat(SpecLoader.checkRegion("eu-west-1")).isNull();
        assertThat(SpecLoader.checkRegion("EU-WEST-1").fix()).isEqualTo("use eu-west-1");
        assertThat(SpecLoader.checkRegion("eu-wset-1").fix()).isEqualTo("did you mean eu-west-1?");
    }
}

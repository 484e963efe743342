package dev.gantry.spec.yaml;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Autoscaling;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Cluster;
import dev.gantry.spec.Dns;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Logs;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.RegistryCredentials;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class RoundTripTest {

    public static Spec maximal() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String v : List.of("8080", "yes", "no", "null", "~", "true", "a: b", "#hash", "x #y", "", " padded ", "1e3", "0x1F",
                "12:30", "with \"quotes\"", "back\\slash", "multi\nline", "tab\there", "é ünïcode", "*star", "&amp", "!bang",
                "[list]", "{map}", "%pct", "@at", "`tick", "-dash", "- item", "? q", "plain text", ",comma", "|pipe", ">gt")) {
            env.put("V" + env.size(), v);
        }
        return new Spec(1, "shop-api", "eu-west-1", Map.of("team", "web shop", "cost:center", "42", "empty", ""),
                Network.newVpc("172.16.0.0/20", 3, NatMode.PER_AZ), new Cluster("shared_cluster-1", true),
                new Task("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api:2024.1@sha256:" + "f".repeat(64),
                        4096, 30720, Architecture.ARM64, 8443, List.of("java", "-jar", "app.jar", "--port=8443", "a, b", "8080"),
                        env, Map.of("DB_PASSWORD", new SecretRef("/shop-api/db-password"),
                        "API_KEY", new SecretRef("arn:aws:ssm:eu-west-1:123456789012:parameter/shared/api-key")), new Logs(3653), new RegistryCredentials("shop-api/registry")),
                new Service(3, 50, 150, false, new Autoscaling(3, 12, 75)),
                new LoadBalancer("/healthz?full=1", 0, 4000, List.of("203.0.113.0/24", "198.51.100.0/24")),
                new Certificate("*.shop.example.com", List.of("shop.example.com", "www.example.org"), null),
                new Dns("shop.example.com", "api.shop.example.com"));
    }

    @Test
    void maximalSpecSurvivesWriteAndLoad() throws Exception {
        Spec spec = maximal();
        String yaml = SpecWriter.write(spec);
        assertThat(SpecLoader.check("out.yaml", yaml).diagnostics()).isEmpty();
        assertThat(SpecLoader.load("out.yaml", yaml)).isEqualTo(spec);
    }

    @Test
    void existingNetworkAndCertificateArnSurvive() throws Exception {
        Spec spec = maximal()
                .withNetwork(Network.existing("vpc-0123456789abcdef0", List.of("subnet-01234567", "subnet-89abcdef"), List.of()))
                .withCertificate(new Certificate(null, List.of(),
                        "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"))
                .withTags(Map.of());
        assertThat(SpecLoader.load("out.yaml", SpecWriter.write(spec))).isEqualTo(spec);
    }

    @Test
    void minimalSpecSurvivesAndOmitsAbsentSections() throws Exception {
        Spec spec = new Spec(1, "hello", "us-east-1", null, null, null, Task.of("nginx:1.27", null), null, null, null, null);
        String yaml = SpecWriter.write(spec);
        assertThat(yaml).doesNotContain("loadBalancer:", "certificate:", "dns:", "tags:", "cluster:", "autoscaling:", "secrets:");
        assertThat(SpecLoader.load("out.yaml", yaml)).isEqualTo(spec);
    }

    @Test
    void everyTemplateRoundTripsAndIsExactlyWhatTheWriterProduces() throws Exception {
        for (Path t : SpecLoaderTest.version1Templates()) {
            Spec spec = SpecLoader.load(t);
            String written = SpecWriter.write(spec);
            assertThat(SpecLoader.load(t.toString(), written)).as(t.toString()).isEqualTo(spec);
            assertThat(written).as(t + " is not in the writer's current style").isEqualTo(Files.readString(t));
        }
    }

    @Test
    void startsWithTheSchemaModelineAndCommentsEachSection() {
        String yaml = SpecWriter.write(maximal());
        List<String> lines = yaml.lines().toList();
        assertThat(lines.get(0)).isEqualTo("# yaml-language-server: $schema=./gantry.schema.json");
        for (String section : List.of("tags:", "network:", "cluster:", "task:", "service:", "loadBalancer:", "certificate:", "dns:")) {
            int i = lines.indexOf(section);
            assertThat(i).as(section).isPositive();
            assertThat(lines.get(i - 1)).as("comment above " + section).startsWith("# ");
        }
    }
}

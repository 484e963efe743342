package dev.gantry.spec.yaml;

import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gantry migrate's rewrite: the same app, one service named after it, every comment kept. */
class SpecMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"templates/web-https.yaml", "templates/worker.yaml", "templates/web-http-quick.yaml"})
    void eachTemplateBecomesTheSameAppInVersion2WithItsComments(String file) throws Exception {
        String v1Text = Files.readString(Path.of(file));
        Spec v1 = SpecLoader.load(file, v1Text);
        String v2Text = SpecMigration.toVersion2(file, v1Text);
        Spec v2 = SpecLoader.load(file, v2Text);
        assertThat(v2.isVersion2()).isTrue();
        assertThat(v2.services()).isEqualTo(v1.services());
        assertThat(v2.services().keySet()).containsExactly(v1.app());
        assertThat(v2.loadBalancer()).isEqualTo(v1.loadBalancer());
        assertThat(v2.dns()).isEqualTo(v1.dns());
        assertThat(v2.task()).isEqualTo(v1.task());
        v1Text.lines().filter(l -> l.strip().startsWith("#") || l.contains(" # ") || l.contains("  #"))
                .filter(l -> !l.contains("only version 1 exists"))
                .forEach(comment -> assertThat(v2Text).contains(comment.substring(comment.indexOf('#'))));
    }

    @Test
    void aPersonsCommentsMoveWithTheirFields() throws Exception {
        String v1 = """
                # owned by team shop
                version: 1
                app: shop
                region: us-east-1
                task:  # the container
                  image: nginx:1.27
                  # the port nginx listens on
                  port: 80
                service:
                  desiredCount: 3  # three for the sale
                loadBalancer:
                  # checked every 5 s
                  healthCheckPath: /up
                  idleTimeout: 120  # long uploads
                dns:
                  zone: example.com
                  # the shop's address
                  record: shop.example.com
                """;
        String v2 = SpecMigration.toVersion2("gantry.yaml", v1);
        assertThat(v2).contains("""
                services:
                  shop:
                    task:  # the container
                      image: nginx:1.27
                      # the port nginx listens on
                      port: 80
                    service:
                      desiredCount: 3  # three for the sale
                    public:
                      # the shop's address
                      routes: [shop.example.com]
                      # checked every 5 s
                      healthCheckPath: /up
                """);
        assertThat(v2).contains("loadBalancer:\n  idleTimeout: 120  # long uploads\n").contains("dns:\n  zone: example.com\n")
                .startsWith("# owned by team shop\nversion: 2\n").doesNotContain("record:");
        assertThat(SpecLoader.load("gantry.yaml", v2).services()).isEqualTo(SpecLoader.load("gantry.yaml", v1).services());
    }

    @Test
    void aLoadBalancerWhoseFieldsAllMoveBecomesTheSharedDefaults() throws Exception {
        String v1 = "version: 1\napp: shop\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\nloadBalancer:\n  healthCheckPath: /up\n";
        String v2 = SpecMigration.toVersion2("gantry.yaml", v1);
        assertThat(v2).contains("loadBalancer: {}").contains("    public:\n      healthCheckPath: /up\n");
    }

    @Test
    void aVersion2FileOrAnInvalidOneIsRefusedSayingWhy() {
        String v2 = "version: 2\napp: shop\nregion: us-east-1\nservices:\n  web:\n    task: {image: nginx:1.27}\n";
        assertThatThrownBy(() -> SpecMigration.toVersion2("gantry.yaml", v2)).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).diagnostics().get(0).message()).contains("already version 2"));
        assertThatThrownBy(() -> SpecMigration.toVersion2("gantry.yaml", "version: 1\napp: shop\n")).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).diagnostics().get(0).field()).isEqualTo("region"));
        String flow = "version: 1\napp: shop\nregion: us-east-1\ntask: {image: nginx:1.27, port: 80}\nloadBalancer: {healthCheckPath: /up}\n";
        assertThatThrownBy(() -> SpecMigration.toVersion2("gantry.yaml", flow)).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).diagnostics().get(0).message()).contains("written on one line"));
    }
}

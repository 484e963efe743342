package dev.gantry.spec.yaml;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * task.build and task.registryCredentials on any service of a version-2 spec: allowed on every
 * service, one build shared by the services that build the same, the repository's name checked
 * offline, and the expansion's per-service addresses.
 */
class ServicesBuildSpecTest {
    @TempDir Path dir;

    @BeforeEach void folders() throws Exception {
        for (String f : List.of("web", "api")) {
            Files.createDirectories(dir.resolve(f));
            Files.writeString(dir.resolve(f).resolve("Dockerfile"), "FROM alpine\n");
        }
    }

    SpecLoader.Result check(String services) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, "version: 2\napp: shop\nregion: us-east-1\nservices:\n" + services);
        return SpecLoader.check(file);
    }

    static List<String> errors(SpecLoader.Result r) {
        return r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::render).toList();
    }

    static final String THREE = """
              web:
                task:
                  build: {context: web}
                  port: 80
                public: {}
              api:
                task:
                  build: {context: api}
                  port: 8080
                  registryCredentials: {secret: shop/ghcr}
                internal: true
              worker:
                task:
                  build: {context: api}
                  registryCredentials: {secret: shop/ghcr}
            """;

    @Test void every_service_may_build_and_use_a_login_and_the_same_build_is_shared() throws Exception {
        SpecLoader.Result r = check(THREE);
        assertThat(errors(r)).isEmpty();
        Spec s = r.spec();
        assertThat(s.imageBuiltBy("web")).isEqualTo("web");
        assertThat(s.imageBuiltBy("api")).isEqualTo("api");
        assertThat(s.imageBuiltBy("worker")).isEqualTo("api");
        assertThat(s.registryLoginOf("worker")).isEqualTo("api");
        assertThat(s.registryLoginValueNames()).containsExactly("REGISTRY_CREDENTIALS_API");
        // The image check of the primary service (web) would read its login under its own name.
        assertThat(s.registryLoginValueName("worker")).isEqualTo("REGISTRY_CREDENTIALS_API");
        assertThat(s.registryLoginValueName("web")).isEqualTo("REGISTRY_CREDENTIALS_WEB");
        assertThat(dev.gantry.spec.SpecSummary.describe(s)).contains("web: an image built from ./web/Dockerfile")
                .contains("Images built here are pushed to the ECR repositories shop-web, shop-api (one per build;");

        Map<Address, Desired> d = new java.util.LinkedHashMap<>();
        for (Desired x : Catalog.expand(s)) d.put(x.address(), x);
        assertThat(d.keySet()).contains(Address.of("repository", "web"), Address.of("image", "web"),
                Address.of("repository", "api"), Address.of("image", "api"), Address.of("secret", "api-registry"));
        assertThat(d.keySet()).doesNotContain(Address.of("repository", "worker"), Address.of("image", "worker"),
                Address.of("secret", "worker-registry"), Address.of("repository", "main"), Address.of("secret", "registry"));
        assertThat(d.get(Address.of("repository", "api")).props()).containsEntry("name", "shop-api");
        // The worker runs the api's image and reads the api's login; the web's role reads no login.
        assertThat(d.get(Address.of("task-definition", "worker")).props().get("image")).isEqualTo(d.get(Address.of("task-definition", "api")).props().get("image"));
        assertThat(d.get(Address.of("role", "worker-execution")).props().get("registrySecretArn"))
                .isEqualTo(dev.gantry.plan.Ref.to(Address.of("secret", "api-registry"), "arn"));
        assertThat(d.get(Address.of("role", "web-execution")).props()).containsEntry("registrySecretArn", "");
        // Builds run one at a time, and everything else waits for both.
        assertThat(d.get(Address.of("image", "api")).dependsOn()).contains(Address.of("image", "web"));
        assertThat(d.get(Address.of("service", "web")).dependsOn()).contains(Address.of("image", "web"), Address.of("image", "api"));
    }

    @Test void the_service_named_like_the_app_keeps_version_1s_addresses_and_builds_what_it_shares() throws Exception {
        SpecLoader.Result r = check("""
                  worker:
                    task:
                      build: {context: api}
                  shop:
                    task:
                      build: {context: api}
                      port: 80
                    public: {}
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(r.spec().imageBuiltBy("worker")).isEqualTo("shop");
        List<Address> addresses = Catalog.expand(r.spec()).stream().map(Desired::address).toList();
        assertThat(addresses).contains(Address.of("repository", "main"), Address.of("image", "main"))
                .doesNotContain(Address.of("repository", "worker"), Address.of("image", "worker"));
    }

    @Test void another_architecture_is_another_build() throws Exception {
        SpecLoader.Result r = check("""
                  api:
                    task:
                      build: {context: api}
                  arm:
                    task:
                      build: {context: api}
                      architecture: arm64
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(r.spec().imageBuiltBy("arm")).isEqualTo("arm");
    }

    @Test void a_name_ecr_would_refuse_for_the_repository_is_an_error_naming_the_service() throws Exception {
        SpecLoader.Result r = check("""
                  api--v2:
                    task:
                      build: {context: api}
                """);
        assertThat(errors(r)).singleElement().asString().contains("services.api--v2.task.build")
                .contains("ECR repository shop-api--v2").contains("rename the service, e.g. api-v2");
    }

    /** apply --image REF sets the primary service's image: it runs REF, and a service that builds the same still builds. */
    @Test void an_image_given_for_the_primary_service_wins_over_the_build_it_shares() throws Exception {
        SpecLoader.Result r = check("""
                  worker:
                    task:
                      build: {context: api}
                  web:
                    task:
                      build: {context: api}
                      port: 80
                    public: {}
                """);
        assertThat(errors(r)).isEmpty();
        Spec s = r.spec().withTask(r.spec().task().withImage("registry.example.com/web@sha256:" + "a".repeat(64)));
        Map<Address, Desired> d = new java.util.LinkedHashMap<>();
        for (Desired x : Catalog.expand(s)) d.put(x.address(), x);
        assertThat(d.get(Address.of("task-definition", "web")).props()).containsEntry("image", "registry.example.com/web@sha256:" + "a".repeat(64));
        assertThat(d.get(Address.of("task-definition", "worker")).props().get("image")).isEqualTo(dev.gantry.plan.Ref.to(Address.of("image", "worker"), "reference"));
    }
}

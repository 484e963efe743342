package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.testing.FakeBuilder;
import dev.gantry.wizard.Lookups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * gantry init adding a service named like a folder beside gantry.yaml that holds a Dockerfile
 * (./api/Dockerfile): the wizard offers to build it, by default, from that folder, on the port its
 * EXPOSE names, and the spec plans that service's own repository and image on the simulated AWS.
 */
class InitServiceFolderBuildTest {
    @TempDir Path dir;
    Path file;

    @BeforeEach void setUp() throws Exception {
        for (String f : List.of("web", "api")) Files.createDirectories(dir.resolve(f));
        Files.writeString(dir.resolve("web/Dockerfile"), "FROM nginx:1.27\nEXPOSE 80\n");
        Files.writeString(dir.resolve("api/Dockerfile"), "FROM alpine:3.19\nCOPY . /app\nEXPOSE 8080/tcp\n");
        Files.createDirectories(dir.resolve("docs"));
        file = dir.resolve("gantry.yaml");
        Files.writeString(file, """
                version: 2
                app: shop
                region: us-east-1
                network:
                  vpc: default
                services:
                  web:
                    task:
                      build:
                        context: ./web
                      port: 80
                    public: {}
                """);
    }

    private Captured init(String input, String... args) {
        Captured io = new Captured(Map.of("TERM", "dumb", "GANTRY_HOME", dir.resolve("home").toString()), input);
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> io.run(new InitCommand(io.context, (region, profile, endpoint) -> new Lookups.Offline("test: offline")), args));
        assertThat(code).as(io.out() + io.err()).isZero();
        return io;
    }

    private void plansTheApisOwnRepositoryAndImage() {
        CliRun plan = CliRun.gantry(dir.resolve("home"), new FakeBuilder(dir.resolve("fake")).env(), "plan", "--simulate", "--plain", "-f", file.toString());
        assertThat(plan.code()).as(plan.out() + plan.err()).isIn(0, 2);
        assertThat(plan.out()).as(plan.err()).contains("repository.api").contains("image.api").contains("shop-api");
    }

    @Test void the_line_prompts_add_api_built_from_its_folder_on_its_expose_port() throws Exception {
        // Review, add an internal service named api; its own questions take their defaults; no other; save.
        Captured io = init("review\nadd\ninternal\napi\n?\n" + "\n".repeat(40), "-f", file.toString(), "--plain");
        assertThat(io.out()).contains("build from ./api/Dockerfile").contains("Build context [api]")
                .contains("ECR repository named shop-api");
        Spec spec = SpecLoader.load(file);
        var api = spec.services().get("api");
        assertThat(api.task().image()).isNull();
        assertThat(api.task().build().context()).isEqualTo("api");
        assertThat(api.task().build().dockerfile()).isNull();
        assertThat(api.task().build().dockerfilePath()).isEqualTo(dir.resolve("api/Dockerfile").toRealPath());
        assertThat(api.task().port()).isEqualTo(8080);
        assertThat(Files.readString(file)).contains("context: api");
        // web's build stays as written.
        assertThat(spec.services().get("web").task().build().context()).isEqualTo("./web");
        plansTheApisOwnRepositoryAndImage();
    }

    @Test void flags_build_another_service_from_its_folder() throws Exception {
        init("", "-f", file.toString(), "--add-service", "api", "--kind", "internal", "--yes");
        var api = SpecLoader.load(file).services().get("api");
        // Its folder holds a Dockerfile: built by default, on the port its EXPOSE names.
        assertThat(api.task().build().context()).isEqualTo("api");
        assertThat(api.task().port()).isEqualTo(8080);

        // An image by flags, then --build again: the folder named like the service.
        init("", "-f", file.toString(), "--service", "api", "--no-build", "--image", "nginx:1.27", "--yes");
        assertThat(SpecLoader.load(file).services().get("api").task().build()).isNull();
        init("", "-f", file.toString(), "--service", "api", "--build", "--yes");
        api = SpecLoader.load(file).services().get("api");
        assertThat(api.task().image()).isNull();
        assertThat(api.task().build().context()).isEqualTo("api");
        plansTheApisOwnRepositoryAndImage();

        // Another folder and Dockerfile by flags.
        Files.writeString(dir.resolve("api/Dockerfile.prod"), "FROM alpine:3.19\n");
        init("", "-f", file.toString(), "--service", "api", "--build-context", "api", "--dockerfile", "api/Dockerfile.prod", "--yes");
        assertThat(SpecLoader.load(file).services().get("api").task().build().dockerfile()).isEqualTo("api/Dockerfile.prod");
    }

    @Test void a_service_without_a_folder_of_its_own_is_offered_only_an_image() throws Exception {
        init("", "-f", file.toString(), "--add-service", "worker", "--kind", "worker", "--image", "public.ecr.aws/docker/library/busybox:1.36", "--yes");
        var worker = SpecLoader.load(file).services().get("worker");
        assertThat(worker.task().build()).isNull();
        assertThat(worker.task().image()).isEqualTo("public.ecr.aws/docker/library/busybox:1.36");
        // A folder without a Dockerfile (docs) builds nothing by default either.
        init("", "-f", file.toString(), "--add-service", "docs", "--kind", "internal", "--image", "nginx:1.27", "--yes");
        var docs = SpecLoader.load(file).services().get("docs");
        assertThat(docs.task().build()).isNull();
        assertThat(docs.task().port()).isEqualTo(8080);
    }
}

package dev.gantry.cli.command;

import dev.gantry.testing.FakeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * apply, status, plan and destroy through the real command line for a version-2 app whose web and
 * api are built from folders of their own, a fake docker on PATH.
 */
class ServicesBuildCommandsTest {
    @TempDir Path home;
    FakeBuilder fake;
    Path spec;

    @BeforeEach void setUp() throws Exception {
        fake = new FakeBuilder(home.resolve("fake"));
        Path app = Files.createDirectories(home.resolve("app"));
        for (String service : List.of("web", "api")) {
            Path dir = Files.createDirectories(app.resolve(service));
            Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.19\nCOPY . /app\n");
            Files.writeString(dir.resolve("main.go"), "package main // " + service + "\n");
        }
        spec = app.resolve("gantry.yaml");
        Files.writeString(spec, """
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
                  api:
                    task:
                      build:
                        context: ./api
                      port: 8080
                    internal: true
                  worker:
                    task:
                      image: public.ecr.aws/docker/library/busybox:1.36
                """);
    }

    CliRun gantry(Map<String, String> env, String... args) { return CliRun.gantry(home.resolve("gantry"), env, args); }

    CliRun gantry(String... args) { return gantry(fake.env(), args); }

    List<String> built() { return fake.builds().stream().map(c -> c.argv().get(c.argv().indexOf("-t") + 1)).toList(); }

    @Test void each_service_says_its_image_status_names_a_changed_folder_and_apply_service_builds_that_one_alone() throws Exception {
        CliRun apply = gantry("apply", "--simulate", "--yes", "--plain", "-f", spec.toString());
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("image of web: built from ./web/Dockerfile (first build")
                .contains("→ pushed to the ECR repository shop-web").contains("image of api: built from ./api/Dockerfile")
                .contains("→ pushed to the ECR repository shop-api");
        assertThat(built()).hasSize(2);

        CliRun status = gantry(Map.of("PATH", "/usr/bin:/bin"), "status", "--simulate", "--service", "api", "--detailed-exitcode", "-f", spec.toString());
        assertThat(status.code()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).doesNotContain("image.api").doesNotContain("drift");

        // Both folders change; status of api names api's folder, and apply --service web builds web's image alone.
        Files.writeString(spec.resolveSibling("api/main.go"), "package main // api v2\n");
        Files.writeString(spec.resolveSibling("web/main.go"), "package main // web v2\n");
        CliRun changed = gantry(Map.of("PATH", "/usr/bin:/bin"), "status", "--simulate", "--service", "api", "-f", spec.toString());
        assertThat(changed.out()).contains("the image of api: no image in the repository was built from the folder as it is now")
                .contains("the image of web: no image in the repository");
        CliRun web = gantry("apply", "--simulate", "--yes", "--plain", "--service", "web", "-f", spec.toString());
        assertThat(web.code()).as(web.out() + web.err()).isZero();
        assertThat(built()).hasSize(3);
        assertThat(built().get(2)).contains("/shop-web:");
        CliRun plan = gantry("plan", "--simulate", "-f", spec.toString());
        assertThat(plan.out()).contains("+ image.api").doesNotContain("+ image.web").contains("image of web: unchanged, no build");

        CliRun destroy = gantry("destroy", "--simulate", "--yes", "--plain", "-f", spec.toString());
        assertThat(destroy.code()).as(destroy.out() + destroy.err()).isZero();
        assertThat(destroy.out()).contains("repository.web").contains("repository.api");
        CliRun after = gantry("plan", "--simulate", "-f", spec.toString());
        assertThat(after.out()).contains("+ repository.web").contains("+ repository.api");
    }

    /** destroy's question says the images go when any service's repository is deleted, not only repository.main. */
    @Test void the_destroy_question_names_the_images_of_a_services_repository() {
        var observed = new dev.gantry.plan.Observed(dev.gantry.plan.Address.of("repository", "api"), "shop-api", Map.of(), Map.of("id", "shop-api"));
        var delete = new dev.gantry.plan.Change(observed.address(), dev.gantry.plan.Action.DELETE, dev.gantry.plan.Piece.IMAGE,
                "ECR repository shop-api and the 2 images in it", null, observed, List.of(), "destroy", java.util.Set.of());
        assertThat(DestroyCommand.question(new dev.gantry.plan.Plan("shop", List.of(delete), List.of())))
                .contains("the ECR repository's images (--keep-images keeps them)");
        var web = new dev.gantry.plan.Observed(dev.gantry.plan.Address.of("repository", "web"), "shop-web", Map.of(), Map.of("id", "shop-web"));
        var both = List.of(delete, new dev.gantry.plan.Change(web.address(), dev.gantry.plan.Action.DELETE, dev.gantry.plan.Piece.IMAGE,
                "ECR repository shop-web and the 1 image in it", null, web, List.of(), "destroy", java.util.Set.<dev.gantry.plan.Address>of()));
        assertThat(DestroyCommand.question(new dev.gantry.plan.Plan("shop", both, List.of())))
                .contains("the 2 ECR repositories' images (--keep-images keeps them)");
    }
}

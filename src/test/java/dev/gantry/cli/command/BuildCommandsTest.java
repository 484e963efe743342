package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import dev.gantry.testing.FakeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan, apply and destroy of a spec with task.build through the real command line, a fake docker on PATH. */
class BuildCommandsTest {
    @TempDir Path home;
    FakeBuilder fake;
    Path spec;

    @BeforeEach void setUp() throws Exception {
        fake = new FakeBuilder(home.resolve("fake"));
        Path app = Files.createDirectories(home.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), "FROM alpine:3.19\nCOPY . /app\nEXPOSE 8080\n");
        Files.writeString(app.resolve("main.go"), "package main\n");
        spec = app.resolve("gantry.yaml");
        Files.writeString(spec, """
                version: 1
                app: shop
                region: us-east-1
                network:
                  vpc: default
                task:
                  build:
                    context: .
                  port: 8080
                loadBalancer:
                  healthCheckPath: /
                """);
    }

    CliRun gantry(Map<String, String> env, String... args) { return CliRun.gantry(home.resolve("gantry"), env, args); }

    CliRun gantry(String... args) { return gantry(fake.env(), args); }

    @Test void without_a_builder_plan_and_apply_exit_2_before_any_aws_call_saying_how_to_install_one() throws Exception {
        Path empty = Files.createDirectories(home.resolve("empty"));
        for (String command : new String[]{"plan", "apply"}) {
            CliRun r = command.equals("plan") ? gantry(Map.of("PATH", empty.toString()), command, "--simulate", "-f", spec.toString())
                    : gantry(Map.of("PATH", empty.toString()), command, "--simulate", "--yes", "-f", spec.toString());
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(r.err()).contains("task.build needs a container builder, and none is on PATH").contains("install one")
                    .contains("gantry apply --image REF");
        }
        assertThat(home.resolve("gantry").resolve("simulated")).doesNotExist();
    }

    @Test void apply_says_which_image_runs_and_why_then_plan_says_nothing_to_build() throws Exception {
        CliRun apply = gantry("apply", "--simulate", "--yes", "--plain", "-f", spec.toString());
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("image: built from ./Dockerfile (first build: the context's files (hash ")
                .contains("→ pushed to the ECR repository shop, deployed by digest; the repository is created first");
        CliRun plan = gantry("plan", "--simulate", "--detailed-exitcode", "-f", spec.toString());
        assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("image: unchanged, no build").contains("No changes");
        assertThat(fake.builds()).hasSize(1);
        // A plan builds nothing.
        // status finds the image the folder builds: no drift, and no builder needed to say so.
        CliRun status = gantry(Map.of("PATH", "/usr/bin:/bin"), "status", "--simulate", "-f", spec.toString());
        assertThat(status.code()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).doesNotContain("image.main").doesNotContain("drift");

        // The folder changes: status says so, in those words, and plan says what a build would replace.
        Files.writeString(spec.resolveSibling("main.go"), "package main // v2\n");
        CliRun changed = gantry(Map.of("PATH", "/usr/bin:/bin"), "status", "--simulate", "-f", spec.toString());
        assertThat(changed.out()).contains("no image in the repository was built from the folder as it is now")
                .doesNotContain("deleted outside gantry");
        CliRun replan = gantry("plan", "--simulate", "-f", spec.toString());
        assertThat(replan.out()).contains("image: built from ./Dockerfile (context changed: the context's files (hash ")
                .contains("it replaces the running 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:");
    }

    @Test void ci_deploys_an_image_built_elsewhere_with_image_and_the_next_plan_names_the_build_that_replaces_it() {
        assertThat(gantry("apply", "--simulate", "--yes", "--plain", "-f", spec.toString()).code()).isZero();
        String ci = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:" + "a".repeat(64);
        CliRun plan = gantry("plan", "--simulate", "--skip-image-check", "--image", ci, "-f", spec.toString());
        assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
        String built = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:";
        assertThat(plan.out()).contains("image: " + ci + ", given with --image (not built from ./Dockerfile); it replaces the running " + built)
                .contains("task-definition.main").contains("→ " + ci);

        // CI deploys its image; a person's plain apply afterwards says whose image it replaces.
        String nginx = "public.ecr.aws/nginx/nginx:1.27";
        CliRun deployed = gantry("apply", "--simulate", "--yes", "--plain", "--image", nginx, "-f", spec.toString());
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
        assertThat(fake.builds()).hasSize(1);
        CliRun person = gantry("plan", "--simulate", "-f", spec.toString());
        assertThat(person.out()).contains("image: no build (tag ctx-").contains("is already in the repository shop), deployed by digest; it replaces the running " + nginx);
        CliRun bad = gantry("apply", "--simulate", "--yes", "--image", "not an image", "-f", spec.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(bad.err()).contains("--image");
    }

    @Test void destroy_keep_images_keeps_the_repository_and_the_question_says_the_images_go_otherwise() throws Exception {
        assertThat(gantry("apply", "--simulate", "--yes", "--plain", "-f", spec.toString()).code()).isZero();
        CliRun kept = gantry("destroy", "--simulate", "--yes", "--plain", "--keep-images", "-f", spec.toString());
        assertThat(kept.code()).as(kept.out() + kept.err()).isZero();
        assertThat(repositories()).containsKey("shop");
        assertThat(repositories().get("shop").images).hasSize(1);
        CliRun all = gantry("destroy", "--simulate", "--yes", "--plain", "-f", spec.toString());
        assertThat(all.code()).as(all.out() + all.err()).isZero();
        assertThat(all.out()).contains("repository.main");
        assertThat(repositories()).doesNotContainKey("shop");
    }

    private Map<String, dev.gantry.aws.sim.EcrState.RepoRec> repositories() {
        Path saved = home.resolve("gantry").resolve("simulated").resolve("us-east-1.json");
        return dev.gantry.aws.sim.SimWorld.load(saved, new dev.gantry.time.VirtualScheduler(dev.gantry.aws.sim.SimWorld.savedClock(saved)),
                dev.gantry.aws.sim.SimLatency.realistic()).state.ecr.repositories;
    }

    @Test void the_destroy_question_names_the_images() {
        var observed = new dev.gantry.plan.Observed(dev.gantry.resources.Addresses.REPOSITORY, "shop", Map.of(), Map.of("id", "shop"));
        var delete = new dev.gantry.plan.Change(observed.address(), dev.gantry.plan.Action.DELETE, dev.gantry.plan.Piece.IMAGE,
                "ECR repository shop and the 3 images in it", null, observed, java.util.List.of(), "destroy", java.util.Set.of());
        var plan = new dev.gantry.plan.Plan("shop", java.util.List.of(delete), java.util.List.of());
        assertThat(DestroyCommand.question(new dev.gantry.plan.Plan("shop", java.util.List.of(), java.util.List.of()))).isEqualTo("Destroy all of these?");
        assertThat(DestroyCommand.question(plan)).contains("the ECR repository's images (--keep-images keeps them)").endsWith("Destroy all of these?");
    }
}

package dev.gantry.e2e;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.image.Builder;
import dev.gantry.image.ImageBuild;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.testing.FakeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * task.build end to end on the simulated AWS, with a fake docker first on PATH: the repository,
 * the build for the task's platform, the push into the simulated ECR, the task definition by
 * digest, no build when nothing changed, one when a file did, and destroy with and without the images.
 */
class BuildFromSourceTest {
    @TempDir Path tmp;
    FakeBuilder fake;
    Path app;
    SimHarness h;

    static final String SPEC = """
            version: 1
            app: shop
            region: us-east-1
            network:
              vpc: default
            task:
              build:
                context: .
              architecture: ARCH
              port: 8080
            loadBalancer:
              healthCheckPath: /
            """;

    @BeforeEach void setUp() throws Exception {
        fake = new FakeBuilder(tmp.resolve("fake"));
        app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), "FROM alpine:3.19\nCOPY . /app\nEXPOSE 8080\n");
        Files.writeString(app.resolve("server.js"), "console.log('hello')\n");
        Files.writeString(app.resolve("gantry.yaml"), SPEC.replace("ARCH", "x86_64"));
        h = new SimHarness();
    }

    Spec spec() throws Exception { return SpecLoader.load(app.resolve("gantry.yaml")); }

    Engine engine(ImageBuild.Push push) {
        return h.engine().building(new ImageBuild(Builder.find(fake.env()), fake.env(), push));
    }

    ApplyResult apply(ImageBuild.Push push) throws Exception {
        Spec s = spec();
        h.prepare(s);
        return engine(push).apply(s, dev.gantry.engine.TestOptions.yes("gantry apply"));
    }

    String running() {
        return h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("shop")).taskDefinition().containerDefinitions().get(0).image();
    }

    @Test void builds_for_the_platform_pushes_deploys_by_digest_and_builds_nothing_when_nothing_changed() throws Exception {
        ApplyResult first = apply(ImageBuild.Push.SIMULATED);
        assertThat(first.exit()).as(first.failures().toString()).isEqualTo(ApplyResult.Exit.OK);

        List<FakeBuilder.Call> builds = fake.builds();
        assertThat(builds).hasSize(1);
        List<String> argv = builds.get(0).argv();
        assertThat(argv).containsSequence("--platform", "linux/amd64");
        String reference = argv.get(argv.indexOf("-t") + 1);
        String repositoryUri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop";
        assertThat(reference).startsWith(repositoryUri + ":ctx-");
        String tag = reference.substring(reference.indexOf(':') + 1);

        // The repository: the app's, scanned on push, immutable tags, the last 30 images kept.
        var repo = h.world.state.ecr.repositories.get("shop");
        assertThat(repo.tags).containsEntry("gantry:app", "shop").containsEntry("gantry:component", "repository.main");
        assertThat(repo.tagMutability).isEqualTo("IMMUTABLE");
        assertThat(repo.scanOnPush).isTrue();
        assertThat(repo.lifecyclePolicy).contains("\"countNumber\":30");
        var image = repo.byTag(tag);
        assertThat(image).isNotNull();
        // Deployed by digest, never by tag.
        assertThat(running()).isEqualTo(repositoryUri + "@" + image.digest);
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Build.class,
                b -> assertThat(b.phase()).isEqualTo(ApplyEvent.Build.Phase.STEP)));
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class,
                i -> assertThat(i.message()).startsWith("image: built from ./Dockerfile (first build: the context's files (hash ")));

        // Nothing changed: nothing is built, nothing in AWS is changed.
        h.world.resetCounters();
        h.events.clear();
        ApplyResult again = apply(ImageBuild.Push.SIMULATED);
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(fake.builds()).hasSize(1);
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class,
                i -> assertThat(i.message()).startsWith("image: unchanged, no build")));

        // One file changes: one build, and the task definition follows the new digest.
        Files.writeString(app.resolve("server.js"), "console.log('hello again')\n");
        ApplyResult changed = apply(ImageBuild.Push.SIMULATED);
        assertThat(changed.exit()).as(changed.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(fake.builds()).hasSize(2);
        String newTag = fake.builds().get(1).argv().get(fake.builds().get(1).argv().indexOf("-t") + 1);
        assertThat(newTag).isNotEqualTo(reference);
        assertThat(running()).isEqualTo(repositoryUri + "@" + repo.byTag(newTag.substring(newTag.indexOf(':') + 1)).digest);
    }

    @Test void arm64_builds_for_linux_arm64() throws Exception {
        Files.writeString(app.resolve("gantry.yaml"), SPEC.replace("ARCH", "arm64"));
        ApplyResult r = apply(ImageBuild.Push.SIMULATED);
        assertThat(r.exit()).as(r.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(fake.builds().get(0).argv()).containsSequence("--platform", "linux/arm64");
    }

    @Test void destroy_deletes_the_repository_with_its_images_unless_asked_to_keep_them() throws Exception {
        assertThat(apply(ImageBuild.Push.SIMULATED).exit()).isEqualTo(ApplyResult.Exit.OK);
        Spec s = spec();
        ApplyResult kept = engine(ImageBuild.Push.SIMULATED).destroy(s, dev.gantry.engine.TestOptions.keeping("gantry destroy", Set.of("repository", "image")));
        assertThat(kept.exit()).as(kept.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(h.world.state.ecr.repositories).containsKey("shop");
        assertThat(h.world.state.ecr.repositories.get("shop").images).hasSize(1);
        assertThat(h.world.state.ecs.clusters.values()).allMatch(c -> !"ACTIVE".equals(c.status));

        ApplyResult all = engine(ImageBuild.Push.SIMULATED).destroy(s, dev.gantry.engine.TestOptions.yes("gantry destroy"));
        assertThat(all.exit()).as(all.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(all.deleted()).isEqualTo(1);
        assertThat(h.world.state.ecr.repositories).doesNotContainKey("shop");
    }

    /** The fix the failed change's event gave. */
    String fix() {
        return h.events.stream().filter(e -> e instanceof ApplyEvent.Failed).map(e -> ((ApplyEvent.Failed) e).fix()).findFirst().orElse("");
    }

    PushReceivingEcr registry() {
        var a = h.aws;
        PushReceivingEcr ecr = new PushReceivingEcr(a.ecr(), fake.pushed());
        h.aws = new dev.gantry.aws.AwsClients(a.ec2(), a.ecs(), a.elb(), a.acm(), a.route53(), a.ssm(), a.iam(), a.logs(), a.sts(), a.scaling(), ecr, a.secretsManager());
        return ecr;
    }

    @Test void against_a_registry_the_password_goes_through_stdin_only_and_no_login_is_left_behind() throws Exception {
        PushReceivingEcr ecr = registry();
        ApplyResult r = apply(ImageBuild.Push.REGISTRY);
        assertThat(r.exit()).as(r.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(ecr.passwords).hasSize(1);
        String password = ecr.passwords.get(0);

        FakeBuilder.Call login = fake.calls().stream().filter(c -> c.is("login")).findFirst().orElseThrow();
        assertThat(login.argv()).containsSequence("--username", "AWS", "--password-stdin", "123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(login.stdin()).isEqualTo(password);
        for (FakeBuilder.Call c : fake.calls()) {
            assertThat(c.command()).doesNotContain(password);
            assertThat(c.env().values()).noneMatch(v -> v.contains(password));
            if (!c.equals(login)) assertThat(c.stdin()).doesNotContain(password);
        }
        // The login went into a folder of gantry's own, gone once the push is done.
        Path config = Path.of(login.argv().get(login.argv().indexOf("--config") + 1));
        assertThat(config).doesNotExist();
        FakeBuilder.Call push = fake.calls().stream().filter(c -> c.is("push")).findFirst().orElseThrow();
        assertThat(push.argv()).contains(config.toString());
        String tag = push.argv().get(push.argv().size() - 1);
        var repo = h.world.state.ecr.repositories.get("shop");
        assertThat(running()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@" + repo.byTag(tag.substring(tag.lastIndexOf(':') + 1)).digest);
    }

    @Test void a_dockerfile_error_fails_the_build_with_the_builders_message_and_changes_nothing_but_the_repository() throws Exception {
        Files.writeString(app.resolve("Dockerfile"), "FROM alpine:3.19\nRUN false\n");
        ApplyResult r = apply(ImageBuild.Push.SIMULATED);
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.FAILED);
        assertThat(String.join("\n", r.failures())).contains("building ./Dockerfile failed at [2/2] RUN false")
                .contains("did not complete successfully: exit code: 1");
        assertThat(h.world.state.ecr.repositories).containsKey("shop");
        assertThat(h.world.callsByAction().keySet()).noneMatch(a -> a.startsWith("ec2:Create") || a.startsWith("ecs:") && !a.startsWith("ecs:Describe") && !a.startsWith("ecs:List")
                || a.startsWith("iam:Create") || a.startsWith("logs:Create") || a.startsWith("elasticloadbalancing:Create"));
    }

    @Test void a_daemon_that_is_not_running_stops_apply_before_anything_changes() throws Exception {
        fake.set("daemon-down", "");
        ApplyResult r = apply(ImageBuild.Push.SIMULATED);
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", r.failures())).contains("docker is installed but its daemon is not running").contains("systemctl start docker");
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(fake.builds()).isEmpty();
    }

    @Test void a_platform_the_builder_cannot_build_needs_emulation_before_anything_changes() throws Exception {
        Files.writeString(app.resolve("gantry.yaml"), SPEC.replace("ARCH", "arm64"));
        fake.set("platforms", "linux/amd64, linux/386");
        ApplyResult r = apply(ImageBuild.Push.SIMULATED);
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", r.failures())).contains("cannot build for linux/arm64 without emulation").contains("tonistiigi/binfmt")
                .contains("task.architecture: x86_64");
        assertThat(h.world.mutatingCalls()).isZero();
    }

    @Test void an_image_built_for_another_platform_than_asked_is_never_pushed() throws Exception {
        Files.writeString(app.resolve("gantry.yaml"), SPEC.replace("ARCH", "arm64"));
        fake.set("ignores-platform", "");
        ApplyResult r = apply(ImageBuild.Push.SIMULATED);
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", r.failures())).contains("for linux/amd64, not linux/arm64");
        assertThat(h.world.state.ecr.repositories.get("shop").images).isEmpty();
    }

    @Test void a_full_disk_is_the_machines_to_fix() throws Exception {
        fake.set("disk-full", "");
        ApplyResult r = apply(ImageBuild.Push.SIMULATED);
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", r.failures())).contains("the disk is full");
        assertThat(fix()).contains("docker system prune");
    }

    @Test void a_refused_push_names_the_permissions_and_exits_4() throws Exception {
        registry();
        fake.set("push-denied", "");
        ApplyResult r = apply(ImageBuild.Push.REGISTRY);
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.NO_CREDENTIALS);
        assertThat(String.join("\n", r.failures())).contains("ECR refused the push");
        assertThat(fix()).contains("ecr:InitiateLayerUpload");
    }

    @Test void a_hand_made_repository_of_the_apps_name_is_a_conflict_until_adopted_and_another_apps_never_is() throws Exception {
        Spec s = spec();
        h.prepare(s);
        h.aws.ecr().createRepository(b -> b.repositoryName("shop"));
        h.world.resetCounters();
        ApplyResult refused = engine(ImageBuild.Push.SIMULATED).apply(s, dev.gantry.engine.TestOptions.yes("gantry apply"));
        assertThat(refused.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(refused.failures()).singleElement().asString().startsWith("repository.main (").contains("not made by gantry for this app");
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(fake.builds()).isEmpty();

        ApplyResult adopted = engine(ImageBuild.Push.SIMULATED).apply(s, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("repository.main")));
        assertThat(adopted.exit()).as(adopted.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        var repo = h.world.state.ecr.repositories.get("shop");
        assertThat(repo.tags).containsEntry("gantry:app", "shop").containsEntry("gantry:component", "repository.main");
        assertThat(repo.tagMutability).isEqualTo("IMMUTABLE");
        assertThat(repo.scanOnPush).isTrue();
        assertThat(repo.lifecyclePolicy).contains("\"countNumber\":30");
        assertThat(engine(ImageBuild.Push.SIMULATED).plan(s).hasChanges()).isFalse();

        SimHarness other = new SimHarness();
        h = other;
        h.prepare(s);
        h.aws.ecr().createRepository(b -> b.repositoryName("shop").tags(
                software.amazon.awssdk.services.ecr.model.Tag.builder().key("gantry:app").value("billing").build(),
                software.amazon.awssdk.services.ecr.model.Tag.builder().key("gantry:component").value("repository.main").build()));
        ApplyResult theirs = engine(ImageBuild.Push.SIMULATED).apply(s, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(Set.of("all")));
        assertThat(theirs.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", theirs.failures())).contains("billing");
        assertThat(h.world.state.ecr.repositories.get("shop").tags).containsEntry("gantry:app", "billing");
    }

    @Test void the_lifecycle_policy_keeps_the_number_of_images_asked_for() throws Exception {
        Files.writeString(app.resolve("gantry.yaml"), SPEC.replace("ARCH", "x86_64").replace("    context: .\n", "    context: .\n    keepImages: 2\n"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(app.resolve("server.js"), "console.log(" + i + ")\n");
            assertThat(apply(ImageBuild.Push.SIMULATED).exit()).isEqualTo(ApplyResult.Exit.OK);
        }
        assertThat(fake.builds()).hasSize(3);
        var repo = h.world.state.ecr.repositories.get("shop");
        assertThat(repo.images).hasSize(2);
        // The running image is the newest, one of those kept.
        assertThat(running()).endsWith(repo.images.values().stream().max(java.util.Comparator.comparingLong(i -> i.pushedAt)).orElseThrow().digest);
    }

    void git(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(app.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test void in_git_the_tag_is_the_commit_and_the_plan_counts_the_files_changed_since_the_running_image() throws Exception {
        Files.writeString(app.resolve(".dockerignore"), "gantry.yaml\n");
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "first");
        String sha = new String(new ProcessBuilder("git", "rev-parse", "HEAD").directory(app.toFile()).start().getInputStream().readAllBytes()).trim();
        assertThat(apply(ImageBuild.Push.SIMULATED).exit()).isEqualTo(ApplyResult.Exit.OK);
        List<String> argv = fake.builds().get(0).argv();
        assertThat(argv.get(argv.indexOf("-t") + 1)).endsWith("/shop:" + sha.substring(0, 12));

        Files.writeString(app.resolve("server.js"), "console.log('v2')\n");
        Files.writeString(app.resolve("util.js"), "module.exports = 1\n");
        git("add", ".");
        git("commit", "-q", "-m", "second");
        Files.writeString(app.resolve("extra.js"), "1\n");
        h.events.clear();
        assertThat(apply(ImageBuild.Push.SIMULATED).exit()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class, i -> assertThat(i.message())
                .startsWith("image: built from ./Dockerfile (context changed: 3 files since the running image; commit ").contains(", 1 file not committed)")));
        String tag = fake.builds().get(1).argv().get(fake.builds().get(1).argv().indexOf("-t") + 1);
        assertThat(tag).matches(".*/shop:[0-9a-f]{12}-dirty-[0-9a-f]{12}");
    }

    /**
     * The path most people take: a stack deployed from a public image moves to its own Dockerfile,
     * and back. Each is an in-place rolling update of the same service, and the next plan is empty.
     */
    @Test void a_running_stack_moves_from_an_image_to_a_build_and_back_in_place() throws Exception {
        String fromImage = SPEC.replace("ARCH", "x86_64").replace("  build:\n    context: .\n", "  image: public.ecr.aws/nginx/nginx:1.27\n");
        assertThat(fromImage).doesNotContain("build:");
        Files.writeString(app.resolve("gantry.yaml"), fromImage);
        ApplyResult first = apply(ImageBuild.Push.SIMULATED);
        assertThat(first.exit()).as(first.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(fake.builds()).isEmpty();
        String service = serviceArn();

        Files.writeString(app.resolve("gantry.yaml"), SPEC.replace("ARCH", "x86_64"));
        ApplyResult built = apply(ImageBuild.Push.SIMULATED);
        assertThat(built.exit()).as(built.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(built.replaced()).isZero();
        assertThat(fake.builds()).hasSize(1);
        assertThat(running()).startsWith("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:");
        assertThat(serviceArn()).isEqualTo(service);
        assertThat(engine(ImageBuild.Push.SIMULATED).plan(spec()).mutating()).isEmpty();

        Files.writeString(app.resolve("gantry.yaml"), fromImage);
        ApplyResult back = apply(ImageBuild.Push.SIMULATED);
        assertThat(back.exit()).as(back.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(back.replaced()).isZero();
        assertThat(running()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
        assertThat(serviceArn()).isEqualTo(service);
        assertThat(fake.builds()).hasSize(1);
        assertThat(engine(ImageBuild.Push.SIMULATED).plan(spec()).mutating()).isEmpty();
    }

    String serviceArn() {
        return h.aws.ecs().describeServices(b -> b.cluster("shop").services("shop")).services().get(0).serviceArn();
    }
}

package dev.gantry.e2e;

import dev.gantry.aws.sim.SimImages;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.image.EcrRegistry;
import dev.gantry.image.FakeRegistry;
import dev.gantry.image.HttpRegistry;
import dev.gantry.image.ImageCheck;
import dev.gantry.spec.Architecture;
import dev.gantry.spec.RegistryCredentials;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image pre-flight end to end: every way an image cannot be pulled is refused with exit 2
 * before a single mutating call; a private image deploys with its login; an ECR image's digest is
 * pinned. Registries: the test's own on 127.0.0.1, and the simulated ECR.
 */
class ImageEndToEndTest {
    FakeRegistry registry;
    SimHarness h;

    @BeforeEach void start() throws IOException {
        registry = new FakeRegistry("robot", "hunter2");
        h = new SimHarness();
    }

    @AfterEach void stop() { registry.close(); }

    static Spec with(Spec spec, String image, Architecture arch, RegistryCredentials login) {
        Task t = spec.task();
        return spec.withTask(new Task(image, t.cpu(), t.memory(), arch, t.port(), t.command(), t.environment(), t.secrets(), t.logs(), login));
    }

    Spec worker(String image, Architecture arch, RegistryCredentials login) {
        Spec spec = with(SimHarness.template("worker.yaml"), image, arch, login);
        h.prepare(spec);
        return spec;
    }

    Engine engine(boolean pin) {
        ImageCheck check = new ImageCheck(new SimImages(new HttpRegistry(Duration.ofSeconds(5))), new EcrRegistry(h.aws.ecr()));
        return h.engine().checkingImages(check, pin);
    }

    ApplyResult apply(Spec spec) { return engine(false).apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply")); }

    ApplyResult refused(Spec spec) {
        ApplyResult r = apply(spec);
        assertThat(r.exitCode()).as(String.valueOf(r.failures())).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).as("mutating calls").isZero();
        return r;
    }

    ContainerDefinition container() {
        return h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("worker")).taskDefinition().containerDefinitions().get(0);
    }

    @Test void a_missing_tag_is_refused_with_the_tags_that_exist() {
        registry.pushIndex("team/worker", false, "1.0", "linux/amd64", "linux/arm64");
        registry.pushIndex("team/worker", false, "1.1", "linux/amd64", "linux/arm64");
        ApplyResult r = refused(worker(registry.host() + "/team/worker:2.0", Architecture.ARM64, null));
        assertThat(String.join("\n", r.failures())).contains("the tag 2.0 does not exist").contains("tags it has: 1.0, 1.1");
    }

    @Test void a_missing_repository_is_refused() {
        ApplyResult r = refused(worker(registry.host() + "/team/nothing:1.0", Architecture.X86_64, null));
        assertThat(String.join("\n", r.failures())).contains("has no repository team/nothing");
    }

    @Test void a_private_image_without_a_login_is_refused_with_how_to_give_one() {
        registry.pushIndex("private/worker", true, "1.0", "linux/amd64");
        ApplyResult r = refused(worker(registry.host() + "/private/worker:1.0", Architecture.X86_64, null));
        assertThat(String.join("\n", r.failures())).contains("\"unauthorized\"").contains("task.registryCredentials")
                .contains("--secret REGISTRY_CREDENTIALS=@FILE");
    }

    @Test void a_login_the_registry_refuses_is_refused_before_deploying() {
        registry.pushIndex("private/worker", true, "1.0", "linux/amd64");
        h.secrets = name -> Optional.of("robot:wrong".toCharArray());
        ApplyResult r = refused(worker(registry.host() + "/private/worker:1.0", Architecture.X86_64, new RegistryCredentials("worker/registry")));
        assertThat(String.join("\n", r.failures())).contains("refused the login in the secret worker/registry").doesNotContain("wrong");
    }

    @Test void an_image_without_the_tasks_architecture_names_the_value_that_would_work() {
        registry.pushIndex("team/worker", false, "1.0", "linux/arm64/v8");
        ApplyResult r = refused(worker(registry.host() + "/team/worker:1.0", Architecture.X86_64, null));
        assertThat(String.join("\n", r.failures())).contains("no manifest for linux/amd64 (architecture: x86_64)")
                .contains("it has linux/arm64/v8").contains("set task.architecture: arm64");
    }

    @Test void a_single_platform_image_is_checked_by_its_config() {
        registry.pushSingle("team/worker", false, "1.0", "amd64");
        ApplyResult r = refused(worker(registry.host() + "/team/worker:1.0", Architecture.ARM64, null));
        assertThat(String.join("\n", r.failures())).contains("it has linux/amd64").contains("set task.architecture: x86_64");
    }

    @Test void ecr_tags_repositories_and_other_accounts_are_checked_through_the_sdk() {
        String ecrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        h.aws.ecr().createRepository(b -> b.repositoryName("shop/worker"));
        h.aws.ecr().putImage(b -> b.repositoryName("shop/worker").imageTag("1.0").imageManifest(index("arm64")));
        h.world.resetCounters();
        String tags = String.join("\n", refused(worker(ecrHost + "/shop/worker:9.9", Architecture.ARM64, null)).failures());
        assertThat(tags).contains("the tag 9.9 does not exist").contains("tags it has: 1.0");
        String repo = String.join("\n", refused(worker(ecrHost + "/shop/nothing:1.0", Architecture.ARM64, null)).failures());
        assertThat(repo).contains("has no repository shop/nothing").contains("aws ecr create-repository --repository-name shop/nothing");
        String arch = String.join("\n", refused(worker(ecrHost + "/shop/worker:1.0", Architecture.X86_64, null)).failures());
        assertThat(arch).contains("set task.architecture: arm64");
        String other = String.join("\n", refused(worker("999999999999.dkr.ecr.us-east-1.amazonaws.com/shop/worker:1.0", Architecture.ARM64, null)).failures());
        assertThat(other).contains("another AWS account's ECR (999999999999)").contains("repository a policy");
    }

    @Test void an_ecr_image_deploys_pinned_to_its_digest_and_stays_pinned_without_a_planned_change() {
        String ecrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        h.aws.ecr().createRepository(b -> b.repositoryName("shop/worker"));
        String digest = h.aws.ecr().putImage(b -> b.repositoryName("shop/worker").imageTag("1.0").imageManifest(index("amd64", "arm64")))
                .image().imageId().imageDigest();
        Spec spec = worker(ecrHost + "/shop/worker:1.0", Architecture.ARM64, null);
        ApplyResult r = engine(true).apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply"));
        assertThat(r.exitCode()).as(String.valueOf(r.failures())).isZero();
        assertThat(container().image()).isEqualTo(ecrHost + "/shop/worker:1.0@" + digest);
        assertThat(h.plan(spec).hasChanges()).isFalse();
        // The tag moves: a plain apply keeps what runs; --pin-digest moves to the new digest.
        String moved = h.aws.ecr().putImage(b -> b.repositoryName("shop/worker").imageTag("1.0").imageManifest(index("arm64")))
                .image().imageId().imageDigest();
        assertThat(apply(spec).exitCode()).isZero();
        assertThat(container().image()).endsWith(digest);
        assertThat(engine(true).apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply")).exitCode()).isZero();
        assertThat(container().image()).isEqualTo(ecrHost + "/shop/worker:1.0@" + moved);
        // The running tasks report the digest they pulled.
        var tasks = h.aws.ecs().listTasks(b -> b.cluster("worker").serviceName("worker")).taskArns();
        assertThat(h.aws.ecs().describeTasks(b -> b.cluster("worker").tasks(tasks)).tasks())
                .anySatisfy(t -> assertThat(t.containers().get(0).imageDigest()).isEqualTo(moved));
    }

    @Test void an_execution_role_that_may_not_pull_from_ecr_is_caught_before_the_service_changes() {
        String ecrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        h.aws.ecr().createRepository(b -> b.repositoryName("shop/worker"));
        h.aws.ecr().putImage(b -> b.repositoryName("shop/worker").imageTag("1.0").imageManifest(index("arm64")));
        h.aws.ecr().putImage(b -> b.repositoryName("shop/worker").imageTag("1.1").imageManifest(index("arm64", "amd64")));
        assertThat(apply(worker(ecrHost + "/shop/worker:1.0", Architecture.ARM64, null)).exitCode()).isZero();
        // Someone adds a deny by hand, in a policy gantry does not manage.
        h.aws.iam().putRolePolicy(b -> b.roleName("worker-execution").policyName("no-ecr").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"}]}"));
        ApplyResult r = apply(worker(ecrHost + "/shop/worker:1.1", Architecture.ARM64, null));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(String.join("\n", r.failures())).contains("may not pull the image").contains("ecr:BatchGetImage on arn:aws:ecr:us-east-1:123456789012:repository/shop/worker");
        // The service was not moved to the new revision.
        String running = h.aws.ecs().describeServices(b -> b.cluster("worker").services("worker")).services().get(0).taskDefinition();
        assertThat(running).endsWith(":1");
    }

    @Test void a_good_private_image_deploys_with_its_login_and_removing_the_login_converges() {
        registry.pushIndex("private/worker", true, "1.0", "linux/amd64", "linux/arm64");
        h.secrets = name -> name.equals(RegistryCredentials.VALUE_NAME) ? Optional.of("robot:hunter2".toCharArray()) : Optional.empty();
        Spec spec = worker(registry.host() + "/private/worker:1.0", Architecture.ARM64, new RegistryCredentials("worker/registry"));
        ApplyResult r = apply(spec);
        assertThat(r.exitCode()).as(String.valueOf(r.failures())).isZero();

        String arn = h.aws.secretsManager().describeSecret(b -> b.secretId("worker/registry")).arn();
        assertThat(container().repositoryCredentials().credentialsParameter()).isEqualTo(arn);
        assertThat(h.aws.secretsManager().getSecretValue(b -> b.secretId(arn)).secretString())
                .isEqualTo("{\"username\":\"robot\",\"password\":\"hunter2\"}");
        String role = h.aws.iam().getRole(b -> b.roleName("worker-execution")).role().arn();
        assertThat(h.world.state.iam.allows(role, "secretsmanager:GetSecretValue", arn)).isTrue();
        assertThat(h.world.state.iam.allows(role, "secretsmanager:GetSecretValue", arn.replace("worker/registry", "other"))).isFalse();
        assertThat(h.plan(spec).hasChanges()).isFalse();

        // A public image now: the login goes from the task definition, the role and Secrets Manager.
        Spec open = with(spec, "public.ecr.aws/docker/library/busybox:1.36", Architecture.ARM64, null);
        ApplyResult again = apply(open);
        assertThat(again.exitCode()).as(String.valueOf(again.failures())).isZero();
        assertThat(container().repositoryCredentials()).isNull();
        assertThat(h.world.state.iam.allows(role, "secretsmanager:GetSecretValue", arn)).isFalse();
        assertThat(h.aws.secretsManager().listSecrets().secretList()).isEmpty();
        assertThat(h.plan(open).hasChanges()).isFalse();
    }

    @Test void a_secret_of_that_name_that_is_not_gantrys_is_never_taken_over() {
        registry.pushIndex("private/worker", true, "1.0", "linux/arm64");
        h.aws.secretsManager().createSecret(b -> b.name("worker/registry").secretString("{\"username\":\"robot\",\"password\":\"hunter2\"}"));
        h.world.resetCounters();
        h.secrets = name -> name.equals(RegistryCredentials.VALUE_NAME) ? Optional.of("robot:hunter2".toCharArray()) : Optional.empty();
        ApplyResult r = refused(worker(registry.host() + "/private/worker:1.0", Architecture.ARM64, new RegistryCredentials("worker/registry")));
        assertThat(String.join("\n", r.failures())).contains("the Secrets Manager secret worker/registry")
                .contains("task.registryCredentials.secret").contains("--adopt secret.registry");
    }

    @Test void a_private_image_without_its_login_in_the_task_definition_fails_to_pull_in_the_simulated_ecs() {
        Spec spec = worker("ghcr.io/acme/private-worker:1.0", Architecture.ARM64, null);
        ApplyResult r = h.apply(spec); // the pre-flight skipped, as with --skip-image-check
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.diagnosis().toString()).contains("pull access denied");
    }

    @Test void an_unreachable_registry_is_a_note_and_the_deploy_goes_on() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        ApplyResult r = apply(worker("127.0.0.1:" + port + "/team/worker:1.0", Architecture.ARM64, null));
        assertThat(r.exitCode()).as(String.valueOf(r.failures())).isZero();
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class,
                i -> assertThat(i.message()).contains("could not check task.image").contains("--skip-image-check")));
    }

    static String index(String... archs) {
        StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
        for (int i = 0; i < archs.length; i++) {
            if (i > 0) b.append(',');
            b.append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:").append("%064x".formatted(i + 7))
                    .append("\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"").append(archs[i]).append("\"}}");
        }
        return b.append("]}").toString();
    }
}

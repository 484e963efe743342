package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.TestOptions;
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
 * Several services that build their images (issue 21, item 1: "image or build" per service), on
 * the simulated AWS with a fake docker first on PATH: web and api each built from a folder of its
 * own into a repository of its own, a worker on a registry's image; each service runs its own
 * digest, a re-apply changes nothing, an edit of api's source rebuilds and rolls api alone while
 * web is served every simulated second, and destroy removes both repositories.
 */
class ServicesBuildTest {
    @TempDir Path tmp;
    FakeBuilder fake;
    Path root;
    SimHarness h;

    static final String SPEC = """
            version: 2
            app: shop
            region: us-east-1
            network:
              vpc: default
            certificate: {}
            dns:
              zone: example.com
            services:
              web:
                task:
                  build:
                    context: ./web
                  port: 80
                service:
                  desiredCount: 2
                public:
                  routes: [www.example.com]
                  healthCheckPath: /
              api:
                task:
                  build:
                    context: ./api
                  port: 8080
                service:
                  desiredCount: 2
                public:
                  routes: [www.example.com/api/*]
                  healthCheckPath: /health
              worker:
                task:
                  WORKER_IMAGE
                  command: ["sh", "-c", "while true; do sleep 60; done"]
            """;

    static final String WORKER_ON_AN_IMAGE = "image: public.ecr.aws/docker/library/busybox:1.36";
    /** The worker built exactly as the api is: one build, one image, run by both. */
    static final String WORKER_AS_API = "build:\n        context: ./api";

    static final String ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com/";

    @BeforeEach void setUp() throws Exception {
        fake = new FakeBuilder(tmp.resolve("fake"));
        root = Files.createDirectories(tmp.resolve("app"));
        for (String service : List.of("web", "api")) {
            Path dir = Files.createDirectories(root.resolve(service));
            Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.19\nCOPY . /app\n");
            Files.writeString(dir.resolve("server.js"), "console.log('" + service + "')\n");
        }
        write(WORKER_ON_AN_IMAGE);
        h = new SimHarness();
    }

    void write(String worker) throws Exception {
        Files.writeString(root.resolve("gantry.yaml"), SPEC.replace("WORKER_IMAGE", worker));
    }

    Spec spec() throws Exception { return SpecLoader.load(root.resolve("gantry.yaml")); }

    Engine engine() {
        return h.engine().building(new ImageBuild(Builder.find(fake.env()), fake.env(), ImageBuild.Push.SIMULATED));
    }

    ApplyResult apply() throws Exception {
        Spec s = spec();
        h.prepare(s);
        return engine().apply(s, TestOptions.yes("gantry apply"));
    }

    List<String> mutating() throws Exception {
        return engine().plan(spec()).mutating().stream().map(c -> c.address() + " " + c.action()).sorted().toList();
    }

    String running(String family) {
        return h.aws.ecs().describeTaskDefinition(b -> b.taskDefinition(family)).taskDefinition().containerDefinitions().get(0).image();
    }

    /** The reference each build tagged its image with (REPOSITORY:TAG), in the order they ran. */
    List<String> built() {
        return fake.builds().stream().map(c -> c.argv().get(c.argv().indexOf("-t") + 1)).toList();
    }

    @Test void web_and_api_each_build_into_their_own_repository_and_only_an_edited_one_is_rebuilt_and_rolled() throws Exception {
        ApplyResult first = apply();
        assertThat(first.exit()).as(first.failures().toString()).isEqualTo(ApplyResult.Exit.OK);

        // One build per folder, each into the service's own repository (APP-NAME), tagged by its own context.
        assertThat(built()).hasSize(2);
        assertThat(built()).anySatisfy(r -> assertThat(r).startsWith(ECR + "shop-web:ctx-"));
        assertThat(built()).anySatisfy(r -> assertThat(r).startsWith(ECR + "shop-api:ctx-"));
        for (String service : List.of("web", "api")) {
            var repo = h.world.state.ecr.repositories.get("shop-" + service);
            assertThat(repo.tags).containsEntry("gantry:app", "shop").containsEntry("gantry:component", "repository." + service);
            assertThat(repo.tagMutability).isEqualTo("IMMUTABLE");
            assertThat(repo.images).hasSize(1);
            // Each service runs its own image, by digest.
            assertThat(running("shop-" + service)).isEqualTo(ECR + "shop-" + service + "@" + repo.images.values().iterator().next().digest);
        }
        assertThat(running("shop-web")).isNotEqualTo(running("shop-api").replace("shop-api", "shop-web"));
        assertThat(running("shop-worker")).isEqualTo("public.ecr.aws/docker/library/busybox:1.36");
        assertThat(h.world.state.ecr.repositories).doesNotContainKeys("shop", "shop-worker");
        assertThat(SimServing.blocked(h.world, "www.example.com", "/", "shop-web")).isEmpty();
        assertThat(SimServing.blocked(h.world, "www.example.com", "/api/orders", "shop-api")).isEmpty();
        // The build lines and the plan's story say whose image each build is.
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Build.class, b -> assertThat(b.phase() == ApplyEvent.Build.Phase.START
                && b.text().startsWith("api: building ./api/Dockerfile")).isTrue()));
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class, i -> assertThat(i.message())
                .startsWith("image of web: built from ./web/Dockerfile (first build").contains("pushed to the ECR repository shop-web,")));
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class, i -> assertThat(i.message())
                .startsWith("image of api: built from ./api/Dockerfile (first build").contains("pushed to the ECR repository shop-api,")));

        // Nothing changed: no build, no mutating call.
        h.world.resetCounters();
        ApplyResult again = apply();
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(built()).hasSize(2);

        // Only api's source changes: api alone is rebuilt and rolled, web is served throughout.
        Files.writeString(root.resolve("api/server.js"), "console.log('api v2')\n");
        assertThat(mutating()).containsExactly("image.api CREATE", "service.api UPDATE", "task-definition.api UPDATE");
        String webBefore = running("shop-web");
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        SimServing.Recorder api = new SimServing.Recorder(h.world, h.time, "www.example.com", "/api/orders", "shop-api").start();
        ApplyResult edited = apply();
        web.stop();
        api.stop();
        assertThat(edited.exit()).as(edited.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(web.samples()).isGreaterThan(10);
        assertThat(web.outages()).isEmpty();
        assertThat(api.outages()).isEmpty();
        assertThat(built()).hasSize(3);
        assertThat(built().get(2)).startsWith(ECR + "shop-api:");
        assertThat(running("shop-web")).isEqualTo(webBefore);
        var apiRepo = h.world.state.ecr.repositories.get("shop-api");
        String newTag = built().get(2).substring(built().get(2).lastIndexOf(':') + 1);
        assertThat(running("shop-api")).isEqualTo(ECR + "shop-api@" + apiRepo.byTag(newTag).digest);
        assertThat(mutating()).isEmpty();

        // destroy deletes both repositories with their images, and says so.
        h.events.clear();
        ApplyResult gone = engine().destroy(spec(), TestOptions.yes("gantry destroy"));
        assertThat(gone.exit()).as(gone.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        dev.gantry.plan.Plan destroyed = h.events.stream().filter(e -> e instanceof ApplyEvent.Planned).map(e -> ((ApplyEvent.Planned) e).plan()).findFirst().orElseThrow();
        assertThat(destroyed.mutating()).extracting(c -> c.address() + " " + c.action()).contains("repository.web DELETE", "repository.api DELETE");
        assertThat(h.world.state.ecr.repositories).doesNotContainKeys("shop-web", "shop-api");
    }

    @Test void a_worker_built_as_the_api_is_shares_its_one_build_and_runs_the_same_digest() throws Exception {
        write(WORKER_AS_API);
        ApplyResult r = apply();
        assertThat(r.exit()).as(r.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(built()).hasSize(2);
        assertThat(h.world.state.ecr.repositories).containsKeys("shop-web", "shop-api").doesNotContainKey("shop-worker");
        assertThat(running("shop-worker")).startsWith(ECR + "shop-api@sha256:").isEqualTo(running("shop-api"));
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Info.class, i -> assertThat(i.message())
                .startsWith("image of api and worker: built from ./api/Dockerfile (first build")));
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApplyEvent.Build.class, b -> assertThat(b.phase() == ApplyEvent.Build.Phase.START
                && b.text().startsWith("api and worker: building ./api/Dockerfile")).isTrue()));

        // An edit of the shared folder: one build, both services roll to it.
        Files.writeString(root.resolve("api/server.js"), "console.log('api v2')\n");
        assertThat(mutating()).containsExactly("image.api CREATE", "service.api UPDATE", "service.worker UPDATE",
                "task-definition.api UPDATE", "task-definition.worker UPDATE");
        assertThat(apply().exit()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(built()).hasSize(3);
        assertThat(running("shop-worker")).isEqualTo(running("shop-api"));
        h.world.resetCounters();
        assertThat(apply().outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
    }

    @Test void apply_with_service_builds_only_that_services_image() throws Exception {
        assertThat(apply().exit()).isEqualTo(ApplyResult.Exit.OK);
        Files.writeString(root.resolve("api/server.js"), "console.log('api v2')\n");
        Files.writeString(root.resolve("web/server.js"), "console.log('web v2')\n");
        String webBefore = running("shop-web");
        Spec s = spec();
        ApplyResult r = engine().narrowedTo(p -> dev.gantry.engine.ServiceScope.narrowed(p, s, "api")).apply(s, TestOptions.yes("gantry apply --service api"));
        assertThat(r.exit()).as(r.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(built()).hasSize(3);
        assertThat(built().get(2)).startsWith(ECR + "shop-api:");
        assertThat(running("shop-web")).isEqualTo(webBefore);
        // web's build is still to do, and nothing else.
        assertThat(mutating()).containsExactly("image.web CREATE", "service.web UPDATE", "task-definition.web UPDATE");
    }

    @Test void a_failed_build_names_the_service_and_its_folder_and_changes_nothing_but_the_repositories() throws Exception {
        Files.writeString(root.resolve("api/Dockerfile"), "FROM alpine:3.19\nRUN false\n");
        ApplyResult r = apply();
        assertThat(r.exit()).isEqualTo(ApplyResult.Exit.FAILED);
        assertThat(String.join("\n", r.failures())).contains("the image of api (context ./api): building ./api/Dockerfile failed at [2/2] RUN false");
        assertThat(h.world.callsByAction().keySet()).noneMatch(a -> a.startsWith("ec2:Create") || a.startsWith("ecs:") && !a.startsWith("ecs:Describe") && !a.startsWith("ecs:List")
                || a.startsWith("iam:Create") || a.startsWith("logs:Create") || a.startsWith("elasticloadbalancing:Create"));
    }

    @Test void a_hand_made_repository_of_a_services_name_is_a_conflict_until_adopted() throws Exception {
        Spec s = spec();
        h.prepare(s);
        h.aws.ecr().createRepository(b -> b.repositoryName("shop-api"));
        h.world.resetCounters();
        ApplyResult refused = engine().apply(s, TestOptions.yes("gantry apply"));
        assertThat(refused.exit()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", refused.failures())).contains("repository.api (").contains("not made by gantry for this app");
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(fake.builds()).isEmpty();

        ApplyResult adopted = engine().apply(s, TestOptions.yes("gantry apply").adopting(Set.of("repository.api")));
        assertThat(adopted.exit()).as(adopted.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(h.world.state.ecr.repositories.get("shop-api").tags).containsEntry("gantry:component", "repository.api");
        assertThat(engine().plan(s).hasChanges()).isFalse();
    }

    static final String V1 = """
            version: 1
            app: shop
            region: us-east-1
            network:
              vpc: default
            task:
              build:
                context: ./web
              port: 80
            loadBalancer:
              healthCheckPath: /
            """;

    /**
     * A version-1 app that builds keeps repository.main and image.main (the repository named like
     * the app) after the upgrade and after gantry migrate: both plan nothing. A second built service
     * added next to it gets a repository of its own while the first keeps serving.
     */
    @Test void a_version_1_app_that_builds_plans_nothing_after_the_upgrade_and_after_migrating() throws Exception {
        Files.writeString(root.resolve("gantry.yaml"), V1);
        ApplyResult first = apply();
        assertThat(first.exit()).as(first.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(h.world.state.ecr.repositories.get("shop").tags).containsEntry("gantry:component", "repository.main");
        String running = running("shop");
        h.world.resetCounters();
        assertThat(apply().outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        String v2 = dev.gantry.spec.yaml.SpecMigration.toVersion2(root.resolve("gantry.yaml").toString(), V1);
        Files.writeString(root.resolve("gantry.yaml"), v2);
        assertThat(spec().isVersion2()).isTrue();
        assertThat(mutating()).isEmpty();

        assertThat(v2).contains("\nservices:\n  shop:\n");
        String withApi = v2.replace("\nservices:\n", """

                services:
                  api:
                    task:
                      build:
                        context: ./api
                      port: 8080
                """);
        Files.writeString(root.resolve("gantry.yaml"), withApi);
        assertThat(spec().services().keySet()).containsExactly("api", "shop");
        ApplyResult added = apply();
        assertThat(added.exit()).as(added.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(running("shop")).isEqualTo(running);
        assertThat(h.world.state.ecr.repositories.get("shop-api").tags).containsEntry("gantry:component", "repository.api");
        assertThat(running("shop-api")).startsWith(ECR + "shop-api@sha256:");
        assertThat(built()).hasSize(2);
        assertThat(mutating()).isEmpty();
    }

    @Test void the_plan_shows_each_repository_and_image_under_its_service() throws Exception {
        Spec s = spec();
        h.prepare(s);
        var groups = dev.gantry.ui.ServiceGroups.of(engine().plan(s).changes());
        assertThat(groups.get("web")).extracting(c -> c.address().toString()).contains("repository.web", "image.web");
        assertThat(groups.get("api")).extracting(c -> c.address().toString()).contains("repository.api", "image.api");
        assertThat(groups.get("worker")).extracting(c -> c.address().type()).doesNotContain("repository", "image");
        String text = dev.gantry.ui.line.PlanText.render(engine().plan(s), dev.gantry.ui.Ansi.NONE);
        String api = text.substring(text.indexOf("Service api\n"), text.indexOf("Service web\n"));
        assertThat(api).contains("+ repository.api").contains("ECR repository shop-api").contains("+ image.api");
    }

    /** A service that builds taken out of the spec: its repository goes with it; the other's stays, served throughout. */
    @Test void removing_a_built_service_deletes_its_repository_and_nothing_of_the_others() throws Exception {
        assertThat(apply().exit()).isEqualTo(ApplyResult.Exit.OK);
        String text = Files.readString(root.resolve("gantry.yaml"));
        String api = text.substring(text.indexOf("  api:\n"), text.indexOf("  worker:\n"));
        Files.writeString(root.resolve("gantry.yaml"), text.replace(api, "").replace("      routes: [www.example.com]\n", "      routes: [www.example.com]\n"));
        assertThat(mutating()).contains("repository.api DELETE", "service.api DELETE").noneMatch(c -> c.contains(".web "));
        SimServing.Recorder web = new SimServing.Recorder(h.world, h.time, "www.example.com", "/", "shop-web").start();
        ApplyResult removed = apply();
        web.stop();
        assertThat(removed.exit()).as(removed.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        assertThat(web.outages()).isEmpty();
        assertThat(h.world.state.ecr.repositories).containsKey("shop-web").doesNotContainKey("shop-api");
        h.world.resetCounters();
        assertThat(apply().outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();
    }

    /** An app called shop-api that builds holds the repository shop-api: the service api of shop is refused, naming that app, and nothing of it is touched. */
    @Test void another_apps_repository_of_the_same_name_is_never_taken() throws Exception {
        Files.writeString(root.resolve("other.yaml"), V1.replace("app: shop", "app: shop-api").replace("./web", "./api"));
        Spec other = SpecLoader.load(root.resolve("other.yaml"));
        h.prepare(other);
        ApplyResult theirs = engine().apply(other, TestOptions.yes("gantry apply"));
        assertThat(theirs.exit()).as(theirs.failures().toString()).isEqualTo(ApplyResult.Exit.OK);
        var before = h.world.state.ecr.repositories.get("shop-api");
        int images = before.images.size();

        h.prepare(spec());
        h.world.resetCounters();
        ApplyResult refused = engine().apply(spec(), TestOptions.yes("gantry apply").adopting(Set.of("all")));
        assertThat(refused.exit()).as(refused.failures().toString()).isEqualTo(ApplyResult.Exit.INVALID_INPUT);
        assertThat(String.join("\n", refused.failures())).contains("repository.api").contains("shop-api");
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(built()).hasSize(1);
        assertThat(h.world.state.ecr.repositories.get("shop-api").tags).containsEntry("gantry:app", "shop-api").containsEntry("gantry:component", "repository.main");
        assertThat(h.world.state.ecr.repositories.get("shop-api").images).hasSize(images);
    }
}

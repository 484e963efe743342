package dev.gantry.wizard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 2: a service not named like the app builds from the folder named like it (./api/Dockerfile),
 * by default, with that folder's EXPOSE as its port; a service without one is asked only for an image.
 */
class ServiceFolderBuildQuestionsTest {
    /** The spec's folder: the facts say what it holds; the spec's own check finds ./api/Dockerfile there. */
    @TempDir java.nio.file.Path dir;
    private String FOLDER;

    private WizardFlow flow() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("api"));
        java.nio.file.Files.writeString(dir.resolve("api/Dockerfile"), "FROM alpine:3.19\nEXPOSE 9000\n");
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.19\n");
        FOLDER = dir.toString();
        WizardFlow f = new WizardFlow(LookupResults.offline().withFolder(FOLDER, null, null).withDockerfileFolder("api", 9000));
        f.set("app", "shop");
        f.set("task.image", "nginx:1.27");
        return f;
    }

    private static List<String> ids(WizardFlow f) { return f.questions(WizardScreen.APP).stream().map(Question::id).toList(); }

    private static Question q(String id) { return Questions.byId(id).orElseThrow(); }

    @Test void a_service_named_like_a_folder_with_a_dockerfile_builds_it_by_default() throws Exception {
        WizardFlow f = flow();
        assertThat(f.addService("api", WizardFlow.ServiceKind.INTERNAL)).isNull();
        f.walkAddedService();
        assertThat(ids(f)).containsExactly("task.source", "task.build.context", "task.build.dockerfile", "task.port");
        assertThat(f.get("task.source")).isEqualTo("build");
        assertThat(f.get("task.build.context")).isEqualTo("api");
        assertThat(f.get("task.build.dockerfile")).isEqualTo("api/Dockerfile");
        assertThat(f.get("task.port")).isEqualTo("9000");
        assertThat(q("task.source").choices(f).get(0).label()).isEqualTo("build from ./api/Dockerfile");
        // The explanation is about api: its folder, its own repository.
        assertThat(q("task.source").fullExplanation(f)).contains("./api").contains("ECR repository named shop-api")
                .doesNotContain("This folder holds a Dockerfile").doesNotContain("named after the app");
        assertThat(q("task.build.dockerfile").fullExplanation(f)).contains("api/Dockerfile").doesNotContain("the folder itself is");

        var api = f.build().services().get("api");
        assertThat(api.task().image()).isNull();
        assertThat(api.task().build().context()).isEqualTo("api");
        assertThat(api.task().build().dockerfile()).isNull();
        assertThat(api.task().build().root()).isEqualTo(FOLDER);
        assertThat(api.task().port()).isEqualTo(9000);
        // The service named like the app is as before: it has no Dockerfile in the spec's folder, so only an image.
        f.jump(WizardScreen.APP);
        f.focus("shop");
        assertThat(ids(f)).containsExactly("app", "task.image", "task.port");
        assertThat(f.build().services().get("shop").task().image()).isEqualTo("nginx:1.27");

        // Another Dockerfile, relative to gantry.yaml's folder, is written; image instead drops the build.
        f.focus("api");
        f.set("task.build.dockerfile", "Dockerfile");
        assertThat(f.build().services().get("api").task().build().dockerfile()).isEqualTo("Dockerfile");
        f.set("task.source", "image");
        assertThat(ids(f)).containsExactly("app", "task.source", "task.image", "task.port");
        assertThat(f.build().services().get("api").task().build()).isNull();
    }

    @Test void a_service_without_a_folder_of_its_own_is_asked_only_for_an_image() throws Exception {
        WizardFlow f = flow();
        assertThat(f.addService("worker", WizardFlow.ServiceKind.WORKER)).isNull();
        f.walkAddedService();
        assertThat(ids(f)).containsExactly("task.image", "task.port");
        assertThat(f.build().services().get("worker").task().build()).isNull();
        // A new web service without a folder gets the first free port from 8080, as before.
        assertThat(f.addService("front", WizardFlow.ServiceKind.WEB)).isNull();
        assertThat(f.get("task.port")).isEqualTo("8080");
    }

    @Test void the_build_context_flag_applies_only_to_another_service() throws Exception {
        WizardFlow f = flow();
        assertThat(f.applyFlags(java.util.Map.of("--build-context", List.of("api")))).singleElement().asString()
                .contains("task.build.context: applies only with building another service");
    }
}

package dev.gantry.wizard;

import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A folder with a Dockerfile: the wizard builds it by default, with the port its EXPOSE names. */
class BuildQuestionsTest {
    /** The folder the wizard runs in; only its name matters, it is never read. */
    private static final String FOLDER = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "shop").toString();

    private static WizardFlow flow(String dockerfile, Integer exposed) {
        WizardFlow f = new WizardFlow(LookupResults.offline().withFolder(FOLDER, dockerfile, exposed));
        f.set("app", "shop");
        return f;
    }

    private static List<String> ids(List<Question> qs) { return qs.stream().map(Question::id).toList(); }

    @Test void with_a_dockerfile_the_image_is_built_from_it_and_the_port_is_its_expose() {
        WizardFlow f = flow("Dockerfile", 8080);
        assertThat(ids(f.questions(WizardScreen.APP))).containsExactly("app", "task.source", "task.build.dockerfile", "task.port");
        assertThat(Questions.byId("task.source").orElseThrow().defaultValue(f)).isEqualTo("build");
        assertThat(Questions.byId("task.port").orElseThrow().defaultValue(f)).isEqualTo("8080");
        assertThat(Questions.byId("task.source").orElseThrow().fullExplanation(f)).contains("linux/amd64").contains("by digest")
                .contains("$0.10 per GB-month").contains("--keep-images");
        Spec spec = f.build();
        assertThat(spec.task().image()).isNull();
        assertThat(spec.task().build().root()).isEqualTo(FOLDER);
        assertThat(spec.task().build().context()).isEqualTo(".");
        assertThat(spec.task().build().dockerfile()).isNull();
        assertThat(spec.task().port()).isEqualTo(8080);

        f.set("task.source", "image");
        assertThat(ids(f.questions(WizardScreen.APP))).containsExactly("app", "task.source", "task.image", "task.port");
        assertThat(f.build().task().build()).isNull();
        assertThat(f.build().task().image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
    }

    @Test void without_a_dockerfile_nothing_changes() {
        WizardFlow f = flow(null, null);
        assertThat(ids(f.questions(WizardScreen.APP))).containsExactly("app", "task.image", "task.port");
        assertThat(f.build().task().build()).isNull();
    }

    @Test void build_and_dockerfile_flags_choose_the_build() {
        WizardFlow f = flow(null, null);
        assertThat(f.applyFlags(Map.of("--build", List.of("true"), "--dockerfile", List.of("docker/Dockerfile.prod")))).isEmpty();
        Spec spec = f.build();
        assertThat(spec.task().build().dockerfile()).isEqualTo("docker/Dockerfile.prod");
        assertThat(spec.task().image()).isNull();
    }
}

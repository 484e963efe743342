package dev.gantry.spec.yaml;

import dev.gantry.spec.Build;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** task.build: exactly one of image and build, paths relative to gantry.yaml, checked offline. */
class BuildSpecTest {
    @TempDir Path dir;

    @BeforeEach void folder() throws Exception {
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve("api").resolve("Dockerfile"), "FROM alpine\n");
    }

    SpecLoader.Result check(String task) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, "version: 1\napp: shop\nregion: us-east-1\ntask:\n" + task);
        return SpecLoader.check(file);
    }

    static List<String> errors(SpecLoader.Result r) {
        return r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::render).toList();
    }

    @Test void a_build_with_its_context_relative_to_the_spec_file() throws Exception {
        SpecLoader.Result r = check("  build:\n    context: api\n    target: runtime\n    args: {NODE_ENV: production}\n    keepImages: 10\n");
        assertThat(errors(r)).isEmpty();
        Build b = r.spec().task().build();
        assertThat(b.contextPath()).isEqualTo(dir.resolve("api").toAbsolutePath());
        assertThat(b.dockerfilePath()).isEqualTo(dir.resolve("api/Dockerfile").toAbsolutePath());
        assertThat(b.dockerfileShown()).isEqualTo("./api/Dockerfile");
        assertThat(b.args()).containsEntry("NODE_ENV", "production");
        assertThat(b.keepImages()).isEqualTo(10);
        assertThat(r.spec().task().image()).isNull();
        assertThat(r.spec().task().builds()).isTrue();
    }

    @Test void both_image_and_build_or_neither_is_an_error_naming_the_fix() throws Exception {
        assertThat(errors(check("  image: nginx:1.27\n  build:\n    context: api\n"))).singleElement().asString()
                .contains("task.build: task has both an image and a build").contains("fix: keep image:");
        assertThat(errors(check("  port: 80\n"))).singleElement().asString().contains("task.image: image is required")
                .contains("build: {context: .}");
    }

    @Test void a_missing_context_or_dockerfile_is_found_offline() throws Exception {
        assertThat(errors(check("  build:\n    context: web\n"))).singleElement().asString()
                .contains("gantry.yaml:6:14: task.build.context: the build context web does not exist");
        assertThat(errors(check("  build:\n    context: .\n"))).singleElement().asString()
                .contains("task.build.dockerfile: no Dockerfile at ./Dockerfile").contains("fix: add a Dockerfile to .");
        assertThat(errors(check("  build:\n    context: api\n    dockerfile: api/Dockerfile.prod\n"))).singleElement().asString()
                .contains("task.build.dockerfile: no Dockerfile at api/Dockerfile.prod");
    }

    @Test void a_secret_looking_build_arg_is_refused_without_echoing_it() throws Exception {
        List<String> e = errors(check("  build:\n    context: api\n    args:\n      NPM_TOKEN: abc123supersecret\n"));
        assertThat(e).singleElement().asString().contains("task.build.args.NPM_TOKEN: NPM_TOKEN looks like a secret").doesNotContain("abc123supersecret");
    }

    @Test void a_build_survives_writing_and_reading_back() throws Exception {
        Spec spec = check("  build:\n    context: api\n    target: runtime\n    keepImages: 5\n").spec();
        String yaml = SpecWriter.write(spec);
        assertThat(yaml).contains("  build:\n").contains("    context: api\n").doesNotContain("image:");
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, yaml);
        assertThat(SpecLoader.load(again)).isEqualTo(spec);
        // gantry's own comment above build: is known as gantry's, so an edit rewrites it instead of keeping a copy.
        assertThat(OwnComments.isOwn(yaml.lines().filter(l -> l.contains("Built here")).findFirst().orElseThrow().strip().substring(2))).isTrue();
    }

    @Test void the_example_folder_is_a_valid_build() throws Exception {
        Spec spec = SpecLoader.load(Path.of("examples/hello-build/gantry.yaml"));
        assertThat(spec.task().builds()).isTrue();
        assertThat(spec.task().build().dockerfileShown()).isEqualTo("./Dockerfile");
    }
}

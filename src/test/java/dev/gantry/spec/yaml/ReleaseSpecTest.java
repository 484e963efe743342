package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Release;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code release:} in gantry.yaml: read, checked with file, line and field, written back with its comment. */
class ReleaseSpecTest {
    private static final String HEAD = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n";

    @Test void a_release_command_is_read_as_its_words() throws Exception {
        Spec spec = SpecLoader.load("g.yaml", HEAD + "release:\n  command: [\"./manage.py\", \"migrate\", \"--noinput\"]\n");
        assertThat(spec.release()).isEqualTo(new Release(List.of("./manage.py", "migrate", "--noinput")));
        assertThat(SpecLoader.load("g.yaml", HEAD).release()).as("no release unless asked").isNull();
        assertThat(dev.gantry.spec.SpecSummary.describe(spec)).contains("Before each rollout of a new image, `./manage.py migrate --noinput` runs once in a task of it");
    }

    @Test void each_mistake_names_file_line_field_and_a_fix() {
        Diagnostic text = SpecLoader.check("g.yaml", HEAD + "release:\n  command: ./manage.py migrate\n").errors().get(0);
        assertThat(text.file()).isEqualTo("g.yaml");
        assertThat(text.line()).isEqualTo(7);
        assertThat(text.field()).isEqualTo("release.command");
        assertThat(text.message()).isEqualTo("expected a list of words, got text");
        assertThat(text.fix()).contains("[\"sh\", \"-c\", \"./manage.py migrate\"]");

        Diagnostic missing = SpecLoader.check("g.yaml", HEAD + "release: {}\n").errors().get(0);
        assertThat(missing.field()).isEqualTo("release.command");
        assertThat(missing.line()).isEqualTo(6);
        assertThat(missing.message()).isEqualTo("command is required");

        Diagnostic empty = SpecLoader.check("g.yaml", HEAD + "release:\n  command: []\n").errors().get(0);
        assertThat(empty.message()).isEqualTo("the release command is empty");

        Diagnostic blank = SpecLoader.check("g.yaml", HEAD + "release:\n  command:\n    - migrate\n    - \"\"\n").errors().get(0);
        assertThat(blank.field()).isEqualTo("release.command[1]");
        assertThat(blank.line()).isEqualTo(9);

        Diagnostic number = SpecLoader.check("g.yaml", HEAD + "release:\n  command: [sleep, 5]\n").errors().get(0);
        assertThat(number.field()).isEqualTo("release.command[1]");
        assertThat(number.fix()).isEqualTo("quote it: \"5\"");

        assertThat(SpecLoader.check("g.yaml", HEAD + "release:\n  comand: [migrate]\n").errors()).anySatisfy(typo -> {
            assertThat(typo.field()).isEqualTo("release.comand");
            assertThat(typo.fix()).isEqualTo("did you mean 'command'?");
        });
    }

    @Test void the_writer_comments_it_and_reads_back_the_same() throws Exception {
        Spec spec = SpecLoader.load("g.yaml", HEAD + "release:\n  command: [sh, -c, \"./manage.py migrate && echo ok\"]\n");
        String yaml = SpecWriter.write(spec);
        assertThat(yaml).contains("\n# " + OwnComments.RELEASE + "\nrelease:\n  command: [sh, \"-c\", \"./manage.py migrate && echo ok\"]\n");
        assertThat(SpecLoader.load("g.yaml", yaml)).isEqualTo(spec);
    }

    @Test void the_schema_describes_it() {
        var release = SpecSchema.build().get("properties").get("release");
        assertThat(release.get("required").toString()).isEqualTo("[\"command\"]");
        assertThat(release.get("properties").get("command").get("minItems").asInt()).isEqualTo(1);
    }
}

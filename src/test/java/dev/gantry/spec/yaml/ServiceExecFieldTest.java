package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** service.exec: off unless written, a boolean, written back by the writer, in the schema. */
class ServiceExecFieldTest {
    private static final String HEAD = "version: 1\napp: hello\nregion: us-east-1\ntask: {image: nginx:1.27}\n";

    @Test void off_unless_asked_for_and_read_when_written() {
        assertThat(SpecLoader.check("g.yaml", HEAD).spec().service().exec()).isFalse();
        assertThat(SpecLoader.check("g.yaml", HEAD + "service:\n  exec: true\n").spec().service().exec()).isTrue();
    }

    @Test void not_a_boolean_is_an_error_naming_file_line_and_field() {
        SpecLoader.Result r = SpecLoader.check("g.yaml", HEAD + "service:\n  exec: please\n");
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(Diagnostic::render).anySatisfy(e -> assertThat(e).startsWith("g.yaml:6:").contains("service.exec"));
    }

    @Test void the_writer_keeps_it_and_the_schema_describes_it() throws Exception {
        var spec = SpecLoader.check("g.yaml", HEAD + "service:\n  exec: true\n").spec();
        String written = SpecWriter.write(spec);
        assertThat(written).contains("  exec: true");
        assertThat(SpecLoader.check("g.yaml", written).spec().service().exec()).isTrue();
        assertThat(SpecWriter.write(SpecLoader.check("g.yaml", HEAD).spec())).doesNotContain("exec:");
        assertThat(SpecSchema.json()).contains("\"exec\"").contains("ECS Exec");
    }
}

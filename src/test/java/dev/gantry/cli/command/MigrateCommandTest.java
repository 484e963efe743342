package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateCommandTest {
    @TempDir Path dir;
    private final Captured io = new Captured(Map.of());

    @Test
    void rewritesInPlaceKeepingTheOldFileBesideIt() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        String v1 = Files.readString(Path.of("templates/web-https.yaml"));
        Files.writeString(file, v1);
        assertThat(io.gantry("migrate", "-f", file.toString())).isZero();
        assertThat(io.out()).contains("now version 2").contains("gantry.yaml.v1");
        assertThat(Files.readString(dir.resolve("gantry.yaml.v1"))).isEqualTo(v1);
        assertThat(SpecLoader.load(file).isVersion2()).isTrue();
        assertThat(SpecLoader.load(file).services().keySet()).containsExactly("hello");
    }

    @Test
    void aVersion2FileIsRefusedWithExit2AndLeftAlone() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        String v2 = Files.readString(Path.of("templates/web-api-worker.yaml"));
        Files.writeString(file, v2);
        assertThat(io.gantry("migrate", "-f", file.toString())).isEqualTo(2);
        assertThat(io.err()).contains("already version 2").doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo(v2);
        assertThat(dir.resolve("gantry.yaml.v1")).doesNotExist();
    }

    @Test
    void anOldCopyAlreadyThereIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, Files.readString(Path.of("templates/worker.yaml")));
        Files.writeString(dir.resolve("gantry.yaml.v1"), "mine\n");
        assertThat(io.gantry("migrate", "-f", file.toString())).isEqualTo(2);
        assertThat(io.err()).contains("already there");
        assertThat(Files.readString(dir.resolve("gantry.yaml.v1"))).isEqualTo("mine\n");
        assertThat(SpecLoader.load(file).isVersion2()).isFalse();
    }

    @Test
    void initEditsAVersion2FileAndKeepsWhatItDescribes() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        String before = Files.readString(Path.of("templates/web-api-worker.yaml"));
        Files.writeString(file, before);
        assertThat(io.gantry("init", "-f", file.toString(), "--yes")).isZero();
        assertThat(SpecLoader.load(file)).isEqualTo(SpecLoader.load("gantry.yaml", before));
        // Written once in gantry's own words, it is then stable.
        String once = Files.readString(file);
        assertThat(io.gantry("init", "-f", file.toString(), "--yes")).isZero();
        assertThat(Files.readString(file)).isEqualTo(once);
    }

    @Test
    void validateDescribesEachService() {
        assertThat(io.gantry("validate", "-f", "templates/web-api-worker.yaml")).isZero();
        assertThat(io.out()).contains("shop runs 3 services").contains("api: public.ecr.aws/docker/library/httpd:2.4")
                .contains("at api.example.com, www.example.com/api/*").contains("worker: ").contains("a worker (no inbound traffic)");
    }
}

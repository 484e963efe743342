package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What is plainly not a spec is refused before parsing, in words a person understands. */
class SpecFileLimitsTest {
    @TempDir Path dir;

    @Test void a_device_is_refused_without_reading_it() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        SpecLoader.Result r = SpecLoader.check(zero);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("not a regular file"));
    }

    @Test void a_file_over_one_mebibyte_is_refused_naming_the_limit() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "version: 1\napp: \"" + "x".repeat(SpecLoader.MAX_BYTES) + "\"\n");
        SpecLoader.Result r = SpecLoader.check(big);
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("larger than 1 MiB"));
    }

    @Test void a_file_of_exactly_the_limit_is_still_read() throws Exception {
        Path edge = dir.resolve("edge.yaml");
        String head = "version: 1\napp: hello\nregion: us-east-1\ntask: {image: nginx:1.27}\n";
        Files.writeString(edge, head + "#".repeat(SpecLoader.MAX_BYTES - head.length()));
        assertThat(SpecLoader.check(edge).valid()).isTrue();
    }

    @Test void parser_limits_are_told_in_plain_words() {
        String deep = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  command: " + "[".repeat(1100) + "]".repeat(1100) + "\n";
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", deep);
        assertThat(r.errors()).extracting(Diagnostic::render)
                .noneMatch(s -> s.contains("StreamReadConstraints") || s.contains("getMaxNestingDepth") || s.contains("snakeyaml"));
    }

    @Test void plain_decimal_numbers_still_work() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml",
                "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  cpu: 512\n  port: +8080\n");
        assertThat(r.valid()).as(r.errors().toString()).isTrue();
        assertThat(r.spec().task().cpu()).isEqualTo(512);
        assertThat(r.spec().task().port()).isEqualTo(8080);
    }
}

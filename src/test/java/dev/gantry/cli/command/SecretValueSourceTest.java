package dev.gantry.cli.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class SecretValueSourceTest {
    static final InputStream NO_STDIN = InputStream.nullInputStream();

    private static String value(SecretValueSource.Result r) {
        assertThat(r.problem()).isNull();
        return new String(r.value());
    }

    @Test void a_file_wins_and_loses_its_final_newline(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("v");
        Files.writeString(f, "from-file\r\n");
        Map<String, String> env = Map.of("GANTRY_SECRET_X", "from-env");
        assertThat(value(SecretValueSource.read("X", null, f, env, NO_STDIN, null))).isEqualTo("from-file");
        assertThat(value(SecretValueSource.read("X", "@" + f, null, env, NO_STDIN, null))).isEqualTo("from-file");
    }

    @Test void dash_reads_standard_input() {
        var stdin = new ByteArrayInputStream("piped\n".getBytes(StandardCharsets.UTF_8));
        assertThat(value(SecretValueSource.read("X", null, Path.of("-"), Map.of(), stdin, null))).isEqualTo("piped");
    }

    @Test void then_the_environment_then_the_prompt() {
        assertThat(value(SecretValueSource.read("X", null, null, Map.of("GANTRY_SECRET_X", "from-env"), NO_STDIN, q -> "typed".toCharArray())))
                .isEqualTo("from-env");
        assertThat(value(SecretValueSource.read("X", null, null, Map.of(), NO_STDIN, q -> "typed".toCharArray()))).isEqualTo("typed");
    }

    @Test void the_prompt_asks_twice_and_refuses_a_mismatch() {
        var answers = new ArrayDeque<>(List.of("one", "two"));
        Function<String, char[]> prompt = q -> answers.poll().toCharArray();
        assertThat(SecretValueSource.read("X", null, null, Map.of(), NO_STDIN, prompt).problem()).contains("the two values differ");
    }

    @Test void problems(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThat(SecretValueSource.read("X", "@a", Path.of("b"), Map.of(), NO_STDIN, null).problem()).contains("not both");
        assertThat(SecretValueSource.read("X", null, empty, Map.of(), NO_STDIN, null).problem()).contains("is empty");
        assertThat(SecretValueSource.read("X", null, dir.resolve("nope"), Map.of(), NO_STDIN, null).problem()).contains("cannot read");
        assertThat(SecretValueSource.read("X", null, null, Map.of(), NO_STDIN, null).problem()).contains("no value for X");
        assertThat(SecretValueSource.read("X", "plain", null, Map.of(), NO_STDIN, null).problem()).contains("ps").doesNotContain("plain");
    }
}

package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the text, the loader answers with diagnostics, never an exception. */
class LoaderRobustnessTest {
    private static final String[] JUNK = {"", " ", ":", "- ", "[", "]", "{", "}", "\"", "'", "#", "*a", "&a ", "\t", "~", "null",
            "0", "-1", "99999999999999999999", "1.5", "true", "x", "?", "!!binary ", "|", ">", "---", "\n", "  ", "é"};

    @Test
    void mutatedTemplatesNeverThrow() throws Exception {
        Random random = new Random(42);
        int invalid = 0;
        for (Path t : SpecLoaderTest.templates()) {
            String original = Files.readString(t);
            for (int i = 0; i < 400; i++) {
                String text = mutate(original, random);
                SpecLoader.Result r = SpecLoader.check("fuzz.yaml", text);
                if (!r.valid()) {
                    invalid++;
                    assertThat(r.errors()).as(text).isNotEmpty();
                    for (Diagnostic d : r.errors()) {
                        assertThat(d.message()).as(text).isNotBlank();
                        assertThat(d.line()).as(text).isPositive();
                    }
                } else if (!r.spec().isVersion2()) { // SpecWriter writes version 1 only
                    assertThat(SpecLoader.check("again.yaml", SpecWriter.write(r.spec())).spec()).as(text).isEqualTo(r.spec());
                }
            }
        }
        assertThat(invalid).isGreaterThan(100);
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = random.nextInt(lines.size());
            String line = lines.get(i);
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(random.nextInt(lines.size())));
                case 2 -> {
                    int at = line.isEmpty() ? 0 : random.nextInt(line.length());
                    lines.set(i, line.substring(0, at) + JUNK[random.nextInt(JUNK.length)] + line.substring(at));
                }
                case 3 -> {
                    int colon = line.indexOf(": ");
                    if (colon > 0) lines.set(i, line.substring(0, colon + 2) + JUNK[random.nextInt(JUNK.length)]);
                }
                default -> lines.set(i, "  " + line);
            }
        }
        return String.join("\n", lines) + "\n";
    }
}

package dev.gantry.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The core never depends on the UI or the CLI, and the spec depends on nothing of gantry's. */
class ArchitectureTest {
    static final Path SRC = Path.of("src/main/java/dev/gantry");

    static List<String> violations(String pkgDir, List<String> forbidden) throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = SRC.resolve(pkgDir);
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.trim();
                    if (!l.startsWith("import ")) continue;
                    for (String bad : forbidden) if (l.contains(bad)) out.add(f + ": " + l);
                }
            }
        }
        return out;
    }

    static final List<String> UI = List.of("dev.gantry.ui", "dev.gantry.cli", "com.googlecode.lanterna", "org.jline", "picocli");

    @Test void core_packages_know_nothing_of_terminals_or_commands() throws IOException {
        for (String core : List.of("spec", "plan", "engine", "resources", "aws", "diagnose", "time", "wizard", "ops", "image")) {
            assertThat(violations(core, UI)).as(core).isEmpty();
        }
    }

    @Test void spec_depends_on_no_other_gantry_package() throws IOException {
        assertThat(violations("spec", List.of("dev.gantry.plan", "dev.gantry.engine", "dev.gantry.resources",
                "dev.gantry.aws", "dev.gantry.wizard", "software.amazon"))).isEmpty();
    }

    @Test void plan_is_pure() throws IOException {
        assertThat(violations("plan", List.of("dev.gantry.engine", "dev.gantry.resources", "dev.gantry.aws", "software.amazon"))).isEmpty();
    }

    @Test void the_scan_sees_the_sources() throws IOException {
        assertThat(violations("cli", List.of("picocli"))).isNotEmpty();
    }
}

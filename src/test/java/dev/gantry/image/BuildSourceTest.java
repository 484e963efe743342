package dev.gantry.image;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Build;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tag a build gets: the commit in git (dirty: the hash of what is not committed), else a hash of the context. */
class BuildSourceTest {
    @TempDir Path dir;

    Map<String, String> env() { return Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", dir.toString()); }

    void git(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        assertThat(Processes.run(argv, env(), dir).ok()).as(String.join(" ", args)).isTrue();
    }

    String head() {
        return Processes.run(List.of("git", "rev-parse", "HEAD"), env(), dir).tail().get(0).substring(0, 12);
    }

    @Test void in_git_the_commit_then_a_dirty_tag_for_uncommitted_files_and_ignored_files_change_nothing() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\n");
        Files.writeString(dir.resolve("app.py"), "print(1)\n");
        Files.writeString(dir.resolve(".dockerignore"), "gantry.yaml\n");
        Files.writeString(dir.resolve("gantry.yaml"), "version: 1\n");
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "first");
        Build build = Build.of(dir.toString(), ".");
        BuildSource clean = BuildSource.of(build, Architecture.X86_64, env());
        assertThat(clean.tag()).isEqualTo(head());
        assertThat(clean.describe()).isEqualTo("commit " + head());

        Files.writeString(dir.resolve("gantry.yaml"), "version: 1\n# edited\n");
        assertThat(BuildSource.of(build, Architecture.X86_64, env()).tag()).isEqualTo(head());

        Files.writeString(dir.resolve("app.py"), "print(2)\n");
        Files.writeString(dir.resolve("new.py"), "print(3)\n");
        BuildSource dirty = BuildSource.of(build, Architecture.X86_64, env());
        assertThat(dirty.tag()).matches(head() + "-dirty-[0-9a-f]{12}");
        assertThat(dirty.describe()).isEqualTo("commit " + head() + ", 2 files not committed");
        assertThat(BuildSource.of(build, Architecture.X86_64, env()).tag()).isEqualTo(dirty.tag());
        Files.writeString(dir.resolve("app.py"), "print(4)\n");
        assertThat(BuildSource.of(build, Architecture.X86_64, env()).tag()).isNotEqualTo(dirty.tag());

        // Another platform is another image: the same commit gets its own tag.
        assertThat(BuildSource.of(build, Architecture.ARM64, env()).tag()).isNotEqualTo(BuildSource.of(build, Architecture.X86_64, env()).tag());
    }

    @Test void outside_git_a_hash_of_the_files_the_builder_is_sent() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\n");
        Files.writeString(dir.resolve("app.py"), "print(1)\n");
        Files.createDirectories(dir.resolve("node_modules"));
        Files.writeString(dir.resolve("node_modules").resolve("x.js"), "1\n");
        Files.writeString(dir.resolve(".dockerignore"), "node_modules\n");
        Build build = Build.of(dir.toString(), ".");
        BuildSource a = BuildSource.of(build, Architecture.X86_64, Map.of("PATH", "/nonexistent"));
        assertThat(a.tag()).matches("ctx-[0-9a-f]{16}");
        Files.writeString(dir.resolve("node_modules").resolve("x.js"), "2\n");
        assertThat(BuildSource.of(build, Architecture.X86_64, Map.of("PATH", "/nonexistent")).tag()).isEqualTo(a.tag());
        Files.writeString(dir.resolve("app.py"), "print(2)\n");
        assertThat(BuildSource.of(build, Architecture.X86_64, Map.of("PATH", "/nonexistent")).tag()).isNotEqualTo(a.tag());
    }

    @Test void a_builders_step_lines_are_recognised() {
        assertThat(ImageBuild.step("#7 [2/5] RUN npm ci")).isEqualTo("[2/5] RUN npm ci");
        assertThat(ImageBuild.step("STEP 2/5: RUN npm ci")).isEqualTo("STEP 2/5: RUN npm ci");
        assertThat(ImageBuild.step("#7 0.512 added 12 packages")).isNull();
    }
}

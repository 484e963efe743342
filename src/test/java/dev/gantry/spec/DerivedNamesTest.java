package dev.gantry.spec;

import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every name gantry derives fits AWS's limit, and shortening never makes two apps' names the same. */
class DerivedNamesTest {

    @Test void long_apps_with_a_common_prefix_get_different_target_groups_within_32_characters() {
        String one = DerivedNames.targetGroup("abcdefghijklmnopqrstuvwx-one", 8080);
        String two = DerivedNames.targetGroup("abcdefghijklmnopqrstuvwx-two", 8080);
        assertThat(one).isNotEqualTo(two).hasSizeLessThanOrEqualTo(32).endsWith("-tg-8080").startsWith("abcdefghijklmnopq");
        assertThat(two).hasSizeLessThanOrEqualTo(32).matches("[a-z0-9-]+").doesNotStartWith("-");
        // The same app always gets the same name (it is found again by tags, but also claimed by name).
        assertThat(DerivedNames.targetGroup("abcdefghijklmnopqrstuvwx-one", 8080)).isEqualTo(one);
        assertThat(DerivedNames.targetGroup("abcdefghijklmnopqrstuvwx-one", 65535)).hasSizeLessThanOrEqualTo(32);
    }

    @Test void a_name_that_fits_is_the_plain_one_it_always_was() {
        assertThat(DerivedNames.targetGroup("hello", 80)).isEqualTo("hello-tg-80");
        assertThat(DerivedNames.targetGroup("abcdefghijklmnopqrstuvwx", 8080)).isEqualTo("abcdefghijklmnopqrstuvwx-tg-8080");
        assertThat(DerivedNames.targetGroupShortened("abcdefghijklmnopqrstuvwx", 8080)).isFalse();
        assertThat(DerivedNames.loadBalancer("abcdefghijklmnopqrstuvwxyz12")).isEqualTo("abcdefghijklmnopqrstuvwxyz12-alb");
    }

    @Test void every_derived_name_of_the_longest_app_fits_its_limit_and_validate_says_when_one_is_shortened() throws Exception {
        Path file = Files.createTempDirectory("names").resolve("gantry.yaml");
        Files.writeString(file, """
                version: 1
                app: abcdefghijklmnopqrstuvwx-one
                region: us-east-1
                task: {image: nginx:1.27, port: 8080}
                loadBalancer: {}
                """);
        Spec spec = SpecLoader.load(file);
        assertThat(DerivedNames.all(spec)).hasSizeGreaterThan(8).allSatisfy(n -> assertThat(n.fits()).as(n.toString()).isTrue());
        assertThat(SpecLoader.check(file).diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.render()).contains("app: the target group is named " + DerivedNames.targetGroup(spec.app(), 8080)).contains("32 characters");
        });
    }
}

package dev.gantry.resources.compute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The gantry jar in two pieces: the EC2 SDK as a layer's java/lib jar, the rest without the terminal libraries. */
class GuardPackageTest {
    @TempDir Path dir;

    private Path jar(String... names) throws Exception {
        Path jar = dir.resolve("gantry.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(("content of " + n).getBytes());
                z.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> names(byte[] zip) throws Exception {
        List<String> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) out.add(e.getName());
        }
        return out;
    }

    @Test void the_ec2_sdk_goes_to_the_layer_and_the_terminal_libraries_nowhere() throws Exception {
        GuardPackage p = GuardPackage.of(jar("META-INF/MANIFEST.MF", "dev/gantry/guard/GuardHandler.class",
                "software/amazon/awssdk/services/ec2/Ec2Client.class", "software/amazon/awssdk/services/ecs/EcsClient.class",
                "com/googlecode/lanterna/Screen.class", "org/jline/Terminal.class", "picocli/CommandLine.class", "META-INF/X.SF"));
        assertThat(names(p.functionZip())).containsExactly("META-INF/MANIFEST.MF", "dev/gantry/guard/GuardHandler.class",
                "software/amazon/awssdk/services/ecs/EcsClient.class");
        byte[] layer = p.layerZip();
        assertThat(names(layer)).containsExactly(GuardPackage.LAYER_JAR);
        try (ZipInputStream outer = new ZipInputStream(new ByteArrayInputStream(layer))) {
            outer.getNextEntry();
            byte[] inner = outer.readAllBytes();
            assertThat(names(inner)).containsExactly("software/amazon/awssdk/services/ec2/Ec2Client.class");
        }
    }

    @Test void the_digest_is_the_jars_and_changes_with_it() throws Exception {
        String one = GuardPackage.of(jar("a.class")).digest();
        assertThat(one).matches("[0-9a-f]{64}").isEqualTo(GuardPackage.of(dir.resolve("gantry.jar")).digest());
        assertThat(GuardPackage.of(jar("a.class", "b.class")).digest()).isNotEqualTo(one);
    }

    @Test void from_a_classes_directory_the_package_holds_the_guard_classes_and_says_what_it_is() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("dev/gantry/guard"));
        Files.writeString(classes.resolve("dev/gantry/guard/Reconciler.class"), "x");
        GuardPackage p = GuardPackage.of(classes);
        assertThat(p.digest()).startsWith("classes-");
        assertThat(names(p.functionZip())).containsExactly("dev/gantry/guard/Reconciler.class", "GANTRY-PACKAGE.txt");
        assertThat(p.layerZip()).isNull();
    }
}

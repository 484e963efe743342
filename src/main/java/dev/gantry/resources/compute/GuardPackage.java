package dev.gantry.resources.compute;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The code of the guard's Lambda function: the running gantry jar, in two pieces. The jar (about
 * 70 MB) is over Lambda's 50 MB limit for a .zip uploaded directly
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), and the other way, an
 * upload through Amazon S3, would need a bucket of the app's and an S3 client gantry does not have.
 * Split, each piece fits: the EC2 SDK (a third of the jar) goes into a layer
 * ({@code java/lib/gantry-sdk-ec2.jar}, which the Java runtimes put on the class path), the rest into
 * the function's .zip, without the terminal libraries (lanterna, jline, picocli) the guard never loads.
 * Both together stay far under the 250 MB unzipped limit.
 *
 * <p>{@link #digest} is the SHA-256 of the jar: what the function's {@code code} prop compares,
 * so an apply by the same gantry uploads nothing. Run from a classes directory (a developer's
 * build, the tests), the package is gantry's guard classes alone, for the simulated Lambda, which
 * never runs the package (its Invoke runs the reconciler in-process).
 */
final class GuardPackage {
    static final String LAYER_JAR = "java/lib/gantry-sdk-ec2.jar";
    private static final String LAYER_PREFIX = "software/amazon/awssdk/services/ec2/";
    private static final List<String> LEFT_OUT = List.of("com/googlecode/lanterna/", "org/jline/", "picocli/");

    private static volatile GuardPackage current;

    private final Path jar;
    private final Path classes;
    private final String digest;

    private GuardPackage(Path jar, Path classes, String digest) {
        this.jar = jar;
        this.classes = classes;
        this.digest = digest;
    }

    /** Where gantry runs from, measured once per process. */
    static GuardPackage current() {
        GuardPackage p = current;
        if (p == null) {
            synchronized (GuardPackage.class) {
                if (current == null) current = of(location());
                p = current;
            }
        }
        return p;
    }

    private static Path location() {
        try {
            return Path.of(GuardPackage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where gantry's classes are, so the guard has no code to upload", e);
        }
    }

    static GuardPackage of(Path where) {
        try {
            if (Files.isRegularFile(where)) return new GuardPackage(where, null, sha256(Files.newInputStream(where)));
            Path guard = where.resolve("dev/gantry/guard");
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : guardClasses(where)) {
                md.update(guard.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return new GuardPackage(null, where, "classes-" + HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gantry's own code at " + where, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> guardClasses(Path classes) throws IOException {
        Path guard = classes.resolve("dev/gantry/guard");
        if (!Files.isDirectory(guard)) return List.of();
        try (Stream<Path> s = Files.walk(guard)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String digest() { return digest; }

    /** The function's .zip: the jar without the layer's part and the terminal libraries. */
    byte[] functionZip() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                if (jar != null) {
                    try (ZipFile in = new ZipFile(jar.toFile())) {
                        for (ZipEntry e : java.util.Collections.list(in.entries())) {
                            String n = e.getName();
                            if (n.startsWith(LAYER_PREFIX) || LEFT_OUT.stream().anyMatch(n::startsWith) || signature(n)) continue;
                            copy(in, e, z);
                        }
                    }
                } else {
                    for (Path f : guardClasses(classes)) {
                        z.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                        z.write(Files.readAllBytes(f));
                        z.closeEntry();
                    }
                    z.putNextEntry(new ZipEntry("GANTRY-PACKAGE.txt"));
                    z.write("gantry's guard classes from a classes directory, without their libraries: runs only in the simulated AWS\n".getBytes());
                    z.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the guard's code", e);
        }
    }

    /** The layer's .zip (the EC2 SDK as one jar), or null when the package has no such part. */
    byte[] layerZip() {
        if (jar == null) return null;
        try {
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(inner); ZipFile in = new ZipFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(in.entries())) if (e.getName().startsWith(LAYER_PREFIX)) copy(in, e, z);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry(LAYER_JAR));
                inner.writeTo(z);
                z.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the guard's layer", e);
        }
    }

    private static boolean signature(String name) {
        return name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA"));
    }

    private static void copy(ZipFile in, ZipEntry e, ZipOutputStream z) throws IOException {
        z.putNextEntry(new ZipEntry(e.getName()));
        if (!e.isDirectory()) {
            try (InputStream s = in.getInputStream(e)) {
                s.transferTo(z);
            }
        }
        z.closeEntry();
    }
}

package dev.gantry.aws.sim;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: gantry's home is 0700 and every file it writes there 0600,
 * also when an older gantry (or a umask) left them wider. Where the file system has no POSIX
 * permissions (Windows), the platform's defaults stand.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code dir} and its missing parents up to and including {@code home}, all owner-only. */
    public static void directory(Path home, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path p = dir; p != null; p = p.getParent()) {
            restrict(p, DIR);
            if (p.equals(home)) break;
        }
    }

    /** Writes {@code file} whole through a private temporary file, then moves it into place. */
    public static void write(Path file, Writer writer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        writer.write(tmp);
        restrict(tmp, FILE);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        restrict(file, FILE);
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        if (posix() && Files.exists(p)) Files.setPosixFilePermissions(p, perms);
    }

    private static boolean posix() { return FileSystems.getDefault().supportedFileAttributeViews().contains("posix"); }

    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Writer { void write(Path tmp) throws IOException; }
}

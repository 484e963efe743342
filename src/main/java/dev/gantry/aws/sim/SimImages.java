package dev.gantry.aws.sim;

import dev.gantry.image.ImageName;
import dev.gantry.image.Platform;
import dev.gantry.image.RegistryAnswer;
import dev.gantry.image.RegistryClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The public registries of the simulated world (Docker Hub, public.ecr.aws, ghcr.io, …), which a
 * rehearsal must not contact. Images are real references, so what a registry would answer is read
 * from the name (documented in docs/compute.md): a repository or tag containing
 * {@code does-not-exist} or {@code missing} is not there; a repository containing {@code private}
 * needs a login; a tag containing {@code arm64-only} (or {@code amd64-only}) has that one platform;
 * every other image exists for linux/amd64 and linux/arm64, with a digest derived from its name.
 * Registries on this machine (localhost, 127.0.0.1) are real and asked over HTTP.
 */
public final class SimImages implements RegistryClient {
    private final RegistryClient local;

    /** {@code local}: what answers for a registry on this machine (a test's own registry). */
    public SimImages(RegistryClient local) { this.local = local; }

    @Override public RegistryAnswer look(ImageName image, Credentials credentials) {
        if (image.local()) return local.look(image, credentials);
        return answer(image, credentials != null);
    }

    /** What the simulated registry answers for an image, given whether a login comes with the question. */
    static RegistryAnswer answer(ImageName image, boolean withLogin) {
        String repo = image.repository().toLowerCase();
        String ref = image.reference().toLowerCase();
        if (repo.contains("private") && !withLogin) {
            return new RegistryAnswer.Unauthorized("UNAUTHORIZED", false);
        }
        if (repo.contains("does-not-exist") || repo.contains("missing")) return new RegistryAnswer.NoSuchRepository(image.display());
        if (ref.contains("does-not-exist") || ref.contains("missing")) return new RegistryAnswer.NoSuchTag(List.of("latest", "1.0", "1.1"));
        return new RegistryAnswer.Found(image.digest() != null ? image.digest() : digest(image), platforms(image));
    }

    static List<Platform> platforms(ImageName image) {
        String tag = image.tag() == null ? "" : image.tag().toLowerCase();
        if (tag.contains("arm64-only")) return List.of(new Platform("linux", "arm64", "v8"));
        if (tag.contains("amd64-only")) return List.of(new Platform("linux", "amd64", null));
        return List.of(new Platform("linux", "amd64", null), new Platform("linux", "arm64", "v8"));
    }

    /** What a tag resolves to in the simulated world: stable for a name, different for every name. */
    static String digest(ImageName image) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(image.display().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

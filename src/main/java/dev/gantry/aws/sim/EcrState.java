package dev.gantry.aws.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated ECR registry of the account: repositories and their images, each image a manifest
 * (a single-platform manifest, or an index listing one manifest per platform) addressed by the
 * sha256 of its bytes, with the tags that point at it. Tags are mutable, as ECR's default is, unless
 * the repository says IMMUTABLE.
 */
public final class EcrState {
    public static final class ImageRec {
        public String digest;
        public String manifest;
        public String mediaType;
        public List<String> tags = new ArrayList<>();
        public long pushedAt;
    }

    public static final class RepoRec {
        public String name;
        public String arn;
        public long createdAt;
        public Map<String, String> tags = new LinkedHashMap<>();
        public Map<String, ImageRec> images = new LinkedHashMap<>();
        /** MUTABLE (ECR's default) or IMMUTABLE: then a tag, once pushed, never moves. */
        public String tagMutability = "MUTABLE";
        public boolean scanOnPush;
        /** The lifecycle policy's text as put, or null. */
        public String lifecyclePolicy;

        public ImageRec byTag(String tag) {
            return images.values().stream().filter(i -> i.tags.contains(tag)).findFirst().orElse(null);
        }
    }

    public Map<String, RepoRec> repositories = new TreeMap<>();

    public static String registry(String account, String region) { return account + ".dkr.ecr." + region + ".amazonaws.com"; }

    public static String repositoryArn(String account, String region, String name) {
        return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
    }

    /** The image a tag or digest names in a repository of this account, or null. */
    public ImageRec image(String repository, String tagOrDigest) {
        RepoRec r = repositories.get(repository);
        if (r == null) return null;
        return tagOrDigest.startsWith("sha256:") ? r.images.get(tagOrDigest) : r.byTag(tagOrDigest);
    }

    static String digest(String manifest) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

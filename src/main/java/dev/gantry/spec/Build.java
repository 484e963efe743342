package dev.gantry.spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code task.build}: the image comes from a Dockerfile on this machine instead of a registry.
 * {@code context} and {@code dockerfile} are as written in gantry.yaml, relative to its folder
 * ({@code root}, absolute); {@code dockerfile} null means {@code CONTEXT/Dockerfile}.
 * {@code keepImages}: how many images the repository's lifecycle policy keeps. {@code tag}: the
 * image tag this run builds and looks for, worked out from the context before planning (null as
 * loaded: the spec alone does not say it).
 */
public record Build(String root, String context, String dockerfile, String target, Map<String, String> args, int keepImages, String tag) {
    public static final int DEFAULT_KEEP_IMAGES = 30;

    public Build {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(args));
        keepImages = keepImages <= 0 ? DEFAULT_KEEP_IMAGES : keepImages;
    }

    public Build(String root, String context, String dockerfile, String target, Map<String, String> args, int keepImages) {
        this(root, context, dockerfile, target, args, keepImages, null);
    }

    public static Build of(String root, String context) { return new Build(root, context, null, null, Map.of(), DEFAULT_KEEP_IMAGES); }

    public Build withTag(String t) { return new Build(root, context, dockerfile, target, args, keepImages, t); }

    /**
     * Whether {@code other} makes the same image: the same context, Dockerfile, target and build
     * arguments (the tag and how many images the repository keeps aside). Two services of an app
     * that build the same (with the same architecture) share one build and one image.
     */
    public boolean sameImageAs(Build other) {
        return other != null && contextPath().equals(other.contextPath()) && dockerfilePath().equals(other.dockerfilePath())
                && java.util.Objects.equals(target, other.target) && args.equals(other.args);
    }

    /** The folder sent to the builder. */
    public Path contextPath() { return Path.of(root).resolve(context).normalize(); }

    public Path dockerfilePath() {
        return dockerfile == null ? contextPath().resolve("Dockerfile") : Path.of(root).resolve(dockerfile).normalize();
    }

    /** How a person names the Dockerfile: as gantry.yaml's folder sees it ("./Dockerfile", "./api/Dockerfile"). */
    public String dockerfileShown() {
        Path rel = Path.of(root).relativize(dockerfilePath());
        String s = rel.toString().replace('\\', '/');
        return s.startsWith("..") ? dockerfilePath().toString() : "./" + s;
    }
}

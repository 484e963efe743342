package dev.gantry.image;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Build;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One build of {@code task.build}: the builder builds for {@code linux/<task.architecture>} and tags
 * the image REPOSITORY:TAG, then the image goes to ECR and its digest comes back, the one the task
 * definition names. Against AWS the builder logs in with a {@code GetAuthorizationToken} password
 * on its stdin (into a folder deleted right after the push) and pushes. On the simulated AWS the
 * build is just as real, and the push is a {@code PutImage} of a manifest naming the built image
 * (its id and platform) into the simulated ECR: nothing leaves the machine.
 */
public final class ImageBuild {
    /** What a build reports while it runs: for the live view's Build pane and the JSON events. */
    public interface Progress {
        void started(String what);
        void step(String step);
        void line(String line);
        void ended(boolean ok, String summary);

        Progress NONE = new Progress() {
            @Override public void started(String what) {}
            @Override public void step(String step) {}
            @Override public void line(String line) {}
            @Override public void ended(boolean ok, String summary) {}
        };
    }

    public enum Push { REGISTRY, SIMULATED }

    /** What was pushed: the digest, and the reference a task definition uses (REPOSITORY@DIGEST). */
    public record Pushed(String digest, String reference) {}

    private final Builder builder;
    private final Map<String, String> env;
    private final Push push;

    public ImageBuild(Builder builder, Map<String, String> env, Push push) {
        this.builder = builder;
        this.env = Map.copyOf(env);
        this.push = push;
    }

    public Builder builder() { return builder; }

    /** How many of the context's files differ from {@code commit}; empty when git cannot say. */
    public java.util.OptionalInt filesChangedSince(Build build, String commit) { return BuildSource.filesChangedSince(build, commit, env); }

    /** What this build would be made from now, and so its tag. */
    public BuildSource source(Build build, Architecture arch) { return BuildSource.of(build, arch, env); }
    public Push push() { return push; }

    /**
     * What stops a build before it starts, asked before anything in AWS changes: the builder's
     * daemon must answer, and it must be able to build for the task's platform.
     */
    public List<String> machineProblems(Architecture arch) {
        Processes.Ran info = Processes.run(builder.daemonCheck(), env, null);
        if (!info.ok()) {
            BuildFailure f = classify(info, "checking the " + builder.name() + " daemon", arch);
            return List.of(f.getMessage() + "\n  fix: " + f.fix());
        }
        Optional<List<String>> platforms = builder.platformsCheck();
        if (platforms.isPresent()) {
            Processes.Ran ran = Processes.run(platforms.get(), env, null);
            String listed = ran.tail().stream().filter(l -> l.trim().startsWith("Platforms:")).findFirst().orElse(null);
            if (ran.ok() && listed != null && !listed.contains("linux/" + arch.platform())) {
                BuildFailure f = emulation(arch);
                return List.of(f.getMessage() + " (" + builder.name() + " builds " + listed.trim().substring("Platforms:".length()).trim() + ")\n  fix: " + f.fix());
            }
        }
        return List.of();
    }

    public Pushed buildAndPush(EcrClient ecr, String repositoryUri, Build build, Architecture arch, String tag, Progress progress) {
        String reference = repositoryUri + ":" + tag;
        progress.started("building " + build.dockerfileShown() + " for linux/" + arch.platform() + " with " + builder.name() + " as " + reference);
        Processes.Ran built = Processes.run(builder.build(build, arch, reference), env, build.contextPath(), null, line -> {
            String step = step(line);
            if (step != null) progress.step(step);
            progress.line(line);
        });
        if (!built.ok()) {
            BuildFailure f = classify(built, "building " + build.dockerfileShown(), arch);
            progress.ended(false, f.getMessage());
            throw f;
        }
        try {
            Pushed pushed = push == Push.REGISTRY ? viaRegistry(ecr, repositoryUri, reference, tag, progress)
                    : simulated(ecr, repositoryUri, reference, tag, arch, progress);
            progress.ended(true, "pushed " + reference + " (" + pushed.digest() + ")");
            return pushed;
        } catch (BuildFailure f) {
            progress.ended(false, f.getMessage());
            throw f;
        }
    }

    private Pushed viaRegistry(EcrClient ecr, String repositoryUri, String reference, String tag, Progress progress) {
        progress.step("logging in to " + host(repositoryUri));
        AuthorizationData auth = ecr.getAuthorizationToken(b -> {}).authorizationData().get(0);
        byte[] decoded = Base64.getDecoder().decode(auth.authorizationToken());
        int colon = indexOf(decoded, (byte) ':');
        byte[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        Arrays.fill(decoded, (byte) 0);
        Path config = null;
        try {
            config = Files.createTempDirectory("gantry-login-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Processes.Ran login = Processes.run(builder.login(host(repositoryUri), config), builder.loginEnv(env, config), null, password, progress::line);
            Arrays.fill(password, (byte) 0);
            if (!login.ok()) throw classifyPush(login, repositoryUri);
            progress.step("pushing " + reference);
            Processes.Ran pushed = Processes.run(builder.push(reference, config), builder.loginEnv(env, config), null, null, progress::line);
            if (!pushed.ok()) throw classifyPush(pushed, repositoryUri);
        } catch (IOException e) {
            throw new BuildFailure(BuildFailure.Kind.DISK_FULL, "gantry could not make a private folder for the registry login: " + e.getMessage(),
                    "check that the temporary folder (" + System.getProperty("java.io.tmpdir") + ") is writable and not full");
        } finally {
            Arrays.fill(password, (byte) 0);
            deleteAll(config);
        }
        String name = repositoryUri.substring(repositoryUri.indexOf('/') + 1);
        String digest = ecr.describeImages(b -> b.repositoryName(name).imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                .imageDetails().get(0).imageDigest();
        return new Pushed(digest, repositoryUri + "@" + digest);
    }

    /** The simulated ECR's push: the built image's id and platform in a manifest, put with the tag. */
    private Pushed simulated(EcrClient ecr, String repositoryUri, String reference, String tag, Architecture arch, Progress progress) {
        progress.step("pushing " + reference + " to the simulated ECR");
        Processes.Ran inspected = Processes.run(builder.inspect(reference), env, null);
        String last = inspected.tail().isEmpty() ? "" : inspected.tail().get(inspected.tail().size() - 1).trim();
        String[] parts = last.split(" ");
        if (!inspected.ok() || parts.length != 2 || !parts[0].startsWith("sha256:")) {
            throw new BuildFailure(BuildFailure.Kind.BUILD, builder.name() + " built " + reference + " but cannot show it (" + firstLine(inspected) + ")",
                    "run '" + builder.name() + " image inspect " + reference + "' to see why");
        }
        if (!parts[1].equals("linux/" + arch.platform())) {
            throw new BuildFailure(BuildFailure.Kind.EMULATION, builder.name() + " built " + reference + " for " + parts[1] + ", not linux/" + arch.platform()
                    + " as asked: Fargate would refuse to start it (exec format error)", emulation(arch).fix());
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + parts[0] + "\",\"size\":0},\"layers\":[],"
                + "\"annotations\":{\"dev.gantry.platform\":\"" + parts[1] + "\"}}";
        String name = repositoryUri.substring(repositoryUri.indexOf('/') + 1);
        String digest = ecr.putImage(b -> b.repositoryName(name).imageTag(tag).imageManifest(manifest)
                .imageManifestMediaType("application/vnd.oci.image.manifest.v1+json")).image().imageId().imageDigest();
        return new Pushed(digest, repositoryUri + "@" + digest);
    }

    private static String host(String repositoryUri) { return repositoryUri.substring(0, repositoryUri.indexOf('/')); }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) if (b[i] == c) return i;
        return -1;
    }

    private static void deleteAll(Path dir) {
        if (dir == null) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort; the folder is readable by this user only
        }
    }

    private static final Pattern BUILDKIT_STEP = Pattern.compile("^#\\d+ (\\[[^\\]]*\\d+/\\d+\\] .*)$");
    private static final Pattern PODMAN_STEP = Pattern.compile("^(STEP \\d+/\\d+: .*)$");

    /** The step a builder's line starts, if any: buildkit's "#7 [2/5] RUN npm ci", podman's "STEP 2/5: RUN npm ci". */
    static String step(String line) {
        Matcher m = BUILDKIT_STEP.matcher(line);
        if (m.matches()) return m.group(1);
        m = PODMAN_STEP.matcher(line);
        return m.matches() ? m.group(1) : null;
    }

    private BuildFailure emulation(Architecture arch) {
        String other = arch == Architecture.ARM64 ? "x86_64" : "arm64";
        return new BuildFailure(BuildFailure.Kind.EMULATION, "this machine cannot build for linux/" + arch.platform() + " without emulation",
                "install QEMU emulation (Docker: docker run --privileged --rm tonistiigi/binfmt --install " + arch.platform()
                        + "; Debian/Ubuntu: sudo apt-get install qemu-user-static binfmt-support; Docker Desktop has it built in), or set task.architecture: "
                        + other + " if that is what this machine builds");
    }

    private BuildFailure classify(Processes.Ran ran, String doing, Architecture arch) {
        String all = ran.text().toLowerCase(Locale.ROOT);
        if (ran.startError() != null) {
            return new BuildFailure(BuildFailure.Kind.NO_BUILDER, builder.name() + " could not be started (" + ran.startError() + ")", Builder.install());
        }
        if (all.contains("cannot connect to the docker daemon") || all.contains("is the docker daemon running")
                || all.contains("cannot connect to podman") || all.contains("unable to connect to podman") || all.contains("error during connect")
                || all.contains("vm is not running") || all.contains("finch vm")) {
            return new BuildFailure(BuildFailure.Kind.DAEMON, builder.name() + " is installed but its daemon is not running (" + doing + ": " + firstLine(ran) + ")",
                    switch (builder.kind()) {
                        case DOCKER -> "start Docker (Docker Desktop, or: sudo systemctl start docker) and run gantry again";
                        case PODMAN -> "start it: podman machine start (macOS/Windows), or systemctl --user start podman.socket";
                        case FINCH -> "start it: finch vm start";
                    });
        }
        if (all.contains("no space left on device")) {
            return new BuildFailure(BuildFailure.Kind.DISK_FULL, "the disk is full (" + doing + ": no space left on device)",
                    "free space: " + builder.name() + " system prune removes unused images and build cache");
        }
        if (all.contains("exec format error") || all.contains("no match for platform") || all.contains("multiple platforms feature is currently not supported")) {
            return emulation(arch);
        }
        String failing = ran.tail().stream().map(ImageBuild::step).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
        String error = ran.tail().stream().filter(l -> l.toLowerCase(Locale.ROOT).contains("error")).reduce((a, b) -> b).orElse(firstLine(ran));
        return new BuildFailure(BuildFailure.Kind.BUILD, doing + " failed" + (failing == null ? "" : " at " + failing) + ": " + error.trim(),
                "fix the Dockerfile or the code it builds; '" + builder.name() + " build' in " + "the context folder shows the same error");
    }

    private BuildFailure classifyPush(Processes.Ran ran, String repositoryUri) {
        String all = ran.text().toLowerCase(Locale.ROOT);
        if (all.contains("denied") || all.contains("unauthorized") || all.contains("403") || all.contains("not authorized")) {
            return new BuildFailure(BuildFailure.Kind.PUSH_DENIED, "ECR refused the push to " + repositoryUri + " (" + firstLine(ran) + ")",
                    "your AWS identity needs ecr:GetAuthorizationToken, and ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, "
                            + "ecr:CompleteLayerUpload and ecr:PutImage on the repository");
        }
        if (all.contains("no space left on device")) {
            return new BuildFailure(BuildFailure.Kind.DISK_FULL, "the disk is full (pushing: no space left on device)",
                    "free space: " + builder.name() + " system prune removes unused images and build cache");
        }
        BuildFailure daemon = classify(ran, "pushing", Architecture.X86_64);
        if (daemon.kind() == BuildFailure.Kind.DAEMON) return daemon;
        return new BuildFailure(BuildFailure.Kind.BUILD, "pushing to " + repositoryUri + " failed: " + firstLine(ran),
                "run gantry apply again; if it keeps failing, try '" + builder.name() + " push' by hand");
    }

    private static String firstLine(Processes.Ran ran) {
        if (ran.startError() != null) return ran.startError();
        return ran.tail().stream().map(String::trim).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("no output, exit code " + ran.exit());
    }

    static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}

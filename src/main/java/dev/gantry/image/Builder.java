package dev.gantry.image;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container builder on this machine: {@code docker} with buildx, {@code podman} or
 * {@code finch}, the first found on PATH, or the one {@code GANTRY_BUILDER} names (a name or a
 * path). Each speaks docker's commands with its own spelling for where a login is kept, which
 * gantry points at a folder of its own that it deletes after the push.
 */
public record Builder(Kind kind, Path executable) {
    public enum Kind {
        DOCKER("docker"), PODMAN("podman"), FINCH("finch");
        final String command;
        Kind(String command) { this.command = command; }
        public String command() { return command; }
    }

    public static final String CHOICE = "GANTRY_BUILDER";

    /** The builder to use, or why there is none (exit 2, before any AWS call). */
    public static Builder find(Map<String, String> env) {
        String chosen = env.get(CHOICE);
        if (chosen != null && !chosen.isBlank()) {
            String name = Path.of(chosen).getFileName().toString();
            Kind kind = name.contains("podman") ? Kind.PODMAN : name.contains("finch") ? Kind.FINCH : name.contains("docker") ? Kind.DOCKER : null;
            if (kind == null) {
                throw new BuildFailure(BuildFailure.Kind.NO_BUILDER, CHOICE + "=" + chosen + " is not a builder gantry knows",
                        "set " + CHOICE + " to docker, podman or finch (or the path of one)");
            }
            Path exe = Processes.onPath(chosen, env).orElseThrow(() -> new BuildFailure(BuildFailure.Kind.NO_BUILDER,
                    CHOICE + "=" + chosen + " but no such program is on PATH", install()));
            Builder b = new Builder(kind, exe);
            if (kind == Kind.DOCKER && !b.hasBuildx(env)) {
                throw new BuildFailure(BuildFailure.Kind.NO_BUILDER, "docker is on PATH but its buildx plugin is not (gantry builds with 'docker buildx build --platform')",
                        "install the buildx plugin (Debian/Ubuntu: sudo apt-get install docker-buildx-plugin; it comes with Docker Desktop)");
            }
            return b;
        }
        boolean dockerWithoutBuildx = false;
        for (Kind k : Kind.values()) {
            Optional<Path> exe = Processes.onPath(k.command, env);
            if (exe.isEmpty()) continue;
            Builder b = new Builder(k, exe.get());
            if (k == Kind.DOCKER && !b.hasBuildx(env)) {
                dockerWithoutBuildx = true;
                continue;
            }
            return b;
        }
        throw new BuildFailure(BuildFailure.Kind.NO_BUILDER, dockerWithoutBuildx
                ? "docker is on PATH but its buildx plugin is not, and neither podman nor finch is: task.build needs a builder"
                : "task.build needs a container builder, and none is on PATH (looked for docker, podman and finch)",
                (dockerWithoutBuildx ? "install the buildx plugin (Debian/Ubuntu: sudo apt-get install docker-buildx-plugin), or " : "") + install()
                        + "; or build elsewhere and deploy it with 'gantry apply --image REF'");
    }

    /** How to get a builder on this operating system. */
    static String install() {
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("mac")) return "install one: brew install --cask docker (Docker Desktop), brew install podman, or brew install --cask finch";
        if (os.contains("win")) return "install Docker Desktop (winget install Docker.DockerDesktop) or Podman Desktop";
        return "install one: Debian/Ubuntu: sudo apt-get install docker.io docker-buildx-plugin (or podman); Fedora: sudo dnf install podman";
    }

    private boolean hasBuildx(Map<String, String> env) {
        return Processes.run(List.of(executable.toString(), "buildx", "version"), env, null).ok();
    }

    public String name() { return kind.command; }

    List<String> daemonCheck() {
        return switch (kind) {
            case DOCKER -> List.of(exe(), "info", "--format", "{{.ServerVersion}}");
            case PODMAN -> List.of(exe(), "info", "--format", "{{.Host.Arch}}");
            case FINCH -> List.of(exe(), "info");
        };
    }

    /** Docker says which platforms its builder can build; the others are asked by building. */
    Optional<List<String>> platformsCheck() {
        return kind == Kind.DOCKER ? Optional.of(List.of(exe(), "buildx", "inspect")) : Optional.empty();
    }

    List<String> build(Build build, Architecture arch, String reference) {
        List<String> a = new ArrayList<>();
        a.add(exe());
        if (kind == Kind.DOCKER) a.addAll(List.of("buildx", "build", "--load", "--progress", "plain"));
        else a.add("build");
        a.addAll(List.of("--platform", "linux/" + arch.platform(), "-f", build.dockerfilePath().toString(), "-t", reference));
        if (build.target() != null) a.addAll(List.of("--target", build.target()));
        build.args().forEach((k, v) -> a.addAll(List.of("--build-arg", k + "=" + v)));
        a.add(build.contextPath().toString());
        return a;
    }

    /** Logs in with the password on stdin, into {@code config}: a folder gantry deletes after the push. */
    List<String> login(String host, Path config) {
        return switch (kind) {
            case DOCKER -> List.of(exe(), "--config", config.toString(), "login", "--username", "AWS", "--password-stdin", host);
            case PODMAN -> List.of(exe(), "login", "--authfile", config.resolve("auth.json").toString(), "--username", "AWS", "--password-stdin", host);
            case FINCH -> List.of(exe(), "login", "--username", "AWS", "--password-stdin", host);
        };
    }

    List<String> push(String reference, Path config) {
        return switch (kind) {
            case DOCKER -> List.of(exe(), "--config", config.toString(), "push", reference);
            case PODMAN -> List.of(exe(), "push", "--authfile", config.resolve("auth.json").toString(), reference);
            case FINCH -> List.of(exe(), "push", reference);
        };
    }

    /** Where finch keeps a login (it has no flag for it): the same throw-away folder. */
    Map<String, String> loginEnv(Map<String, String> env, Path config) {
        if (kind != Kind.FINCH) return env;
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("DOCKER_CONFIG", config.toString());
        return e;
    }

    List<String> inspect(String reference) {
        return List.of(exe(), "image", "inspect", "--format", "{{.Id}} {{.Os}}/{{.Architecture}}", reference);
    }

    private String exe() { return executable.toString(); }
}

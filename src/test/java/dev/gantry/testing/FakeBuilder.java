package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stand-in for docker that a test writes into a folder of its own and puts first on PATH: it
 * records each call's argv, environment and stdin, answers docker's commands the way docker
 * does, "builds" by hashing the context (a Dockerfile with a line {@code RUN false} fails as
 * buildkit reports it), and "pushes" by writing the pushed image's manifest into {@link #pushed()},
 * where a test's registry picks it up. Switches are files in {@link #dir()}: {@code daemon-down},
 * {@code disk-full}, {@code push-denied}, {@code platforms} (what buildx inspect lists).
 */
public final class FakeBuilder {
    private final Path dir;

    public FakeBuilder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("calls"));
            Files.createDirectories(dir.resolve("images"));
            Files.createDirectories(dir.resolve("pushed"));
            Path docker = dir.resolve("bin").resolve("docker");
            Files.writeString(docker, SCRIPT.replace("@DIR@", dir.toString()));
            Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SCRIPT = """
            #!/bin/sh
            D='@DIR@'
            n=$(ls "$D/calls" | wc -l)
            n=$((n + 1))
            c="$D/calls/$(printf '%04d' $n)"
            mkdir -p "$c"
            for a in "$@"; do printf '%s\\n' "$a"; done > "$c/argv"
            env > "$c/env"
            cat > "$c/stdin"
            if [ "$1" = "--config" ]; then cfg="$2"; shift 2; fi
            case "$1" in
              buildx)
                case "$2" in
                  version) echo "github.com/docker/buildx v0.12.1 fake"; exit 0 ;;
                  inspect)
                    echo "Name:   default"
                    echo "Driver: docker"
                    if [ -f "$D/platforms" ]; then echo "Platforms: $(cat "$D/platforms")"; else echo "Platforms: linux/amd64, linux/arm64"; fi
                    exit 0 ;;
                  build) shift 2 ;;
                esac ;;
              info)
                if [ -f "$D/daemon-down" ]; then
                  echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"; exit 1
                fi
                echo "24.0.7"; exit 0 ;;
              image)
                ref="$5"
                f="$D/images/$(printf '%s' "$ref" | tr '/:@' '___')"
                if [ -f "$f" ]; then cat "$f"; exit 0; fi
                echo "Error: No such image: $ref"; exit 1 ;;
              login)
                echo "Login Succeeded"; exit 0 ;;
              push)
                ref="$2"
                if [ -f "$D/push-denied" ]; then echo "denied: User is not authorized to perform: ecr:InitiateLayerUpload"; exit 1; fi
                f="$D/images/$(printf '%s' "$ref" | tr '/:@' '___')"
                [ -f "$f" ] || { echo "An image does not exist locally with the tag: $ref"; exit 1; }
                printf '%s\\n%s\\n' "$ref" "$(cat "$f")" > "$D/pushed/$(printf '%s' "$ref" | tr '/:@' '___')"
                echo "latest: digest: sha256:fake size: 528"; exit 0 ;;
              *) echo "fake docker: unknown command $1"; exit 1 ;;
            esac
            # buildx build: read the flags, "build" by hashing the context
            platform=""; tag=""; file=""; ctx=""
            while [ $# -gt 0 ]; do
              case "$1" in
                --platform) platform="$2"; shift 2 ;;
                -t) tag="$2"; shift 2 ;;
                -f) file="$2"; shift 2 ;;
                --target|--build-arg|--progress) shift 2 ;;
                --load) shift ;;
                *) ctx="$1"; shift ;;
              esac
            done
            if [ -f "$D/disk-full" ]; then echo "#6 ERROR: failed to copy: write /var/lib/docker/tmp/x: no space left on device"; exit 1; fi
            echo "#1 [internal] load build definition from Dockerfile"
            echo "#5 [1/2] FROM docker.io/library/alpine:3.19"
            if grep -q '^RUN false' "$file"; then
              echo "#6 [2/2] RUN false"
              echo "#6 ERROR: process \\"/bin/sh -c false\\" did not complete successfully: exit code: 1"
              echo "ERROR: failed to solve: process \\"/bin/sh -c false\\" did not complete successfully: exit code: 1"
              exit 1
            fi
            echo "#6 [2/2] COPY . /app"
            id=$(cd "$ctx" && find . -type f | sort | xargs cat | sha256sum | cut -d' ' -f1)
            arch="$platform"
            if [ -f "$D/ignores-platform" ]; then arch="linux/amd64"; fi
            printf 'sha256:%s %s\\n' "$id" "$arch" > "$D/images/$(printf '%s' "$tag" | tr '/:@' '___')"
            echo "#7 naming to $tag done"
            exit 0
            """;

    public Path dir() { return dir; }
    public Path bin() { return dir.resolve("bin"); }
    public Path pushed() { return dir.resolve("pushed"); }

    /** A switch the script reads: daemon-down, disk-full, push-denied, ignores-platform, platforms (with content). */
    public void set(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clear(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One call of the builder, as it saw it. */
    public record Call(List<String> argv, Map<String, String> env, String stdin) {
        public String command() { return String.join(" ", argv); }
        public boolean is(String... words) {
            List<String> a = argv.get(0).equals("--config") ? argv.subList(2, argv.size()) : argv;
            for (int i = 0; i < words.length; i++) if (a.size() <= i || !a.get(i).equals(words[i])) return false;
            return true;
        }
    }

    public List<Call> calls() {
        List<Call> out = new ArrayList<>();
        try (Stream<Path> calls = Files.list(dir.resolve("calls"))) {
            for (Path c : calls.sorted().toList()) {
                Map<String, String> env = new java.util.TreeMap<>();
                for (String line : Files.readAllLines(c.resolve("env"))) {
                    int eq = line.indexOf('=');
                    if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
                }
                out.add(new Call(Files.readAllLines(c.resolve("argv")), env, Files.readString(c.resolve("stdin"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public List<Call> builds() { return calls().stream().filter(c -> c.is("buildx", "build")).toList(); }

    /** The environment a child of gantry gets: the fake first on PATH, then the system's tools (sh, find, sha256sum, git). */
    public Map<String, String> env() {
        return Map.of("PATH", bin() + ":/usr/local/bin:/usr/bin:/bin", "HOME", dir.toString());
    }
}

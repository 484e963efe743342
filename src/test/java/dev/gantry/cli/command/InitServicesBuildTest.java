package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** gantry init editing a version-2 file whose services build from folders of their own keeps each build as written. */
class InitServicesBuildTest {
    @TempDir Path dir;
    private final Captured io = new Captured(Map.of());

    @Test
    void editingOneServiceKeepsEveryServicesBuild() throws Exception {
        for (String f : List.of("web", "api")) {
            Files.createDirectories(dir.resolve(f));
            Files.writeString(dir.resolve(f).resolve("Dockerfile"), "FROM alpine\n");
        }
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, """
                version: 2
                app: shop
                region: us-east-1
                network:
                  vpc: default
                services:
                  web:
                    task:
                      build:
                        context: ./web
                      port: 80
                    public: {}
                  api:
                    task:
                      build:
                        context: ./api
                        dockerfile: api/Dockerfile
                        keepImages: 5
                      port: 8080
                    internal: true
                  worker:
                    task:
                      image: public.ecr.aws/docker/library/busybox:1.36
                """);
        Spec was = SpecLoader.load(file);
        assertThat(io.gantry("init", "-f", file.toString(), "--service", "worker", "--count", "3", "--yes")).as(io.err()).isZero();
        Spec now = SpecLoader.load(file);
        assertThat(now.services().get("worker").service().desiredCount()).isEqualTo(3);
        assertThat(now.services().get("web").task().build()).isEqualTo(was.services().get("web").task().build());
        assertThat(now.services().get("api").task().build()).isEqualTo(was.services().get("api").task().build());
        assertThat(now.services().get("web").task().image()).isNull();
        assertThat(io.gantry("init", "-f", file.toString(), "--service", "api", "--cpu", "512", "--memory", "1024", "--yes")).as(io.err()).isZero();
        now = SpecLoader.load(file);
        assertThat(now.services().get("api").task().cpu()).isEqualTo(512);
        assertThat(now.services().get("api").task().build()).isEqualTo(was.services().get("api").task().build());
    }
}

package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21 item 5 by flags: --service NAME edits one service, --add-service and --remove-service, exit 2 for nonsense. */
class InitServicesFlagsTest {
    @TempDir Path dir;
    private final Captured io = new Captured(Map.of());

    private Path template(String name) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, Files.readString(Path.of("templates/" + name + ".yaml")));
        return file;
    }

    @Test
    void serviceNameEditsOnlyThatService() throws Exception {
        Path file = template("web-api-worker");
        Spec was = SpecLoader.load(file);
        assertThat(io.gantry("init", "-f", file.toString(), "--service", "worker", "--count", "3", "--cpu", "512", "--memory", "1024", "--yes")).isZero();
        Spec now = SpecLoader.load(file);
        assertThat(now.services().get("worker").service().desiredCount()).isEqualTo(3);
        assertThat(now.services().get("worker").task().cpu()).isEqualTo(512);
        assertThat(now.services().get("web")).isEqualTo(was.services().get("web"));
        assertThat(now.services().get("api")).isEqualTo(was.services().get("api"));
        // Without --service, the flags are the primary (first public) service's.
        assertThat(io.gantry("init", "-f", file.toString(), "--count", "4", "--yes")).isZero();
        assertThat(SpecLoader.load(file).services().get("web").service().desiredCount()).isEqualTo(4);
        assertThat(SpecLoader.load(file).services().get("worker").service().desiredCount()).isEqualTo(3);
    }

    @Test
    void aServiceAddedToAVersion1FileMakesItVersion2KeepingTheFirstServicesNames() throws Exception {
        Path file = template("web-https");
        Spec v1 = SpecLoader.load(file);
        assertThat(io.gantry("init", "-f", file.toString(), "--add-service", "api", "--kind", "internal",
                "--image", "public.ecr.aws/docker/library/httpd:2.4", "--port", "8080", "--yes")).as(io.err()).isZero();
        Spec two = SpecLoader.load(file);
        assertThat(two.isVersion2()).isTrue();
        assertThat(two.services().keySet()).containsExactly("hello", "api");
        assertThat(two.services().get("hello").task()).isEqualTo(v1.task());
        assertThat(two.services().get("api").internal()).isTrue();
        assertThat(two.services().get("api").task().port()).isEqualTo(8080);
        // A worker needs no port.
        assertThat(io.gantry("init", "-f", file.toString(), "--add-service", "mailer", "--kind", "worker",
                "--image", "public.ecr.aws/docker/library/busybox:1.36", "--yes")).as(io.err()).isZero();
        assertThat(SpecLoader.load(file).services().get("mailer").task().port()).isNull();
    }

    @Test
    void removingAServiceSaysWhatGoesAndWhatStays() throws Exception {
        Path file = template("web-api-worker");
        assertThat(io.gantry("init", "-f", file.toString(), "--remove-service", "worker", "--yes")).isZero();
        assertThat(io.out()).contains("Removing worker deletes, at the next apply:").contains("ECS service shop-worker")
                .contains("Kept running, served throughout: web, api").contains("-   worker:");
        // What goes is said first, then the file's diff.
        assertThat(io.out().indexOf("Removing worker deletes")).isLessThan(io.out().indexOf("Changes to"));
        assertThat(SpecLoader.load(file).services().keySet()).containsExactly("web", "api");
    }

    @Test
    void nonsenseIsRefusedWithExit2AndTheFileLeftAlone() throws Exception {
        Path file = template("web-api-worker");
        String before = Files.readString(file);
        assertThat(io.gantry("init", "-f", file.toString(), "--service", "nope", "--count", "2", "--yes")).isEqualTo(2);
        assertThat(io.err()).contains("--service nope: services: no service named nope").contains("the services are web, api, worker")
                .doesNotContain("Exception");
        assertThat(io.gantry("init", "-f", file.toString(), "--kind", "worker", "--yes")).isEqualTo(2);
        assertThat(io.err()).contains("--kind worker: says what --add-service adds");
        assertThat(io.gantry("init", "-f", file.toString(), "--add-service", "API", "--yes")).isEqualTo(2);
        assertThat(io.err()).contains("services.API: a service's name is lowercase letters");
        assertThat(io.gantry("init", "-f", file.toString(), "--add-service", "admin", "--route", "api.example.com",
                "--image", "nginx:1.27", "--yes")).isEqualTo(2);
        assertThat(io.err()).contains("api.example.com");
        assertThat(Files.readString(file)).isEqualTo(before);

        Path v1 = dir.resolve("one.yaml");
        Files.writeString(v1, Files.readString(Path.of("templates/web-https.yaml")));
        assertThat(io.gantry("init", "-f", v1.toString(), "--remove-service", "hello", "--yes")).isEqualTo(2);
        assertThat(io.err()).contains("--remove-service hello: services: an app keeps at least one service")
                .contains("destroy the app with gantry destroy instead");
    }
}

package dev.gantry.image;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry API as gantry speaks it, against a registry the test serves on 127.0.0.1. */
class HttpRegistryTest {
    FakeRegistry registry;
    final HttpRegistry client = new HttpRegistry(Duration.ofSeconds(5));

    @BeforeEach void start() throws IOException { registry = new FakeRegistry("robot", "hunter2"); }

    @AfterEach void stop() { registry.close(); }

    RegistryAnswer look(String ref) { return client.look(ImageName.parse(registry.host() + "/" + ref), null); }

    @Test void an_index_answers_with_its_digest_and_runnable_platforms_after_the_token_flow() {
        String digest = registry.pushIndex("team/web", false, "1.0", "linux/amd64", "linux/arm64/v8");
        RegistryAnswer a = look("team/web:1.0");
        assertThat(a).isEqualTo(new RegistryAnswer.Found(digest, List.of(new Platform("linux", "amd64", null), new Platform("linux", "arm64", "v8"))));
        // by digest, too
        assertThat(look("team/web@" + digest)).isInstanceOf(RegistryAnswer.Found.class);
    }

    @Test void a_single_manifest_names_its_platform_in_its_config() {
        registry.pushSingle("team/arm", false, "2.0", "arm64");
        assertThat(((RegistryAnswer.Found) look("team/arm:2.0")).platforms()).containsExactly(new Platform("linux", "arm64", null));
    }

    @Test void a_missing_tag_comes_with_the_tags_that_exist() {
        registry.pushIndex("team/web", false, "1.0", "linux/amd64");
        registry.pushIndex("team/web", false, "1.1", "linux/amd64");
        assertThat(look("team/web:2.0")).isEqualTo(new RegistryAnswer.NoSuchTag(List.of("1.0", "1.1")));
    }

    @Test void a_missing_repository_is_said_so() {
        assertThat(look("team/nothing:1.0")).isInstanceOf(RegistryAnswer.NoSuchRepository.class);
    }

    @Test void a_private_repository_is_unauthorized_without_a_login_and_found_with_the_right_one() {
        String digest = registry.pushIndex("private/app", true, "1.0", "linux/amd64");
        ImageName name = ImageName.parse(registry.host() + "/private/app:1.0");
        assertThat(client.look(name, null)).isEqualTo(new RegistryAnswer.Unauthorized("UNAUTHORIZED", false));
        RegistryAnswer wrong = client.look(name, new RegistryClient.Credentials("robot", "nope".toCharArray()));
        assertThat(wrong).isInstanceOf(RegistryAnswer.Unauthorized.class);
        assertThat(((RegistryAnswer.Unauthorized) wrong).credentialsGiven()).isTrue();
        assertThat(client.look(name, new RegistryClient.Credentials("robot", "hunter2".toCharArray())))
                .isEqualTo(new RegistryAnswer.Found(digest, List.of(new Platform("linux", "amd64", null))));
    }

    @Test void a_registry_that_does_not_answer_is_unreachable_not_an_error() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        RegistryAnswer a = client.look(ImageName.parse("127.0.0.1:" + port + "/team/web:1.0"), null);
        assertThat(a).isInstanceOf(RegistryAnswer.Unreachable.class);
    }

    @Test void names_split_as_docker_does() {
        assertThat(ImageName.parse("nginx")).isEqualTo(new ImageName("docker.io", "library/nginx", "latest", null));
        assertThat(ImageName.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageName.parse("localhost:5000/a/b:1").local()).isTrue();
        assertThat(ImageName.parse("registry.example.com:5000/a/b:1").local()).isFalse();
        ImageName ecr = ImageName.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api:2.0@sha256:" + "a".repeat(64));
        assertThat(ecr.ecrAccount()).isEqualTo("123456789012");
        assertThat(ecr.ecrRegion()).isEqualTo("eu-west-1");
        assertThat(ecr.reference()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(ImageName.pinned("nginx:1.27", "sha256:b")).isEqualTo("nginx:1.27@sha256:b");
        assertThat(ImageName.pinned("nginx:1.27@sha256:a", "sha256:b")).isEqualTo("nginx:1.27@sha256:b");
    }
}

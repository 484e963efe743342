package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees when the profile or the endpoint is wrong: the cause, named, at once. */
class ProfileAndEndpointTest {
    @TempDir Path dir;

    @AfterEach void forget() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test void an_unknown_profile_is_named_with_the_profiles_that_exist_exit_4() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\n[profile staging]\nregion = eu-west-1\n");
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[ci]\naws_access_key_id = x\naws_secret_access_key = y\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());

        CliRun r = CliRun.gantry(dir, Map.of(), "plan", "--profile", "nosuch", "-f", "templates/worker.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS.code());
        assertThat(r.err()).contains("profile 'nosuch' does not exist").contains("ci, default, staging")
                .doesNotContain("network");
    }

    @Test void an_unknown_profile_in_aws_profile_gets_the_same_answer_exit_4() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\n[profile staging]\nregion = eu-west-1\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", config.toString());

        CliRun r = CliRun.gantry(dir, Map.of("AWS_PROFILE", "nosuch"), "plan", "-f", "templates/worker.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS.code());
        assertThat(r.err()).contains("profile 'nosuch' does not exist").contains("profiles found: default, staging")
                .contains("AWS_PROFILE").doesNotContain("network");

        CliRun status = CliRun.gantry(dir, Map.of("AWS_PROFILE", "nosuch"), "status", "-f", "templates/worker.yaml");
        assertThat(status.code()).isEqualTo(ExitCode.NO_CREDENTIALS.code());
        assertThat(status.err()).contains("profile 'nosuch' does not exist");
    }

    @Test void an_endpoint_nothing_listens_on_fails_naming_it() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        String url = "http://127.0.0.1:" + port;
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", config.toString());
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "x");
        CliRun r = CliRun.gantry(dir, Map.of(), "plan", "--endpoint-url", url, "-f", "templates/worker.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.err()).contains("cannot reach " + url);
    }

    @Test void an_endpoint_url_that_is_not_a_url_is_input_exit_2_with_no_java_text() {
        String[][] cases = {
                {"notaurl", "it does not start with http:// or https://"},
                {"http://", "it names no host"},
                {"ht tp://x", "it is not a URL (' ' at position 3 is out of place)"},
                {"ftp://x", "it starts with ftp:, not http:// or https://"},
                {"http://[::1", "it names no host, or its host or port is not valid"},
                {"http://localhost:4566?x=1", "it has a ?query or #fragment"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.gantry(dir, Map.of(), "plan", "--endpoint-url", c[0], "-f", "templates/worker.yaml");
            assertThat(r.code()).as(c[0]).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(r.err()).as(c[0]).contains("--endpoint-url '" + c[0] + "' is not an endpoint gantry can send AWS calls to: " + c[1])
                    .contains("fix: give the endpoint's full address, e.g. --endpoint-url http://localhost:4566")
                    .doesNotContain("Exception").doesNotContain("endpointOverride").doesNotContain("index");
        }
    }

    @Test void aws_endpoint_url_garbage_is_named_as_the_variable_exit_2() {
        CliRun r = CliRun.gantry(dir, Map.of("AWS_ENDPOINT_URL", "notaurl"), "status", "-f", "templates/worker.yaml");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("AWS_ENDPOINT_URL 'notaurl' is not an endpoint gantry can send AWS calls to")
                .contains("fix: set AWS_ENDPOINT_URL to the endpoint's full address (e.g. http://localhost:4566), or unset it");
        // A login in the URL is not echoed.
        CliRun login = CliRun.gantry(dir, Map.of("AWS_ENDPOINT_URL", "http://user:s3cret@localhost:4566"), "plan", "-f", "templates/worker.yaml");
        assertThat(login.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(login.err()).contains("holds a login").doesNotContain("s3cret");
        // A rehearsal sends nothing there, so it does not mind.
        CliRun sim = CliRun.gantry(dir, Map.of("AWS_ENDPOINT_URL", "notaurl"), "plan", "--simulate", "-f", "templates/worker.yaml");
        assertThat(sim.code()).as(sim.err()).isZero();
    }
}

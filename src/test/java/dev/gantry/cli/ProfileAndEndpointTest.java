package dev.gantry.cli;

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
}

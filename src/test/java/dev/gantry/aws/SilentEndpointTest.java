package dev.gantry.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An endpoint that accepts TCP and never answers (a wedged emulator or proxy) must not hang a
 * command: every attempt is abandoned after the attempt timeout, a few silent attempts end the
 * call, and the call as a whole has a deadline; the error names the endpoint. A real socket on
 * 127.0.0.1, with the timeouts shortened so the test takes a second, not the real 25 s.
 */
class SilentEndpointTest {
    static final RealAws.Timeouts SHORT = new RealAws.Timeouts(Duration.ofMillis(400), Duration.ofSeconds(5));

    ServerSocket server;
    final AtomicInteger connections = new AtomicInteger();
    final List<Socket> held = new CopyOnWriteArrayList<>();
    String url;

    @BeforeEach void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        url = "http://127.0.0.1:" + server.getLocalPort();
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept()); // and never a byte back
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "x");
    }

    @AfterEach void close() throws IOException {
        server.close();
        for (Socket s : held) s.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test void an_sdk_call_gives_up_after_three_silent_attempts_naming_the_endpoint() {
        AwsClients aws = RealAws.clients("us-east-1", null, url, SHORT);
        long start = System.nanoTime();
        assertThatThrownBy(() -> aws.ec2().describeVpcs()).isInstanceOf(SdkClientException.class).hasNoSuppressedExceptions()
                .hasMessage(url + " accepted the connection but did not answer (none within 400 ms, 3 attempts)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.call());
        assertThat(connections.get()).isEqualTo(RetryPolicy.MAX_UNREACHABLE_ATTEMPTS);
        // What the person reads: the endpoint and what to check.
        AwsFailure f = AwsErrors.translate("reading the VPCs", catching(() -> aws.sts().getCallerIdentity()));
        assertThat(f.getMessage()).contains(url + " accepted the connection but did not answer");
        assertThat(f.fix()).contains("--endpoint-url");
    }

    @Test void the_whole_call_has_a_deadline_too() {
        AwsClients aws = RealAws.clients("us-east-1", null, url, new RealAws.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> aws.ecs().listClusters()).isInstanceOf(SdkClientException.class)
                .hasMessageStartingWith(url + " did not finish the call within 700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test void the_scaling_client_is_bounded_the_same_way() {
        RealScaling scaling = new RealScaling(UrlConnectionHttpClient.builder().connectionTimeout(RetryPolicy.CONNECT_TIMEOUT).build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")), "us-east-1", url, RetryPolicy::sleep, SHORT);
        long start = System.nanoTime();
        assertThatThrownBy(() -> scaling.registerScalableTarget("service/c/s", 1, 2, Map.of())).isInstanceOf(SdkClientException.class)
                .hasMessage(url + " accepted the connection but did not answer (none within 400 ms, 3 attempts)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.call());
        assertThat(connections.get()).isEqualTo(RetryPolicy.MAX_UNREACHABLE_ATTEMPTS);
    }

    @Test void real_clients_are_built_with_gantrys_bounds() {
        AwsClients aws = RealAws.clients("us-east-1", null, url);
        var o = aws.ec2().serviceClientConfiguration().overrideConfiguration();
        assertThat(o.apiCallAttemptTimeout()).contains(RetryPolicy.ATTEMPT_TIMEOUT);
        assertThat(o.apiCallTimeout()).contains(RetryPolicy.CALL_TIMEOUT);
        // Three silent attempts and the pauses between them fit in the call's deadline: the
        // attempts' message, naming the endpoint, is what a person sees, within 30 s.
        assertThat(RetryPolicy.ATTEMPT_TIMEOUT.multipliedBy(RetryPolicy.MAX_UNREACHABLE_ATTEMPTS).plusSeconds(2)).isLessThan(RetryPolicy.CALL_TIMEOUT);
        assertThat(RetryPolicy.CALL_TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test void a_registry_login_read_from_a_silent_endpoint_stops_the_check_at_once() throws Exception {
        AwsClients aws = RealAws.clients("us-east-1", null, url, SHORT);
        String spec = java.nio.file.Files.readString(java.nio.file.Path.of("templates/worker.yaml"))
                .replace("public.ecr.aws/docker/library/busybox:1.36", "ghcr.io/acme/worker:1.0")
                .replace("  logs:\n", "  registryCredentials:\n    secret: worker/registry\n  logs:\n");
        var engine = new dev.gantry.engine.Engine(dev.gantry.resources.catalog.Catalog.standard(), aws, new dev.gantry.time.RealScheduler(1),
                dev.gantry.resources.SecretValues.none(), dev.gantry.engine.ApplyListener.NONE)
                .checkingImages(new dev.gantry.image.ImageCheck((image, login) -> { throw new AssertionError("asked the registry"); },
                        (image, login) -> { throw new AssertionError("asked ECR"); }), false);
        assertThatThrownBy(() -> engine.checkImage(dev.gantry.spec.yaml.SpecLoader.load("gantry.yaml", spec))).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("while reading the registry login worker/registry: " + url + " accepted the connection but did not answer");
        assertThat(connections.get()).isEqualTo(RetryPolicy.MAX_UNREACHABLE_ATTEMPTS);
    }

    static Throwable catching(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }
}

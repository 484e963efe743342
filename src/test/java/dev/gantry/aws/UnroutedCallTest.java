package dev.gantry.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint that does not route a call answers a bare 404, no error code, no body: moto 5.2.2
 * does so for every CloudWatch call, since the SDK speaks CloudWatch's RPC v2 CBOR protocol
 * (POST /service/GraniteServiceVersion20100801/operation/DescribeAlarms) and moto only its query
 * protocol. Found by hand (docs/emulator-checks.md): gantry read it as a missing resource and said
 * "check the name or ID in gantry.yaml". The real SDK client, on a real socket on 127.0.0.1.
 */
class UnroutedCallTest {
    HttpServer server;
    final List<String> paths = new CopyOnWriteArrayList<>();
    String url;

    @BeforeEach void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "x");
    }

    @AfterEach void close() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test void a_bare_404_is_a_call_the_endpoint_does_not_implement_not_a_missing_resource() {
        AwsClients aws = RealAws.clients("us-east-1", null, url);
        AwsFailure f = AwsErrors.translate("reading the app's alarm resources",
                SilentEndpointTest.catching(() -> aws.cloudWatch().describeAlarms()));
        assertThat(paths).first().isEqualTo("/service/GraniteServiceVersion20100801/operation/DescribeAlarms");
        assertThat(f.kind()).isEqualTo(AwsFailure.Kind.OTHER);
        assertThat(f.getMessage()).startsWith("while reading the app's alarm resources: HTTP 404")
                .endsWith("(the endpoint does not implement this call)");
        assertThat(f.fix()).contains("--endpoint-url").doesNotContain("gantry.yaml");
    }
}

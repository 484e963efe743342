package dev.gantry.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The other HTTP calls gantry makes itself, the AWS API calls: an endpoint (an emulator, or
 * whoever answers for one) that redirects, here to 127.0.0.2's metadata path, is not followed at
 * all, so the signed request and its Authorization header go nowhere but the endpoint.
 */
class AwsCallsFollowNoRedirectTest {
    HttpServer endpoint, other;
    final List<String> atOther = new CopyOnWriteArrayList<>();

    @BeforeEach void start() throws IOException {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        other.createContext("/", ex -> {
            atOther.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        other.start();
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        endpoint.createContext("/", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + other.getAddress().getPort() + "/latest/meta-data/iam/security-credentials/x");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        endpoint.start();
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "x");
    }

    @AfterEach void stop() {
        endpoint.stop(0);
        other.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    String url() { return "http://127.0.0.1:" + endpoint.getAddress().getPort(); }

    @Test void sdk_clients_and_the_scaling_client_do_not_follow_a_redirect() {
        AwsClients aws = RealAws.clients("us-east-1", null, url());
        assertThatThrownBy(() -> aws.sts().getCallerIdentity()).isInstanceOf(SdkException.class);
        assertThatThrownBy(() -> aws.ec2().describeVpcs()).isInstanceOf(SdkException.class);
        RealScaling scaling = new RealScaling(UrlConnectionHttpClient.builder().build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")), "us-east-1", url(), d -> { });
        assertThatThrownBy(() -> scaling.registerScalableTarget("service/c/s", 1, 2, Map.of())).isInstanceOf(SdkException.class);
        assertThat(atOther).as("requests that reached 127.0.0.2").isEmpty();
    }
}

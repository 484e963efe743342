package dev.gantry.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-made Cloud Map client on the wire: a tiny HTTP server on 127.0.0.1 plays AWS. */
class RealCloudMapTest {
    record Seen(String target, String contentType, String auth, JsonNode body) {}

    final List<Seen> seen = new ArrayList<>();
    final Deque<String[]> answers = new ArrayDeque<>(); // {status, body}
    final List<Duration> pauses = new ArrayList<>();
    HttpServer server;
    RealCloudMap map;

    @BeforeEach void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            byte[] in = x.getRequestBody().readAllBytes();
            synchronized (seen) {
                seen.add(new Seen(x.getRequestHeaders().getFirst("X-Amz-Target"), x.getRequestHeaders().getFirst("Content-Type"),
                        x.getRequestHeaders().getFirst("Authorization"), new ObjectMapper().readTree(in)));
            }
            String[] a = answers.isEmpty() ? new String[]{"200", "{}"} : answers.poll();
            byte[] out = a[1].getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            x.sendResponseHeaders(Integer.parseInt(a[0]), out.length);
            x.getResponseBody().write(out);
            x.close();
        });
        server.start();
        map = new RealCloudMap(UrlConnectionHttpClient.builder().build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-west-1",
                "http://127.0.0.1:" + server.getAddress().getPort(), pauses::add,
                new RealAws.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    @AfterEach void stop() { server.stop(0); }

    @Test void listingNamespacesByNameSendsASignedJsonRequestWithTheNameFilterAndReadsEveryPage() {
        answers.add(new String[]{"200", "{\"Namespaces\":[{\"Id\":\"ns-1\",\"Arn\":\"arn:aws:servicediscovery:eu-west-1:1:namespace/ns-1\","
                + "\"Name\":\"shop\",\"Type\":\"HTTP\"},{\"Id\":\"ns-2\",\"Name\":\"other\",\"Type\":\"HTTP\"}],\"NextToken\":\"t2\"}"});
        answers.add(new String[]{"200", "{\"Namespaces\":[]}"});
        var found = map.namespacesNamed("shop");
        // An emulator may ignore the filter: the name is checked again.
        assertThat(found).extracting(CloudMapApi.Namespace::id).containsExactly("ns-1");
        Seen first = seen.get(0);
        assertThat(first.target()).isEqualTo("Route53AutoNaming_v20170314.ListNamespaces");
        assertThat(first.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(first.auth()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/servicediscovery/aws4_request")
                .contains("x-amz-target");
        JsonNode filter = first.body().path("Filters").get(0);
        assertThat(filter.path("Name").asText()).isEqualTo("NAME");
        assertThat(filter.path("Condition").asText()).isEqualTo("EQ");
        assertThat(filter.path("Values").get(0).asText()).isEqualTo("shop");
        assertThat(seen.get(1).body().path("NextToken").asText()).isEqualTo("t2");
    }

    @Test void servicesDeletionAndItsOperationSpeakCloudMapsShapes() {
        answers.add(new String[]{"200", "{\"Services\":[{\"Id\":\"srv-1\",\"Arn\":\"arn:x\",\"Name\":\"queue\",\"InstanceCount\":2}]}"});
        answers.add(new String[]{"200", "{\"OperationId\":\"op-7\"}"});
        assertThat(map.services("ns-1")).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("queue");
            assertThat(s.instanceCount()).isEqualTo(2);
        });
        assertThat(seen.get(0).body().path("Filters").get(0).path("Name").asText()).isEqualTo("NAMESPACE_ID");
        assertThat(map.deleteNamespace("ns-1")).isEqualTo("op-7");
        assertThat(seen.get(1).target()).isEqualTo("Route53AutoNaming_v20170314.DeleteNamespace");
        assertThat(seen.get(1).body().path("Id").asText()).isEqualTo("ns-1");
        answers.add(new String[]{"200", "{\"Service\":{\"Id\":\"srv-1\",\"Name\":\"queue\",\"NamespaceId\":\"ns-1\"}}"});
        assertThat(map.serviceNamespace("srv-1")).contains("ns-1");
        assertThat(seen.get(2).target()).isEqualTo("Route53AutoNaming_v20170314.GetService");
        assertThat(seen.get(2).body().path("Id").asText()).isEqualTo("srv-1");
        answers.add(new String[]{"200", "{\"Operation\":{\"Id\":\"op-7\",\"Status\":\"PENDING\",\"Type\":\"DELETE_NAMESPACE\"}}"});
        var op = map.operation("op-7");
        assertThat(op.status()).isEqualTo("PENDING");
        assertThat(op.done()).isFalse();
        assertThat(seen.get(3).body().path("OperationId").asText()).isEqualTo("op-7");
    }

    @Test void awsErrorsArriveWithTheirCodesAndAMissingNamespaceReadsAsNone() {
        answers.add(new String[]{"400", "{\"__type\":\"com.amazonaws.servicediscovery#NamespaceNotFound\",\"Message\":\"ns-9\"}"});
        assertThat(map.namespace("ns-9")).isEmpty();
        answers.add(new String[]{"400", "{\"__type\":\"ResourceInUse\",\"Message\":\"Namespace has associated services; delete the services before deleting the namespace\"}"});
        assertThatThrownBy(() -> map.deleteNamespace("ns-1")).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(AwsErrors.code(e)).isEqualTo("ResourceInUse");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(AwsErrors.translate("deleting", e).kind()).isEqualTo(AwsFailure.Kind.CONFLICT);
        });
    }

    @Test void throttlingAndServerErrorsAreTriedAgainAsTheSdkDoes() {
        answers.add(new String[]{"400", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"});
        answers.add(new String[]{"503", "{\"__type\":\"ServiceUnavailable\"}"});
        answers.add(new String[]{"200", "{\"Namespace\":{\"Id\":\"ns-1\",\"Arn\":\"arn:a\",\"Name\":\"shop\",\"Type\":\"HTTP\"}}"});
        assertThat(map.namespace("ns-1")).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("shop"));
        assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s.target()).isEqualTo("Route53AutoNaming_v20170314.GetNamespace"));
        // The SDK's backoff has full jitter: a pause may be zero, and RetryPolicy then does not sleep.
        assertThat(pauses).hasSizeLessThanOrEqualTo(2).allMatch(d -> d.toMillis() <= 20_000);
    }
}

package dev.gantry.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One AWS service spoken over the JSON 1.1 protocol by hand, for the services whose SDK module the
 * registry this project builds from does not serve (Application Auto Scaling, Cloud Map): a POST of
 * the operation's JSON with {@code X-Amz-Target: PREFIX.Operation}, signed with the SDK's own SigV4
 * signer, sent with the SDK's HTTP client, retried under {@link RetryPolicy}, and failing as an SDK
 * client does, so errors are retried and translated as everywhere else.
 */
final class AwsJsonCall {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Which service: its X-Amz-Target prefix, SigV4 signing name, the name errors carry, and its endpoint's host prefix. */
    record Service(String targetPrefix, String signingName, String errorName, String hostPrefix) {}

    private final Service service;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final RetryStrategy retries = RetryPolicy.strategy();
    private final java.util.function.Consumer<java.time.Duration> sleep;
    private final RealAws.Timeouts timeouts;
    /** Abandons an attempt that outlives {@link RealAws.Timeouts#attempt()}, as the SDK's clients do with theirs. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gantry-json-call-watchdog");
        t.setDaemon(true);
        return t;
    });

    AwsJsonCall(Service service, SdkHttpClient http, AwsCredentialsProvider credentials, String region, String endpointUrl,
                java.util.function.Consumer<java.time.Duration> sleep, RealAws.Timeouts timeouts) {
        this.service = service;
        this.timeouts = timeouts;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = URI.create(endpointUrl != null && !endpointUrl.isBlank() ? endpointUrl
                : "https://" + service.hostPrefix() + "." + region + ".amazonaws.com");
        this.sleep = sleep;
    }

    static ObjectNode object() { return JSON.createObjectNode(); }

    /**
     * One signed JSON 1.1 call under {@link RetryPolicy}, failing as an SDK client does: AWS's error
     * document becomes an {@link AwsServiceException} with its code and status, a transport failure
     * an {@link SdkClientException}; so the same errors are retried and translated as everywhere else.
     */
    JsonNode call(String operation, ObjectNode body) {
        long start = System.nanoTime();
        int[] attempts = {0};
        return RetryPolicy.run(retries, service.signingName(), () -> {
            if (attempts[0] > 0 && java.time.Duration.ofNanos(System.nanoTime() - start).compareTo(timeouts.call()) >= 0) {
                // Not an IOException: the strategy does not try again.
                throw NameUnreachableEndpoint.silent(endpointName(), timeouts.call(), true, attempts[0], null);
            }
            attempts[0]++;
            return callOnce(operation, body, attempts[0]);
        }, sleep);
    }

    private String endpointName() { return endpoint.getScheme() + "://" + endpoint.getAuthority(); }

    private JsonNode callOnce(String operation, ObjectNode body, int attempt) {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", service.targetPrefix() + "." + operation).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request).payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response;
        String text;
        var exec = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null)).build());
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        var watch = WATCHDOG.schedule(() -> {
            abandoned.set(true);
            exec.abort();
        }, timeouts.attempt().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            response = exec.call();
            try (InputStream in = response.responseBody().isPresent() ? response.responseBody().get() : InputStream.nullInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            if (abandoned.get()) {
                // Counted as no answer (RetryPolicy.noAnswer), so a silent endpoint is tried only a few times.
                var timedOut = new java.net.SocketTimeoutException("no answer within " + timeouts.attempt().toMillis() + " ms");
                timedOut.initCause(e);
                throw NameUnreachableEndpoint.silent(endpointName(), timeouts.attempt(), false, attempt, timedOut);
            }
            if (e instanceof RuntimeException r) throw r;
            if (RetryPolicy.unreachable(e)) throw NameUnreachableEndpoint.unreachable(endpointName(), e);
            if (RetryPolicy.noAnswer(e)) throw NameUnreachableEndpoint.silent(endpointName(), timeouts.attempt(), false, attempt, e);
            throw SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage()).cause(e).build();
        } finally {
            watch.cancel(false);
        }
        int status = response.httpResponse().statusCode();
        JsonNode doc;
        try {
            doc = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException notJson) {
            // A proxy's or an emulator's error page rather than AWS's JSON.
            if (status < 300) throw SdkClientException.create(service.errorName() + " " + operation + ": a non-JSON answer", notJson);
            doc = JSON.createObjectNode();
        }
        if (status >= 300) throw failure(operation, status, doc);
        return doc;
    }

    private AwsServiceException failure(String operation, int status, JsonNode doc) {
        String type = doc.path("__type").asText("");
        String code = type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        if (code.isEmpty()) code = status == 403 ? "AccessDeniedException" : status >= 500 ? "InternalFailure" : "HTTP" + status;
        String message = doc.path("message").asText(doc.path("Message").asText(""));
        return AwsServiceException.builder().statusCode(status).message(operation + ": " + code + (message.isEmpty() ? "" : ": " + message))
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName(service.errorName()).build()).build();
    }
}

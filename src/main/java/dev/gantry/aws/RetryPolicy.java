package dev.gantry.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place that decides whether and when an AWS call is tried again: the SDK's standard
 * strategy (AWS's list of throttling and transient errors, exponential backoff with full jitter,
 * a retry budget), {@link #MAX_ATTEMPTS} attempts, and only {@link #MAX_UNREACHABLE_ATTEMPTS} when
 * the endpoint cannot be reached at all or does not answer, so a wrong --endpoint-url fails in
 * seconds; every attempt is bounded by {@link #ATTEMPT_TIMEOUT} and every call by {@link #CALL_TIMEOUT}. Real SDK
 * clients are built with {@link #strategy()}; calls that are not SDK calls (RealScaling's signed
 * requests, the simulated AWS's clients) run through {@link #run}, so they retry exactly alike.
 * A loop above the clients that polls again after a failure (a watch, a log follow) asks
 * {@link #wouldRetry} instead of deciding itself.
 */
public final class RetryPolicy {
    /** Attempts per call, the first included: throttling during a burst of creates is normal. */
    public static final int MAX_ATTEMPTS = 8;
    /** Attempts when nothing answers at the endpoint (refused, unknown host, connect timeout). */
    public static final int MAX_UNREACHABLE_ATTEMPTS = 3;
    /** A TCP connect to AWS takes milliseconds; waiting longer only delays the message. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The longest one attempt may take, connect to last byte of the answer. AWS answers the calls
     * gantry makes in well under a second; an endpoint that took the connection and says nothing
     * (a wedged proxy or emulator) is abandoned after this, and such attempts count as
     * {@link #MAX_UNREACHABLE_ATTEMPTS}, so it fails in about 25 s instead of hanging.
     */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(8);
    /** The longest one call may take, every attempt and pause included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private RetryPolicy() {}

    /**
     * For a call whose answer is a courtesy gantry can do without (the policy simulator's pre-check):
     * one attempt, then the caller carries on with a note. Added to the request:
     * {@code .overrideConfiguration(o -> o.addPlugin(RetryPolicy.ONE_TRY))}.
     */
    public static final SdkPlugin ONE_TRY = config -> config.overrideConfiguration(o -> o.retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build()));

    /**
     * For a create AWS cannot make idempotent (no client token: CreateVpc, CreateSubnet,
     * CreateSecurityGroup, CreateInternetGateway, AllocateAddress, RegisterTaskDefinition): retried
     * as usual, except after a failure that may have come after AWS acted on the request (the
     * connection reset or timed out once the request was sent, so the reply was lost). Sending it
     * again would make a second resource; the caller looks for the first by its tags instead
     * ({@link #replyLost}) and sends the request again only when it is not there.
     */
    public static final SdkPlugin NO_BLIND_RESEND = config -> config.overrideConfiguration(o -> o.retryStrategy(
            new NoResendAfterLostReply(strategy())));

    /** The strategy for one request: the client's own, unless the request asked for {@link #ONE_TRY} or {@link #NO_BLIND_RESEND}. */
    public static RetryStrategy forRequest(Object request, RetryStrategy clientDefault) {
        if (oneTry(request)) return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build();
        if (asked(request, NO_BLIND_RESEND)) return new NoResendAfterLostReply(clientDefault);
        return clientDefault;
    }

    private static boolean asked(Object request, SdkPlugin plugin) {
        return request instanceof software.amazon.awssdk.awscore.AwsRequest r
                && r.overrideConfiguration().map(c -> c.plugins().contains(plugin)).orElse(false);
    }

    /**
     * Whether {@code t} is a transport failure after which AWS may have done what was asked: an I/O
     * error or a timeout that is not a failure to connect (a connection that was never made carried
     * no request). Such a request's effect is found by reading, never assumed either way.
     */
    public static boolean replyLost(Throwable t) {
        if (t instanceof software.amazon.awssdk.awscore.exception.AwsServiceException || unreachable(t)) return false;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.io.IOException || c instanceof java.io.UncheckedIOException
                    || c instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) return true;
        }
        return false;
    }

    /** Whether a request asked for {@link #ONE_TRY}. */
    public static boolean oneTry(Object request) {
        return request instanceof software.amazon.awssdk.awscore.AwsRequest r
                && r.overrideConfiguration().map(c -> c.plugins().contains(ONE_TRY)).orElse(false);
    }

    /** A fresh strategy (its retry budget is per client, as the SDK's own default is). */
    public static RetryStrategy strategy() {
        return new BoundedUnreachable(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build());
    }

    /** Runs {@code call} under {@code strategy}, pausing through {@code sleep} as the strategy says. */
    public static <T> T run(RetryStrategy strategy, String scope, Supplier<T> call, Consumer<Duration> sleep) {
        AcquireInitialTokenResponse first = strategy.acquireInitialToken(AcquireInitialTokenRequest.create(scope));
        RetryToken token = first.token();
        pause(first.delay(), sleep);
        while (true) {
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                RefreshRetryTokenResponse again;
                try {
                    again = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
                } catch (TokenAcquisitionFailedException noMore) {
                    throw e;
                }
                token = again.token();
                pause(again.delay(), sleep);
                continue;
            }
            strategy.recordSuccess(RecordSuccessRequest.create(token));
            return result;
        }
    }

    private static void pause(Duration d, Consumer<Duration> sleep) {
        if (d != null && !d.isZero() && !d.isNegative()) sleep.accept(d);
    }

    /**
     * Whether the policy that retries every call ({@link #strategy()}: the SDK's standard conditions,
     * by status code, error code and exception type, and the bound on an unreachable endpoint) would
     * try {@code failure} again: for a loop above the clients (a watch, a log follow) that should
     * outlive one bad poll. Asked of a fresh strategy, so its budget never says no; an
     * {@link AwsFailure} is judged by the SDK error it wraps.
     */
    public static boolean wouldRetry(Throwable failure) {
        Throwable t = failure;
        // Handlers may wrap an SDK error with what they were doing; the cause still decides.
        while (t instanceof AwsFailure && t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (!(t instanceof software.amazon.awssdk.core.exception.SdkException)) return false;
        RetryStrategy s = strategy();
        RetryToken token = s.acquireInitialToken(AcquireInitialTokenRequest.create("would-retry")).token();
        try {
            s.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(t).build());
            return true;
        } catch (TokenAcquisitionFailedException no) {
            return false;
        }
    }

    /** Sleeps the calling thread: for calls made on gantry's worker pool against real AWS. */
    public static void sleep(Duration d) { dev.gantry.time.Blocking.pause(d); }

    /** Whether {@code t} says nothing answered at the endpoint (as opposed to an error it answered with). */
    public static boolean unreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof java.net.http.HttpConnectTimeoutException) return true;
            if (c instanceof SocketTimeoutException && String.valueOf(c.getMessage()).toLowerCase().contains("connect")) return true;
        }
        return false;
    }

    /** A strategy that gives up at once after a {@link #replyLost lost reply}, and otherwise retries as {@code standard} does. */
    private static final class NoResendAfterLostReply implements RetryStrategy {
        private final RetryStrategy standard;

        NoResendAfterLostReply(RetryStrategy standard) { this.standard = standard; }

        @Override public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
            return standard.acquireInitialToken(request);
        }

        @Override public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
            if (replyLost(request.failure())) {
                throw new TokenAcquisitionFailedException("the reply was lost; the caller looks before sending again", request.failure());
            }
            return standard.refreshRetryToken(request);
        }

        @Override public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
            return standard.recordSuccess(request);
        }

        @Override public int maxAttempts() { return standard.maxAttempts(); }

        @Override public Builder<?, ?> toBuilder() { return standard.toBuilder(); }
    }

    /**
     * Whether {@code t} says nothing came back: unreachable, or an attempt that connected and then
     * waited for an answer until {@link #ATTEMPT_TIMEOUT}.
     */
    public static boolean noAnswer(Throwable t) {
        if (unreachable(t)) return true;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof java.net.http.HttpTimeoutException
                    || c instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
                    || c instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException) return true;
        }
        return false;
    }

    /**
     * The standard strategy, with fewer attempts for an unreachable endpoint. The SDK's strategy has
     * one attempt limit for every error, so the attempts that failed to connect are counted here.
     */
    private static final class BoundedUnreachable implements RetryStrategy {
        private final RetryStrategy standard;
        private final Map<RetryToken, Integer> unreachable = Collections.synchronizedMap(new WeakHashMap<>());

        BoundedUnreachable(RetryStrategy standard) { this.standard = standard; }

        @Override public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
            return standard.acquireInitialToken(request);
        }

        @Override public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
            int failedToConnect = unreachable.getOrDefault(request.token(), 0) + (noAnswer(request.failure()) ? 1 : 0);
            if (failedToConnect >= MAX_UNREACHABLE_ATTEMPTS) {
                throw new TokenAcquisitionFailedException("the endpoint did not answer " + failedToConnect + " times", request.failure());
            }
            RefreshRetryTokenResponse r = standard.refreshRetryToken(request);
            unreachable.put(r.token(), failedToConnect);
            return r;
        }

        @Override public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
            return standard.recordSuccess(request);
        }

        @Override public int maxAttempts() { return standard.maxAttempts(); }

        @Override public Builder<?, ?> toBuilder() { return standard.toBuilder(); }
    }
}

package dev.gantry.aws.sim;

import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.SocketException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Faults a test injects: throttling, 5xx, denied actions, a crash after the Nth mutating call, and
 * replies lost after a mutating call took effect.
 */
public final class SimFaults {
    private final Random random = new Random(42);
    private double throttleRate;
    private double serverErrorRate;
    private long crashAfter = -1;
    private final Set<String> denied = new HashSet<>();
    private final Set<String> broken = new HashSet<>();
    private long injected;
    private long loseReplyAfter = -1;
    private double lostReplyRate;
    private final Set<String> spared = new HashSet<>();
    private final Map<String, Integer> loseReplyOf = new HashMap<>();
    private final java.util.List<String> lostReplies = new java.util.ArrayList<>();

    /** How many throttling and 5xx errors were injected: tests check the faults really happened. */
    public synchronized long injected() { return injected; }

    public SimFaults throttle(double rate) { this.throttleRate = rate; return this; }
    public SimFaults serverErrors(double rate) { this.serverErrorRate = rate; return this; }
    /** The Nth mutating call takes effect, then the caller gets {@link SimulatedCrash} instead of a response. */
    public SimFaults crashAfterMutation(long n) { this.crashAfter = n; return this; }
    /** Deny an action such as {@code ec2:CreateNatGateway} to gantry's own credentials; {@code *} denies every call. */
    public SimFaults deny(String action) { denied.add(action); return this; }
    /** An action that always answers HTTP 500 (IAM's policy simulator has such days). */
    public SimFaults breakAction(String action) { broken.add(action); return this; }
    /**
     * The Nth mutating call takes effect, then its reply is lost: the connection is reset before the
     * response arrives, so the caller's SDK sees an I/O error and sends the same request again (as
     * the real SDK does: an {@link java.io.IOException} is one of the errors its standard strategy
     * retries). What happens next is what AWS does with a repeated request.
     */
    public SimFaults loseReplyAfterMutation(long n) { this.loseReplyAfter = n; return this; }
    /** The reply of the {@code nth} call (1 = the first) of {@code action}, such as {@code ec2:CreateVpc}, is lost after it took effect. */
    public synchronized SimFaults loseReplyOf(String action, int nth) { loseReplyOf.put(action, nth); return this; }
    /** Each mutating call's reply is lost with this probability, after the call took effect; but never those of {@code sparing}. */
    public synchronized SimFaults loseReplies(double rate, String... sparing) {
        this.lostReplyRate = rate;
        spared.clear();
        spared.addAll(Set.of(sparing));
        return this;
    }
    /** The actions whose reply was lost, in order: tests check the fault really happened. */
    public synchronized java.util.List<String> lostReplies() { return java.util.List.copyOf(lostReplies); }
    public SimFaults clear() {
        throttleRate = 0; serverErrorRate = 0; crashAfter = -1; denied.clear(); broken.clear();
        loseReplyAfter = -1; lostReplyRate = 0; loseReplyOf.clear();
        return this;
    }

    void beforeCall(String action, SimErrors.Factory err) {
        if (denied.contains(action) || denied.contains("*")) {
            throw err.create(403, "AccessDenied" + (action.startsWith("ec2:") ? "" : "Exception"),
                    "User: arn:aws:iam::123456789012:user/gantry is not authorized to perform: " + action);
        }
        if (broken.contains(action)) {
            injected++;
            throw err.create(500, "ServiceFailure", "We encountered an internal error. Please try again.");
        }
        if (throttleRate > 0 && random.nextDouble() < throttleRate) {
            injected++;
            throw err.create(400, action.startsWith("ec2:") ? "RequestLimitExceeded" : "ThrottlingException", "Rate exceeded");
        }
        if (serverErrorRate > 0 && random.nextDouble() < serverErrorRate) {
            injected++;
            throw err.create(503, "ServiceUnavailable", "Service is unavailable, please try again");
        }
    }

    synchronized void afterMutation(String action, long count) {
        if (crashAfter > 0 && count == crashAfter) throw new SimulatedCrash(count);
        boolean lose = loseReplyAfter > 0 && count == loseReplyAfter;
        Integer nth = loseReplyOf.get(action);
        if (nth != null) {
            if (nth == 1) {
                loseReplyOf.remove(action);
                lose = true;
            } else {
                loseReplyOf.put(action, nth - 1);
            }
        }
        if (!lose && lostReplyRate > 0 && !spared.contains(action) && random.nextDouble() < lostReplyRate) lose = true;
        if (lose) {
            lostReplies.add(action);
            // What the SDK's Apache and URL-connection clients throw when the peer resets the connection mid-response.
            throw SdkClientException.builder().message("Unable to execute HTTP request: Connection reset")
                    .cause(new SocketException("Connection reset")).build();
        }
    }
}

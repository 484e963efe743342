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
 * replies lost after a mutating call took effect. {@link #of} gives a world's (injecting them first).
 */
public final class SimFaults implements SimWorld.Faults {
    /** The faults {@code world}'s calls meet: the ones injected before, or new ones (none set yet) injected now. */
    public static synchronized SimFaults of(SimWorld world) {
        if (world.faults() instanceof SimFaults f) return f;
        SimFaults f = new SimFaults();
        world.inject(f);
        return f;
    }

    private final Random random = new Random(42);
    private double throttleRate;
    private double serverErrorRate;
    private long crashAfter = -1;
    private final Set<String> denied = new HashSet<>();
    private final Set<String> broken = new HashSet<>();
    private final java.util.Map<String, Failure> failing = new java.util.HashMap<>();
    private long injected;
    private final java.util.Map<String, Integer> repliesToLose = new java.util.HashMap<>();
    private long loseReplyAfter = -1;
    private double lostReplyRate;
    private final Set<String> spared = new HashSet<>();
    private final Map<String, Integer> loseReplyOf = new HashMap<>();
    private final java.util.List<String> lostReplies = new java.util.ArrayList<>();

    private final Map<String, Runnable> beforeFirst = new HashMap<>();

    /**
     * Someone else acts just before the next call of {@code action}: {@code meanwhile} runs once, on
     * the caller's thread, between the caller's reads and that call (a race no schedule makes on
     * its own).
     */
    public synchronized SimFaults beforeNext(String action, Runnable meanwhile) { beforeFirst.put(action, meanwhile); return this; }

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
     * The next {@code times} calls of {@code action} take effect, then their reply is lost on the way
     * back (a reset connection): the caller's SDK sees an I/O error and tries the call again, as it
     * does with any request whose reply never came.
     */
    public SimFaults loseReplyAfterEffect(String action, int times) { repliesToLose.put(action, times); return this; }

    /** How an action that always fails fails: what a reader of its answer must never take for "nothing there". */
    public enum Failure {
        /** HTTP 500 on every try: the client retries, then gives up. */
        SERVER_ERROR,
        /** Throttled on every try, until the client's retries are spent. */
        THROTTLED,
        /** An endpoint that does not implement the action (an emulator): HTTP 400 UnknownOperationException, or InvalidAction for EC2's query API. */
        UNKNOWN_OPERATION
    }

    /** {@code action} (such as {@code elasticloadbalancing:DescribeTags}) fails every time, as {@code how} says. */
    public SimFaults failAlways(String action, Failure how) { failing.put(action, how); return this; }

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
        loseReplyAfter = -1; lostReplyRate = 0; loseReplyOf.clear(); repliesToLose.clear(); failing.clear();
        return this;
    }

    @Override public void beforeCall(String action, SimErrors.Factory err) {
        Runnable meanwhile;
        synchronized (this) { meanwhile = beforeFirst.remove(action); }
        if (meanwhile != null) meanwhile.run();
        if (denied.contains(action) || denied.contains("*")) {
            throw err.create(403, "AccessDenied" + (action.startsWith("ec2:") ? "" : "Exception"),
                    "User: arn:aws:iam::123456789012:user/gantry is not authorized to perform: " + action);
        }
        if (broken.contains(action)) {
            injected++;
            throw err.create(500, "ServiceFailure", "We encountered an internal error. Please try again.");
        }
        Failure f = failing.get(action);
        if (f != null) {
            injected++;
            throw switch (f) {
                case SERVER_ERROR -> err.create(500, "InternalFailure", "We encountered an internal error. Please try again.");
                case THROTTLED -> err.create(400, action.startsWith("ec2:") ? "RequestLimitExceeded" : "ThrottlingException", "Rate exceeded");
                case UNKNOWN_OPERATION -> action.startsWith("ec2:") || action.startsWith("elasticloadbalancing:") || action.startsWith("iam:")
                        ? err.create(400, "InvalidAction", "The action " + action.substring(action.indexOf(':') + 1) + " is not valid for this web service.")
                        : err.create(400, "UnknownOperationException", "");
            };
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

    /** After {@code action} took effect: its reply is lost if a test asked so. */
    private void afterEffect(String action) {
        Integer left = repliesToLose.get(action);
        if (left == null || left <= 0) return;
        repliesToLose.put(action, left - 1);
        injected++;
        throw software.amazon.awssdk.core.exception.SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection reset").cause(new java.net.SocketException("Connection reset")).build();
    }

    @Override public void afterMutation(String action, long count) {
        lostAfterMutation(action, count);
        afterEffect(action);
    }

    private synchronized void lostAfterMutation(String action, long count) {
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

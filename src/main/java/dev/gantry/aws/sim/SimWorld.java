package dev.gantry.aws.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantry.time.TimeSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The simulated AWS account: all services' state, one clock, call counters and the faults a test
 * injects ({@link Faults}). Every simulated call goes through {@link #read} or {@link #mutate}, which
 * serialise access (the engine calls from several threads), count calls for the benchmark and apply
 * faults.
 */
public final class SimWorld implements SimContext {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public final SimState state;
    private volatile Faults faults = Faults.NONE;
    public final SimLatency latency;
    private final TimeSource time;
    private long mutatingCalls;
    private long readCalls;
    private final java.util.Map<String, Long> callsByAction = new java.util.TreeMap<>();
    private volatile long roundTripNanos;
    /** Set while {@link AlarmEvaluator} replays periods, so the ECS it advances does not start another replay. */
    boolean evaluatingAlarms;

    public SimWorld(SimState state, TimeSource time, SimLatency latency) {
        this.state = state;
        this.time = time;
        this.latency = latency;
    }

    public SimWorld(TimeSource time) { this(new SimState(), time, SimLatency.realistic()); }

    /**
     * What may go wrong with a call besides AWS's own rules: throttling, 5xx, denied actions, a crash
     * or a lost reply. Only tests inject any (src/test's {@code SimFaults}); a rehearsal has none.
     */
    public interface Faults {
        /** Before the call reaches the account: may fail it with {@code err}'s SDK exception. */
        void beforeCall(String action, SimErrors.Factory err);

        /** After the {@code count}th mutating call took effect, before its caller sees the reply. */
        void afterMutation(String action, long count);

        Faults NONE = new Faults() {
            @Override public void beforeCall(String action, SimErrors.Factory err) {}
            @Override public void afterMutation(String action, long count) {}
        };
    }

    /** The faults calls meet from now on. */
    public void inject(Faults faults) { this.faults = faults; }

    /** The faults calls meet now ({@link Faults#NONE} unless a test injected some). */
    public Faults faults() { return faults; }

    @Override public Instant now() { return time.now(); }

    @Override public String accountId() { return state.accountId; }

    @Override public String region() { return state.region; }

    /** A fresh, deterministic id, counted in the saved state so ids stay unique across runs. */
    @Override public synchronized String newId(String prefix) { return SimContext.id(prefix, ++state.idCounter); }

    @Override public SimLatency latency() { return latency; }

    /**
     * Makes every call spend {@code roundTrip} of real time on the caller's thread before it reaches
     * the account (outside the world's lock, so calls from several threads overlap as they would
     * over a network). Zero, the default, for tests and --simulate; the benchmark sets
     * {@link SimLatency#apiCall()}.
     */
    public void callsTake(java.time.Duration roundTrip) { this.roundTripNanos = roundTrip.toNanos(); }

    private void roundTrip() {
        if (roundTripNanos > 0) dev.gantry.time.Blocking.spend(java.time.Duration.ofNanos(roundTripNanos));
    }

    /** The account's retry budget, as one real SDK client has its own (aws.RetryPolicy decides). */
    private final software.amazon.awssdk.retries.api.RetryStrategy retries = dev.gantry.aws.RetryPolicy.strategy();

    /** A read call (Describe*, List*, Get*), retried as the SDK would; every attempt counts. */
    public <T> T read(String action, SimErrors.Factory err, Supplier<T> body) {
        return read(action, null, err, body);
    }

    /** The same, for a request that may ask for one attempt only ({@link dev.gantry.aws.RetryPolicy#ONE_TRY}). */
    public <T> T read(String action, Object request, SimErrors.Factory err, Supplier<T> body) {
        roundTrip();
        synchronized (this) {
            return SdkRetries.attempts(dev.gantry.aws.RetryPolicy.forRequest(request, retries), () -> {
                readCalls++;
                callsByAction.merge(action, 1L, Long::sum);
                faults.beforeCall(action, err);
                return body.get();
            });
        }
    }

    /**
     * A call that changes something. Faults may reject it before it happens; a crash injected
     * "after the Nth mutating call" lets the Nth take effect and then kills the caller before it
     * sees the response, which is exactly the window that tags-on-create and client tokens protect.
     * A lost reply lets the call take effect and then fails the attempt with an I/O error, which the
     * SDK retries with the same request. Throttling and 5xx are retried as the SDK would.
     */
    public <T> T mutate(String action, SimErrors.Factory err, Supplier<T> body) {
        return mutate(action, null, err, body);
    }

    /** The same, for a request that may ask not to be sent again blindly ({@link dev.gantry.aws.RetryPolicy#NO_BLIND_RESEND}). */
    public <T> T mutate(String action, Object request, SimErrors.Factory err, Supplier<T> body) {
        roundTrip();
        synchronized (this) {
            return SdkRetries.attempts(dev.gantry.aws.RetryPolicy.forRequest(request, retries), () -> {
                faults.beforeCall(action, err);
                T result = body.get();
                mutatingCalls++;
                callsByAction.merge(action, 1L, Long::sum);
                faults.afterMutation(action, mutatingCalls);
                return result;
            });
        }
    }

    public synchronized long mutatingCalls() { return mutatingCalls; }

    public synchronized long readCalls() { return readCalls; }

    public synchronized void resetCounters() { mutatingCalls = 0; readCalls = 0; callsByAction.clear(); }

    /** Calls made since the last reset, by action ("ec2:DescribeVpcs"): where the benchmark's counts come from. */
    public synchronized java.util.Map<String, Long> callsByAction() { return new java.util.TreeMap<>(callsByAction); }

    public dev.gantry.aws.AwsClients clients() { return SimClients.create(this); }

    /**
     * What a simulated Lambda function runs: given the event's JSON and a way to print a log line,
     * the answer's JSON. Registered by handler name ({@code dev.gantry.guard.GuardHandler::handleRequest})
     * by whoever builds the world (tests, {@code cli.wiring.Session}), since the simulated AWS cannot know
     * the code it would run.
     */
    @FunctionalInterface
    public interface FunctionRuntime {
        String handle(String payload, java.util.function.Consumer<String> log) throws Exception;
    }

    private final java.util.Map<String, FunctionRuntime> runtimes = new java.util.concurrent.ConcurrentHashMap<>();

    public void functionRuntime(String handler, FunctionRuntime runtime) { runtimes.put(handler, runtime); }

    /**
     * Runs one invocation of {@code f} on this thread, outside the world's lock (the handler calls
     * the simulated AWS itself): records it and writes its output to the function's log group, as
     * Lambda does (START, the handler's lines, END).
     */
    LambdaState.InvocationRec runFunction(LambdaState.FunctionRec f, String payload, String by) {
        LambdaState.InvocationRec r = new LambdaState.InvocationRec();
        r.function = f.name;
        r.at = now().toEpochMilli();
        r.payload = payload;
        r.by = by;
        String group = f.logGroup == null ? "/aws/lambda/" + f.name : f.logGroup;
        String stream = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(java.time.ZoneOffset.UTC).format(now())
                + "/[$LATEST]" + Long.toHexString(r.at);
        java.util.function.Consumer<String> log = line -> {
            synchronized (this) { LogsWriter.of(this).append(group, stream, now(), line); }
        };
        log.accept("START RequestId: " + Long.toHexString(r.at) + " Version: $LATEST");
        FunctionRuntime rt = runtimes.get(f.handler);
        if (rt == null) {
            r.functionError = "Unhandled";
            r.response = "{\"errorMessage\":\"Class not found: " + f.handler.replace("\"", "") + "\",\"errorType\":\"java.lang.ClassNotFoundException\"}";
        } else {
            try {
                r.response = rt.handle(payload, log);
            } catch (Exception | Error e) {
                r.functionError = "Unhandled";
                r.response = "{\"errorMessage\":" + JSON.valueToTree(String.valueOf(e.getMessage())) + ",\"errorType\":\"" + e.getClass().getName() + "\"}";
                log.accept(e.getClass().getName() + ": " + e.getMessage());
            }
        }
        log.accept("END RequestId: " + Long.toHexString(r.at));
        synchronized (this) { state.lambda.invocations.add(r); }
        return r;
    }

    /**
     * Runs the Lambda targets of EventBridge Scheduler whose occurrences are due, at a moment when
     * no simulated call is under way: unlike the scheduler's ECS targets (started lazily inside the
     * simulated ECS's reads), a function runs code that calls AWS, so it must not run inside
     * another call. {@code cli.wiring.Session} calls it when it opens the world; tests when they let time pass.
     */
    public void runDueFunctions() { FunctionInvocations.of(this).fire(); }

    /**
     * CloudWatch's alarms replayed up to {@code now} ({@link AlarmEvaluator}), unless a replay is
     * under way: the ECS it advances asks for one before it moves.
     */
    void evaluateAlarms(Instant now) {
        if (evaluatingAlarms || state.cloudWatch.alarms.isEmpty()) return;
        evaluatingAlarms = true;
        try {
            AlarmEvaluator.of(this).catchUp(now);
        } finally {
            evaluatingAlarms = false;
        }
    }

    // ---- persistence: so `apply`, `plan` and `destroy` run one after another see one world ----

    public static SimWorld load(Path file, TimeSource time, SimLatency latency) {
        return new SimWorld(readState(file), time, latency);
    }

    /** The account saved in {@code file}, or a fresh one when there is none yet. */
    public static SimState readState(Path file) {
        try {
            return Files.exists(file) ? JSON.readValue(file.toFile(), SimState.class) : new SimState();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulated AWS state " + file + " (delete it to start afresh)", e);
        }
    }

    public synchronized void save(Path file) {
        try {
            PrivateFiles.directory(file.getParent(), file.getParent());
            state.clockEpochMillis = time.now().toEpochMilli();
            PrivateFiles.write(file, tmp -> JSON.writeValue(tmp.toFile(), state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated AWS state " + file, e);
        }
    }

    /** The simulated clock reading saved with the state, so time never runs backwards between runs. */
    public static Instant savedClock(Path file) {
        try {
            return clock(readState(file));
        } catch (UncheckedIOException e) {
            return clock(new SimState());
        }
    }

    /** The clock reading {@code state} was saved at (a fresh account starts on 2026-01-01). */
    public static Instant clock(SimState state) {
        return state.clockEpochMillis == 0 ? Instant.parse("2026-01-01T00:00:00Z") : Instant.ofEpochMilli(state.clockEpochMillis);
    }
}

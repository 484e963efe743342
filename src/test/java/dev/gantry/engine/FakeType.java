package dev.gantry.engine;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A resource type backed by a map, with a readiness delay, for testing the engine without AWS. */
final class FakeType implements ResourceType {
    final String type;
    final int tier;
    final Duration readyAfter;
    final TimeSource time;
    final Map<String, Observed> store = new ConcurrentHashMap<>();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    Function<String, RuntimeException> failOnCreate = name -> null;
    Function<String, RuntimeException> failOnDelete = name -> null;
    Function<String, RuntimeException> failOnUpdate = name -> null;
    /** How long an update takes to settle (a service's rollout). */
    Duration updateTakes = Duration.ZERO;
    /** Updates of these names hold back a part (the value says what) until the rest of the run is done. */
    final Map<String, String> holdBack = new ConcurrentHashMap<>();
    int throttleFirst;
    /** Creates hand their result to dependents at once and then wait on their own (a provisioning load balancer). */
    boolean usableAtOnce;
    /** Replacements create the new one first; each copy gets its own id. */
    boolean swap;
    private int copies;

    FakeType(String type, int tier, Duration readyAfter, TimeSource time) {
        this.type = type;
        this.tier = tier;
        this.readyAfter = readyAfter;
        this.time = time;
    }

    @Override public String type() { return type; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "fake " + type; }
    @Override public int tier() { return tier; }
    @Override public Set<String> replaceOn() { return Set.of("immutable"); }
    @Override public boolean createBeforeDestroy() { return swap; }

    @Override public List<Observed> refresh(ResourceContext ctx) { return List.copyOf(store.values()); }

    @Override public Step create(ResourceContext ctx, Desired d, Map<String, Object> props) {
        return () -> {
            if (throttleFirst > 0) {
                throttleFirst--;
                throw software.amazon.awssdk.services.ec2.model.Ec2Exception.builder().statusCode(400)
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                .errorCode("RequestLimitExceeded").errorMessage("slow down").build()).build();
            }
            RuntimeException fail = failOnCreate.apply(d.address().name());
            if (fail != null) throw fail;
            calls.add("create " + d.address() + " " + props);
            startedAt.put(d.address().name(), time.now());
            Instant readyAt = time.now().plus(readyAfter);
            String id = "id-" + d.address().name() + (swap ? "-" + ++copies : "");
            Observed o = new Observed(d.address(), id, props, Map.of("id", id));
            store.put(d.address().name(), o);
            Step wait = new Step() {
                @Override public StepResult run() {
                    return time.now().isBefore(readyAt) ? StepResult.waitThen(Duration.ofSeconds(1), type + " to be ready", this) : StepResult.done(o);
                }
            };
            return usableAtOnce ? StepResult.usable(o, wait) : wait.run();
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired d, Map<String, Object> props) {
        return () -> {
            RuntimeException fail = failOnUpdate.apply(d.address().name());
            if (fail != null) throw fail;
            calls.add("update " + d.address() + " " + props);
            Observed o = new Observed(d.address(), current.id(), props, current.outputs());
            store.put(d.address().name(), o);
            String held = holdBack.get(d.address().name());
            if (held != null) {
                return StepResult.doneThen(o, held, () -> {
                    calls.add(held + " " + d.address());
                    return StepResult.done(o);
                });
            }
            Instant settled = time.now().plus(updateTakes);
            Step wait = new Step() {
                @Override public StepResult run() {
                    return time.now().isBefore(settled) ? StepResult.waitThen(Duration.ofSeconds(1), type + " to settle", this) : StepResult.done(o);
                }
            };
            return wait.run();
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            RuntimeException fail = failOnDelete.apply(current.address().name());
            if (fail != null) throw fail;
            calls.add("delete " + current.address() + (swap ? " " + current.id() : ""));
            store.remove(current.address().name(), store.get(current.address().name()) == null ? null
                    : current.id().equals(store.get(current.address().name()).id()) ? store.get(current.address().name()) : null);
            return StepResult.done(null);
        };
    }

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

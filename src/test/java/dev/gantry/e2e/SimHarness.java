package dev.gantry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.aws.AwsClients;
import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineOptions;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Plan;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.time.VirtualScheduler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One simulated account on virtual time, and the engine pointed at it: what every end-to-end test uses. */
final class SimHarness {
    final VirtualScheduler time;
    final SimWorld world;
    AwsClients aws;
    final List<ApplyEvent> events = new CopyOnWriteArrayList<>();
    SecretValues secrets = name -> Optional.of(("s3cret-" + name).toCharArray());

    SimHarness() { this(SimLatency.realistic()); }

    SimHarness(SimLatency latency) {
        time = new VirtualScheduler();
        world = new SimWorld(new SimState(), time, latency);
        aws = world.clients();
    }

    /** An account saved by {@link SimWorld#save}, its clock where it was: many tests share one costly apply. */
    SimHarness(Path saved) {
        time = new VirtualScheduler(SimWorld.savedClock(saved));
        world = SimWorld.load(saved, time, SimLatency.realistic());
        aws = world.clients();
    }

    static Spec template(String name) {
        try {
            return SpecLoader.load(Path.of("templates", name));
        } catch (dev.gantry.spec.SpecException e) {
            throw new AssertionError(e.diagnostics().toString());
        }
    }

    /** What a real account would already have for this spec: the public hosted zone it names. */
    SimHarness prepare(Spec spec) {
        world.state.region = spec.region();
        dev.gantry.cli.wiring.SimAccount.prepare(world, spec);
        return this;
    }

    Engine engine() {
        return new Engine(Catalog.standard(), aws, time, secrets, events::add);
    }

    ApplyResult apply(Spec spec) {
        return engine().apply(spec, dev.gantry.engine.TestOptions.yes("gantry apply"));
    }

    ApplyResult destroy(Spec spec) {
        return engine().destroy(spec, dev.gantry.engine.TestOptions.yes("gantry destroy"));
    }

    Plan plan(Spec spec) { return engine().plan(spec); }

    /** Every resource gantry's own refresh finds for the app, by address. */
    Map<String, Observed> inventory(Spec spec) {
        Engine e = engine();
        // As the engine's refresh does: it looks for the resources the spec plans.
        var ctx = e.context(spec).withFreshReads().wanting(Catalog.expand(spec));
        Map<String, Observed> out = new TreeMap<>();
        for (ResourceType t : Catalog.standard().types()) {
            for (Observed o : t.refresh(ctx)) {
                Observed prev = out.put(o.address().toString(), o);
                if (prev != null) throw new AssertionError("duplicate " + o.address() + ": " + prev.id() + " and " + o.id());
            }
        }
        return out;
    }

    /**
     * Paths in the whole simulated account that still carry the app's tag, ignoring what AWS keeps
     * showing after deletion (NAT gateways in state deleted, stopped tasks, inactive task definitions
     * and services), none of which costs money.
     */
    List<String> taggedLeftovers(String app) {
        JsonNode root = new ObjectMapper().valueToTree(world.state);
        List<String> out = new ArrayList<>();
        nowMillis = time.now().toEpochMilli();
        scan(root, "", app, out);
        return out;
    }

    private static final List<String> GONE_STATES = List.of("deleted", "STOPPED", "INACTIVE", "DELETED");

    private static long nowMillis;

    private static void scan(JsonNode node, String path, String app, List<String> out) {
        if (node.isObject()) {
            JsonNode deletedAt = node.get("deletedAtMillis");
            if (deletedAt != null && deletedAt.isNumber() && deletedAt.asLong() <= nowMillis) return;
            for (String s : List.of("state", "status", "lastStatus")) {
                JsonNode st = node.get(s);
                if (st != null && st.isTextual() && GONE_STATES.contains(st.asText())) return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("gantry:app") && e.getValue().asText().equals(app)) {
                    out.add(path);
                    return;
                }
                if ((e.getKey().equals("key") || e.getKey().equals("Key")) && e.getValue().asText().equals("gantry:app")) {
                    JsonNode v = node.has("value") ? node.get("value") : node.get("Value");
                    if (v != null && v.asText().equals(app)) {
                        out.add(path);
                        return;
                    }
                }
                scan(e.getValue(), path + "/" + e.getKey(), app, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) scan(node.get(i), path + "[" + i + "]", app, out);
        }
    }
}

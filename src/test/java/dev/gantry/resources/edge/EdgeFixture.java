package dev.gantry.resources.edge;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.sim.FakeNetwork;
import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.ProgressSink;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.SecretValues;
import dev.gantry.resources.Step;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Dns;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.testing.Drive;
import dev.gantry.time.VirtualScheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated account with a VPC (through {@link FakeNetwork}) and the zone example.com, for handler tests. */
final class EdgeFixture {
    final VirtualScheduler time = new VirtualScheduler();
    final SimWorld world = new SimWorld(new SimState(), time, SimLatency.realistic());
    final FakeNetwork net = FakeNetwork.standard();
    final AwsClients aws = net.clients(world);
    final String zoneId = world.state.route53.ensureZone("example.com");
    final List<String> info = new ArrayList<>();

    static Spec spec(Certificate cert, Dns dns) {
        return new Spec(1, "hello", "us-east-1", Map.of("team", "web"), Network.defaults(), null, Task.of("public.ecr.aws/nginx/nginx:1.27", 80),
                null, LoadBalancer.defaults(), cert, dns);
    }

    static Spec httpsSpec() {
        return spec(new Certificate("hello.example.com", List.of(), null), new Dns("example.com", "hello.example.com"));
    }

    ResourceContext ctx(Spec spec) {
        ProgressSink sink = new ProgressSink() {
            @Override public void rollout(RolloutSnapshot snapshot) {}
            @Override public void info(String message) { info.add(message); }
        };
        // As the engine's refresh does: handlers look for what the spec's plan wants, never at the spec.
        return new ResourceContext(aws, spec, world.accountId(), time, SecretValues.none(), sink)
                .wanting(dev.gantry.resources.catalog.Catalog.expand(spec));
    }

    Observed run(Step step) { return Drive.run(step, time); }

    /** The desired node of that address from the spec's expansion. */
    static Desired desired(Spec spec, dev.gantry.plan.Address address) {
        List<Desired> out = new ArrayList<>();
        EdgeResources.expand(spec, out);
        return out.stream().filter(d -> d.address().equals(address)).findFirst().orElseThrow();
    }

    /** The desired props with Refs replaced, as the engine does just before a call. */
    static Map<String, Object> resolve(Desired d, Map<String, String> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        d.props().forEach((k, v) -> out.put(k, resolveValue(v, values)));
        return out;
    }

    private static Object resolveValue(Object v, Map<String, String> values) {
        if (v instanceof dev.gantry.plan.Ref r) {
            String s = values.get(r.address() + "." + r.attribute());
            if (s == null) throw new IllegalArgumentException("no value for " + r);
            return s;
        }
        if (v instanceof List<?> l) return l.stream().map(x -> resolveValue(x, values)).toList();
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, x) -> out.put((String) k, resolveValue(x, values)));
            return out;
        }
        return v;
    }
}

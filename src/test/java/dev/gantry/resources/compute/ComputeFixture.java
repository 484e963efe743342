package dev.gantry.resources.compute;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.sim.FakeNeighbours;
import dev.gantry.aws.sim.SimLatency;
import dev.gantry.aws.sim.SimState;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Ref;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.ProgressSink;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Network;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.testing.Drive;
import dev.gantry.time.VirtualScheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A simulated account with the network and edge pieces stood in by {@link FakeNeighbours}, and a
 * small engine: resolves refs from what was created and runs handler steps with {@link Drive}.
 */
final class ComputeFixture {
    final VirtualScheduler clock = new VirtualScheduler();
    final SimWorld world = new SimWorld(new SimState(), clock, SimLatency.realistic());
    final FakeNeighbours net = FakeNeighbours.ready();
    final AwsClients aws = net.clients(world);
    final Map<String, char[]> secretValues = new HashMap<>();
    final List<RolloutSnapshot> snapshots = new ArrayList<>();
    final List<String> infos = new ArrayList<>();
    final Map<Address, Observed> created = new LinkedHashMap<>();
    Spec spec;

    static final String SHARED_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key";

    ComputeFixture(Spec spec) {
        this.spec = spec;
        // What the network and edge groups would have created.
        created.put(Address.of("subnet", "private-0"), out("subnet.private-0", "id", "subnet-a"));
        created.put(Address.of("subnet", "private-1"), out("subnet.private-1", "id", "subnet-b"));
        created.put(Address.of("subnet", "public-0"), out("subnet.public-0", "id", "subnet-a"));
        created.put(Address.of("subnet", "public-1"), out("subnet.public-1", "id", "subnet-b"));
        // The service reaches its subnets through the route tables that give them a way out.
        created.put(Address.of("route-table", "private"), routes("route-table.private", "subnet-a", "subnet-b"));
        created.put(Address.of("route-table", "public"), routes("route-table.public", "subnet-a", "subnet-b"));
        created.put(Address.of("security-group", "service"), out("security-group.service", "id", "sg-service"));
        // Route tables expose the subnets they route for: the service's subnets refer to them.
        for (String rt : new String[]{"public", "private", "private-0", "private-1"}) {
            Map<String, String> outs = new TreeMap<>(Map.of("id", "rtb-" + rt, "subnet0", rt.equals("private-1") ? "subnet-b" : "subnet-a", "subnet1", "subnet-b"));
            created.put(Address.of("route-table", rt), new Observed(Address.parse("route-table." + rt), "rtb-" + rt, Map.of(), outs));
        }
        created.put(Address.of("target-group", "main"), out("target-group.main", "arn", FakeNeighbours.TG));
        // An active load balancer: no provisioning left to wait for before the first health checks.
        created.put(Address.of("load-balancer", "main"), out("load-balancer.main", "activeBy", ""));
    }

    private static Observed routes(String address, String... subnets) {
        Map<String, String> outputs = new TreeMap<>(Map.of("id", "rtb-" + address));
        for (int i = 0; i < subnets.length; i++) outputs.put("subnet" + i, subnets[i]);
        return new Observed(Address.parse(address), "rtb-" + address, Map.of(), outputs);
    }

    private static Observed out(String address, String key, String value) {
        Map<String, String> outputs = new TreeMap<>(Map.of("id", value));
        outputs.put(key, value);
        return new Observed(Address.parse(address), value, Map.of(), outputs);
    }

    static Spec spec(String image, boolean loadBalancer) {
        Map<String, SecretRef> secrets = new TreeMap<>();
        secrets.put("PASSWORD", new SecretRef("/hello/password"));
        secrets.put("API_KEY", new SecretRef(SHARED_ARN));
        Task task = new Task(image, 256, 512, null, 80, List.of(), Map.of("USER", "admin"), secrets, null);
        return new Spec(1, "hello", "us-east-1", Map.of("team", "web"), Network.defaults(), null, task, null,
                loadBalancer ? LoadBalancer.defaults() : null, null, null);
    }

    ResourceContext ctx() {
        ProgressSink sink = new ProgressSink() {
            @Override public void rollout(RolloutSnapshot s) { snapshots.add(s); }
            @Override public void info(String m) { infos.add(m); }
        };
        // As the engine's refresh does: handlers look for what the spec's plan wants, never at the spec.
        return new ResourceContext(aws, spec, "123456789012", clock, name -> Optional.ofNullable(secretValues.get(name)).map(char[]::clone), sink)
                .wanting(dev.gantry.resources.catalog.Catalog.expand(spec));
    }

    ResourceType type(String t) { return new Catalog(ComputeResources.types()).type(t); }

    List<Desired> desired() {
        List<Desired> out = new ArrayList<>();
        ComputeResources.expand(spec, out);
        return out;
    }

    Desired desired(String address) {
        return desired().stream().filter(d -> d.address().toString().equals(address)).findFirst().orElseThrow();
    }

    /** The existing shared parameter an ARN secret points at (made by someone else, not tagged for gantry). */
    void sharedParameterExists() {
        aws.ssm().putParameter(b -> b.name("/shared/api-key").value("shared-value").type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING));
    }

    Map<String, Object> resolve(Map<String, Object> props) {
        Map<String, Object> m = new LinkedHashMap<>();
        props.forEach((k, v) -> m.put(k, resolveValue(v)));
        return m;
    }

    private Object resolveValue(Object v) {
        if (v instanceof Ref r) {
            Observed o = created.get(r.address());
            if (o == null) throw new IllegalStateException("not created yet: " + r.address());
            return o.output(r.attribute());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), resolveValue(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(this::resolveValue).toList();
        return v;
    }

    /** Creates (or looks up) one desired resource, as the engine would. */
    Observed apply(String address) {
        Desired d = desired(address);
        ResourceType t = type(d.address().type());
        Observed o = d.data() ? t.lookup(ctx(), d).orElseThrow(() -> new IllegalStateException("data not found: " + address))
                : Drive.run(t.create(ctx(), d, resolve(d.props())), clock);
        created.put(d.address(), o);
        return o;
    }

    /** Everything up to (not including) the service. */
    void applyFoundations() {
        sharedParameterExists();
        secretValues.put("PASSWORD", "hunter2".toCharArray());
        for (String a : List.of("log-group.main", "parameter.PASSWORD", "parameter.API_KEY", "role.execution", "role.task", "cluster.main", "task-definition.main")) {
            apply(a);
        }
    }

    Observed refreshed(String address) {
        Address a = Address.parse(address);
        return type(a.type()).refresh(ctx()).stream().filter(o -> o.address().equals(a)).findFirst().orElse(null);
    }
}

package dev.gantry.aws.sim;

import dev.gantry.aws.CloudMapApi;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Simulated AWS Cloud Map, as far as gantry removes what ECS Service Connect made (Cloud Map API
 * Reference: ListNamespaces, GetNamespace, ListServices, GetService, DeleteService, DeleteNamespace,
 * GetOperation; Developer Guide, "Deleting an AWS Cloud Map namespace"):
 * <ul>
 * <li>a service cannot be deleted while instances are registered in it (ResourceInUse, "Service
 *     contains registered instances; delete the instances before deleting the service"); a task of
 *     an ECS service with Service Connect is an instance of its discovery name's service until it stops;</li>
 * <li>a namespace cannot be deleted while it holds services (ResourceInUse, "Namespace has associated
 *     services; delete the services before deleting the namespace");</li>
 * <li>DeleteNamespace is asynchronous: it answers an OperationId at once, GetOperation reports
 *     SUBMITTED, then PENDING, then SUCCESS, and the namespace stays readable until then. How long it
 *     takes is not documented; {@link #DELETING} is an estimate for an HTTP namespace (a DNS namespace
 *     also deletes its Route 53 hosted zone, which takes longer);</li>
 * <li>unknown ids fail with NamespaceNotFound, ServiceNotFound or OperationNotFound (HTTP 400).</li>
 * </ul>
 * ECS makes the services ({@link #registerEcsService}) and leaves them when its service is deleted:
 * what is left is for whoever deletes the namespace (as AWS Copilot's users met: "SC service is
 * already used by" a namespace after the ECS service was gone).
 */
public final class SimCloudMap implements CloudMapApi {
    static final Duration DELETING = Duration.ofSeconds(6);
    private final SimWorld world;

    public SimCloudMap(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        return SimErrors.error(AwsServiceException.builder(), "ServiceDiscovery", status, code, message);
    }

    private CloudMapState st() { return world.state.cloudMap; }

    @Override public List<Namespace> namespacesNamed(String name) {
        return world.read("servicediscovery:ListNamespaces", this::err, () -> {
            settle();
            return st().namespaces.values().stream().filter(n -> n.name.equals(name)).map(SimCloudMap::namespace).toList();
        });
    }

    @Override public Optional<Namespace> namespace(String idOrArn) {
        return world.read("servicediscovery:GetNamespace", this::err, () -> {
            settle();
            CloudMapState.NamespaceRec n = byIdOrArn(idOrArn);
            // The interface reads NamespaceNotFound as "none"; the real client does the same with AWS's error.
            return Optional.ofNullable(n).map(SimCloudMap::namespace);
        });
    }

    @Override public List<Service> services(String namespaceId) {
        return world.read("servicediscovery:ListServices", this::err, () -> {
            settle();
            List<Service> out = new ArrayList<>();
            for (CloudMapState.ServiceRec s : st().services.values()) {
                if (s.namespaceId.equals(namespaceId)) out.add(new Service(s.id, s.arn, s.name, s.namespaceId, instances(s)));
            }
            return out;
        });
    }

    @Override public Optional<String> serviceNamespace(String id) {
        return world.read("servicediscovery:GetService", this::err, () -> st().services.values().stream()
                .filter(x -> x.id.equals(id) || x.arn.equals(id)).findFirst().map(x -> x.namespaceId));
    }

    @Override public void deleteService(String id) {
        world.mutate("servicediscovery:DeleteService", this::err, () -> {
            CloudMapState.ServiceRec s = st().services.values().stream().filter(x -> x.id.equals(id) || x.arn.equals(id)).findFirst()
                    .orElseThrow(() -> err(400, "ServiceNotFound", "Service not found: " + id));
            if (instances(s) > 0) {
                throw err(400, "ResourceInUse", "Service contains registered instances; delete the instances before deleting the service");
            }
            st().services.remove(s.id);
            return null;
        });
    }

    @Override public String deleteNamespace(String idOrArn) {
        return world.mutate("servicediscovery:DeleteNamespace", this::err, () -> {
            settle();
            CloudMapState.NamespaceRec n = byIdOrArn(idOrArn);
            if (n == null) throw err(400, "NamespaceNotFound", "Namespace not found: " + idOrArn);
            if (st().services.values().stream().anyMatch(s -> s.namespaceId.equals(n.id))) {
                throw err(400, "ResourceInUse", "Namespace has associated services; delete the services before deleting the namespace");
            }
            // A second DeleteNamespace while the first runs answers the same operation.
            for (CloudMapState.OperationRec o : st().operations.values()) {
                if (o.namespaceId.equals(n.id) && "DELETE_NAMESPACE".equals(o.type)) return o.id;
            }
            CloudMapState.OperationRec o = new CloudMapState.OperationRec();
            o.id = world.newId("op").substring(3);
            o.type = "DELETE_NAMESPACE";
            o.namespaceId = n.id;
            o.submittedAt = world.now().toEpochMilli();
            o.doneAt = world.now().plus(DELETING).toEpochMilli();
            st().operations.put(o.id, o);
            return o.id;
        });
    }

    @Override public Operation operation(String id) {
        return world.read("servicediscovery:GetOperation", this::err, () -> {
            settle();
            CloudMapState.OperationRec o = st().operations.get(id);
            if (o == null) throw err(400, "OperationNotFound", "Operation not found: " + id);
            long now = world.now().toEpochMilli();
            String status = now >= o.doneAt ? "SUCCESS" : now >= o.submittedAt + 1000 ? "PENDING" : "SUBMITTED";
            return new Operation(o.id, status, null, null);
        });
    }

    /** A deletion that has run its course removes its namespace (computed from the clock when looked at). */
    private void settle() {
        long now = world.now().toEpochMilli();
        for (CloudMapState.OperationRec o : st().operations.values()) {
            if ("DELETE_NAMESPACE".equals(o.type) && now >= o.doneAt) {
                st().namespaces.values().removeIf(n -> n.id.equals(o.namespaceId));
            }
        }
    }

    private CloudMapState.NamespaceRec byIdOrArn(String idOrArn) {
        if (idOrArn == null) return null;
        return st().namespaces.values().stream().filter(n -> n.id.equals(idOrArn) || n.arn.equals(idOrArn)).findFirst().orElse(null);
    }

    /** Registered instances: those registered through Cloud Map, and the tasks of the ECS service that made it until they stop. */
    private int instances(CloudMapState.ServiceRec s) {
        int n = s.instances;
        if (s.ecsService != null) {
            for (EcsState.TaskRec t : world.state.ecs.tasks.values()) {
                if (!"STOPPED".equals(t.lastStatus) && s.ecsService.equals(serviceArn(t))) n++;
            }
        }
        return n;
    }

    private String serviceArn(EcsState.TaskRec t) {
        if (t.service == null) return null;
        EcsState.ServiceRec s = world.state.ecs.service(t.cluster, t.service);
        return s == null ? null : s.arn;
    }

    private static Namespace namespace(CloudMapState.NamespaceRec n) {
        return new Namespace(n.id, n.arn, n.name, n.type);
    }

    /**
     * What ECS does in Cloud Map when a service's Service Connect configuration names a discovery
     * name: the namespace gets a service of that name (made once; the ECS service's tasks are its
     * instances). Called by the simulated ECS inside its own call.
     */
    static void registerEcsService(SimWorld world, EcsState.ServiceRec ecs) {
        if (ecs.serviceConnect == null || ecs.serviceConnect.discoveryName == null) return;
        CloudMapState st = world.state.cloudMap;
        CloudMapState.NamespaceRec n = st.namespaces.get(ecs.serviceConnect.namespaceArn);
        if (n == null) return;
        boolean there = st.services.values().stream().anyMatch(s -> s.namespaceId.equals(n.id) && s.name.equals(ecs.serviceConnect.discoveryName));
        if (there) {
            st.services.values().stream().filter(s -> s.namespaceId.equals(n.id) && s.name.equals(ecs.serviceConnect.discoveryName))
                    .forEach(s -> s.ecsService = ecs.arn);
            return;
        }
        CloudMapState.ServiceRec s = new CloudMapState.ServiceRec();
        s.id = "srv-" + world.newId("x").substring(2, 18);
        s.arn = "arn:aws:servicediscovery:" + world.region() + ":" + world.accountId() + ":service/" + s.id;
        s.name = ecs.serviceConnect.discoveryName;
        s.namespaceId = n.id;
        s.createdAt = world.now().toEpochMilli();
        s.ecsService = ecs.arn;
        st.services.put(s.id, s);
    }
}

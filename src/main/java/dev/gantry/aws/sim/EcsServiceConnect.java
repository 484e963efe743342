package dev.gantry.aws.sim;

import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;

import java.util.function.Function;

/**
 * ECS Service Connect's rules in the simulated ECS (ECS API Reference: ClusterServiceConnectDefaultsRequest,
 * ServiceConnectConfiguration, ServiceConnectService, ServiceConnectClientAlias; Developer Guide,
 * "Service Connect components"):
 * <ul>
 * <li>a cluster's default namespace is a Cloud Map namespace's name or ARN (at most 1024 characters,
 *     none of {@code > < " /}); a name that does not exist is created, as an HTTP namespace;</li>
 * <li>a service's configuration takes its namespace from itself, else from the cluster's default,
 *     and there must be one; each of its services names a port mapping of the task definition
 *     ({@code portName}); the discovery name (default: the port name) is unique in the namespace;
 *     a client alias has a port (0–65535) and a DNS name (default: discovery name.namespace);</li>
 * <li>only tasks that start after an endpoint was made can resolve it.</li>
 * </ul>
 */
final class EcsServiceConnect {
    private EcsServiceConnect() {}

    /** The ARN of the namespace a cluster's default names, made (HTTP) when the name is new. */
    static String defaultNamespace(SimWorld world, String nameOrArn, Function<String, RuntimeException> invalid) {
        if (nameOrArn == null || nameOrArn.isEmpty() || nameOrArn.length() > 1024 || nameOrArn.matches(".*[<>\"].*")) {
            throw invalid.apply("Invalid namespace name: it can include up to 1024 characters, none of > < \" or /.");
        }
        CloudMapState.NamespaceRec found = world.state.cloudMap.find(nameOrArn);
        if (found != null) return found.arn;
        if (nameOrArn.startsWith("arn:")) throw invalid.apply("The namespace " + nameOrArn + " was not found.");
        if (nameOrArn.contains("/")) throw invalid.apply("Invalid namespace name: it can include up to 1024 characters, none of > < \" or /.");
        CloudMapState.NamespaceRec n = new CloudMapState.NamespaceRec();
        n.id = "ns-" + world.newId("x").substring(2, 18);
        n.arn = "arn:aws:servicediscovery:" + world.region() + ":" + world.accountId() + ":namespace/" + n.id;
        n.name = nameOrArn;
        n.type = "HTTP";
        n.createdAt = world.now().toEpochMilli();
        n.tags.put("AmazonECSManaged", "true");
        world.state.cloudMap.namespaces.put(n.arn, n);
        return n.arn;
    }

    /** A service's configuration as ECS keeps it, or null when it is off; {@code before} keeps an unchanged endpoint's age. */
    static EcsState.ServiceConnectRec configure(SimWorld world, ServiceConnectConfiguration req, EcsState.ClusterRec cluster,
                                                EcsState.TaskDefRec td, EcsState.ServiceRec self, EcsState.ServiceConnectRec before,
                                                Function<String, RuntimeException> invalid) {
        if (req == null || !Boolean.TRUE.equals(req.enabled())) return null;
        String namespace;
        if (req.namespace() != null) {
            CloudMapState.NamespaceRec n = world.state.cloudMap.find(req.namespace());
            if (n == null) throw invalid.apply("The namespace " + req.namespace() + " was not found.");
            namespace = n.arn;
        } else if (cluster.serviceConnectNamespace != null) {
            namespace = cluster.serviceConnectNamespace;
        } else {
            throw invalid.apply("Service Connect requires a namespace: set serviceConnectConfiguration.namespace, or the cluster's serviceConnectDefaults.");
        }
        EcsState.ServiceConnectRec r = new EcsState.ServiceConnectRec();
        r.namespaceArn = namespace;
        if (req.services() != null && req.services().size() > 1) {
            throw invalid.apply("This simulation takes one Service Connect service per ECS service.");
        }
        if (req.services() != null && !req.services().isEmpty()) {
            ServiceConnectService svc = req.services().get(0);
            if (svc.portName() == null || td.containers.stream().noneMatch(c -> c.portNames.containsKey(svc.portName()))) {
                throw invalid.apply("The portName '" + svc.portName() + "' does not match the name of a port mapping in the task definition " + td.arn + ".");
            }
            r.portName = svc.portName();
            r.discoveryName = svc.discoveryName() != null ? svc.discoveryName() : svc.portName();
            if (!r.discoveryName.matches("[a-z][a-z0-9_-]{0,63}")) {
                throw invalid.apply("The discoveryName '" + r.discoveryName + "' must start with a letter and hold up to 64 lowercase letters, numbers, underscores and hyphens.");
            }
            for (EcsState.ServiceRec other : world.state.ecs.services.values()) {
                if (other == self || !"ACTIVE".equals(other.status) || other.serviceConnect == null) continue;
                if (namespace.equals(other.serviceConnect.namespaceArn) && r.discoveryName.equals(other.serviceConnect.discoveryName)) {
                    throw invalid.apply("The discoveryName '" + r.discoveryName + "' is already used in the namespace by the service " + other.name + ".");
                }
            }
            if (svc.clientAliases() == null || svc.clientAliases().isEmpty()) {
                throw invalid.apply("A Service Connect service needs a client alias with a port for the other tasks to connect to.");
            }
            ServiceConnectClientAlias alias = svc.clientAliases().get(0);
            if (alias.port() == null || alias.port() < 0 || alias.port() > 65535) throw invalid.apply("The client alias port must be between 0 and 65535.");
            String namespaceName = world.state.cloudMap.namespaces.get(namespace).name;
            r.dnsName = alias.dnsName() != null ? alias.dnsName() : r.discoveryName + "." + namespaceName;
            r.port = alias.port();
            boolean same = before != null && namespace.equals(before.namespaceArn) && r.discoveryName.equals(before.discoveryName)
                    && r.dnsName.equals(before.dnsName) && r.port.equals(before.port);
            r.endpointSince = same ? before.endpointSince : world.now().toEpochMilli();
        }
        return r;
    }

    /** Whether a service's configuration differs from what it had (a change starts a new deployment). */
    static boolean changed(EcsState.ServiceConnectRec a, EcsState.ServiceConnectRec b) {
        if (a == null || b == null) return a != b;
        return !java.util.Objects.equals(a.namespaceArn, b.namespaceArn) || !java.util.Objects.equals(a.portName, b.portName)
                || !java.util.Objects.equals(a.discoveryName, b.discoveryName) || !java.util.Objects.equals(a.dnsName, b.dnsName)
                || !java.util.Objects.equals(a.port, b.port);
    }

    /** As DescribeServices shows it on a deployment. */
    static ServiceConnectConfiguration describe(EcsState.ServiceConnectRec r) {
        if (r == null) return null;
        var b = ServiceConnectConfiguration.builder().enabled(true).namespace(r.namespaceArn);
        if (r.discoveryName != null) {
            b.services(ServiceConnectService.builder().portName(r.portName).discoveryName(r.discoveryName)
                    .clientAliases(ServiceConnectClientAlias.builder().port(r.port).dnsName(r.dnsName).build()).build());
        }
        return b.build();
    }
}

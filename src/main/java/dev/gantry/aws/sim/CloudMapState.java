package dev.gantry.aws.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated Cloud Map, as far as ECS Service Connect uses it: namespaces, keyed by ARN. ECS
 * makes one (an HTTP namespace, "API calls" discovery only) when a cluster's
 * serviceConnectDefaults names one that does not exist, and nothing of ECS deletes it: removing
 * the cluster's default or the cluster leaves it in Cloud Map (ECS API Reference,
 * ClusterServiceConnectDefaultsRequest).
 */
public final class CloudMapState {
    public static final class NamespaceRec {
        public String id;
        public String arn;
        public String name;
        /** HTTP: the only type ECS creates. */
        public String type;
        public long createdAt;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public Map<String, NamespaceRec> namespaces = new TreeMap<>();

    /**
     * A service of a namespace. ECS makes one per Service Connect discovery name (its tasks are its
     * instances, {@code ecsService}); one made by a person through Cloud Map has {@code instances}.
     */
    public static final class ServiceRec {
        public String id;
        public String arn;
        public String name;
        public String namespaceId;
        public long createdAt;
        /** The ECS service (ARN) whose tasks register here, or null. */
        public String ecsService;
        /** Instances registered through Cloud Map itself (RegisterInstance). */
        public int instances;
    }

    /** An asynchronous operation (DeleteNamespace's), done at {@code doneAt}. */
    public static final class OperationRec {
        public String id;
        public String type;
        public String namespaceId;
        public long submittedAt;
        public long doneAt;
    }

    /** By id. */
    public Map<String, ServiceRec> services = new TreeMap<>();
    /** By id. */
    public Map<String, OperationRec> operations = new TreeMap<>();

    /** The namespace with this ARN, or else this name; null when there is none. */
    public NamespaceRec find(String nameOrArn) {
        if (nameOrArn == null) return null;
        NamespaceRec byArn = namespaces.get(nameOrArn);
        if (byArn != null) return byArn;
        return namespaces.values().stream().filter(n -> n.name.equals(nameOrArn)).findFirst().orElse(null);
    }
}

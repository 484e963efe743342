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

    /** The namespace with this ARN, or else this name; null when there is none. */
    public NamespaceRec find(String nameOrArn) {
        if (nameOrArn == null) return null;
        NamespaceRec byArn = namespaces.get(nameOrArn);
        if (byArn != null) return byArn;
        return namespaces.values().stream().filter(n -> n.name.equals(nameOrArn)).findFirst().orElse(null);
    }
}

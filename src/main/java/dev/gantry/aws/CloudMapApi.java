package dev.gantry.aws;

import java.util.List;
import java.util.Optional;

/**
 * The few AWS Cloud Map operations gantry needs to remove the namespace ECS Service Connect made
 * for an app (the cluster's serviceConnectDefaults): find it, see what services it holds, delete
 * those ECS left behind, delete it and follow the deletion. Names mirror the API's (Cloud Map API
 * Reference: ListNamespaces, GetNamespace, ListServices, GetService, DeleteService, DeleteNamespace,
 * GetOperation); AWS's errors arrive as service exceptions with its codes (NamespaceNotFound,
 * ServiceNotFound, ResourceInUse, OperationNotFound).
 */
public interface CloudMapApi {
    record Namespace(String id, String arn, String name, String type) {}

    /** A service of a namespace; {@code instanceCount} as ListServices reports it (registered instances). */
    record Service(String id, String arn, String name, String namespaceId, int instanceCount) {}

    /** An asynchronous operation: {@code status} SUBMITTED, PENDING, SUCCESS or FAIL. */
    record Operation(String id, String status, String errorCode, String errorMessage) {
        public boolean done() { return "SUCCESS".equals(status) || "FAIL".equals(status); }
    }

    /** ListNamespaces filtered on NAME = {@code name}, every page. */
    List<Namespace> namespacesNamed(String name);

    /** GetNamespace by id or ARN; empty when AWS answers NamespaceNotFound. */
    Optional<Namespace> namespace(String idOrArn);

    /** ListServices filtered on NAMESPACE_ID = {@code namespaceId}, every page. */
    List<Service> services(String namespaceId);

    /** GetService: the id of the namespace the service is in; empty when AWS answers ServiceNotFound. */
    Optional<String> serviceNamespace(String id);

    /** DeleteService: fails with ResourceInUse while instances are registered. */
    void deleteService(String id);

    /** DeleteNamespace: fails with ResourceInUse while the namespace holds services; answers the operation's id. */
    String deleteNamespace(String idOrArn);

    /** GetOperation. */
    Operation operation(String id);
}

package dev.gantry.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AWS Cloud Map against real AWS. The SDK's module (servicediscovery) is not served by the registry
 * this project builds from, so this speaks its JSON 1.1 protocol ({@code X-Amz-Target:
 * Route53AutoNaming_v20170314.OPERATION}, signing name {@code servicediscovery}) through
 * {@link AwsJsonCall}: the operations {@link CloudMapApi} names.
 */
public final class RealCloudMap implements CloudMapApi {
    static final AwsJsonCall.Service SERVICE = new AwsJsonCall.Service("Route53AutoNaming_v20170314", "servicediscovery",
            "ServiceDiscovery", "servicediscovery");
    private final AwsJsonCall calls;

    RealCloudMap(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String endpointUrl,
                 java.util.function.Consumer<java.time.Duration> sleep, RealAws.Timeouts timeouts) {
        this.calls = new AwsJsonCall(SERVICE, http, credentials, region, endpointUrl, sleep, timeouts);
    }

    /**
     * The filter is AWS's; the name is checked again here, since an emulator may ignore filters
     * and answer every namespace.
     */
    @Override public List<Namespace> namespacesNamed(String name) {
        List<Namespace> out = new ArrayList<>();
        pages("ListNamespaces", "Namespaces", filter("NAME", name), n -> {
            if (name.equals(n.path("Name").asText())) out.add(namespace(n));
        });
        return out;
    }

    @Override public Optional<Namespace> namespace(String idOrArn) {
        try {
            return Optional.of(namespace(calls.call("GetNamespace", AwsJsonCall.object().put("Id", idOrArn)).path("Namespace")));
        } catch (AwsServiceException e) {
            if ("NamespaceNotFound".equals(AwsErrors.code(e))) return Optional.empty();
            throw e;
        }
    }

    /** Checked again here for the same reason as {@link #namespacesNamed}. */
    @Override public List<Service> services(String namespaceId) {
        List<Service> out = new ArrayList<>();
        pages("ListServices", "Services", filter("NAMESPACE_ID", namespaceId), s -> {
            String in = s.path("NamespaceId").asText("");
            if (in.isEmpty() || in.equals(namespaceId)) {
                out.add(new Service(s.path("Id").asText(), s.path("Arn").asText(), s.path("Name").asText(), namespaceId,
                        s.path("InstanceCount").asInt(0)));
            }
        });
        return out;
    }

    @Override public Optional<String> serviceNamespace(String id) {
        try {
            return Optional.of(calls.call("GetService", AwsJsonCall.object().put("Id", id)).path("Service").path("NamespaceId").asText(""))
                    .filter(ns -> !ns.isEmpty());
        } catch (AwsServiceException e) {
            if ("ServiceNotFound".equals(AwsErrors.code(e))) return Optional.empty();
            throw e;
        }
    }

    @Override public void deleteService(String id) {
        calls.call("DeleteService", AwsJsonCall.object().put("Id", id));
    }

    @Override public String deleteNamespace(String idOrArn) {
        return calls.call("DeleteNamespace", AwsJsonCall.object().put("Id", idOrArn)).path("OperationId").asText();
    }

    @Override public Operation operation(String id) {
        JsonNode o = calls.call("GetOperation", AwsJsonCall.object().put("OperationId", id)).path("Operation");
        return new Operation(o.path("Id").asText(id), o.path("Status").asText(), o.path("ErrorCode").asText(null),
                o.path("ErrorMessage").asText(null));
    }

    private static Namespace namespace(JsonNode n) {
        return new Namespace(n.path("Id").asText(), n.path("Arn").asText(), n.path("Name").asText(), n.path("Type").asText());
    }

    private static ObjectNode filter(String name, String value) {
        ObjectNode body = AwsJsonCall.object();
        body.putArray("Filters").addObject().put("Name", name).put("Condition", "EQ").putArray("Values").add(value);
        return body;
    }

    /** Every page of a List call: NextToken until AWS gives none (a page may be empty and still have one). */
    private void pages(String operation, String field, ObjectNode body, java.util.function.Consumer<JsonNode> each) {
        String token = null;
        do {
            ObjectNode page = body.deepCopy();
            if (token != null) page.put("NextToken", token);
            JsonNode answer = calls.call(operation, page);
            answer.path(field).forEach(each);
            token = answer.path("NextToken").asText(null);
        } while (token != null && !token.isEmpty());
    }
}

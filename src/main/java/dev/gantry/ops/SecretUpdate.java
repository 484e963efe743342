package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.aws.AwsFailure;
import dev.gantry.resources.ResourceContext;

import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a new value into a managed SecureString and starts a new ECS deployment, because ECS
 * reads secrets only when a task starts: running tasks keep the old value until replaced.
 */
public final class SecretUpdate {
    /** What SSM holds about a parameter, never its value. */
    public record Metadata(String name, String type, long version, Instant lastModified, String keyId) {}

    private final AwsClients aws;

    public SecretUpdate(AwsClients aws) { this.aws = aws; }

    public Optional<Metadata> describe(String parameter) {
        try {
            List<ParameterMetadata> found = aws.ssm().describeParameters(b -> b.parameterFilters(ParameterStringFilter.builder()
                    .key("Name").option("Equals").values(parameter).build())).parameters();
            return found.stream().filter(p -> parameter.equals(p.name())).findFirst()
                    .map(p -> new Metadata(p.name(), p.typeAsString(), p.version() == null ? 0 : p.version(), p.lastModifiedDate(), p.keyId()));
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the parameter " + parameter, e);
        }
    }

    /**
     * Overwrites the parameter with {@code value} (then wiped), keeping its KMS key: without the
     * key id, SSM would silently move a parameter encrypted with a customer key to the default key.
     * Returns the new version.
     */
    public long store(String app, String secret, String parameter, char[] value) {
        try {
            Metadata current = describe(parameter).orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                    "the parameter " + parameter + " does not exist yet",
                    "run 'gantry apply' first: it creates the parameter with its tags (and asks for the value)"));
            requireOwnedBy(app, secret, parameter);
            try {
                return aws.ssm().putParameter(b -> {
                    b.name(parameter).type(ParameterType.SECURE_STRING).overwrite(true).value(new String(value));
                    if (current.keyId() != null) b.keyId(current.keyId());
                }).version();
            } catch (RuntimeException e) {
                // The SDK's message names the parameter and the reason, never the value.
                throw AwsErrors.translate("writing the new value of " + parameter, e);
            }
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    /** A value is only ever written into a parameter gantry made for this app: never a look-alike. */
    private void requireOwnedBy(String app, String secret, String parameter) {
        Map<String, String> tags;
        try {
            tags = aws.ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(parameter))
                    .tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the tags of " + parameter, e);
        }
        String owner = tags.get(ResourceContext.TAG_APP);
        if (app.equals(owner)) return;
        throw new AwsFailure(AwsFailure.Kind.CONFLICT,
                "the parameter " + parameter + " exists but gantry did not create it for app " + app
                        + (owner == null ? " (it has no gantry tags)" : " (it belongs to the gantry app '" + owner + "')")
                        + "; its value was not changed",
                owner == null
                        ? "take it over with 'gantry apply --adopt parameter." + secret + "', or name another parameter in gantry.yaml"
                        : "name another parameter for " + secret + " in gantry.yaml");
    }

    /** Starts a new deployment of the service; empty when there is no active service to restart. */
    public Optional<String> redeploy(String cluster, String service) {
        try {
            var s = aws.ecs().updateService(b -> b.cluster(cluster).service(service).forceNewDeployment(true)).service();
            return s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).map(d -> d.id()).findFirst()
                    .or(() -> s.deployments().stream().findFirst().map(d -> d.id()));
        } catch (ClusterNotFoundException | ServiceNotFoundException | ServiceNotActiveException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("starting a new deployment of the ECS service " + service, e);
        }
    }
}

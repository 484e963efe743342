package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/** Simulated SSM Parameter Store: String and SecureString parameters, tags, paths, AWS's overwrite rules. */
public final class SimSsm implements SsmClient {
    private final SimWorld world;
    /** The region this client speaks to: the world's own, or another one of the same simulated account. */
    private final String region;

    public SimSsm(SimWorld world) { this(world, null); }

    public SimSsm(SimWorld world, String region) {
        this.world = world;
        this.region = region;
    }

    private String region() { return region == null ? world.region() : region; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ParameterNotFound" -> ParameterNotFoundException.builder();
            case "ParameterAlreadyExists" -> ParameterAlreadyExistsException.builder();
            case "ValidationException" -> ValidationException.builder();
            case "InvalidResourceId" -> InvalidResourceIdException.builder();
            case "InvalidFilterKey" -> InvalidFilterKeyException.builder();
            default -> SsmException.builder();
        };
        return SimErrors.error(b, "SSM", status, code, message);
    }

    private SsmState st() { return world.state.ssmIn(region()); }

    private SsmState.ParamRec find(String nameOrArn) { return st().find(nameOrArn, region(), world.accountId()); }

    private String arn(SsmState.ParamRec p) { return SsmState.arnOf(p.name, region(), world.accountId()); }

    /** Stands in for the KMS ciphertext real SSM returns without WithDecryption: opaque, never the value. */
    private static String ciphertext(SsmState.ParamRec p) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((p.name + "#" + p.version + "#" + p.digest).getBytes(StandardCharsets.UTF_8));
            return "AQICAHh" + Base64.getEncoder().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Parameter toParameter(SsmState.ParamRec p, boolean decrypt) {
        String value = "SecureString".equals(p.type) && !decrypt ? ciphertext(p) : "SecureString".equals(p.type) ? p.plaintextOrDigest() : p.value;
        return Parameter.builder().name(p.name).type(p.type).value(value).version(p.version).arn(arn(p))
                .dataType("text").lastModifiedDate(Instant.ofEpochMilli(p.lastModified)).build();
    }

    private ParameterMetadata toMetadata(SsmState.ParamRec p) {
        return ParameterMetadata.builder().name(p.name).arn(arn(p)).type(p.type).version(p.version).description(p.description)
                .keyId(p.keyId).tier(ParameterTier.STANDARD).dataType("text").lastModifiedDate(Instant.ofEpochMilli(p.lastModified)).build();
    }

    @Override public PutParameterResponse putParameter(PutParameterRequest req) {
        return world.mutate("ssm:PutParameter", this::err, () -> {
            if (req.name() == null || req.value() == null || req.value().isEmpty()) {
                throw err(400, "ValidationException", "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            boolean overwrite = Boolean.TRUE.equals(req.overwrite());
            boolean hasTags = req.tags() != null && !req.tags().isEmpty();
            if (overwrite && hasTags) {
                throw err(400, "ValidationException", "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.");
            }
            if (req.value().length() > 4096) {
                throw err(400, "ValidationException", "Standard tier parameters support a maximum parameter value of 4096 characters.");
            }
            SsmState.ParamRec p = st().params.get(req.name());
            if (p != null && !overwrite) {
                throw err(400, "ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
            }
            if (p == null) {
                if (req.type() == null) throw err(400, "ValidationException", "A parameter type is required when you create a parameter.");
                p = new SsmState.ParamRec();
                p.name = req.name();
                if (hasTags) for (Tag t : req.tags()) p.tags.put(t.key(), t.value());
                st().params.put(p.name, p);
            }
            if (req.type() != null) p.type = req.typeAsString();
            if (p.type.equals("SecureString")) p.keyId = req.keyId() == null ? (p.keyId == null ? "alias/aws/ssm" : p.keyId) : req.keyId();
            if (req.description() != null) p.description = req.description();
            p.value = req.value();
            p.digest = p.type.equals("SecureString") ? dev.gantry.aws.SecretDigest.of(req.value().toCharArray()) : null;
            p.version++;
            p.lastModified = world.now().toEpochMilli();
            return PutParameterResponse.builder().version(p.version).tier(ParameterTier.STANDARD).build();
        });
    }

    @Override public GetParameterResponse getParameter(GetParameterRequest req) {
        return world.read("ssm:GetParameter", this::err, () -> {
            SsmState.ParamRec p = find(req.name());
            if (p == null) throw err(400, "ParameterNotFound", "Parameter " + req.name() + " not found.");
            return GetParameterResponse.builder().parameter(toParameter(p, Boolean.TRUE.equals(req.withDecryption()))).build();
        });
    }

    @Override public GetParametersResponse getParameters(GetParametersRequest req) {
        return world.read("ssm:GetParameters", this::err, () -> {
            List<Parameter> found = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            for (String n : req.names()) {
                SsmState.ParamRec p = find(n);
                if (p == null) invalid.add(n); else found.add(toParameter(p, Boolean.TRUE.equals(req.withDecryption())));
            }
            return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
        });
    }

    @Override public GetParametersByPathResponse getParametersByPath(GetParametersByPathRequest req) {
        return world.read("ssm:GetParametersByPath", this::err, () -> {
            String path = req.path().endsWith("/") ? req.path() : req.path() + "/";
            boolean recursive = Boolean.TRUE.equals(req.recursive());
            List<Parameter> out = st().params.values().stream()
                    .filter(p -> p.name.startsWith(path) && (recursive || !p.name.substring(path.length()).contains("/")))
                    .map(p -> toParameter(p, Boolean.TRUE.equals(req.withDecryption()))).toList();
            return GetParametersByPathResponse.builder().parameters(out).build();
        });
    }

    @Override public DescribeParametersResponse describeParameters(DescribeParametersRequest req) {
        return world.read("ssm:DescribeParameters", this::err, () -> {
            Predicate<SsmState.ParamRec> keep = p -> true;
            if (req.parameterFilters() != null) {
                for (ParameterStringFilter f : req.parameterFilters()) keep = keep.and(filter(f));
            }
            return DescribeParametersResponse.builder().parameters(st().params.values().stream().filter(keep).map(this::toMetadata).toList()).build();
        });
    }

    private Predicate<SsmState.ParamRec> filter(ParameterStringFilter f) {
        String key = f.key();
        String option = f.option() == null ? "Equals" : f.option();
        List<String> values = f.values() == null ? List.of() : f.values();
        if (key.startsWith("tag:")) {
            String tag = key.substring(4);
            return p -> p.tags.containsKey(tag) && (values.isEmpty() || values.contains(p.tags.get(tag)));
        }
        return switch (key) {
            case "Name" -> p -> values.stream().anyMatch(v -> option.equals("BeginsWith") ? p.name.startsWith(v) : p.name.equals(v));
            case "Type" -> p -> values.contains(p.type);
            case "Path" -> p -> values.stream().anyMatch(v -> {
                String path = v.endsWith("/") ? v : v + "/";
                return p.name.startsWith(path) && (option.equals("Recursive") || !p.name.substring(path.length()).contains("/"));
            });
            default -> throw err(400, "InvalidFilterKey", "The following filter key is not valid: " + key);
        };
    }

    @Override public DeleteParameterResponse deleteParameter(DeleteParameterRequest req) {
        return world.mutate("ssm:DeleteParameter", this::err, () -> {
            if (st().params.remove(req.name()) == null) throw err(400, "ParameterNotFound", "Parameter " + req.name() + " not found.");
            return DeleteParameterResponse.builder().build();
        });
    }

    @Override public DeleteParametersResponse deleteParameters(DeleteParametersRequest req) {
        return world.mutate("ssm:DeleteParameters", this::err, () -> {
            List<String> deleted = new ArrayList<>(), invalid = new ArrayList<>();
            for (String n : req.names()) (st().params.remove(n) != null ? deleted : invalid).add(n);
            return DeleteParametersResponse.builder().deletedParameters(deleted).invalidParameters(invalid).build();
        });
    }

    private SsmState.ParamRec tagTarget(ResourceTypeForTagging type, String id) {
        if (type != ResourceTypeForTagging.PARAMETER) throw err(400, "InvalidResourceType", "The resource type is not valid.");
        SsmState.ParamRec p = find(id);
        if (p == null) throw err(400, "InvalidResourceId", "The resource ID is not valid. Verify that you entered the correct ID and try again.");
        return p;
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("ssm:ListTagsForResource", this::err, () -> ListTagsForResourceResponse.builder()
                .tagList(tagTarget(req.resourceType(), req.resourceId()).tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build());
    }

    @Override public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest req) {
        return world.mutate("ssm:AddTagsToResource", this::err, () -> {
            SsmState.ParamRec p = tagTarget(req.resourceType(), req.resourceId());
            // SSM AddTagsToResource, Errors: TooManyTagsError past 50; a malformed tag fails validation.
            TagRules.put(p.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.SSM);
            return AddTagsToResourceResponse.builder().build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}

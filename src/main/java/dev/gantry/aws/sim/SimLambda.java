package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Simulated AWS Lambda (https://docs.aws.amazon.com/lambda/latest/api/): functions from a .zip
 * uploaded directly, layer versions, and Invoke, with AWS's rules:
 * <ul>
 * <li>a function name of 1-64 letters, digits, hyphens and underscores (CreateFunction, FunctionName:
 *     "If you specify only the function name, it is limited to 64 characters in length");</li>
 * <li>a role that exists and trusts lambda.amazonaws.com, else InvalidParameterValueException "The
 *     role defined for the function cannot be assumed by Lambda." (CreateFunction, Errors);</li>
 * <li>a runtime Lambda supports, memory 128-10,240 MB, timeout 1-900 s, at most 5 layers, a
 *     deployment package of at most 50 MB zipped when uploaded directly and 250 MB unzipped with
 *     its layers (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html);</li>
 * <li>State Pending for a few seconds after CreateFunction, then Active; LastUpdateStatus InProgress
 *     after UpdateFunctionCode/UpdateFunctionConfiguration, then Successful; a second update while one
 *     is in progress, or an invocation while Pending, is refused with ResourceConflictException
 *     (https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html).</li>
 * </ul>
 * The package is checked and measured, never run: Invoke runs the handler registered in-process for
 * the function's handler name ({@link SimWorld#functionRuntime}), on the caller's thread, outside the
 * world's lock (the handler makes calls of its own), and what it prints lands in its log group.
 */
public final class SimLambda implements LambdaClient {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9-_]{1,64}$");
    private static final Pattern LAYER_NAME = Pattern.compile("^[a-zA-Z0-9-_]{1,140}$");
    private static final Pattern ROLE = Pattern.compile("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$");
    /** Runtimes gantry's guard may ask for, and the others Lambda still supports for creation (Runtime, "Supported runtimes"). */
    private static final Set<String> RUNTIMES = Set.of("java17", "java21", "java11", "java8.al2", "python3.12", "python3.13", "nodejs20.x", "nodejs22.x", "provided.al2023");
    static final long DIRECT_UPLOAD_MAX = 50L * 1024 * 1024;
    static final long UNZIPPED_MAX = 262_144_000L;
    static final int LAYERS_MAX = 5;
    /** How long a new function reads Pending, and an update InProgress: seconds for a .zip function without a VPC. */
    static final Duration PENDING = Duration.ofSeconds(5);
    static final Duration UPDATING = Duration.ofSeconds(5);

    private final SimWorld world;

    public SimLambda(SimWorld world) { this.world = world; }

    @Override public String serviceName() { return "lambda"; }

    @Override public void close() {}

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ResourceConflictException" -> ResourceConflictException.builder();
            case "InvalidParameterValueException" -> InvalidParameterValueException.builder();
            case "RequestTooLargeException" -> RequestTooLargeException.builder();
            default -> LambdaException.builder();
        };
        return SimErrors.error(b, "Lambda", status, code, message);
    }

    private RuntimeException invalid(String message) { return err(400, "InvalidParameterValueException", message); }

    private LambdaState st() { return world.state.lambda; }

    private long now() { return world.now().toEpochMilli(); }

    private LambdaState.FunctionRec function(String nameOrArn) {
        LambdaState.FunctionRec f = st().byNameOrArn(nameOrArn);
        if (f == null) {
            throw err(404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:" + world.region() + ":" + world.accountId() + ":function:" + nameOrArn);
        }
        return f;
    }

    private static String state(LambdaState.FunctionRec f, long now) { return now < f.activeAt ? "Pending" : "Active"; }

    private static String updateStatus(LambdaState.FunctionRec f, long now) { return now < f.updatedAt ? "InProgress" : "Successful"; }

    /** Sizes and digest of a .zip; InvalidParameterValueException when it is not one (Lambda unzips it to check). */
    private record Package(long size, long unzipped, String sha256) {}

    private Package measure(SdkBytes zip) {
        if (zip == null) throw invalid("Please provide a source for function code.");
        byte[] bytes = zip.asByteArray();
        if (bytes.length > DIRECT_UPLOAD_MAX) {
            throw err(413, "RequestTooLargeException", "Request must be smaller than 69905067 bytes for the CreateFunction operation"
                    + " (a .zip uploaded directly may be at most 50 MB; upload a larger one to Amazon S3)");
        }
        long unzipped = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            byte[] buf = new byte[8192];
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries++;
                for (int n; (n = in.read(buf)) > 0; ) unzipped += n;
            }
        } catch (IOException e) {
            entries = 0;
        }
        if (entries == 0) throw invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
        try {
            return new Package(bytes.length, unzipped, Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkConfiguration(String role, String runtime, Integer memory, Integer timeout, List<String> layers, Map<String, String> env) {
        if (role != null) {
            if (!ROLE.matcher(role).matches()) throw invalid("1 validation error detected: Value '" + role + "' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
            IamState.RoleRec r = world.state.iam.roleByArn(role);
            if (r == null || r.trustPolicy == null || !r.trustPolicy.contains("lambda.amazonaws.com")) {
                throw invalid("The role defined for the function cannot be assumed by Lambda.");
            }
        }
        if (runtime != null && !RUNTIMES.contains(runtime)) {
            throw invalid("Value " + runtime + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set");
        }
        if (memory != null && (memory < 128 || memory > 10240)) throw invalid("1 validation error detected: Value '" + memory + "' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240");
        if (timeout != null && (timeout < 1 || timeout > 900)) throw invalid("1 validation error detected: Value '" + timeout + "' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900");
        if (layers != null && layers.size() > LAYERS_MAX) throw invalid("Cannot reference more than 5 layers.");
        if (layers != null) for (String l : layers) if (!st().layerVersions.containsKey(layerKey(l))) throw invalid("Layer version " + l + " does not exist.");
        if (env != null) {
            int size = env.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
            if (size > 4096) throw invalid("Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.");
        }
    }

    /** {@code name:version} of a layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION). */
    private static String layerKey(String arn) {
        String[] p = arn.split(":");
        return p.length < 8 ? arn : p[6] + ":" + p[7];
    }

    private long layersUnzipped(List<String> layers) {
        long n = 0;
        for (String l : layers) {
            LambdaState.LayerVersionRec v = st().layerVersions.get(layerKey(l));
            if (v != null) n += v.unzippedSize;
        }
        return n;
    }

    private void checkUnzipped(long function, List<String> layers) {
        if (function + layersUnzipped(layers) > UNZIPPED_MAX) {
            throw invalid("Function code combined with layers exceeds the maximum allowed size of 262144000 bytes. The actual size is "
                    + (function + layersUnzipped(layers)) + " bytes.");
        }
    }

    private FunctionConfiguration configuration(LambdaState.FunctionRec f) {
        long now = now();
        FunctionConfiguration.Builder c = FunctionConfiguration.builder().functionName(f.name).functionArn(f.arn).runtime(f.runtime)
                .handler(f.handler).role(f.role).description(f.description).memorySize(f.memorySize).timeout(f.timeout)
                .codeSize(f.codeSize).codeSha256(f.codeSha256).state(state(f, now)).lastUpdateStatus(updateStatus(f, now))
                .lastModified(java.time.Instant.ofEpochMilli(f.lastModified).toString())
                .environment(EnvironmentResponse.builder().variables(f.environment).build())
                .layers(f.layers.stream().map(l -> {
                    LambdaState.LayerVersionRec v = st().layerVersions.get(layerKey(l));
                    return Layer.builder().arn(l).codeSize(v == null ? 0 : v.codeSize).build();
                }).toList());
        if (f.logGroup != null) c.loggingConfig(LoggingConfig.builder().logGroup(f.logGroup).logFormat("Text").build());
        return c.build();
    }

    @Override public CreateFunctionResponse createFunction(CreateFunctionRequest req) {
        return world.mutate("lambda:CreateFunction", this::err, () -> {
            if (req.functionName() == null || !NAME.matcher(req.functionName()).matches()) {
                throw invalid("1 validation error detected: Value '" + req.functionName() + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
            }
            if (req.role() == null) throw invalid("1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null");
            if (req.runtimeAsString() == null || req.handler() == null) throw invalid("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
            if (req.handler().length() > 128) throw invalid("1 validation error detected: Value at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128");
            Map<String, String> env = req.environment() == null ? Map.of() : req.environment().variables();
            checkConfiguration(req.role(), req.runtimeAsString(), req.memorySize(), req.timeout(), req.layers(), env);
            if (st().functions.containsKey(req.functionName())) {
                throw err(409, "ResourceConflictException", "Function already exist: " + req.functionName());
            }
            Package p = measure(req.code() == null ? null : req.code().zipFile());
            checkUnzipped(p.unzipped(), req.layers());
            LambdaState.FunctionRec f = new LambdaState.FunctionRec();
            f.name = req.functionName();
            f.arn = "arn:aws:lambda:" + world.region() + ":" + world.accountId() + ":function:" + f.name;
            f.runtime = req.runtimeAsString();
            f.handler = req.handler();
            f.role = req.role();
            f.description = req.description();
            if (req.memorySize() != null) f.memorySize = req.memorySize();
            if (req.timeout() != null) f.timeout = req.timeout();
            f.environment.putAll(env);
            f.layers.addAll(req.layers());
            f.logGroup = req.loggingConfig() == null ? null : req.loggingConfig().logGroup();
            f.codeSize = p.size();
            f.unzippedSize = p.unzipped();
            f.codeSha256 = p.sha256();
            if (req.tags() != null) f.tags.putAll(req.tags());
            f.lastModified = now();
            f.activeAt = now() + PENDING.toMillis();
            f.updatedAt = 0;
            st().functions.put(f.name, f);
            FunctionConfiguration c = configuration(f);
            return CreateFunctionResponse.builder().functionName(c.functionName()).functionArn(c.functionArn()).state(c.state())
                    .codeSha256(c.codeSha256()).codeSize(c.codeSize()).role(c.role()).build();
        });
    }

    @Override public GetFunctionResponse getFunction(GetFunctionRequest req) {
        return world.read("lambda:GetFunction", this::err, () -> {
            LambdaState.FunctionRec f = function(req.functionName());
            return GetFunctionResponse.builder().configuration(configuration(f)).tags(f.tags).build();
        });
    }

    @Override public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest req) {
        return world.read("lambda:GetFunctionConfiguration", this::err, () -> {
            FunctionConfiguration c = configuration(function(req.functionName()));
            return GetFunctionConfigurationResponse.builder().functionName(c.functionName()).functionArn(c.functionArn())
                    .state(c.state()).lastUpdateStatus(c.lastUpdateStatus()).codeSha256(c.codeSha256()).build();
        });
    }

    private void notUpdating(LambdaState.FunctionRec f) {
        long now = now();
        if (now < f.activeAt) throw err(409, "ResourceConflictException", "The operation cannot be performed at this time. The function is currently in the following state: Pending");
        if (now < f.updatedAt) throw err(409, "ResourceConflictException", "The operation cannot be performed at this time. An update is in progress for resource: " + f.arn);
    }

    @Override public UpdateFunctionCodeResponse updateFunctionCode(UpdateFunctionCodeRequest req) {
        return world.mutate("lambda:UpdateFunctionCode", this::err, () -> {
            LambdaState.FunctionRec f = function(req.functionName());
            notUpdating(f);
            Package p = measure(req.zipFile());
            checkUnzipped(p.unzipped(), f.layers);
            f.codeSize = p.size();
            f.unzippedSize = p.unzipped();
            f.codeSha256 = p.sha256();
            f.lastModified = now();
            f.updatedAt = now() + UPDATING.toMillis();
            return UpdateFunctionCodeResponse.builder().functionName(f.name).functionArn(f.arn).codeSha256(f.codeSha256)
                    .lastUpdateStatus(updateStatus(f, now())).build();
        });
    }

    @Override public UpdateFunctionConfigurationResponse updateFunctionConfiguration(UpdateFunctionConfigurationRequest req) {
        return world.mutate("lambda:UpdateFunctionConfiguration", this::err, () -> {
            LambdaState.FunctionRec f = function(req.functionName());
            notUpdating(f);
            Map<String, String> env = req.environment() == null ? null : req.environment().variables();
            checkConfiguration(req.role(), req.runtimeAsString(), req.memorySize(), req.timeout(), req.hasLayers() ? req.layers() : null, env);
            if (req.hasLayers()) checkUnzipped(f.unzippedSize, req.layers());
            if (req.role() != null) f.role = req.role();
            if (req.runtimeAsString() != null) f.runtime = req.runtimeAsString();
            if (req.handler() != null) f.handler = req.handler();
            if (req.description() != null) f.description = req.description();
            if (req.memorySize() != null) f.memorySize = req.memorySize();
            if (req.timeout() != null) f.timeout = req.timeout();
            if (env != null) {
                f.environment.clear();
                f.environment.putAll(env);
            }
            if (req.hasLayers()) {
                f.layers.clear();
                f.layers.addAll(req.layers());
            }
            if (req.loggingConfig() != null) f.logGroup = req.loggingConfig().logGroup();
            f.lastModified = now();
            f.updatedAt = now() + UPDATING.toMillis();
            return UpdateFunctionConfigurationResponse.builder().functionName(f.name).functionArn(f.arn).lastUpdateStatus(updateStatus(f, now())).build();
        });
    }

    @Override public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest req) {
        return world.mutate("lambda:DeleteFunction", this::err, () -> {
            LambdaState.FunctionRec f = function(req.functionName());
            st().functions.remove(f.name);
            return DeleteFunctionResponse.builder().build();
        });
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("lambda:TagResource", this::err, () -> {
            // Lambda TagResource: AWS's tag rules, InvalidParameterValueException for a broken one (TagRules.LAMBDA).
            TagRules.put(function(req.resource()).tags, req.tags(), this::err, TagRules.LAMBDA);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public PublishLayerVersionResponse publishLayerVersion(PublishLayerVersionRequest req) {
        return world.mutate("lambda:PublishLayerVersion", this::err, () -> {
            if (req.layerName() == null || !LAYER_NAME.matcher(req.layerName()).matches()) {
                throw invalid("1 validation error detected: Value '" + req.layerName() + "' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+");
            }
            Package p = measure(req.content() == null ? null : req.content().zipFile());
            if (p.unzipped() > UNZIPPED_MAX) throw invalid("Unzipped size must be smaller than 262144000 bytes");
            long version = st().layerVersionCounters.merge(req.layerName(), 1L, Long::sum);
            LambdaState.LayerVersionRec v = new LambdaState.LayerVersionRec();
            v.layerName = req.layerName();
            v.version = version;
            v.arn = "arn:aws:lambda:" + world.region() + ":" + world.accountId() + ":layer:" + v.layerName + ":" + version;
            v.codeSize = p.size();
            v.unzippedSize = p.unzipped();
            v.codeSha256 = p.sha256();
            v.description = req.description();
            if (req.compatibleRuntimesAsStrings() != null) v.compatibleRuntimes.addAll(req.compatibleRuntimesAsStrings());
            st().layerVersions.put(v.layerName + ":" + version, v);
            return PublishLayerVersionResponse.builder().layerArn(v.arn.substring(0, v.arn.lastIndexOf(':'))).layerVersionArn(v.arn)
                    .version(version).description(v.description).build();
        });
    }

    @Override public ListLayerVersionsResponse listLayerVersions(ListLayerVersionsRequest req) {
        return world.read("lambda:ListLayerVersions", this::err, () -> {
            List<LayerVersionsListItem> out = new ArrayList<>();
            for (LambdaState.LayerVersionRec v : st().layerVersions.values()) {
                if (v.layerName.equals(req.layerName())) out.add(LayerVersionsListItem.builder().layerVersionArn(v.arn).version(v.version).description(v.description).build());
            }
            // Newest first, as Lambda lists them.
            out.sort((a, b) -> Long.compare(b.version(), a.version()));
            return ListLayerVersionsResponse.builder().layerVersions(out).build();
        });
    }

    /** Deleting a version that does not exist is not an error: Lambda answers 204 either way (DeleteLayerVersion). */
    @Override public DeleteLayerVersionResponse deleteLayerVersion(DeleteLayerVersionRequest req) {
        return world.mutate("lambda:DeleteLayerVersion", this::err, () -> {
            st().layerVersions.remove(req.layerName() + ":" + req.versionNumber());
            return DeleteLayerVersionResponse.builder().build();
        });
    }

    @Override public InvokeResponse invoke(InvokeRequest req) {
        LambdaState.FunctionRec f = world.read("lambda:Invoke", this::err, () -> {
            LambdaState.FunctionRec found = function(req.functionName());
            if (now() < found.activeAt) {
                throw err(409, "ResourceConflictException", "The operation cannot be performed at this time. The function is currently in the following state: Pending");
            }
            return found;
        });
        String payload = req.payload() == null ? "{}" : req.payload().asUtf8String();
        LambdaState.InvocationRec r = world.runFunction(f, payload, "api");
        InvokeResponse.Builder b = InvokeResponse.builder().statusCode(200).executedVersion("$LATEST")
                .payload(SdkBytes.fromUtf8String(r.response == null ? "null" : r.response));
        if (r.functionError != null) b.functionError(r.functionError);
        return b.build();
    }
}

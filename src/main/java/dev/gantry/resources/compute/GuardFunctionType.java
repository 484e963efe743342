package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code guard-function.main}: the Lambda function {@code APP-guard} that runs the reconciler
 * ({@code dev.gantry.guard.GuardHandler::handleRequest}, a plain method: no Lambda runtime library)
 * on a Java runtime, as {@code guard-role.function}, logging to {@code /gantry/APP/guard}. Its code is
 * the gantry jar in two pieces ({@link GuardPackage}): the function's .zip and one layer version of
 * {@code APP-guard-sdk}, published with it and deleted when no longer used. The jar's digest is kept
 * in the environment ({@code GANTRY_CODE}), so refresh tells whether this gantry's code is deployed.
 */
final class GuardFunctionType implements ResourceType {
    static final String HANDLER = "dev.gantry.guard.GuardHandler::handleRequest";
    static final String RUNTIME = "java21";
    static final String CODE_VARIABLE = "GANTRY_CODE";
    /** A refresh and a small repair fit in far less; Java starts slowly with little memory (CPU grows with it). */
    static final int MEMORY_MB = 1024;
    /** Lambda's longest: a repair may wait for a service's rollout. Runs that overlap meet the lock and skip. */
    static final int TIMEOUT_SECONDS = 900;
    /** Creating a function takes seconds; Pending lasts until its package is ready. */
    private static final Duration TYPICAL = Duration.ofSeconds(10);

    @Override public String type() { return "guard-function"; }
    @Override public String noun() { return "Lambda function of the guard"; }
    @Override public Piece piece() { return Piece.GUARD; }
    @Override public int tier() { return 2; }
    @Override public Duration typicalDuration() { return Duration.ofSeconds(20); }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static String name(String app) { return app + "-guard"; }
    static String layer(String app) { return app + "-guard-sdk"; }
    static String logGroup(String app) { return LogGroupType.name(app) + "/guard"; }

    /** The digest of the code this gantry would deploy. */
    static String code() { return GuardPackage.current().digest(); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!GuardSpecType.guardMayExist(ctx)) return List.of();
        return read(ctx, name(ctx.app())).filter(g -> ctx.ownAddress(g.tags(), type()).isPresent()).map(g -> List.of(observed(g.configuration())))
                .orElse(List.of());
    }

    private static Optional<GetFunctionResponse> read(ResourceContext ctx, String name) {
        try {
            return Optional.of(ctx.aws().lambda().getFunction(b -> b.functionName(name)));
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
    }

    private static Observed observed(FunctionConfiguration c) {
        Map<String, String> env = c.environment() == null || c.environment().variables() == null ? Map.of() : c.environment().variables();
        Props.Builder p = Props.props().put("name", c.functionName()).put("runtime", c.runtimeAsString()).put("handler", c.handler())
                .put("memory", c.memorySize()).put("timeout", c.timeout()).put("role", c.role())
                .put("logGroup", c.loggingConfig() == null ? null : c.loggingConfig().logGroup()).put("code", env.get(CODE_VARIABLE));
        String layers = String.join(",", c.layers().stream().map(l -> l.arn()).toList());
        return new Observed(Addresses.GUARD_FUNCTION, c.functionName(), p.build(),
                Map.of("id", c.functionName(), "arn", c.functionArn(), "name", c.functionName(), "layers", layers));
    }

    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return read(ctx, Props.str(props, "name")).map(g -> new Claim(observed(g.configuration()), "the Lambda function " + g.configuration().functionName(),
                g.tags(), "app"));
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().lambda().tagResource(b -> b.resource(existing.output("arn")).tags(ctx.tags(desired.address())));
            return StepResult.done(existing);
        };
    }

    /** Publishes this gantry's layer; its version ARN, or null when the package has no layer part. */
    private static String publishLayer(ResourceContext ctx) {
        byte[] zip = GuardPackage.current().layerZip();
        if (zip == null) return null;
        return ctx.aws().lambda().publishLayerVersion(b -> b.layerName(layer(ctx.app())).content(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .compatibleRuntimesWithStrings(RUNTIME).description(layerDescriptionStart(ctx.app()) + "the EC2 SDK (code " + code().substring(0, Math.min(12, code().length())) + ")"))
                .layerVersionArn();
    }

    private static String layerDescriptionStart(String app) { return "gantry " + app + " guard: "; }

    private static Map<String, String> environment(Map<String, Object> props) {
        return Map.of(CODE_VARIABLE, Props.str(props, "code"));
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return new Step() {
            String layerArn;
            boolean published;

            @Override public StepResult run() throws Exception {
                String name = Props.str(props, "name");
                Optional<GetFunctionResponse> there = read(ctx, name);
                if (there.isPresent() && ctx.ownAddress(there.get().tags(), type()).isPresent()) return ready(ctx, name).run();
                if (!published) {
                    layerArn = publishLayer(ctx);
                    published = true;
                }
                byte[] zip = GuardPackage.current().functionZip();
                try {
                    ctx.aws().lambda().createFunction(b -> b.functionName(name).runtime(Props.str(props, "runtime")).handler(Props.str(props, "handler"))
                            .role(Props.str(props, "role")).memorySize(Props.integer(props, "memory")).timeout(Props.integer(props, "timeout"))
                            .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).layers(layerArn == null ? List.of() : List.of(layerArn))
                            .environment(e -> e.variables(environment(props))).loggingConfig(l -> l.logGroup(Props.str(props, "logGroup")).logFormat("Text"))
                            .description("gantry " + ctx.app() + ": the guard (gantry guard status)").tags(ctx.tags(desired.address())));
                } catch (ResourceConflictException e) {
                    // Sent again after a lost reply, or made meanwhile: it counts only when it is ours.
                    if (read(ctx, name).filter(g -> ctx.ownAddress(g.tags(), type()).isPresent()).isEmpty()) throw e;
                } catch (InvalidParameterValueException e) {
                    // IAM is eventually consistent: a role made seconds ago may not be assumable by Lambda yet
                    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
                    if (e.getMessage() != null && e.getMessage().contains("cannot be assumed")) {
                        return StepResult.waitThen(Duration.ofSeconds(5), "the guard's role to reach Lambda", this);
                    }
                    throw e;
                }
                return ready(ctx, name).run();
            }
        };
    }

    /** Waits until the function is Active and its last update done: only then does it take invocations and updates. */
    private static Step ready(ResourceContext ctx, String name) {
        return Poll.until(ctx, "Lambda function " + name + " to be ready", TYPICAL, Duration.ofMinutes(5),
                "look at the function in the Lambda console, then run 'gantry apply' again", () -> {
                    FunctionConfiguration c = ctx.aws().lambda().getFunction(b -> b.functionName(name)).configuration();
                    if ("Failed".equals(c.stateAsString()) || "Failed".equals(c.lastUpdateStatusAsString())) {
                        throw new AwsFailure(AwsFailure.Kind.OTHER, "Lambda could not prepare the function " + name + ": "
                                + dev.gantry.text.Untrusted.text(String.valueOf(c.stateReason())), "look at the function in the Lambda console, then run 'gantry apply' again");
                    }
                    return "Active".equals(c.stateAsString()) && !"InProgress".equals(c.lastUpdateStatusAsString()) ? Optional.of(observed(c)) : Optional.empty();
                });
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        String name = current.id();
        boolean newCode = !java.util.Objects.equals(current.props().get("code"), props.get("code"));
        return new Step() {
            String layerArn;
            int phase;

            @Override public StepResult run() throws Exception {
                LambdaClient lambda = ctx.aws().lambda();
                try {
                    if (phase == 0 && newCode) {
                        layerArn = publishLayer(ctx);
                        byte[] zip = GuardPackage.current().functionZip();
                        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromByteArray(zip)));
                        phase = 1;
                        return StepResult.waitThen(Duration.ofSeconds(1), "the guard's new code", this);
                    }
                    if (phase <= 1) {
                        List<String> layers = newCode ? (layerArn == null ? List.of() : List.of(layerArn)) : currentLayers(current);
                        lambda.updateFunctionConfiguration(b -> b.functionName(name).role(Props.str(props, "role")).runtime(Props.str(props, "runtime"))
                                .handler(Props.str(props, "handler")).memorySize(Props.integer(props, "memory")).timeout(Props.integer(props, "timeout"))
                                .environment(e -> e.variables(environment(props))).layers(layers)
                                .loggingConfig(l -> l.logGroup(Props.str(props, "logGroup")).logFormat("Text")));
                        phase = 2;
                    }
                } catch (ResourceConflictException busy) {
                    // One update at a time: the code's is still in progress.
                    return StepResult.waitThen(Duration.ofSeconds(2), "the guard's previous update to finish", this);
                }
                if (!newCode) return ready(ctx, name).run();
                // The old layer version goes once the function no longer uses it.
                return Step.sequence(ready(ctx, name), () -> {
                    deleteUnusedLayers(ctx, layerArn);
                    return StepResult.done(observed(lambda.getFunction(b -> b.functionName(name)).configuration()));
                }).run();
            }
        };
    }

    private static List<String> currentLayers(Observed current) {
        String l = current.output("layers");
        return l == null || l.isEmpty() ? List.of() : List.of(l.split(","));
    }

    /**
     * Deletes the versions of the app's layer other than {@code keep} (null: all of them) that
     * gantry published (their description says so): layers cannot be tagged, so the name alone does
     * not make one the app's.
     */
    private static void deleteUnusedLayers(ResourceContext ctx, String keep) {
        List<LayerVersionsListItem> versions = new ArrayList<>(ctx.aws().lambda().listLayerVersions(b -> b.layerName(layer(ctx.app()))).layerVersions());
        for (LayerVersionsListItem v : versions) {
            if (v.layerVersionArn().equals(keep) || v.description() == null || !v.description().startsWith(layerDescriptionStart(ctx.app()))) continue;
            ctx.aws().lambda().deleteLayerVersion(b -> b.layerName(layer(ctx.app())).versionNumber(v.version()));
        }
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().lambda().deleteFunction(b -> b.functionName(current.id()));
            } catch (ResourceNotFoundException gone) {
                // already gone
            }
            deleteUnusedLayers(ctx, null);
            return StepResult.done(current);
        };
    }
}

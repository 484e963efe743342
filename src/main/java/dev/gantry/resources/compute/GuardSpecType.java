package dev.gantry.resources.compute;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code guard-spec.main}: the spec apply ran, stored where the guard reads it, an SSM String
 * parameter {@code /gantry/guard/APP/spec}. It holds gantry.yaml as gantry writes it without its
 * comments: names and ARNs of secrets, never a value. Compared by digest; the text itself is only
 * written. Its sibling {@code /gantry/guard/APP/last-run} (the guard's record of its last run,
 * written by the guard) goes with it.
 */
final class GuardSpecType implements ResourceType {
    /** SSM's standard tier holds values of at most 4,096 characters (PutParameter, Value). */
    static final int MAX_CHARS = 4096;

    @Override public String type() { return "guard-spec"; }
    @Override public String noun() { return "stored spec of the guard"; }
    @Override public Piece piece() { return Piece.GUARD; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }
    @Override public Set<String> createOnly() { return Set.of("text"); }

    public static String name(String app) { return "/gantry/guard/" + app + "/spec"; }
    public static String lastRunName(String app) { return "/gantry/guard/" + app + "/last-run"; }

    static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the app may have a guard: its spec asks for one, or its log group /gantry/APP/guard
     * is there (the log groups are read anyway, through the refresh's read cache). An app that
     * never had a guard pays no read for it.
     */
    static boolean guardMayExist(ResourceContext ctx) {
        if (ctx.wanted().has(dev.gantry.resources.Addresses.GUARD_SPEC)) return true;
        return LogGroupType.exists(ctx, GuardFunctionType.logGroup(ctx.app()));
    }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!GuardSpecType.guardMayExist(ctx)) return List.of();
        String name = name(ctx.app());
        String value;
        try {
            value = ctx.aws().ssm().getParameter(b -> b.name(name)).parameter().value();
        } catch (ParameterNotFoundException none) {
            return List.of();
        }
        Map<String, String> tags = new HashMap<>();
        for (Tag t : ctx.aws().ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList()) tags.put(t.key(), t.value());
        return ctx.ownAddress(tags, type()).map(a -> List.of(observed(name, value))).orElse(List.of());
    }

    private static Observed observed(String name, String value) {
        return new Observed(Addresses.GUARD_SPEC, name, Props.props().put("name", name).put("digest", digest(value)).build(),
                Map.of("id", name, "name", name));
    }

    @Override public List<String> preflight(ResourceContext ctx, dev.gantry.plan.Change change) {
        if (change.desired() == null) return List.of();
        String text = Props.str(change.desired().props(), "text");
        if (text != null && text.length() > MAX_CHARS) {
            return List.of("guard: the spec is " + text.length() + " characters without its comments; the guard keeps it in an SSM String parameter,"
                    + " which holds " + MAX_CHARS + "; shorten gantry.yaml (environment values are the usual bulk) or remove the guard section");
        }
        return List.of();
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            String name = Props.str(props, "name"), text = Props.str(props, "text");
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            try {
                ctx.aws().ssm().putParameter(b -> b.name(name).type(ParameterType.STRING).value(text).tags(tags)
                        .description("gantry " + ctx.app() + ": the spec the guard repairs to"));
            } catch (software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException e) {
                // A create whose reply was lost, or one left by a guard removed meanwhile: ours when it carries our tags.
                Map<String, String> have = new HashMap<>();
                for (Tag t : ctx.aws().ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList()) have.put(t.key(), t.value());
                if (ctx.ownAddress(have, type()).isEmpty()) throw e;
                ctx.aws().ssm().putParameter(b -> b.name(name).value(text).overwrite(true));
            }
            return StepResult.done(observed(name, text));
        };
    }

    /** AddTagsToResource adds or overwrites only the keys given: the parameter's value and other tags stay. */
    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            ctx.aws().ssm().addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(existing.id()).tags(tags));
            return StepResult.done(existing);
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            String text = Props.str(props, "text");
            ctx.aws().ssm().putParameter(b -> b.name(current.id()).value(text).overwrite(true));
            return StepResult.done(observed(current.id(), text));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            for (String name : List.of(current.id(), lastRunName(ctx.app()))) {
                try {
                    ctx.aws().ssm().deleteParameter(b -> b.name(name));
                } catch (ParameterNotFoundException gone) {
                    // already gone, or the guard never ran
                }
            }
            return StepResult.done(current);
        };
    }
}

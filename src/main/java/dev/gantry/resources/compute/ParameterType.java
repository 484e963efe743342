package dev.gantry.resources.compute;

import dev.gantry.aws.SecretDigest;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code parameter.<SECRET>}: an SSM SecureString gantry manages (its value supplied at apply
 * time, never stored or shown by gantry), or, as a data resource, an existing parameter given by ARN.
 *
 * <p>The value takes part in the plan only as a marker: the observed {@code value} is
 * {@value #CHANGED} when a value was supplied for this run and differs from the stored one, and
 * {@value #UNCHANGED} otherwise, so a plan shows an UPDATE exactly when apply would write a new value.
 */
final class ParameterType implements ResourceType {
    static final String UNCHANGED = "(unchanged)";
    static final String CHANGED = "(changed)";

    @Override public String type() { return "parameter"; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name", "type"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        SsmClient ssm = ctx.aws().ssm();
        List<Observed> out = new ArrayList<>();
        List<ParameterMetadata> found = ssm.describeParametersPaginator(b -> b.parameterFilters(ParameterStringFilter.builder()
                .key("tag:" + ResourceContext.TAG_APP).option("Equals").values(ctx.app()).build())).stream().flatMap(r -> r.parameters().stream()).toList();
        Map<String, Address> inSpec = specAddresses(ctx);
        for (ParameterMetadata p : found) {
            // The filter above already proved the parameter the app's; its address is the spec's
            // secret of that name. Only a parameter the spec no longer names needs its tags read.
            Address a = inSpec.get(p.name());
            if (a == null) {
                List<Tag> tags = ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(p.name())).tagList();
                String component = tags.stream().filter(t -> t.key().equals(ResourceContext.TAG_COMPONENT)).map(Tag::value).findFirst().orElse(null);
                if (component == null) continue;
                a = Address.parse(component);
            }
            // Older API versions (and emulators) leave out the ARN; its form is fixed.
            String arn = p.arn() != null ? p.arn()
                    : "arn:aws:ssm:" + ctx.region() + ":" + ctx.accountId() + ":parameter" + (p.name().startsWith("/") ? "" : "/") + p.name();
            out.add(observed(a, p.name(), p.typeAsString(), arn, valueMarker(ctx, a.name(), p.name())));
        }
        return out;
    }

    /** Parameter name → address, for the secrets the spec asks gantry to manage (one secret per name). */
    private static Map<String, Address> specAddresses(ResourceContext ctx) {
        Map<String, Address> out = new java.util.HashMap<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        ctx.spec().task().secrets().forEach((secret, ref) -> {
            if (!ref.managed()) return;
            if (out.put(ref.parameter(), ComputeResources.parameter(secret)) != null) twice.add(ref.parameter());
        });
        twice.forEach(out::remove);
        return out;
    }

    private static Observed observed(Address a, String name, String type, String arn, String marker) {
        return new Observed(a, name, Props.props().put("name", name).put("type", type).put("value", marker).build(),
                Map.of("id", name, "name", name, "arn", arn));
    }

    /** Compares the supplied value with the stored one without keeping either beyond this call. */
    private static String valueMarker(ResourceContext ctx, String secret, String parameterName) {
        Optional<char[]> supplied = ctx.secrets().value(secret);
        if (supplied.isEmpty()) return UNCHANGED;
        String stored = ctx.aws().ssm().getParameter(b -> b.name(parameterName).withDecryption(true)).parameter().value();
        // A store that keeps only a digest of the value (the simulated AWS across runs) answers with it.
        boolean same = Arrays.equals(stored.toCharArray(), supplied.get()) || SecretDigest.matches(stored, supplied.get());
        return same ? UNCHANGED : CHANGED;
    }

    @Override public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        String arn = Props.str(desired.props(), "arn");
        try {
            var p = ctx.aws().ssm().getParameter(b -> b.name(arn).withDecryption(false)).parameter();
            return Optional.of(new Observed(desired.address(), arn, desired.props(), Map.of("id", arn, "arn", arn, "name", p.name())));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override public List<String> preflight(ResourceContext ctx, Change change) {
        if (change.action() != Action.CREATE && change.action() != Action.REPLACE) return List.of();
        if (change.desired() == null || change.desired().data()) return List.of();
        String secret = change.address().name();
        if (ctx.secrets().forNew(secret).isPresent()) return List.of();
        // A parameter that exists but was not made by gantry keeps its value: gantry adopts it.
        if (exists(ctx, Props.str(change.desired().props(), "name"))) return List.of();
        return List.of("secret " + secret + " has no value: pass --secret " + secret + "=@FILE or set GANTRY_SECRET_" + secret);
    }

    private static boolean exists(ResourceContext ctx, String name) {
        try {
            ctx.aws().ssm().getParameter(b -> b.name(name).withDecryption(false));
            return true;
        } catch (ParameterNotFoundException e) {
            return false;
        }
    }

    private static String value(ResourceContext ctx, String secret) {
        char[] v = ctx.secrets().forNew(secret).orElseThrow(() -> new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.INVALID,
                "secret " + secret + " has no value", "pass --secret " + secret + "=@FILE or set GANTRY_SECRET_" + secret));
        return new String(v);
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        String secret = desired.address().name();
        return () -> {
            SsmClient ssm = ctx.aws().ssm();
            List<Tag> tags = ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            if (ctx.secrets().value(secret).isEmpty() && exists(ctx, name)) {
                // No new value: keep the existing parameter's value and only claim it for the app.
                ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name).tags(tags));
                return StepResult.done(read(ctx, desired.address(), name));
            }
            try {
                ssm.putParameter(b -> b.name(name).type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING)
                        .value(value(ctx, secret)).description("gantry " + ctx.app() + " secret " + secret).tags(tags));
            } catch (ParameterAlreadyExistsException e) {
                // Re-run after a crash, or a parameter that was there before: AWS forbids tags with
                // Overwrite, so overwrite the value and then tag it.
                ssm.putParameter(b -> b.name(name).value(value(ctx, secret)).overwrite(true));
                ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name).tags(tags));
            }
            return StepResult.done(read(ctx, desired.address(), name));
        };
    }

    private static Observed read(ResourceContext ctx, Address a, String name) {
        var p = ctx.aws().ssm().getParameter(b -> b.name(name).withDecryption(false)).parameter();
        return observed(a, p.name(), p.typeAsString(), p.arn(), UNCHANGED);
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        String secret = desired.address().name();
        return () -> {
            if (ctx.secrets().value(secret).isPresent()) {
                ctx.aws().ssm().putParameter(b -> b.name(current.id()).value(value(ctx, secret)).overwrite(true));
            }
            return StepResult.done(read(ctx, desired.address(), current.id()));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().ssm().deleteParameter(b -> b.name(current.id()));
            } catch (ParameterNotFoundException e) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}

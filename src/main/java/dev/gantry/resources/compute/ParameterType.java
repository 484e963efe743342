package dev.gantry.resources.compute;

import dev.gantry.aws.SecretDigest;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
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

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.SECRETS; }

    @Override public String noun() { return "SSM parameter"; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name", "type"); }

    /** A new path is a new parameter: it is written, the task switches to it, then the old one goes. */
    @Override public boolean createBeforeDestroy() { return true; }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        SsmClient ssm = ctx.aws().ssm();
        List<Observed> out = new ArrayList<>();
        Map<String, Address> inSpec = specAddresses(ctx);
        Listed listed = listed(ctx, ssm, inSpec);
        for (ParameterMetadata p : listed.all()) {
            // The guard's stored spec carries the app's tag too; it is guard-spec.main's (GuardSpecType).
            if (p.name().startsWith("/gantry/guard/" + ctx.app() + "/")) continue;
            // The filter above already proved the parameter the app's; its address is the spec's
            // secret of that name. Only a parameter the spec no longer names needs its tags read.
            Address a = inSpec.get(p.name());
            if (a == null) {
                List<Tag> tags = ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(p.name())).tagList();
                String component = tags.stream().filter(t -> t.key().equals(ResourceContext.TAG_COMPONENT)).map(Tag::value).findFirst().orElse(null);
                if (component == null) continue;
                a = Address.parse(component);
            } else if (ctx.reads().shared()) {
                sawTags(ctx, a, p.name(), listed.managedTagged().contains(p.name()));
            }
            out.add(observed(a, p.name(), p.typeAsString(), arn(ctx, p), valueMarker(ctx, a.name(), p.name())));
        }
        return out;
    }

    /** The app's parameters, and which of them carry every tag gantry manages (the spec's tags:, gantry:env). */
    private record Listed(List<ParameterMetadata> all, Set<String> managedTagged) {}

    /**
     * SSM's listing carries no tags, so the tags gantry manages are asked in the filter: with them,
     * a converged app's parameters are all found in one listing, as before. When one the spec names
     * is missing, the app's whole listing follows (its parameters with other tags, or none yet):
     * only those have their tags read. A parameter the spec no longer names keeps the tags of its
     * app's others (gantry tags them all in one apply), so it is found by the first listing or
     * makes the second happen.
     */
    private static Listed listed(ResourceContext ctx, SsmClient ssm, Map<String, Address> inSpec) {
        List<ParameterStringFilter> filters = new ArrayList<>();
        filters.add(ParameterStringFilter.builder().key("tag:" + ResourceContext.TAG_APP).option("Equals").values(ctx.app()).build());
        List<ParameterMetadata> app;
        Map<String, String> managed = ctx.managedTags();
        if (!managed.isEmpty() && !inSpec.isEmpty()) {
            List<ParameterStringFilter> all = new ArrayList<>(filters);
            managed.forEach((k, v) -> all.add(ParameterStringFilter.builder().key("tag:" + k).option("Equals").values(v).build()));
            if (!LogGroupType.anyUnderTheAppsPrefix(ctx)) {
                // No trace of the app (a first deploy, most likely; the log groups are read anyway):
                // its whole listing first, which settles it in one read when it is empty. Both
                // orders end knowing the same; only the number of reads differs.
                app = describe(ssm, filters);
                if (app.isEmpty()) return new Listed(app, Set.of());
                Set<String> names = new java.util.HashSet<>();
                describe(ssm, all).forEach(p -> names.add(p.name()));
                return new Listed(app, names);
            }
            List<ParameterMetadata> tagged = describe(ssm, all);
            Set<String> names = new java.util.HashSet<>();
            tagged.forEach(p -> names.add(p.name()));
            if (names.containsAll(inSpec.keySet())) return new Listed(tagged, names);
            app = describe(ssm, filters);
            return new Listed(app, names);
        }
        app = describe(ssm, filters);
        Set<String> names = new java.util.HashSet<>();
        if (managed.isEmpty()) app.forEach(p -> names.add(p.name()));
        return new Listed(app, names);
    }

    private static List<ParameterMetadata> describe(SsmClient ssm, List<ParameterStringFilter> filters) {
        return ssm.describeParametersPaginator(b -> b.parameterFilters(filters)).stream().flatMap(r -> r.parameters().stream()).toList();
    }

    /** Tells the refresh the managed tags of the spec's parameter at {@code a}: known from the listing, else read. */
    private static void sawTags(ResourceContext ctx, Address a, String name, boolean managedTagged) {
        if (!managedTagged) {
            ctx.sawTags(a, tags(ctx, name));
            return;
        }
        Map<String, String> have = new java.util.HashMap<>(ctx.managedTags());
        have.put(ResourceContext.TAG_APP, ctx.app());
        ctx.sawTags(a, have);
    }

    /** Older API versions (and emulators) leave out the ARN; its form is fixed. */
    private static String arn(ResourceContext ctx, ParameterMetadata p) {
        return p.arn() != null ? p.arn()
                : "arn:aws:ssm:" + ctx.region() + ":" + ctx.accountId() + ":parameter" + (p.name().startsWith("/") ? "" : "/") + p.name();
    }

    /** Parameter name → address, for the secrets the plan asks gantry to manage (one secret per name). */
    private static Map<String, Address> specAddresses(ResourceContext ctx) {
        Map<String, Address> out = new java.util.HashMap<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        for (Desired d : ctx.wanted().ofType("parameter")) {
            if (d.data()) continue;
            String name = Props.str(d.props(), "name");
            if (out.put(name, d.address()) != null) twice.add(name);
        }
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
            // ECS reads a parameter named by ARN in the ARN's region: look it up there too.
            String[] parts = arn.split(":", 6);
            var p = ctx.aws().ssm(parts.length == 6 ? parts[3] : null).getParameter(b -> b.name(arn).withDecryption(false)).parameter();
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
        return List.of("secret " + secret + " has no value: pass --secret " + secret + "=@FILE or set GANTRY_SECRET_" + secret);
    }

    /**
     * The parameter of that name when it exists but is not the app's; or, when the name is free, a
     * path another gantry app keeps its parameters under (/shop/… is app shop's once it holds them).
     */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        String rename = "task.secrets." + desired.address().name() + ".parameter";
        SsmClient ssm = ctx.aws().ssm();
        String top = name.indexOf('/', 1) < 0 ? null : name.substring(0, name.indexOf('/', 1));
        // The path's listing holds the name too: when it is complete (no next page) it answers both
        // questions in one read; else the name is asked for on its own, as it is without a path.
        DescribeParametersResponse under = top == null ? null : ssm.describeParameters(b -> b.maxResults(50).parameterFilters(
                ParameterStringFilter.builder().key("Path").option("Recursive").values(top).build()));
        Optional<ParameterMetadata> same = under == null ? Optional.empty()
                : under.parameters().stream().filter(p -> p.name().equals(name)).findFirst();
        if (same.isEmpty() && (under == null || under.nextToken() != null)) {
            same = ssm.describeParameters(b -> b.parameterFilters(ParameterStringFilter.builder()
                    .key("Name").option("Equals").values(name).build())).parameters().stream().filter(p -> p.name().equals(name)).findFirst();
        }
        if (same.isPresent()) {
            ParameterMetadata p = same.get();
            Observed o = observed(desired.address(), name, p.typeAsString(), arn(ctx, p), valueMarker(ctx, desired.address().name(), name));
            return Optional.of(new Claim(o, "the SSM parameter " + name + " (" + p.typeAsString() + ")", tags(ctx, name), rename));
        }
        if (top == null) return Optional.empty();
        java.util.stream.Stream<ParameterMetadata> listed = under.nextToken() == null ? under.parameters().stream()
                : ssm.describeParametersPaginator(b -> b.parameterFilters(ParameterStringFilter.builder()
                        .key("Path").option("Recursive").values(top).build())).stream().flatMap(r -> r.parameters().stream());
        for (ParameterMetadata p : listed.limit(PREFIX_CHECKS).toList()) {
            Map<String, String> tags = tags(ctx, p.name());
            String owner = tags.get(ResourceContext.TAG_APP);
            if (owner != null && !owner.equals(ctx.app())) {
                return Optional.of(new Claim(null, "the path " + top + "/ (it holds " + p.name() + " of the gantry app '" + owner + "')", tags, rename));
            }
        }
        return Optional.empty();
    }

    /** How many parameters under a path are looked at to find whose path it is: the first ones tell. */
    static final int PREFIX_CHECKS = 20;

    private static Map<String, String> tags(ResourceContext ctx, String name) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ctx.aws().ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList()
                .forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    /** Tags only: the stored value stays as it is unless a new one was given (the update then writes it). */
    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ssm().addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(existing.id()).tags(tagList(ctx, desired.address())));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tagList(ResourceContext ctx, Address a) {
        return ctx.tags(a).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
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
            try {
                ssm.putParameter(b -> b.name(name).type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING)
                        .value(value(ctx, secret)).description("gantry " + ctx.app() + " secret " + secret).tags(tagList(ctx, desired.address())));
            } catch (ParameterAlreadyExistsException e) {
                // A re-run after a crash finds its own parameter (tagged in the same call); one that
                // appeared after the plan is someone else's and its value is never overwritten.
                if (!ctx.app().equals(tags(ctx, name).get(ResourceContext.TAG_APP))) {
                    throw new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.CONFLICT,
                            "the SSM parameter " + name + " was created by someone else while gantry was applying; its value was left alone",
                            "run 'gantry plan' to see it, then choose another parameter name or take it over with 'gantry apply --adopt " + desired.address() + "'");
                }
                if (ctx.secrets().value(secret).isPresent()) ssm.putParameter(b -> b.name(name).value(value(ctx, secret)).overwrite(true));
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

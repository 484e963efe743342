package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.image.RegistryClient;
import dev.gantry.image.RegistryLogin;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.spec.RegistryCredentials;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code secret.registry} ({@code secret.NAME-registry} for another service of a version-2 spec):
 * the Secrets Manager secret holding the login for a private registry (task.registryCredentials). Managed like the SSM secrets: gantry creates it from a value given
 * at apply ({@code --secret REGISTRY_CREDENTIALS=@FILE}, the environment or the prompt; JSON or
 * user:password, stored as the JSON ECS reads), never shows the value, and in plans only says
 * whether a given value differs from the stored one. Given as an ARN it is a data resource.
 */
final class RegistrySecretType implements ResourceType {
    /**
     * The name its value is given under: {@code REGISTRY_CREDENTIALS} for {@code secret.registry}
     * (the service named like the app's, version 1's), {@code REGISTRY_CREDENTIALS_WEB} for
     * {@code secret.web-registry}.
     */
    static String valueName(ResourceContext ctx, Address a) {
        String n = a.name();
        return n.endsWith("-registry") ? RegistryCredentials.valueName(ctx.app(), n.substring(0, n.length() - "-registry".length()))
                : RegistryCredentials.VALUE_NAME;
    }

    @Override public String type() { return "secret"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.SECRETS; }

    @Override public String noun() { return "Secrets Manager secret"; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    /**
     * Gantry's secrets are those tagged with the app and a component (a secret people tag by hand
     * with the app alone is not taken). Listed only when a login is in use, by the spec or by the
     * execution role's policy (read once per refresh, shared with the role): a no-op refresh of an
     * app without a private registry costs no Secrets Manager call.
     */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        SecretsManagerClient sm = ctx.aws().secretsManager();
        if (sm == null) return List.of();
        if (ctx.wanted().ofType(type()).isEmpty() && !anyRoleReadsALogin(ctx)) return List.of();
        List<Observed> out = new ArrayList<>();
        List<SecretListEntry> found = new ArrayList<>();
        sm.listSecretsPaginator(b -> b.filters(Filter.builder().key(FilterNameStringType.TAG_KEY).values(ResourceContext.TAG_APP).build(),
                Filter.builder().key(FilterNameStringType.TAG_VALUE).values(ctx.app()).build())).stream().forEach(r -> found.addAll(r.secretList()));
        for (SecretListEntry s : found) {
            // The filters match any tag with the app's name as its value: the one ownership rule decides.
            ctx.ownAddress(tagMap(s.tags()), type()).ifPresent(a -> out.add(observed(a, s.name(), s.arn(), valueMarker(ctx, a, s.arn()))));
        }
        return out;
    }

    /** Whether an execution role the plan wants (version 1's when it wants none) still reads a registry login. */
    private static boolean anyRoleReadsALogin(ResourceContext ctx) {
        List<String> roles = new ArrayList<>(ctx.wanted().ofType("role").stream().map(d -> Props.str(d.props(), "name"))
                .filter(n -> n != null && n.endsWith("-execution")).toList());
        if (roles.isEmpty()) roles.add(ctx.app() + "-execution");
        // A service just removed from the spec may have had a login: its role says so.
        if (!ctx.wanted().ofType("service").isEmpty()) {
            for (String removed : LogGroupType.removedServiceNames(ctx)) roles.add(ctx.app() + "-" + removed + "-execution");
        }
        for (String role : roles) {
            String doc = RoleType.secretsPolicy(ctx, role);
            if (doc != null && !Policies.resources(doc, Policies.READ_REGISTRY_LOGIN).isEmpty()) return true;
        }
        return false;
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    /** A secret of that name that refresh did not find as the app's: made by hand, or another app's. */
    @Override public Optional<dev.gantry.resources.Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        try {
            DescribeSecretResponse d = ctx.aws().secretsManager().describeSecret(b -> b.secretId(name));
            if (d.deletedDate() != null) {
                return Optional.of(new dev.gantry.resources.Claim(null, "the Secrets Manager secret " + name + " (scheduled for deletion)",
                        tagMap(d.tags()), "task.registryCredentials.secret", "it is scheduled for deletion: restore it, or wait until it is gone"));
            }
            return Optional.of(new dev.gantry.resources.Claim(observed(desired.address(), d.name(), d.arn(), valueMarker(ctx, desired.address(), d.arn())),
                    "the Secrets Manager secret " + name, tagMap(d.tags()), "task.registryCredentials.secret"));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Gives it the app's tags; its login is kept unless a new one is given (the update writes it then). */
    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().secretsManager().tagResource(b -> b.secretId(existing.id()).tags(tagList(ctx, desired.address())));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tagList(ResourceContext ctx, Address a) {
        return ctx.tags(a).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Observed observed(Address a, String name, String arn, String marker) {
        return new Observed(a, arn, Props.props().put("name", name).put("value", marker).build(), Map.of("id", arn, "name", name, "arn", arn));
    }

    private static String valueMarker(ResourceContext ctx, Address a, String arn) {
        Optional<char[]> given = ctx.secrets().value(valueName(ctx, a));
        if (given.isEmpty()) return ParameterType.UNCHANGED;
        Optional<RegistryClient.Credentials> login = RegistryLogin.parse(given.get());
        if (login.isEmpty()) return ParameterType.CHANGED;
        String stored = ctx.aws().secretsManager().getSecretValue(b -> b.secretId(arn)).secretString();
        return RegistryLogin.parse(stored == null ? new char[0] : stored.toCharArray()).map(s -> s.username().equals(login.get().username())
                && java.util.Arrays.equals(s.password(), login.get().password())).orElse(false) ? ParameterType.UNCHANGED : ParameterType.CHANGED;
    }

    @Override public Optional<Observed> lookup(ResourceContext ctx, Desired desired) {
        String arn = Props.str(desired.props(), "arn");
        try {
            DescribeSecretResponse d = ctx.aws().secretsManager().describeSecret(b -> b.secretId(arn));
            return Optional.of(new Observed(desired.address(), d.arn(), desired.props(), Map.of("id", d.arn(), "arn", d.arn(), "name", d.name())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override public List<String> preflight(ResourceContext ctx, Change change) {
        if (change.desired() == null || change.desired().data()) return List.of();
        boolean creating = change.action() == Action.CREATE || change.action() == Action.REPLACE;
        String name = valueName(ctx, change.address());
        Optional<char[]> given = creating ? ctx.secrets().forNew(name) : ctx.secrets().value(name);
        if (given.isPresent()) {
            return RegistryLogin.parse(given.get()).isPresent() ? List.of()
                    : List.of("the registry login " + name + " is not " + RegistryLogin.FORMAT + ": give it again with --secret " + name + "=@FILE");
        }
        if (!creating) return List.of();
        return List.of("the registry login " + (name.equals(RegistryCredentials.VALUE_NAME) ? "for task.registryCredentials" : name)
                + " has no value: pass --secret " + name + "=@FILE (a file holding " + RegistryLogin.FORMAT + ") or set GANTRY_SECRET_" + name);
    }

    /** The login to store: JSON, whatever form it was given in. */
    private static String value(ResourceContext ctx, Address a, boolean forNew) {
        String name = valueName(ctx, a);
        Optional<char[]> given = forNew ? ctx.secrets().forNew(name) : ctx.secrets().value(name);
        char[] v = given.orElseThrow(() -> new AwsFailure(AwsFailure.Kind.INVALID, "the registry login " + name + " has no value",
                "pass --secret " + name + "=@FILE or set GANTRY_SECRET_" + name));
        RegistryClient.Credentials c = RegistryLogin.parse(v).orElseThrow(() -> new AwsFailure(AwsFailure.Kind.INVALID,
                "the registry login " + name + " is not " + RegistryLogin.FORMAT, "give it again with --secret " + name + "=@FILE"));
        return RegistryLogin.secretString(c);
    }

    /** Stable for the app and address: a create retried after a crash is the same request. */
    private static String token(ResourceContext ctx, Address a) {
        return UUID.nameUUIDFromBytes(("gantry/" + ctx.region() + "/" + ctx.app() + "/" + a).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            SecretsManagerClient sm = ctx.aws().secretsManager();
            List<Tag> tags = tagList(ctx, desired.address());
            try {
                var r = sm.createSecret(b -> b.name(name).secretString(value(ctx, desired.address(), true)).clientRequestToken(token(ctx, desired.address()))
                        .description("gantry " + ctx.app() + " registry login").tags(tags));
                return StepResult.done(observed(desired.address(), r.name(), r.arn(), ParameterType.UNCHANGED));
            } catch (ResourceExistsException e) {
                // Gantry's own secret, made by a run that crashed before it could see the answer,
                // carries the app's tags from the create call; anything else is someone else's.
                DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(name));
                if (ctx.ownAddress(tagMap(d.tags()), type()).isEmpty()) {
                    throw new AwsFailure(AwsFailure.Kind.CONFLICT, "the Secrets Manager secret " + name + " appeared meanwhile and is not the app's",
                            "run 'gantry plan' to see it, then choose another task.registryCredentials.secret or take it over with 'gantry apply --adopt " + desired.address() + "'");
                }
                if (ctx.secrets().value(valueName(ctx, desired.address())).isPresent()) {
                    sm.putSecretValue(b -> b.secretId(d.arn()).secretString(value(ctx, desired.address(), false)));
                }
                return StepResult.done(observed(desired.address(), d.name(), d.arn(), ParameterType.UNCHANGED));
            }
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            if (ctx.secrets().value(valueName(ctx, desired.address())).isPresent()) {
                ctx.aws().secretsManager().putSecretValue(b -> b.secretId(current.id()).secretString(value(ctx, desired.address(), false)));
            }
            return StepResult.done(observed(desired.address(), current.output("name"), current.id(), ParameterType.UNCHANGED));
        };
    }

    /** At once, without the recovery window: a destroy followed by an apply must be able to use the name again. */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().secretsManager().deleteSecret(b -> b.secretId(current.id()).forceDeleteWithoutRecovery(true));
            } catch (ResourceNotFoundException e) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}

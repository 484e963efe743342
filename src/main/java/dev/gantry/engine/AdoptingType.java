package dev.gantry.engine;

import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Planner;
import dev.gantry.resources.catalog.Catalog;
import dev.gantry.resources.Claim;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource type whose update of a resource being taken over ({@code --adopt}) first marks it as
 * the app's, then brings its settings to the spec's: the executor needs to know nothing of adoption.
 * The same for the managed tags ({@link ManagedTags}): a resource whose tags differ is tagged
 * ({@link ResourceType#retag}), and updated only when something else differs too; the handlers
 * never see the {@code tags} prop.
 */
final class AdoptingType implements ResourceType {
    private final ResourceType inner;

    private AdoptingType(ResourceType inner) { this.inner = inner; }

    static Catalog wrap(Catalog catalog) {
        return new Catalog(catalog.types().stream().map(t -> (ResourceType) new AdoptingType(t)).toList());
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired given, Map<String, Object> withTags) {
        boolean adopting = Ownership.adopting(current);
        boolean retagging = withTags.containsKey(Planner.TAGS_FIELD) && !Planner.same(withTags.get(Planner.TAGS_FIELD), current.props().get(Planner.TAGS_FIELD));
        Desired desired = untagged(given);
        Map<String, Object> props = untagged(withTags);
        if (!adopting && !retagging) return inner.update(ctx, current, desired, props);
        Step tagging = adopting ? inner.adopt(ctx, current, desired) : inner.retag(ctx, current, desired);
        // Only its owner or tags change: tagging is all (an update would register a needless task definition revision).
        if (props.entrySet().stream().allMatch(p -> inner.inputs().contains(p.getKey()) || inner.createOnly().contains(p.getKey())
                || Planner.same(p.getValue(), current.props().get(p.getKey())))) {
            return tagging;
        }
        return Step.sequence(tagging, inner.update(ctx, current, desired, props));
    }

    private static Map<String, Object> untagged(Map<String, Object> props) {
        if (!props.containsKey(Planner.TAGS_FIELD)) return props;
        Map<String, Object> out = new java.util.LinkedHashMap<>(props);
        out.remove(Planner.TAGS_FIELD);
        return out;
    }

    private static Desired untagged(Desired d) {
        if (d == null || !d.props().containsKey(Planner.TAGS_FIELD)) return d;
        return new Desired(d.address(), d.piece(), d.description(), untagged(d.props()), d.dependsOn(), d.data(), d.guarded());
    }

    @Override public String type() { return inner.type(); }
    @Override public dev.gantry.plan.Piece piece() { return inner.piece(); }
    @Override public String noun() { return inner.noun(); }
    @Override public java.time.Duration typicalDuration() { return inner.typicalDuration(); }
    @Override public int tier() { return inner.tier(); }
    @Override public Set<String> replaceOn() { return inner.replaceOn(); }
    @Override public Set<String> inputs() { return inner.inputs(); }
    @Override public boolean forcesReplace(String field, Object have, Object want) { return inner.forcesReplace(field, have, want); }
    @Override public List<Observed> refresh(ResourceContext ctx) { return inner.refresh(ctx); }
    @Override public Optional<Observed> lookup(ResourceContext ctx, Desired desired) { return inner.lookup(ctx, desired); }
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) { return inner.claimant(ctx, desired, props); }
    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) { return inner.adopt(ctx, existing, untagged(desired)); }
    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return inner.retag(ctx, existing, untagged(desired)); }
    @Override public boolean retags() { return inner.retags(); }
    @Override public Set<String> createOnly() { return inner.createOnly(); }
    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) { return inner.create(ctx, untagged(desired), untagged(props)); }
    @Override public boolean canUpdate() { return inner.canUpdate(); }
    @Override public boolean updateChangesIdentity() { return inner.updateChangesIdentity(); }
    @Override public boolean createBeforeDestroy() { return inner.createBeforeDestroy(); }
    @Override public boolean createBeforeDestroy(Set<String> replacing) { return inner.createBeforeDestroy(replacing); }
    @Override public Step delete(ResourceContext ctx, Observed current) { return inner.delete(ctx, current); }
    @Override public List<String> preflight(ResourceContext ctx, Change change) { return inner.preflight(ctx, change); }
}

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
 */
final class AdoptingType implements ResourceType {
    private final ResourceType inner;

    private AdoptingType(ResourceType inner) { this.inner = inner; }

    static Catalog wrap(Catalog catalog) {
        return new Catalog(catalog.types().stream().map(t -> (ResourceType) new AdoptingType(t)).toList());
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        if (!Ownership.adopting(current)) return inner.update(ctx, current, desired, props);
        // Only its owner changes: tagging is all (an update would register a needless task definition revision).
        if (props.entrySet().stream().allMatch(p -> inner.inputs().contains(p.getKey()) || Planner.same(p.getValue(), current.props().get(p.getKey())))) {
            return inner.adopt(ctx, current, desired);
        }
        return Step.sequence(inner.adopt(ctx, current, desired), inner.update(ctx, current, desired, props));
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
    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) { return inner.adopt(ctx, existing, desired); }
    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) { return inner.create(ctx, desired, props); }
    @Override public boolean canUpdate() { return inner.canUpdate(); }
    @Override public boolean updateChangesIdentity() { return inner.updateChangesIdentity(); }
    @Override public boolean createBeforeDestroy() { return inner.createBeforeDestroy(); }
    @Override public boolean createBeforeDestroy(Set<String> replacing) { return inner.createBeforeDestroy(replacing); }
    @Override public Step delete(ResourceContext ctx, Observed current) { return inner.delete(ctx, current); }
    @Override public List<String> preflight(ResourceContext ctx, Change change) { return inner.preflight(ctx, change); }
}

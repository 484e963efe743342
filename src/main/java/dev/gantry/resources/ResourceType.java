package dev.gantry.resources;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything gantry knows about one kind of AWS resource: how to find the app's copies, create,
 * update and delete them. Observed props use the same keys and value shapes as the desired ones
 * (strings, Integer, Boolean, sorted lists) so the planner can compare them with equals.
 */
public interface ResourceType {
    /** The address type, e.g. "subnet". */
    String type();

    /** What a person calls this kind of resource ("NAT gateway"), in plans, panes and messages. */
    String noun();

    /** The piece of the stack it belongs to: plans and live panes group changes by it. */
    dev.gantry.plan.Piece piece();

    /** How long AWS usually takes to make one, for the time-left estimate; most are one quick call. */
    default java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(2); }

    /** Creation tier: a resource only depends on lower tiers; destroy deletes the highest tier first. */
    int tier();

    /** Props whose change can only be applied by replacing the resource. */
    default Set<String> replaceOn() { return Set.of(); }

    /**
     * Props that only say how to create the resource: an existing one keeps what it was made with,
     * so a different value is no change (a target group's port is only the default for targets
     * registered without one; ECS registers each task with its own port).
     */
    default Set<String> createOnly() { return Set.of(); }

    /**
     * Inputs: props the expansion hands to the steps (what a diagnosis needs to know of the app, how
     * long a rollout's phases usually take) that AWS does not hold. The planner never compares them,
     * so they never make a change; they only ride along with the desired resource. Handlers read
     * everything they need from the props (or, during a refresh, {@link ResourceContext#wanted()}),
     * never from the spec.
     */
    default Set<String> inputs() { return Set.of(); }

    /**
     * The plan's reason for an in-place update that changes only {@code fields}, in words a person
     * reads at once; null for the usual "changed: FIELDS".
     */
    default String updateReason(java.util.List<dev.gantry.plan.Change.FieldChange> fields) { return null; }

    /**
     * What else a create or update of {@code desired} does that the plan should say (a task
     * definition's release command runs before the rollout), or null.
     */
    default String planNote(Desired desired, dev.gantry.plan.Action action, java.util.List<dev.gantry.plan.Change.FieldChange> fields) { return null; }

    /** Whether this change of {@code field} can only be applied by a new resource; by default, {@link #replaceOn}. */
    default boolean forcesReplace(String field, Object have, Object want) { return replaceOn().contains(field); }

    /** Every resource of this type tagged {@code gantry:app = app}; addresses come from {@code gantry:component}. */
    List<Observed> refresh(ResourceContext ctx);

    /** Finds a data resource (default VPC, existing certificate, hosted zone). */
    default Optional<Observed> lookup(ResourceContext ctx, Desired desired) { return Optional.empty(); }

    /**
     * What already holds the name or path {@code desired} would be created under, though refresh did
     * not find it as the app's (untagged, or another app's). Asked only for resources about to be
     * created, so a converged app pays nothing for it. {@code props}: the desired props with refs
     * resolved to what exists now (null where the referenced resource does not exist yet).
     * Types whose AWS names are not unique (VPCs, subnets, …) never conflict: gantry makes its own.
     */
    default Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) { return Optional.empty(); }

    /**
     * Takes over a resource {@link #claimant} found, when the person asked for it ({@code --adopt}):
     * gives it the app's tags (or owner record) and nothing else; the update that follows brings its
     * settings to the spec's, as the plan showed.
     */
    default Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        throw new UnsupportedOperationException(type() + " cannot be taken over");
    }

    /**
     * Writes the app's tags ({@link ResourceContext#tags}) on one of its resources and changes
     * nothing else: what a plan whose only difference is the field {@code tags} runs (an
     * environment's {@code gantry:env} on a running stack, a key added to the spec's {@code tags:}).
     * Tagging only adds or overwrites keys, so a person's own tags stay. By default the take-over's
     * step, which does exactly that.
     */
    default Step retag(ResourceContext ctx, Observed existing, Desired desired) { return adopt(ctx, existing, desired); }

    /**
     * Whether gantry can write tags on an existing resource of this type ({@link #retag}): only
     * then are the tags refresh read compared in the plan.
     */
    default boolean retags() { return true; }

    /** {@code props} are the desired props with every {@code Ref} resolved. */
    Step create(ResourceContext ctx, Desired desired, Map<String, Object> props);

    /** In-place update of the props that differ; types that cannot update in place replace instead. */
    default Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        throw new UnsupportedOperationException(type() + " cannot be updated in place");
    }

    default boolean canUpdate() { return true; }

    /**
     * Whether an update gives the resource a new identity that dependents must follow (a task
     * definition's update registers a new revision with a new ARN, which the service must then use).
     */
    default boolean updateChangesIdentity() { return false; }

    /**
     * Whether a replacement can create the new resource while the old one still serves (nothing
     * unique, like a name, stands in the way): dependents switch to the new one, then the old one
     * is deleted, and the service stays up.
     */
    default boolean createBeforeDestroy() { return false; }

    /** The same, for a replacement forced by these fields: some types can only make the new one beside the old one for some changes. */
    default boolean createBeforeDestroy(Set<String> replacing) { return createBeforeDestroy(); }

    Step delete(ResourceContext ctx, Observed current);

    /**
     * The delete as a run makes it: {@link #delete}, and while AWS answers that something still
     * uses the resource, a wait for it to let go ({@link Poll#whileInUse}, up to 15 minutes). A
     * type whose blocker never goes away by itself (the VPC holding a person's subnet) says so from
     * its {@code delete} with another kind of failure, which ends the wait at once.
     */
    default Step deleteWhenFree(ResourceContext ctx, Observed current) { return Poll.whileInUse(ctx, delete(ctx, current)); }

    /**
     * Problems that must stop apply before anything changes (a secret with no value, a certificate
     * that is not ISSUED). Called for every planned change of this type; empty means go ahead.
     */
    default List<String> preflight(ResourceContext ctx, dev.gantry.plan.Change change) { return List.of(); }
}

package dev.gantry.resources;

import java.util.Map;

/**
 * Something that already holds the name or path a resource would be created under, and that the
 * app's refresh did not find as its own: made by hand, by another tool, or by another gantry app.
 *
 * @param existing   the resource read in the same shape refresh gives (so a take-over can be planned)
 * @param what       what it is, in plain words ("SSM parameter /shop/db-password")
 * @param tags       its tags as AWS has them (the gantry:app tag names its owner)
 * @param rename     what in gantry.yaml decides the name ("task.secrets.DB.parameter", "app")
 * @param cannotTakeOver why it can never be adopted even when nobody owns it, or null
 */
public record Claim(dev.gantry.plan.Observed existing, String what, Map<String, String> tags, String rename, String cannotTakeOver) {
    public Claim {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public Claim(dev.gantry.plan.Observed existing, String what, Map<String, String> tags, String rename) {
        this(existing, what, tags, rename, null);
    }

    /** The gantry app named in its gantry:app tag, or null when it carries none. */
    public String ownerApp() { return tags.get(ResourceContext.TAG_APP); }
}

package dev.gantry.spec;

/**
 * The listener rule priorities a route's rule may take (see {@code resources.Routing}): a slot per
 * kind of route (host and path, path, host) and path length, each {@link #WIDTH} priorities wide,
 * so the spec can check offline that its routes fit.
 */
public final class RuleSlots {
    private RuleSlots() {}

    /** ALB's priorities run 1 to 50000 (CreateRule: Priority). */
    public static final int MAX_PRIORITY = 50000;
    private static final int PATH_SLOTS = 2 * (Route.MAX_CONDITION_VALUE + 1);
    private static final int SLOTS = 3 * PATH_SLOTS;
    public static final int WIDTH = MAX_PRIORITY / SLOTS;

    /** The first priority of the route's slot: host and path first, then path, then host; longer paths first, exact before prefix. */
    public static int start(Route r) {
        int band = r.host() != null && r.path() != null ? 0 : r.path() != null ? 1 : 2;
        int within = r.path() == null ? 0 : (Route.MAX_CONDITION_VALUE - Math.min(r.path().length(), Route.MAX_CONDITION_VALUE)) * 2 + (r.prefix() ? 1 : 0);
        return 1 + (band * PATH_SLOTS + within) * WIDTH;
    }
}

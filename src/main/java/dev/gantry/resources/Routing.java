package dev.gantry.resources;

import dev.gantry.plan.Address;
import dev.gantry.spec.AppService;
import dev.gantry.spec.Route;
import dev.gantry.spec.RuleSlots;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the app's load balancer sends requests to its public services. One public service whose
 * routes name hosts only is the listener's default action, as in version 1 (so a version-1 stack
 * and a migrated one keep their listener as it is, with no rule). Otherwise every route is a
 * listener rule, and the default action (what no rule matches) forwards to the public service
 * without routes, or else to the first public service: so adding a second service to a running
 * one leaves its listener as it was, and it is served throughout while the rules are made.
 * <p>
 * Priorities are gantry's and stable across edits: a rule's priority depends only on its own
 * route. The load balancer takes the first match in priority order, so the more specific route
 * must come first: host and path, then path alone, then host alone; within those a longer path
 * before a shorter one, an exact path before a prefix. Each such slot owns {@link #SLOT_WIDTH}
 * priorities; a rule takes the lowest free one of its slot (two routes of one slot never match the
 * same request, so their order does not matter).
 */
public final class Routing {
    private Routing() {}

    /** ALB's priorities run 1 to 50000 (CreateRule: Priority). */
    public static final int MAX_PRIORITY = RuleSlots.MAX_PRIORITY;
    public static final int SLOT_WIDTH = RuleSlots.WIDTH;

    /** One listener rule gantry keeps: its address, the service it forwards to, its route and the first priority of its slot. */
    public record RuleSpec(Address address, AppService service, Route route, int priority) {}

    /** The listener requests arrive on (and rules hang off): HTTPS with a certificate, else HTTP. */
    public static Address forwardingListener(Spec spec) {
        return spec.hasCertificate() ? Addresses.HTTPS_LISTENER : Addresses.HTTP_LISTENER;
    }

    /** Whether requests are told apart by listener rules (more than one public service, or paths). */
    public static boolean usesRules(Spec spec) {
        List<AppService> publics = spec.publicServices();
        if (publics.size() != 1) return publics.size() > 1;
        return publics.get(0).publicAccess().routes().stream().anyMatch(r -> r.path() != null);
    }

    /** The service the listener's default action forwards to (null without a public service). */
    public static AppService defaultService(Spec spec) {
        List<AppService> publics = spec.publicServices();
        if (publics.isEmpty()) return null;
        return publics.stream().filter(a -> a.publicAccess().routes().isEmpty()).findFirst().orElse(publics.get(0));
    }

    /** Every listener rule, in the services' and routes' order. */
    public static List<RuleSpec> rules(Spec spec) {
        if (!usesRules(spec)) return List.of();
        List<RuleSpec> out = new ArrayList<>();
        for (AppService a : spec.publicServices()) {
            List<Route> routes = a.publicAccess().routes();
            for (int i = 0; i < routes.size(); i++) {
                out.add(new RuleSpec(Addresses.listenerRule(a.name(), i), a, routes.get(i), slotStart(routes.get(i))));
            }
        }
        return out;
    }

    /** What makes the listener forward to {@code a}: the listener itself, and its rules for {@code a}. */
    public static Set<Address> forwardingTo(Spec spec, AppService a) {
        Set<Address> out = new LinkedHashSet<>();
        out.add(forwardingListener(spec));
        for (RuleSpec r : rules(spec)) if (r.service().name().equals(a.name())) out.add(r.address());
        return out;
    }

    /** The first priority of the route's slot (see the class comment). */
    public static int slotStart(Route r) { return RuleSlots.start(r); }

    /** The first priority of the slot a priority lies in: what a rule's priority reads back as. */
    public static int slotOf(int priority) { return 1 + ((priority - 1) / SLOT_WIDTH) * SLOT_WIDTH; }
}

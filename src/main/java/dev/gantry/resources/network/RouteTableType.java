package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code route-table.public}, {@code route-table.private[-N]}: where traffic leaving the subnets
 * goes. {@code routes} maps a destination CIDR to a gateway id; {@code subnets} lists the subnets
 * that use the table. Both are brought to the desired state in place, route by route.
 */
public final class RouteTableType implements ResourceType {
    @Override public String type() { return "route-table"; }
    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }
    @Override public String noun() { return "route table"; }

    @Override public int tier() { return 3; }

    @Override public Set<String> replaceOn() { return Set.of("vpcId"); }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (RouteTable t : ctx.aws().ec2().describeRouteTables(b -> b.filters(Ec2Tagging.appFilter(ctx))).routeTables()) {
            Ec2Tagging.addressOf(ctx, t.tags(), type()).ifPresent(a -> out.add(observe(a, t)));
        }
        return out;
    }

    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return Ec2Tagging.retag(ctx, existing, desired.address()); }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            // Found by its tags first (one a crashed run made), unless the look under the lock found none;
            // a lost reply is resent by the SDK with the same client token, which makes no second one.
            java.util.Optional<RouteTable> made = ctx.lockLook().foundNothingAt(desired.address()) ? java.util.Optional.empty()
                    : Ec2Tagging.own(ctx, desired.address(), ec2.describeRouteTables(b -> b.filters(Ec2Tagging.ownFilters(ctx, desired.address())))
                    .routeTables(), RouteTable::tags, RouteTable::vpcId, Props.str(props, "vpcId"));
            RouteTable t = made
                    .orElseGet(() -> ec2.createRouteTable(b -> b.vpcId(Props.str(props, "vpcId")).clientToken(freshToken())
                            .tagSpecifications(Ec2Tagging.spec(ctx, desired.address(), "route-table"))).routeTable());
            return StepResult.done(reconcile(ctx, desired.address(), t, props));
        };
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            RouteTable t = ctx.aws().ec2().describeRouteTables(b -> b.routeTableIds(current.id())).routeTables().get(0);
            return StepResult.done(reconcile(ctx, current.address(), t, props));
        };
    }

    /** Makes routes and associations match; safe to re-run, as each call depends on what is there now. */
    private Observed reconcile(ResourceContext ctx, Address address, RouteTable t, Map<String, Object> props) {
        Ec2Client ec2 = ctx.aws().ec2();
        String id = t.routeTableId();
        Map<String, String> want = routesOf(props.get("routes"));
        Map<String, String> have = routes(t);
        for (var e : want.entrySet()) {
            String cidr = e.getKey(), target = e.getValue();
            if (target.equals(have.get(cidr))) continue;
            boolean nat = target.startsWith("nat-");
            if (have.containsKey(cidr)) {
                ec2.replaceRoute(b -> { b.routeTableId(id).destinationCidrBlock(cidr); if (nat) b.natGatewayId(target); else b.gatewayId(target); });
            } else {
                Ec2Tagging.verifyingAlreadyDone(
                        () -> ec2.createRoute(b -> { b.routeTableId(id).destinationCidrBlock(cidr); if (nat) b.natGatewayId(target); else b.gatewayId(target); }),
                        () -> target.equals(routes(read(ec2, id)).get(cidr)), "RouteAlreadyExists");
            }
        }
        for (String cidr : have.keySet()) {
            if (!want.containsKey(cidr)) {
                Ec2Tagging.ignoringGone(() -> ec2.deleteRoute(b -> b.routeTableId(id).destinationCidrBlock(cidr)), "InvalidRoute.NotFound");
            }
        }
        List<String> wantSubnets = VpcType.strings(props.get("subnets"));
        for (RouteTableAssociation a : t.associations()) {
            if (Boolean.TRUE.equals(a.main()) || a.subnetId() == null || wantSubnets.contains(a.subnetId())) continue;
            Ec2Tagging.ignoringGone(() -> ec2.disassociateRouteTable(b -> b.associationId(a.routeTableAssociationId())),
                    "InvalidAssociationID.NotFound");
        }
        List<String> missing = wantSubnets.stream().filter(subnet -> t.associations().stream().noneMatch(a -> subnet.equals(a.subnetId()))).toList();
        Map<String, RouteTableAssociation> held = heldAssociations(ec2, missing);
        for (String subnet : missing) associate(ec2, id, subnet, held.get(subnet));
        // Every call above was answered (or read back when AWS said it was done already), so the
        // table now holds exactly the wanted routes and subnets: no read back.
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("vpcId", t.vpcId());
        now.put("routes", new TreeMap<>(want));
        now.put("subnets", wantSubnets.stream().distinct().sorted().toList());
        return new Observed(address, id, now, Map.of("id", id));
    }

    /**
     * A subnet has one explicit association at a time: one that another table holds (the single
     * private table when NAT goes per zone, say) is moved with ReplaceRouteTableAssociation, so
     * the subnet never loses its route out; EC2 refuses a second association.
     */
    private static void associate(Ec2Client ec2, String tableId, String subnet, RouteTableAssociation held) {
        if (held != null) {
            ec2.replaceRouteTableAssociation(b -> b.associationId(held.routeTableAssociationId()).routeTableId(tableId));
        } else {
            Ec2Tagging.verifyingAlreadyDone(() -> ec2.associateRouteTable(b -> b.routeTableId(tableId).subnetId(subnet)),
                    () -> read(ec2, tableId).associations().stream().anyMatch(a -> subnet.equals(a.subnetId())), "Resource.AlreadyAssociated");
        }
    }

    /**
     * The explicit association that holds each of {@code subnets} now, if any: one
     * DescribeRouteTables for all of them (a filter's values are OR'ed: EC2 API reference,
     * "Filter"), instead of one per subnet. Each subnet has at most one explicit association.
     */
    private static Map<String, RouteTableAssociation> heldAssociations(Ec2Client ec2, List<String> subnets) {
        Map<String, RouteTableAssociation> out = new java.util.HashMap<>();
        if (subnets.isEmpty()) return out;
        for (RouteTable t : ec2.describeRouteTables(b -> b.filters(f -> f.name("association.subnet-id").values(subnets))).routeTables()) {
            for (RouteTableAssociation a : t.associations()) {
                if (a.subnetId() != null && subnets.contains(a.subnetId()) && !Boolean.TRUE.equals(a.main())) out.putIfAbsent(a.subnetId(), a);
            }
        }
        return out;
    }

    private static RouteTable read(Ec2Client ec2, String id) {
        return ec2.describeRouteTables(b -> b.routeTableIds(id)).routeTables().get(0);
    }

    /** Disassociates first: AWS refuses to delete a table subnets still use. */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            List<RouteTable> found;
            try {
                found = ec2.describeRouteTables(b -> b.routeTableIds(current.id())).routeTables();
            } catch (RuntimeException e) {
                if (Ec2Tagging.hasCode(e, "InvalidRouteTableID.NotFound")) return StepResult.done(current);
                throw e;
            }
            for (RouteTableAssociation a : found.isEmpty() ? List.<RouteTableAssociation>of() : found.get(0).associations()) {
                if (Boolean.TRUE.equals(a.main())) continue;
                Ec2Tagging.ignoringGone(() -> ec2.disassociateRouteTable(b -> b.associationId(a.routeTableAssociationId())),
                        "InvalidAssociationID.NotFound");
            }
            Ec2Tagging.ignoringGone(() -> ec2.deleteRouteTable(b -> b.routeTableId(current.id())), "InvalidRouteTableID.NotFound");
            return StepResult.done(current);
        };
    }

    /**
     * CreateRouteTable's ClientToken, new for each creation: the SDK sends the same request (and so
     * the same token) again after a lost reply, and EC2 answers with the table it made the first
     * time. A re-run after a crash finds the table by its tags before it comes here; a token kept
     * across runs would name a table that may since have been deleted.
     */
    private static String freshToken() { return "gantry-" + java.util.UUID.randomUUID(); }

    /** Routes gantry manages: everything but the VPC's own local route. */
    private static Map<String, String> routes(RouteTable t) {
        Map<String, String> out = new TreeMap<>();
        for (Route r : t.routes()) {
            if ("local".equals(r.gatewayId()) || r.destinationCidrBlock() == null) continue;
            String target = r.natGatewayId() != null ? r.natGatewayId() : r.gatewayId();
            if (target != null) out.put(r.destinationCidrBlock(), target);
        }
        return out;
    }

    private static Map<String, String> routesOf(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /** Subnets sorted by id: the planner compares lists of resources as sets. */
    private static Observed observe(Address address, RouteTable t) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("vpcId", t.vpcId());
        props.put("routes", routes(t));
        props.put("subnets", t.associations().stream().map(RouteTableAssociation::subnetId).filter(Objects::nonNull).sorted().toList());
        return new Observed(address, t.routeTableId(), props, Map.of("id", t.routeTableId()));
    }
}

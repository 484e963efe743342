package dev.gantry.resources.network;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code nat-gateway.nat-N}: lets tasks in private subnets reach the internet. AWS takes a minute
 * or two to make one available and to delete one; both are waited for here, so the route table
 * (after) and the Elastic IP and subnet (before, on destroy) never meet a half-made gateway.
 */
public final class NatGatewayType implements ResourceType {
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** How long AWS typically takes to make a NAT gateway available (docs/timings.md): the first looks are spaced by it. */
    static final Duration TYPICAL_CREATE = Duration.ofSeconds(95);
    private static final Set<String> LIVE = Set.of("pending", "available");
    private static final int TOKEN_ATTEMPTS = 5;

    @Override public String type() { return "nat-gateway"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.NETWORK; }

    @Override public String noun() { return "NAT gateway"; }

    /** AWS makes a NAT gateway available in about a minute and a half. */

    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(95); }

    @Override public int tier() { return 2; }

    @Override public Set<String> replaceOn() { return Set.of("subnetId", "allocationId"); }

    @Override public boolean canUpdate() { return false; }

    /** A gateway being deleted is already gone as far as planning goes: it can carry no traffic again. */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (NatGateway n : ctx.aws().ec2().describeNatGateways(b -> b.filter(Ec2Tagging.appFilter(ctx))).natGateways()) {
            if (!LIVE.contains(n.stateAsString())) continue;
            Ec2Tagging.addressOf(ctx, n.tags(), type()).ifPresent(a -> out.add(observe(a, n)));
        }
        return out;
    }

    @Override public Step retag(ResourceContext ctx, Observed existing, Desired desired) { return Ec2Tagging.retag(ctx, existing, desired.address()); }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String allocationId = Props.str(props, "allocationId");
        // A gateway still being deleted keeps its Elastic IP until it is gone; a new one asking for
        // that address now would fail (Resource.AlreadyAssociated), so wait for the old one first.
        // One look at the app's gateways answers both questions: is an old one still deleting with
        // this address, and is there a live one of this address already (a re-run after a crash).
        List<NatGateway> seen = new ArrayList<>();
        Step waitForOld = Poll.until(ctx, "the previous NAT gateway " + desired.address().name() + " to finish deleting", TIMEOUT,
                "AWS usually deletes a NAT gateway within two minutes; check it in the VPC console, then run 'gantry apply' again",
                () -> {
                    List<NatGateway> app = ctx.aws().ec2().describeNatGateways(b -> b.filter(Ec2Tagging.appFilter(ctx),
                            Filter.builder().name("state").values("pending", "available", "deleting").build())).natGateways();
                    if (deletingWith(ctx, app, allocationId)) return Optional.empty();
                    seen.clear();
                    seen.addAll(app);
                    return Optional.of(new Observed(desired.address(), "", Map.of(), Map.of()));
                });
        Step make = makeAndWait(ctx, desired, props, seen);
        return () -> {
            StepResult r = waitForOld.run();
            return r instanceof StepResult.Wait w ? StepResult.waitThen(w.after(), w.waitingFor(), chain(w.next(), make)) : make.run();
        };
    }

    private static Step chain(Step first, Step then) {
        return () -> {
            StepResult r = first.run();
            return r instanceof StepResult.Wait w ? StepResult.waitThen(w.after(), w.waitingFor(), chain(w.next(), then)) : then.run();
        };
    }

    private static boolean deletingWith(ResourceContext ctx, List<NatGateway> app, String allocationId) {
        return app.stream()
                .filter(n -> "deleting".equals(n.stateAsString()) && Ec2Tagging.addressOf(ctx, n.tags(), "nat-gateway").isPresent())
                .anyMatch(n -> n.natGatewayAddresses().stream().anyMatch(a -> allocationId.equals(a.allocationId())));
    }

    /** {@code seen}: the app's gateways, as the look for a deleting one has just read them. */
    private Step makeAndWait(ResourceContext ctx, Desired desired, Map<String, Object> props, List<NatGateway> seen) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            String subnetId = Props.str(props, "subnetId");
            String allocationId = Props.str(props, "allocationId");
            NatGateway nat = Ec2Tagging.own(ctx, desired.address(), seen.stream().filter(n -> LIVE.contains(n.stateAsString())).toList(),
                    NatGateway::tags, NatGateway::subnetId, subnetId).orElse(null);
            boolean found = nat != null;
            for (int attempt = 1; nat == null; attempt++) {
                String token = clientToken(ctx.app(), desired.address(), subnetId, allocationId, attempt);
                NatGateway created = ec2.createNatGateway(b -> b.subnetId(subnetId).allocationId(allocationId).clientToken(token)
                        .tagSpecifications(Ec2Tagging.spec(ctx, desired.address(), "natgateway"))).natGateway();
                // A token names one gateway for a long time, even after it failed or was deleted:
                // then AWS hands back that dead one, and only a new token makes a new gateway.
                if (LIVE.contains(created.stateAsString())) nat = created;
                else if (attempt >= TOKEN_ATTEMPTS) {
                    throw new AwsFailure(AwsFailure.Kind.CONFLICT, "AWS keeps returning failed or deleted NAT gateways for " + desired.address(),
                            "delete the failed NAT gateways of this VPC in the console, then run 'gantry apply' again");
                }
            }
            // A gateway just made is "pending" for about 95 s: the wait's first look comes after its first pause.
            return waitAvailable(ctx, desired.address(), nat.natGatewayId(), found || !"pending".equals(nat.stateAsString())).run();
        };
    }

    private Step waitAvailable(ResourceContext ctx, Address address, String natId, boolean lookNow) {
        java.util.function.Supplier<Optional<Observed>> check = () -> {
                    NatGateway n = ctx.aws().ec2().describeNatGateways(b -> b.natGatewayIds(natId)).natGateways().get(0);
                    return switch (n.stateAsString()) {
                        case "available" -> Optional.of(observe(address, n));
                        case "failed" -> throw failed(address, n);
                        case "deleting", "deleted" -> throw new AwsFailure(AwsFailure.Kind.CONFLICT,
                                "NAT gateway " + natId + " (" + address + ") was deleted while gantry waited for it",
                                "run 'gantry apply' again to create a new one");
                        default -> Optional.empty();
                    };
                };
        String fix = "AWS usually needs 1-3 minutes for a NAT gateway; check its state in the VPC console, then run 'gantry apply' again";
        return lookNow ? Poll.until(ctx, "NAT gateway " + address.name() + " to become available", TYPICAL_CREATE, TIMEOUT, fix, check)
                : Poll.after(ctx, "NAT gateway " + address.name() + " to become available", TYPICAL_CREATE, TIMEOUT, fix, check);
    }

    private static AwsFailure failed(Address address, NatGateway n) {
        String code = n.failureCode() == null ? "" : n.failureCode();
        String fix = switch (code) {
            case "Gateway.NotAttached" -> "the VPC has no internet gateway attached; check internet-gateway.main, then run 'gantry apply' again";
            case "Resource.AlreadyAssociated" -> "its Elastic IP is already used by something else; release that association or let gantry allocate a new address, then run 'gantry apply' again";
            case "InsufficientFreeAddressesInSubnet" -> "the public subnet has no free addresses left; free some, then run 'gantry apply' again";
            default -> "run 'gantry apply' again; if it fails the same way, look at the failed NAT gateway in the VPC console";
        };
        return new AwsFailure(AwsFailure.Kind.OTHER, "NAT gateway " + n.natGatewayId() + " (" + address + ") failed: "
                + code + (n.failureMessage() == null ? "" : ": " + n.failureMessage()), fix);
    }

    /** Waits until AWS has let go of the gateway's address and interface, which the Elastic IP and subnet deletes need. */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            Ec2Client ec2 = ctx.aws().ec2();
            Ec2Tagging.ignoringGone(() -> ec2.deleteNatGateway(b -> b.natGatewayId(current.id())), "NatGatewayNotFound");
            return Poll.until(ctx, "NAT gateway " + current.address().name() + " to be deleted", TIMEOUT,
                    "AWS usually deletes a NAT gateway within two minutes; check it in the VPC console, then run 'gantry destroy' again",
                    () -> {
                        List<NatGateway> left;
                        try {
                            left = ec2.describeNatGateways(b -> b.natGatewayIds(current.id())).natGateways();
                        } catch (RuntimeException e) {
                            if (Ec2Tagging.hasCode(e, "NatGatewayNotFound")) return Optional.of(current);
                            throw e;
                        }
                        boolean gone = left.isEmpty() || left.get(0).stateAsString().equals("deleted");
                        return gone ? Optional.of(current) : Optional.empty();
                    }).run();
        };
    }

    /** Stable for one app, address, subnet and address allocation: a crashed create resumes onto the same gateway. */
    static String clientToken(String app, Address address, String subnetId, String allocationId, int attempt) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(
                    (app + "|" + address + "|" + subnetId + "|" + allocationId).getBytes(StandardCharsets.UTF_8));
            return "gantry-" + HexFormat.of().formatHex(h).substring(0, 32) + (attempt > 1 ? "-" + attempt : "");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    private static Observed observe(Address address, NatGateway n) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("subnetId", n.subnetId());
        props.put("allocationId", n.natGatewayAddresses().stream().map(NatGatewayAddress::allocationId).findFirst().orElse(null));
        return new Observed(address, n.natGatewayId(), props, Map.of("id", n.natGatewayId()));
    }
}

package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Ec2Model.ElasticIp;
import dev.gantry.aws.sim.Ec2Model.NatGateway;
import dev.gantry.aws.sim.Ec2Model.Subnet;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.gantry.aws.sim.Ec2Support.fail;
import static dev.gantry.aws.sim.Ec2Support.invalid;
import static dev.gantry.aws.sim.Ec2Support.require;

/** Elastic IP addresses and NAT gateways, whose states move with the clock. */
final class Ec2NatGateways {
    /** Deleted and failed NAT gateways stay visible this long, as in AWS. */
    static final Duration LINGER = Duration.ofHours(1);
    static final int ADDRESS_LIMIT = 5;
    static final int NAT_PER_AZ_LIMIT = 5;

    private final Ec2State ec2;
    private final SimContext account;
    private final Ec2Vpcs vpcs;

    private final Ec2Interfaces interfaces;

    Ec2NatGateways(Ec2State ec2, SimContext account, Ec2Vpcs vpcs, Ec2Interfaces interfaces) {
        this.ec2 = ec2;
        this.account = account;
        this.vpcs = vpcs;
        this.interfaces = interfaces;
    }

    private Ec2State s() { return ec2; }

    private String state(NatGateway n) { return Ec2State.natState(n, account.now()); }

    /** Whether the gateway still holds its Elastic IP (and its interface in the subnet). */
    private boolean holdsAddress(NatGateway n) {
        String st = state(n);
        return !st.equals("deleted") && !st.equals("failed");
    }

    /** Notes each gateway's state as of now, and forgets deleted and failed ones after a while, as AWS does. */
    void settle() {
        for (NatGateway n : s().natGateways.values()) n.state = state(n);
        long cutoff = account.now().minus(LINGER).toEpochMilli();
        s().natGateways.values().removeIf(n -> {
            String st = state(n);
            if (st.equals("deleted")) return n.deletedAtMillis < cutoff;
            return st.equals("failed") && n.availableAtMillis < cutoff;
        });
    }

    // ---- Elastic IPs ----

    AllocateAddressResponse allocateAddress(AllocateAddressRequest r) {
        if (r.domain() != null && !"vpc".equals(r.domainAsString())) throw invalid("Only the vpc domain is supported");
        Map<String, String> tags = Ec2Support.tagsOnCreate(r.tagSpecifications(), "elastic-ip");
        if (s().addresses.size() >= ADDRESS_LIMIT) {
            throw fail("AddressLimitExceeded", "The maximum number of addresses has been reached.");
        }
        ElasticIp a = new ElasticIp();
        a.allocationId = account.newId("eipalloc");
        a.publicIp = interfaces.nextPublicIp();
        a.tags.putAll(tags);
        s().addresses.put(a.allocationId, a);
        return AllocateAddressResponse.builder().allocationId(a.allocationId).publicIp(a.publicIp).domain("vpc")
                .networkBorderGroup(account.region()).publicIpv4Pool("amazon").build();
    }

    DescribeAddressesResponse describeAddresses(DescribeAddressesRequest r) {
        for (String id : r.allocationIds()) address(id);
        List<Address> out = new ArrayList<>();
        for (ElasticIp a : s().addresses.values()) {
            if (r.hasAllocationIds() && !r.allocationIds().contains(a.allocationId)) continue;
            if (r.hasPublicIps() && !r.publicIps().contains(a.publicIp)) continue;
            NatGateway holder = holderOf(a.allocationId);
            boolean match = Ec2Support.matches(r.filters(), a.tags, name -> switch (name) {
                case "allocation-id" -> List.of(a.allocationId);
                case "public-ip" -> List.of(a.publicIp);
                case "domain" -> List.of("vpc");
                case "association-id" -> holder == null ? List.of() : List.of(holder.associationId);
                case "network-interface-id" -> holder == null ? List.of() : List.of(holder.networkInterfaceId);
                case "private-ip-address" -> holder == null ? List.of() : List.of(holder.privateIp);
                default -> null;
            });
            if (!match) continue;
            var b = Address.builder().allocationId(a.allocationId).publicIp(a.publicIp).domain("vpc")
                    .networkBorderGroup(account.region()).publicIpv4Pool("amazon").tags(Ec2Support.sdkTags(a.tags));
            if (holder != null) {
                b.associationId(holder.associationId).networkInterfaceId(holder.networkInterfaceId)
                        .privateIpAddress(holder.privateIp).networkInterfaceOwnerId(account.accountId());
            }
            out.add(b.build());
        }
        return DescribeAddressesResponse.builder().addresses(out).build();
    }

    ReleaseAddressResponse releaseAddress(ReleaseAddressRequest r) {
        ElasticIp a = address(require(r.allocationId(), "AllocationId"));
        if (holderOf(a.allocationId) != null) throw fail("InvalidIPAddress.InUse", "Address " + a.allocationId + " is in use.");
        s().addresses.remove(a.allocationId);
        return ReleaseAddressResponse.builder().build();
    }

    private NatGateway holderOf(String allocationId) {
        return s().natGateways.values().stream().filter(n -> allocationId.equals(n.allocationId) && holdsAddress(n))
                .findFirst().orElse(null);
    }

    ElasticIp address(String id) {
        ElasticIp a = s().addresses.get(id);
        if (a == null) throw fail("InvalidAllocationID.NotFound", "The allocation ID '" + id + "' does not exist");
        return a;
    }

    // ---- NAT gateways ----

    CreateNatGatewayResponse createNatGateway(CreateNatGatewayRequest r) {
        if (r.clientToken() != null) {
            for (NatGateway n : s().natGateways.values()) {
                if (r.clientToken().equals(n.clientToken)) {
                    // Same token, same request: the same gateway, whatever state it is in now.
                    if (Objects.equals(n.subnetId, r.subnetId()) && Objects.equals(n.allocationId, r.allocationId())) {
                        return CreateNatGatewayResponse.builder().clientToken(n.clientToken).natGateway(view(n)).build();
                    }
                    throw fail("IdempotentParameterMismatch",
                            "The client token you have provided is associated with a resource with different parameters");
                }
            }
        }
        if (r.connectivityType() != null && !"public".equals(r.connectivityTypeAsString())) {
            throw invalid("Only public NAT gateways are simulated");
        }
        Subnet sub = vpcs.subnet(require(r.subnetId(), "SubnetId"));
        String allocationId = require(r.allocationId(), "AllocationId");
        ElasticIp eip = address(allocationId);
        Map<String, String> tags = Ec2Support.tagsOnCreate(r.tagSpecifications(), "natgateway");
        long inAz = s().natGateways.values().stream().filter(n -> holdsAddress(n)
                && sub.availabilityZone.equals(s().subnets.containsKey(n.subnetId) ? s().subnets.get(n.subnetId).availabilityZone : null)).count();
        if (inAz >= NAT_PER_AZ_LIMIT) throw fail("NatGatewayLimitExceeded", "The maximum number of NAT gateways in this availability zone has been reached.");

        Instant now = account.now();
        NatGateway n = new NatGateway();
        n.id = account.newId("nat");
        n.subnetId = sub.id;
        n.vpcId = sub.vpcId;
        n.allocationId = allocationId;
        n.clientToken = r.clientToken();
        n.tags.putAll(tags);
        n.createdAtMillis = now.toEpochMilli();
        // AWS accepts the call, then fails the gateway asynchronously for these two.
        boolean igw = s().internetGateways.values().stream().anyMatch(g -> sub.vpcId.equals(g.attachedVpcId));
        if (holderOf(allocationId) != null) {
            n.failureCode = "Resource.AlreadyAssociated";
            n.failureMessage = "Elastic IP address [" + allocationId + "] is already associated";
        } else if (!igw) {
            n.failureCode = "Gateway.NotAttached";
            n.failureMessage = "Network " + sub.vpcId + " has no Internet gateway attached";
        }
        if (n.failureCode != null) {
            n.availableAtMillis = now.plus(account.latency().natGateway().dividedBy(3)).toEpochMilli();
        } else {
            n.availableAtMillis = now.plus(account.latency().natGateway()).toEpochMilli();
            n.networkInterfaceId = interfaces.createEni(sub.id, List.of(), "Interface for NAT Gateway " + n.id);
            s().enis.get(n.networkInterfaceId).interfaceType = "nat_gateway";
            n.privateIp = s().privateIpOfEni(n.networkInterfaceId);
            n.publicIp = eip.publicIp;
            n.associationId = account.newId("eipassoc");
        }
        n.state = state(n);
        s().natGateways.put(n.id, n);
        return CreateNatGatewayResponse.builder().clientToken(n.clientToken).natGateway(view(n)).build();
    }

    DescribeNatGatewaysResponse describeNatGateways(DescribeNatGatewaysRequest r) {
        for (String id : r.natGatewayIds()) gateway(id);
        List<software.amazon.awssdk.services.ec2.model.NatGateway> out = new ArrayList<>();
        for (NatGateway n : s().natGateways.values()) {
            if (r.hasNatGatewayIds() && !r.natGatewayIds().contains(n.id)) continue;
            boolean match = Ec2Support.matches(r.filter(), n.tags, name -> switch (name) {
                case "nat-gateway-id" -> List.of(n.id);
                case "state" -> List.of(state(n));
                case "subnet-id" -> List.of(n.subnetId);
                case "vpc-id" -> List.of(n.vpcId);
                default -> null;
            });
            if (match) out.add(view(n));
        }
        return DescribeNatGatewaysResponse.builder().natGateways(out).build();
    }

    DeleteNatGatewayResponse deleteNatGateway(DeleteNatGatewayRequest r) {
        NatGateway n = gateway(require(r.natGatewayId(), "NatGatewayId"));
        if (n.deleteRequestedAtMillis == null) {
            Instant now = account.now();
            boolean failed = state(n).equals("failed");
            n.deleteRequestedAtMillis = now.toEpochMilli();
            n.deletedAtMillis = (failed ? now : now.plus(account.latency().natDelete())).toEpochMilli();
            if (n.networkInterfaceId != null) interfaces.releaseEni(n.networkInterfaceId, Instant.ofEpochMilli(n.deletedAtMillis));
            n.state = state(n);
        }
        return DeleteNatGatewayResponse.builder().natGatewayId(n.id).build();
    }

    NatGateway gateway(String id) {
        NatGateway n = s().natGateways.get(id);
        if (n == null) throw fail("NatGatewayNotFound", "The Nat Gateway " + id + " was not found");
        return n;
    }

    private software.amazon.awssdk.services.ec2.model.NatGateway view(NatGateway n) {
        String st = state(n);
        var b = software.amazon.awssdk.services.ec2.model.NatGateway.builder().natGatewayId(n.id).subnetId(n.subnetId)
                .vpcId(n.vpcId).state(st).connectivityType("public").createTime(Instant.ofEpochMilli(n.createdAtMillis))
                .tags(Ec2Support.sdkTags(n.tags));
        if (st.equals("failed")) b.failureCode(n.failureCode).failureMessage(n.failureMessage);
        if (n.deletedAtMillis != null && st.equals("deleted")) b.deleteTime(Instant.ofEpochMilli(n.deletedAtMillis));
        var addr = NatGatewayAddress.builder().allocationId(n.allocationId).isPrimary(true);
        if (n.networkInterfaceId != null) {
            addr.networkInterfaceId(n.networkInterfaceId).privateIp(n.privateIp).publicIp(n.publicIp)
                    .associationId(n.associationId).status(switch (st) {
                        case "pending" -> "associating";
                        case "deleting" -> "disassociating";
                        case "deleted" -> "succeeded";
                        default -> "succeeded";
                    });
        } else {
            addr.status("failed");
        }
        b.natGatewayAddresses(addr.build());
        return b.build();
    }
}

package dev.gantry.resources.network;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Network;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vpc: existing — gantry reads the user's VPC and checks the subnets before planning on them. */
class ExistingVpcLookupTest {
    private final NetworkHarness h = new NetworkHarness(NetworkHarness.spec(Network.defaultVpc(), null));
    private final Ec2Client ec2 = h.ctx.aws().ec2();
    private final String vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    private final String a = subnet(vpc, "10.9.0.0/24", "us-east-1a");
    private final String b = subnet(vpc, "10.9.1.0/24", "us-east-1b");
    private final String a2 = subnet(vpc, "10.9.2.0/24", "us-east-1a");
    private final String c = subnet(vpc, "10.9.3.0/24", "us-east-1c");

    private String subnet(String v, String cidr, String az) {
        return ec2.createSubnet(x -> x.vpcId(v).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
    }

    private Map<Address, Observed> apply(List<String> pub, List<String> priv) {
        h.use(NetworkHarness.spec(Network.existing(vpc, pub, priv), LoadBalancer.defaults()));
        return h.applyAll();
    }

    @Test
    void validSubnetsAreReadAndTheGroupsAreMadeInTheVpc() {
        Map<Address, Observed> made = apply(List.of(a, b), List.of(a2, c));
        assertThat(made.get(Addresses.VPC).id()).isEqualTo(vpc);
        assertThat(made.get(Addresses.privateSubnet(1)).output("az")).isEqualTo("us-east-1c");
        assertThat(made.get(Addresses.LB_SG).props().get("vpcId")).isEqualTo(vpc);
        // Data resources show exactly what was asked, so plan has nothing to change on them.
        assertThat(made.get(Addresses.publicSubnet(0)).props()).isEqualTo(Map.of("subnetId", a));
    }

    @Test
    void aMissingVpcSaysWhichFieldToFix() {
        h.use(NetworkHarness.spec(Network.existing("vpc-0123456789abcdef0", List.of(a, b), List.of()), null));
        assertThatThrownBy(h::applyAll).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("vpc-0123456789abcdef0 does not exist")
                .satisfies(e -> assertThat(((AwsFailure) e).fix()).contains("network.vpcId"));
    }

    @Test
    void aSubnetOfAnotherVpcIsRefused() {
        String other = ec2.createVpc(x -> x.cidrBlock("10.8.0.0/16")).vpc().vpcId();
        String foreign = subnet(other, "10.8.0.0/24", "us-east-1b");
        assertThatThrownBy(() -> apply(List.of(a, foreign), List.of())).isInstanceOf(AwsFailure.class)
                .hasMessageContaining(foreign + " belongs to " + other);
    }

    @Test
    void publicSubnetsInOneZoneAreRefused() {
        assertThatThrownBy(() -> apply(List.of(a, a2), List.of())).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("at least two availability zones");
    }

    @Test
    void anUnknownSubnetIsRefused() {
        assertThatThrownBy(() -> apply(List.of(a, "subnet-0000000000000dead"), List.of())).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("subnet-0000000000000dead does not exist");
    }

    @Test
    void aDeletedDefaultVpcIsExplained() {
        String def = ec2.describeVpcs(x -> x.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
        h.world.state.ec2.vpcs.remove(def);
        h.use(NetworkHarness.spec(Network.defaultVpc(), null));
        assertThatThrownBy(h::applyAll).isInstanceOf(AwsFailure.class).hasMessageContaining("no default VPC")
                .satisfies(e -> assertThat(((AwsFailure) e).fix()).contains("create-default-vpc"));
    }
}

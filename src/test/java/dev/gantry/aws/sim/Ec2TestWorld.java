package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A simulated account on virtual time, plus shorthands for the EC2 tests. */
final class Ec2TestWorld {
    final VirtualScheduler clock = new VirtualScheduler();
    final SimWorld world = new SimWorld(new SimState(), clock, SimLatency.realistic());
    final SimEc2 ec2 = new SimEc2(world);

    static TagSpecification tags(ResourceType type, String... kv) {
        Tag[] t = new Tag[kv.length / 2];
        for (int i = 0; i < t.length; i++) t[i] = Tag.builder().key(kv[2 * i]).value(kv[2 * i + 1]).build();
        return TagSpecification.builder().resourceType(type).tags(t).build();
    }

    String vpc(String cidr) { return ec2.createVpc(b -> b.cidrBlock(cidr)).vpc().vpcId(); }

    String subnet(String vpc, String cidr, String az) {
        return ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
    }

    String attachedIgw(String vpc) {
        String igw = ec2.createInternetGateway(b -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        return igw;
    }

    /** A route table sending 0.0.0.0/0 to the internet gateway, associated with the subnet. */
    String publicRoute(String vpc, String igw, String subnet) {
        String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(subnet));
        return rtb;
    }

    static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> org.assertj.core.api.Assertions
                        .assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo(code));
    }
}

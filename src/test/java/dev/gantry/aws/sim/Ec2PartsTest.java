package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetRequest;
import software.amazon.awssdk.services.ec2.model.AllocateAddressRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** EC2's parts on their own: its state, a clock and the account, no world. */
class Ec2PartsTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final SimLatency latency = SimLatency.realistic();
    private final SimContext account = new StandaloneAccount(clock, latency);
    private final Ec2State ec2 = new Ec2State();
    private final Ec2Vpcs vpcs = new Ec2Vpcs(ec2, account);
    private final Ec2Interfaces interfaces = new Ec2Interfaces(ec2, account);
    private final Ec2NatGateways nats = new Ec2NatGateways(ec2, account, vpcs, interfaces);

    private String subnet() {
        String vpc = vpcs.createVpc(CreateVpcRequest.builder().cidrBlock("10.0.0.0/16").build()).vpc().vpcId();
        return vpcs.createSubnet(CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.0.0.0/24")
                .availabilityZone("us-east-1a").build()).subnet().subnetId();
    }

    private static String code(Executable call) {
        Ec2Exception e = catchThrowableOfType(() -> call.execute(), Ec2Exception.class);
        return e == null ? null : e.awsErrorDetails().errorCode();
    }

    @Test
    void aTasksInterfaceBlocksDeletingItsSubnetUntilAwsReleasesIt() {
        String subnet = subnet();
        String eni = interfaces.createEni(subnet, List.of(), "task", true);
        assertThat(ec2.privateIpOfEni(eni)).isEqualTo("10.0.0.4");
        interfaces.releaseEni(eni, clock.now().plusSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertThat(code(() -> vpcs.deleteSubnet(DeleteSubnetRequest.builder().subnetId(subnet).build()))).isEqualTo("DependencyViolation");
        clock.advance(Duration.ofSeconds(1));
        vpcs.deleteSubnet(DeleteSubnetRequest.builder().subnetId(subnet).build());
        assertThat(ec2.subnetExists(subnet)).isFalse();
    }

    @Test
    void aNatGatewayInAVpcWithoutAnInternetGatewayIsPendingAThirdOfItsTimeThenFails() {
        String subnet = subnet();
        String eip = nats.allocateAddress(AllocateAddressRequest.builder().domain("vpc").build()).allocationId();
        String nat = nats.createNatGateway(CreateNatGatewayRequest.builder().subnetId(subnet).allocationId(eip).build())
                .natGateway().natGatewayId();
        clock.advance(latency.natGateway().dividedBy(3).minusSeconds(1));
        assertThat(Ec2State.natState(ec2.natGateways.get(nat), clock.now())).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(1));
        assertThat(Ec2State.natState(ec2.natGateways.get(nat), clock.now())).isEqualTo("failed");
        assertThat(ec2.natGateways.get(nat).failureCode).isEqualTo("Gateway.NotAttached");
        assertThat(ec2.natGateways.get(nat).networkInterfaceId).isNull();
    }
}

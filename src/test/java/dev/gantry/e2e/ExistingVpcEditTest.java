package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.spec.Network;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vpc: existing — the person's own VPC. Moving the app to other subnets of it is an in-place change
 * of the load balancer (SetSubnets) and a rolling deployment of the service, served throughout.
 */
class ExistingVpcEditTest {
    final SimHarness h = new SimHarness();
    final Ec2Client ec2 = h.aws.ec2();
    final String vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    final String a = subnet("10.9.0.0/24", "us-east-1a");
    final String b = subnet("10.9.1.0/24", "us-east-1b");
    final String c = subnet("10.9.2.0/24", "us-east-1c");

    private String subnet(String cidr, String az) {
        return ec2.createSubnet(x -> x.vpcId(vpc).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
    }

    private void routeToTheInternet() { routeToTheInternet(vpc, List.of(a, b, c)); }

    /** A public network of the person's: an internet gateway and a default route, on every subnet. */
    private void routeToTheInternet(String v, List<String> subnets) {
        String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
        ec2.attachInternetGateway(x -> x.internetGatewayId(igw).vpcId(v));
        String rt = ec2.createRouteTable(x -> x.vpcId(v)).routeTable().routeTableId();
        ec2.createRoute(x -> x.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        for (String s : subnets) ec2.associateRouteTable(x -> x.routeTableId(rt).subnetId(s));
    }

    final Spec template = SimHarness.template("web-https.yaml");

    /** The app deployed into subnets a and b of the person's VPC. */
    private Spec deployed() {
        routeToTheInternet();
        Spec first = template.withNetwork(Network.existing(vpc, List.of(a, b), List.of()));
        h.prepare(first);
        ApplyResult made = h.apply(first);
        assertThat(made.exitCode()).as(made.failures().toString()).isZero();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
        return first;
    }

    @Test
    void moving_to_other_subnets_of_the_same_vpc_is_in_place_and_served_throughout() {
        Spec first = deployed();
        Spec moved = template.withNetwork(Network.existing(vpc, List.of(a, c), List.of()));
        step(moved, List.of("UPDATE load-balancer.main", "UPDATE service.main"));
        step(first, List.of("UPDATE load-balancer.main", "UPDATE service.main"));
    }

    @Test
    void moving_to_another_of_the_persons_vpcs_needs_allow_replace_and_never_touches_either_vpc() {
        deployed();

        String other = ec2.createVpc(x -> x.cidrBlock("10.7.0.0/16")).vpc().vpcId();
        String d = ec2.createSubnet(x -> x.vpcId(other).cidrBlock("10.7.0.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String e = ec2.createSubnet(x -> x.vpcId(other).cidrBlock("10.7.1.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        routeToTheInternet(other, List.of(d, e));

        Spec moved = template.withNetwork(Network.existing(other, List.of(d, e), List.of()));
        assertThat(h.plan(moved).mutating()).filteredOn(ch -> ch.reason().contains("downtime")).extracting(ch -> ch.address().toString())
                .containsExactly("load-balancer.main");
        ApplyResult r = h.engine().apply(moved, dev.gantry.engine.TestOptions.allowingReplace("gantry apply"));
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(h.plan(moved).mutating()).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
        assertThat(h.world.state.ec2.vpcs).containsKeys(vpc, other);
        assertThat(h.world.state.ec2.subnets).containsKeys(a, b, c, d, e);
    }

    private void step(Spec spec, List<String> expected) {
        assertThat(h.plan(spec).mutating()).extracting(ch -> ch.action() + " " + ch.address()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(h.plan(spec).mutating()).extracting(Change::reason).noneMatch(r -> r.contains("downtime"));
        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, "hello.example.com");
        recorder.start();
        ApplyResult r = h.apply(spec);
        recorder.stop();
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(recorder.samples()).isGreaterThan(0);
        assertThat(recorder.outages()).isEmpty();
        assertThat(h.plan(spec).mutating()).isEmpty();
    }
}

package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.List;

/**
 * The simulated EC2 state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 */
public final class Ec2State {

    // ---- queries used by the simulated ECS and ELB (owned by the network work; bodies to come) ----

    public boolean vpcExists(String vpcId) { throw new UnsupportedOperationException("Ec2State.vpcExists"); }

    public boolean subnetExists(String subnetId) { throw new UnsupportedOperationException("Ec2State.subnetExists"); }

    /** The subnet's AZ name, or null when there is no such subnet. */
    public String availabilityZoneOfSubnet(String subnetId) { throw new UnsupportedOperationException("Ec2State.availabilityZoneOfSubnet"); }

    /** The subnet's VPC id, or null when there is no such subnet. */
    public String vpcOfSubnet(String subnetId) { throw new UnsupportedOperationException("Ec2State.vpcOfSubnet"); }

    public boolean securityGroupExists(String groupId) { throw new UnsupportedOperationException("Ec2State.securityGroupExists"); }

    /** A network interface in the subnet (an ALB node, a Fargate task); blocks deleting the subnet and its groups. */
    public String createEni(String subnetId, List<String> groupIds, String description, SimWorld world) { throw new UnsupportedOperationException("Ec2State.createEni"); }

    /** The interface disappears at {@code at} (AWS releases an ALB's or task's interfaces some time after the delete). */
    public void releaseEni(String eniId, Instant at) { throw new UnsupportedOperationException("Ec2State.releaseEni"); }

    public String privateIpOfEni(String eniId) { throw new UnsupportedOperationException("Ec2State.privateIpOfEni"); }

    /**
     * Whether a task in this subnet can reach the internet (to pull an image) now: its route table
     * sends 0.0.0.0/0 to an internet gateway (and {@code publicIp} is true) or to an available NAT gateway.
     */
    public boolean subnetReachesInternet(String subnetId, boolean publicIp, Instant now) { throw new UnsupportedOperationException("Ec2State.subnetReachesInternet"); }
}

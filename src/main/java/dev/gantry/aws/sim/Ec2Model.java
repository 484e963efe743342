package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated EC2's resources, as plain public-field classes so the world saves as JSON. Times
 * are epoch milliseconds; async states are computed from them and the clock, never stored.
 */
public final class Ec2Model {
    private Ec2Model() {}

    public static final class Vpc {
        public String id;
        public String cidr;
        public boolean isDefault;
        public boolean enableDnsSupport = true;
        public boolean enableDnsHostnames;
        /** AWS creates a main route table and a "default" security group with every VPC, and deletes them with it. */
        public String mainRouteTableId;
        public String defaultSecurityGroupId;
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class Subnet {
        public String id;
        public String vpcId;
        public String cidr;
        public String availabilityZone;
        public String availabilityZoneId;
        public boolean defaultForAz;
        public boolean mapPublicIpOnLaunch;
        /** Next host offset to hand out; AWS reserves the first four addresses of every subnet. */
        public long nextHost = 4;
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class InternetGateway {
        public String id;
        public String attachedVpcId;
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class Route {
        public String destinationCidr;
        public String gatewayId;      // igw-… or "local"
        public String natGatewayId;
        public String origin = "CreateRoute";
    }

    public static final class Association {
        public String id;
        public String subnetId;
        public boolean main;
    }

    public static final class RouteTable {
        public String id;
        public String vpcId;
        public String clientToken;
        public List<Route> routes = new ArrayList<>();
        public List<Association> associations = new ArrayList<>();
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class ElasticIp {
        public String allocationId;
        public String publicIp;
        public String domain = "vpc";
        public String associationId;
        public String networkInterfaceId;
        public String privateIp;
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class NatGateway {
        public String id;
        public String subnetId;
        public String vpcId;
        public String allocationId;
        public String clientToken;
        public String networkInterfaceId;
        public String privateIp;
        public String publicIp;
        public String associationId;
        public long createdAtMillis;
        public long availableAtMillis;
        /** Set when AWS refused it after accepting the call (no internet gateway, address in use). */
        public String failureCode;
        public String failureMessage;
        public Long deleteRequestedAtMillis;
        public Long deletedAtMillis;
        /** The state as of the last EC2 call, for people reading the saved world; the times above decide. */
        public String state;
        public Map<String, String> tags = new TreeMap<>();
    }

    /** One flattened ingress rule: a port range from one CIDR or one source group. */
    public static final class Permission {
        public String protocol;   // tcp | udp | icmp | -1
        public Integer fromPort;
        public Integer toPort;
        public String cidr;
        public String sourceGroupId;
        public String description;

        public boolean sameRule(Permission o) {
            return java.util.Objects.equals(protocol, o.protocol) && java.util.Objects.equals(fromPort, o.fromPort)
                    && java.util.Objects.equals(toPort, o.toPort) && java.util.Objects.equals(cidr, o.cidr)
                    && java.util.Objects.equals(sourceGroupId, o.sourceGroupId);
        }
    }

    public static final class SecurityGroup {
        public String id;
        public String name;
        public String description;
        public String vpcId;
        public List<Permission> ingress = new ArrayList<>();
        public List<Permission> egress = new ArrayList<>();
        public Map<String, String> tags = new TreeMap<>();
    }

    /** A network interface some service created (an ALB node, a Fargate task, a NAT gateway). */
    public static final class Eni {
        public String id;
        public String subnetId;
        public String vpcId;
        public String availabilityZone;
        public List<String> groupIds = new ArrayList<>();
        public String description;
        public String privateIp;
        /** Set for a task with a public IP or an internet-facing load balancer node: it keeps the internet gateway attached. */
        public String publicIp;
        public String interfaceType = "interface";
        /** When AWS lets go of it; null while in use. */
        public Long releaseAtMillis;
        public Map<String, String> tags = new TreeMap<>();
    }
}

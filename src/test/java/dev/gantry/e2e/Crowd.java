package dev.gantry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.aws.AwsClients;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A crowded account: before gantry runs, something already holds every name gantry would use for
 * an app, either made by hand (untagged) or by another gantry app ({@code owner}).
 */
final class Crowd {
    private Crowd() {}

    /** An app on the default VPC with every named resource gantry makes: secrets, load balancer, DNS, autoscaling. */
    static final String SHOP = """
            version: 1
            app: shop
            region: us-east-1
            network:
              vpc: default
            task:
              image: public.ecr.aws/nginx/nginx:1.27
              port: 80
              secrets:
                DB_PASSWORD: {parameter: /shop/db-password}
            service:
              desiredCount: 1
              autoscaling: {min: 1, max: 3}
            loadBalancer:
              healthCheckPath: /
            dns:
              zone: example.com
              record: shop.example.com
            """;

    /** Every address of {@link #SHOP} whose AWS name can be taken. */
    static final List<String> NAMED = List.of("cluster.main", "dns-record.main", "load-balancer.main", "log-group.main",
            "parameter.DB_PASSWORD", "role.execution", "role.task", "scaling-target.main", "security-group.load-balancer",
            "security-group.service", "service.main", "target-group.main", "task-definition.main");

    static Spec spec(String yaml) {
        try {
            Path dir = Files.createTempDirectory("gantry-crowd");
            Path file = dir.resolve("gantry.yaml");
            Files.writeString(file, yaml);
            return SpecLoader.load(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The tags a look-alike carries: none of gantry's (made by hand), or another app's for the same address. */
    static Map<String, String> tags(String owner, String address) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("Name", "look-alike " + address);
        if (owner != null) {
            t.put("gantry:app", owner);
            t.put("gantry:component", address);
        }
        return t;
    }

    /** Fills the account with a look-alike under every name {@link #SHOP} would use. */
    static void seedNamed(AwsClients aws, String owner) {
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/shop").tags(tags(owner, "log-group.main")));
        aws.ssm().putParameter(b -> b.name("/shop/db-password").type("SecureString").value("theirs")
                .tags(ssmTags(tags(owner, "parameter.DB_PASSWORD"))));
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        for (String r : List.of("execution", "task")) {
            // Made by hand, each with a policy of the person's own; the execution role even in
            // gantry's own path with gantry's name and description, but without its tags.
            boolean gantryLike = owner == null && r.equals("execution");
            aws.iam().createRole(b -> b.roleName("shop-" + r).path(gantryLike ? "/gantry/shop/" : "/").assumeRolePolicyDocument(trust)
                    .description(gantryLike ? "gantry shop " + r + " role" : null)
                    .tags(tags(owner, "role." + r).entrySet().stream().map(e -> software.amazon.awssdk.services.iam.model.Tag.builder()
                            .key(e.getKey()).value(e.getValue()).build()).toList()));
            aws.iam().putRolePolicy(b -> b.roleName("shop-" + r).policyName("ops-access").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        }
        aws.ecs().createCluster(b -> b.clusterName("shop").tags(ecsTags(tags(owner, "cluster.main"))));
        String td = aws.ecs().registerTaskDefinition(b -> b.family("shop").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).tags(ecsTags(tags(owner, "task-definition.main")))
                .containerDefinitions(c -> c.name("theirs").image("public.ecr.aws/nginx/nginx:1.27").essential(true))).taskDefinition().taskDefinitionArn();

        String vpc = aws.ec2().describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0).vpcId();
        List<String> subnets = aws.ec2().describeSubnets(b -> b.filters(Filter.builder().name("default-for-az").values("true").build()))
                .subnets().stream().sorted(Comparator.comparing(Subnet::availabilityZone)).map(Subnet::subnetId).limit(2).toList();
        String lbSg = null;
        for (String sg : List.of("load-balancer", "service")) {
            String id = aws.ec2().createSecurityGroup(b -> b.groupName("shop-" + sg).description("made by hand").vpcId(vpc)
                    .tagSpecifications(ec2Tags("security-group", tags(owner, "security-group." + sg)))).groupId();
            if (lbSg == null) lbSg = id;
        }
        String lbSgId = lbSg;
        aws.ecs().createService(b -> b.cluster("shop").serviceName("shop").taskDefinition(td).desiredCount(0)
                .launchType(software.amazon.awssdk.services.ecs.model.LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(subnets).securityGroups(lbSgId)))
                .tags(ecsTags(tags(owner, "service.main"))));
        // The family's newest revision is EC2-style: no task-level cpu or memory, bridge networking.
        aws.ecs().registerTaskDefinition(b -> b.family("shop").tags(ecsTags(tags(owner, "task-definition.main")))
                .containerDefinitions(c -> c.name("theirs").image("public.ecr.aws/nginx/nginx:1.27").memory(128).essential(true)));
        aws.scaling().registerScalableTarget("service/shop/shop", 1, 2, tags(owner, "scaling-target.main"));
        aws.elb().createLoadBalancer(b -> b.name("shop-alb").subnets(subnets).securityGroups(lbSgId)
                .tags(elbTags(tags(owner, "load-balancer.main"))));
        aws.elb().createTargetGroup(b -> b.name("shop-tg-80").port(80).protocol("HTTP").vpcId(vpc).targetType("ip")
                .tags(elbTags(tags(owner, "target-group.main"))));

        String zone = aws.route53().listHostedZonesByName(b -> b.dnsName("example.com")).hostedZones().get(0).id();
        List<software.amazon.awssdk.services.route53.model.Change> records = new java.util.ArrayList<>();
        records.add(software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.CREATE).resourceRecordSet(r -> r
                .name("shop.example.com").type(RRType.A).ttl(300L).resourceRecords(v -> v.value("192.0.2.10"))).build());
        if (owner != null) {
            records.add(software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.CREATE).resourceRecordSet(r -> r
                    .name("_gantry.shop.example.com").type(RRType.TXT).ttl(300L).resourceRecords(v -> v.value("\"gantry:app=" + owner + "\""))).build());
        }
        aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(records)));
    }

    /**
     * Look-alikes of the network a new VPC gets, which AWS does not name uniquely: one made by hand
     * (only a Name tag) and one tagged as another app's, for every address gantry would use.
     */
    static void seedNetwork(AwsClients aws, String app, String otherApp) {
        for (String owner : java.util.Arrays.asList(null, otherApp)) {
            String vpc = aws.ec2().createVpc(b -> b.cidrBlock("10.9.0.0/16").tagSpecifications(ec2Tags("vpc", tags(owner, "vpc.main")))).vpc().vpcId();
            for (String s : List.of("public-0", "public-1", "private-0", "private-1")) {
                int n = List.of("public-0", "public-1", "private-0", "private-1").indexOf(s);
                aws.ec2().createSubnet(b -> b.vpcId(vpc).cidrBlock("10.9." + n + ".0/24").availabilityZone(n % 2 == 0 ? "us-east-1a" : "us-east-1b")
                        .tagSpecifications(ec2Tags("subnet", tags(owner, "subnet." + s))));
            }
            aws.ec2().createInternetGateway(b -> b.tagSpecifications(ec2Tags("internet-gateway", tags(owner, "internet-gateway.main"))));
            aws.ec2().allocateAddress(b -> b.domain("vpc").tagSpecifications(ec2Tags("elastic-ip", tags(owner, "eip.nat-0"))));
            aws.ec2().createRouteTable(b -> b.vpcId(vpc).tagSpecifications(ec2Tags("route-table", tags(owner, "route-table.public"))));
            aws.ec2().createSecurityGroup(b -> b.groupName(app + "-service").description("look-alike").vpcId(vpc)
                    .tagSpecifications(ec2Tags("security-group", tags(owner, "security-group.service"))));
        }
    }

    /**
     * The whole simulated account as data, to prove nothing in it changed, less what AWS itself
     * moves on with time (a look-alike service's tasks and events, their network interfaces, id counters).
     */
    static JsonNode snapshot(SimHarness h) {
        com.fasterxml.jackson.databind.node.ObjectNode s = new ObjectMapper().valueToTree(h.world.state);
        s.remove("idCounter");
        ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("ec2")).remove("enis");
        s.get("ec2").get("subnets").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("nextHost"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("ecs")).remove("tasks");
        s.get("ecs").get("services").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                .remove(List.of("events", "steady", "reconcileAt", "launches", "deployments")));
        return s;
    }

    private static List<software.amazon.awssdk.services.ssm.model.Tag> ssmTags(Map<String, String> t) {
        return t.entrySet().stream().map(e -> software.amazon.awssdk.services.ssm.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static List<software.amazon.awssdk.services.ecs.model.Tag> ecsTags(Map<String, String> t) {
        return t.entrySet().stream().map(e -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elbTags(Map<String, String> t) {
        return t.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static TagSpecification ec2Tags(String type, Map<String, String> t) {
        return TagSpecification.builder().resourceType(type).tags(t.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }
}

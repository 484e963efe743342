package dev.gantry.wizard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Network: which VPC, its size, zones and NAT, or the subnets of an existing one. */
final class NetworkQuestions {
    private NetworkQuestions() {}

    private static boolean newVpc(AnswersSoFar k) { return k.is("network.vpc", "new"); }

    private static boolean existing(AnswersSoFar k) { return k.is("network.vpc", "existing"); }

    static List<Question> all() {
        return List.of(
                Question.in(WizardScreen.NETWORK, SpecField.text("network.vpc"), Kind.CHOICE)
                        .title("Which network (VPC)?")
                        .explain("""
                                The VPC your service lives in. Default: a new one just for this app, so nothing \
                                else can reach it and destroy removes it cleanly.""")
                        .choices(List.of(
                                new Choice("new", "new VPC", "A VPC just for this app with public and private subnets. Safest; isolated; removed on destroy."),
                                new Choice("default", "default VPC", "The VPC every account has. Free and quick, but tasks get public IPs and share it with anything else there."),
                                new Choice("existing", "existing VPC", "One you already have (shared with other systems). You pick its subnets.")))
                        .defaults(k -> k.given("network.vpcId") ? "existing" : "new")
                        .option("--vpc", "new|default|existing")
                        .build(),
                Question.in(WizardScreen.NETWORK, SpecField.text("network.cidr"), Kind.TEXT)
                        .title("VPC address range (CIDR)")
                        .explain("""
                                The private IP addresses inside the new VPC. It must not overlap networks you \
                                may connect later (office VPN, other VPCs). RFC 1918 range, prefix /16 to /24. \
                                Default 10.0.0.0/16: 65,536 addresses, plenty.""")
                        .defaults("10.0.0.0/16")
                        .validate(Checks::vpcCidr)
                        .when(NetworkQuestions::newVpc, "network.vpc: new")
                        .option("--cidr", "CIDR")
                        .build(),
                Question.in(WizardScreen.NETWORK, SpecField.integer("network.availabilityZones"), Kind.CHOICE)
                        .title("Availability zones")
                        .explain("""
                                Availability zones are separate data centres in the region. Tasks and the load \
                                balancer spread over them, so one zone failing does not take you down.""")
                        .choices(k -> {
                            var azs = k.facts().availabilityZones(k.get("region"));
                            String found = azs.ok() ? " (" + String.join(", ", azs.value()) + " available)" : "";
                            return List.of(
                                    new Choice("2", "2 zones", "Survives one zone failing. Default; what most services need." + found),
                                    new Choice("3", "3 zones", "Survives a zone failing with more headroom; with perAz NAT, one more NAT gateway to pay for."));
                        })
                        .defaults("2")
                        .when(NetworkQuestions::newVpc, "network.vpc: new")
                        .option("--azs", "2|3")
                        .build(),
                Question.in(WizardScreen.NETWORK, SpecField.text("network.natGateways"), Kind.CHOICE)
                        .title("NAT gateways")
                        .explain("""
                                A NAT gateway lets tasks in private subnets reach the internet (pull images, call \
                                APIs) while nothing from the internet can reach them. It is the largest fixed \
                                cost of a small stack.""")
                        .choices(List.of(
                                new Choice("none", "none", "Tasks run in public subnets with public IPs (cheapest). Still only the load balancer's security group may connect."),
                                new Choice("single", "single", "One NAT gateway shared by all zones. Private tasks; if its zone fails, tasks lose outbound access. Default."),
                                new Choice("perAz", "perAz", "One NAT gateway per zone. Highest availability, costs one gateway per zone.")))
                        .defaults("single")
                        .when(NetworkQuestions::newVpc, "network.vpc: new")
                        .option("--nat", "none|single|perAz")
                        .build(),
                Question.in(WizardScreen.NETWORK, SpecField.text("network.vpcId"), Kind.TEXT)
                        .title("Existing VPC id")
                        .explain("""
                                The id of the VPC to use, e.g. vpc-0123456789abcdef0. gantry only adds its own \
                                resources to it and never changes or deletes the VPC.""")
                        .validate(Checks::vpcId)
                        .when(NetworkQuestions::existing, "network.vpc: existing")
                        .suggest(k -> k.facts().vpcs(k.get("region")))
                        .option("--vpc-id", "VPC")
                        .build(),
                Question.in(WizardScreen.NETWORK, SpecField.list("network.publicSubnets"), Kind.LIST)
                        .title("Public subnets (comma-separated)")
                        .explain("""
                                Subnets with a route to an internet gateway; the load balancer goes here. At \
                                least 2, in different AZs (the load balancer needs them).""")
                        .validate((v, k) -> Checks.subnets(v, 2, azOfSubnets(k)))
                        .when(NetworkQuestions::existing, "network.vpc: existing")
                        .suggest(k -> subnetChoices(k))
                        .option("--public-subnets", "SUBNET,…")
                        .build(),
                Question.in(WizardScreen.NETWORK, SpecField.list("network.privateSubnets"), Kind.LIST)
                        .title("Private subnets (optional, comma-separated)")
                        .explain("""
                                Subnets without a public route, for the tasks; they need a NAT gateway to reach \
                                the internet. Optional: without them tasks use the public subnets with public \
                                IPs, reachable only through the load balancer's security group.""")
                        .defaults("")
                        .validate((v, k) -> Checks.subnets(v, 0, azOfSubnets(k)))
                        .when(NetworkQuestions::existing, "network.vpc: existing")
                        .suggest(k -> subnetChoices(k))
                        .option("--private-subnets", "SUBNET,…")
                        .build());
    }

    private static Map<String, String> azOfSubnets(AnswersSoFar k) {
        Map<String, String> out = new HashMap<>();
        String vpc = k.get("network.vpcId");
        if (vpc == null) return out;
        var found = k.facts().subnets(k.get("region"), vpc);
        if (found.ok()) found.value().forEach(s -> out.put(s.id(), s.availabilityZone()));
        return out;
    }

    private static Lookup<List<Choice>> subnetChoices(AnswersSoFar k) {
        String vpc = k.get("network.vpcId");
        if (vpc == null || Checks.vpcId(vpc) != null) return Lookup.unavailable("enter the VPC id first");
        var found = k.facts().subnets(k.get("region"), vpc);
        if (!found.ok()) return Lookup.unavailable(found.unavailable());
        return Lookup.found(found.value().stream()
                .map(s -> new Choice(s.id(), s.id(), s.availabilityZone() + " " + s.cidr() + (s.mapsPublicIp() ? " public" : "")))
                .toList());
    }
}

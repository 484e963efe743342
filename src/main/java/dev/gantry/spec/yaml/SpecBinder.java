package dev.gantry.spec.yaml;

import dev.gantry.spec.AwsLimits;
import dev.gantry.spec.Cluster;
import dev.gantry.spec.DerivedNames;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.Release;
import dev.gantry.spec.Rules;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.spec.VpcMode;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the node tree into a {@link Spec}, checking every rule of spec v1 on the way. */
final class SpecBinder {
    static final List<String> NETWORK_KEYS = List.of("vpc", "cidr", "availabilityZones", "natGateways", "vpcId",
            "publicSubnets", "privateSubnets");
    static final List<String> CLUSTER_KEYS = List.of("name", "containerInsights");
    static final List<String> RELEASE_KEYS = List.of("command");

    private final Report report;

    SpecBinder(Report report) { this.report = report; }

    /** The spec, or null when any error was reported. */
    Spec bind(Node root) {
        if (!(root instanceof Node.MapNode map)) {
            report.error(root.line(), root.column(), "", "the file must be a map of fields (version, app, region, task, …), got " + root.describe(),
                    "start from a template: gantry init, or copy templates/web-https.yaml");
            return null;
        }
        boolean v2 = ServicesBinder.isVersion2(map);
        MapReader s = new MapReader(map, "", 1, 1, report, v2 ? Spec.sectionNamesVersion2() : Spec.sectionNames());

        Long version = s.integer("version");
        if (!s.has("version")) {
            s.required("version", "add 'version: 1' as the first line");
        } else if (version != null && version != Spec.CURRENT_VERSION && version != Spec.SERVICES_VERSION) {
            report.error(s.valueLine("version"), s.valueColumn("version"), "version",
                    "gantry understands spec versions 1 and 2, got " + version,
                    "use version: 1 (one service: task and service) or version: 2 (services:)");
        }

        String app = s.string("app");
        if (!s.has("app")) s.required("app", "add e.g. 'app: hello' (lowercase; it prefixes every AWS name)");
        else if (app != null) s.check("app", Rules.appName(app));

        String region = s.string("region");
        if (!s.has("region")) s.required("region", "add e.g. 'region: us-east-1'");
        else if (region != null) s.check("region", Rules.region(region));

        Map<String, String> tags = tags(s);
        Network network = network(s);
        Cluster cluster = cluster(s, app);
        if (v2) return version2(s, version, app, region, tags, network, cluster);
        Task task = new TaskBinder(report, app).bind(s);
        EdgeBinder edge = new EdgeBinder(report, s, region);
        var service = edge.service();
        var loadBalancer = edge.loadBalancer();
        var certificate = edge.certificate();
        var dns = edge.dns();
        edge.crossRules(task, certificate, dns);
        var alerts = new AlertsBinder(report).bind(s, loadBalancer != null);
        Release release = release(s);
        var jobs = new JobsBinder(report).bind(s, task);
        var guard = new GuardBinder(report).bind(s);

        if (report.hasErrors()) return null;
        Spec spec = new Spec(version.intValue(), app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard);
        derivedNames(s, spec);
        awsLimits(s, spec);
        return report.hasErrors() ? null : spec;
    }

    /** Version 2: {@code services} in place of task and service; alerts, release, jobs and guard as version 1 (with the primary service's task). */
    private Spec version2(MapReader s, Long version, String app, String region, Map<String, String> tags, Network network, Cluster cluster) {
        ServicesBinder services = new ServicesBinder(report, s, app, region);
        ServicesBinder.Bound b = services.bind();
        var alerts = new AlertsBinder(report).bind(s, b != null && b.loadBalancer() != null);
        Release release = release(s);
        var jobs = new JobsBinder(report).bind(s, b == null ? null : b.task());
        var guard = new GuardBinder(report).bind(s);
        if (report.hasErrors() || b == null) return null;
        Spec spec = new Spec(version.intValue(), app, region, tags, network, cluster, b.task(), b.service(), b.loadBalancer(),
                b.certificate(), b.dns(), alerts, release, jobs, guard, b.services());
        services.limits(spec);
        return report.hasErrors() ? null : spec;
    }

    /** What AWS would refuse mid-apply, refused here: sizes and counts computed from the spec. */
    private void awsLimits(MapReader s, Spec spec) {
        Task t = spec.task();
        if (!spec.jobs().isEmpty() || spec.hasGuard()) {
            // EventBridge Scheduler's Tag: a value of 1 to 256 characters
            // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Tag.html); the schedule group carries the tags.
            spec.tags().forEach((key, value) -> {
                if (!value.isEmpty()) return;
                Node.Entry at = entryIn(s, "tags", key);
                report.error(at.line(), at.column(), "tags." + key, "the schedule group of " + (spec.jobs().isEmpty() ? "the guard" : "the jobs")
                        + " carries this tag, and EventBridge Scheduler refuses an empty tag value", "give it a value, e.g. " + key + ": \"none\"");
            });
        }
        int policy = AwsLimits.executionPolicyLength(spec.region(), t.secrets(), t.registryCredentials());
        if (policy > AwsLimits.ROLE_INLINE_POLICIES) {
            Node.Entry at = entryIn(s, "task", "secrets");
            int each = Math.max(1, (policy - 200) / Math.max(1, t.secrets().size()));
            report.error(at.line(), at.column(), "task.secrets", "the execution role's policy letting ECS read these " + t.secrets().size()
                    + " secrets would be " + policy + " characters; IAM allows " + AwsLimits.ROLE_INLINE_POLICIES
                    + " for a role's inline policies (each secret's parameter ARN is named in it, about " + each + " characters each)",
                    "use at most about " + (AwsLimits.ROLE_INLINE_POLICIES - 200) / each + " secrets with names this long: keep related values"
                            + " together in one parameter (e.g. a JSON document your app reads), or use shorter parameter names");
        }
        long size = AwsLimits.taskDefinitionBytes(spec);
        if (size > AwsLimits.TASK_DEFINITION_BYTES) {
            Map.Entry<String, String> biggest = t.environment().entrySet().stream()
                    .max(java.util.Comparator.comparingInt(e -> e.getValue().length())).orElse(null);
            Node.Entry at = biggest != null ? entryIn(s, "task", "environment") : entryIn(s, "task", "image");
            if (biggest != null && at.value() instanceof Node.MapNode env && env.get(biggest.getKey()) != null) at = env.get(biggest.getKey());
            String field = biggest != null ? "task.environment." + biggest.getKey() : "task";
            report.error(at.line(), at.column(), field, "the task definition would be about " + size + " bytes; ECS allows "
                    + AwsLimits.TASK_DEFINITION_BYTES + " (64 KiB)" + (biggest != null
                            ? "; the largest environment value, " + biggest.getKey() + ", is " + biggest.getValue().length() + " characters" : ""),
                    "keep large values out of the task definition: bake them into the image, or have the app fetch them (S3, a secret parameter of up to 8 KiB)");
        }
        int rules = AwsLimits.loadBalancerInboundRules(spec);
        if (rules > AwsLimits.INBOUND_RULES_PER_GROUP) {
            Node.Entry at = entryIn(s, "loadBalancer", "allowedCidrs");
            int ports = spec.certificate() != null ? 2 : 1;
            report.error(at.line(), at.column(), "loadBalancer.allowedCidrs", spec.loadBalancer().allowedCidrs().size() + " CIDRs"
                    + (ports == 2 ? " on ports 80 and 443" : "") + " are " + rules + " inbound rules on the load balancer's security group;"
                    + " AWS allows " + AwsLimits.INBOUND_RULES_PER_GROUP + " per security group by default",
                    "list at most " + AwsLimits.INBOUND_RULES_PER_GROUP / ports + " CIDRs: merge neighbouring ranges into wider ones"
                            + " (e.g. 203.0.113.0/25 and 203.0.113.128/25 into 203.0.113.0/24)");
        }
    }

    /** The entry {@code section.key}, or the section's own entry when the key is absent. */
    private static Node.Entry entryIn(MapReader root, String section, String key) {
        Node.Entry sec = root.entry(section);
        if (sec != null && sec.value() instanceof Node.MapNode m && m.get(key) != null) return m.get(key);
        return sec != null ? sec : new Node.Entry(section, root.line, root.column, Node.MapNode.empty(root.line, root.column));
    }

    /**
     * Every AWS name gantry derives, checked against its limit here rather than by AWS mid-apply,
     * and a word when the target group's name has to be shortened (it then ends in a hash of the
     * app name, so two apps with a long common prefix never want the same group).
     */
    private void derivedNames(MapReader s, Spec spec) {
        for (DerivedNames.Name n : DerivedNames.all(spec)) {
            if (n.fits()) continue;
            String at = n.field().equals("app") ? "app" : "cluster";
            report.error(s.lineOf(at), s.columnOf(at), n.field(), n.what() + " would be named " + n.name() + " (" + n.name().length()
                    + " characters); AWS allows " + n.max(), "shorten " + n.field());
        }
        if (spec.loadBalancer() != null && spec.task().port() != null && DerivedNames.targetGroupShortened(spec.app(), spec.task().port())) {
            int room = DerivedNames.ELB_NAME_MAX - ("-tg-" + spec.task().port()).length();
            report.warning(s.valueLine("app"), s.valueColumn("app"), "app", "the target group is named "
                    + DerivedNames.targetGroup(spec.app(), spec.task().port()) + ": " + spec.app() + "-tg-" + spec.task().port()
                    + " would be longer than the 32 characters AWS allows, so the name is shortened and ends in a hash of the app name,"
                    + " which keeps it apart from other apps' (a target group the app already has keeps its name)",
                    "nothing to do; for the plain name APP-tg-PORT keep app to " + room + " characters or fewer");
        }
    }

    private Map<String, String> tags(MapReader s) {
        Node.MapNode m = s.map("tags");
        if (m == null) return Map.of();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Node.Entry e : m.entries().values()) {
            String field = "tags." + e.key();
            Rules.Problem key = Rules.tagKey(e.key());
            if (key != null) report.error(e.line(), e.column(), field, key);
            if (e.value() instanceof Node.ScalarNode v && v.kind() == Node.Kind.STRING) {
                Rules.Problem value = Rules.tagValue(v.text());
                if (value != null) report.error(v.line(), v.column(), field, value);
                tags.put(e.key(), v.text());
            } else if (e.value() instanceof Node.ScalarNode v && v.kind() != Node.Kind.NULL) {
                report.error(v.line(), v.column(), field, "tag values are text, got " + v.describe(),
                        "quote it: " + e.key() + ": \"" + v.text() + "\"");
            } else {
                report.error(e.value().line(), e.value().column(), field, "expected text, got " + e.value().describe(),
                        "write " + e.key() + ": value (use \"\" for an empty value)");
            }
            if (e.key().equals("Name")) {
                report.warning(e.line(), e.column(), field, "gantry sets the Name tag of each resource itself; this value is ignored",
                        "remove it, or use another key");
            }
        }
        if (tags.size() > Rules.MAX_USER_TAGS) {
            report.error(s.lineOf("tags"), s.columnOf("tags"), "tags", "at most " + Rules.MAX_USER_TAGS
                    + " tags (AWS allows 50 per resource and gantry adds 3), got " + tags.size(), "remove some tags");
        }
        return tags;
    }

    private Network network(MapReader root) {
        MapReader s = root.section("network", NETWORK_KEYS);
        if (s == null) return Network.defaults();
        VpcMode mode = s.has("vpc") ? s.enumeration("vpc", VpcMode.class) : VpcMode.NEW;
        if (mode == null) return null;
        return switch (mode) {
            case NEW -> newVpc(s);
            case DEFAULT -> {
                for (String k : List.of("cidr", "availabilityZones", "natGateways", "vpcId", "publicSubnets", "privateSubnets")) {
                    s.forbid(k, k + " does not apply to vpc: default (the default VPC already has its subnets)",
                            "remove it, or use vpc: " + (k.equals("vpcId") || k.endsWith("Subnets") ? "existing" : "new"));
                }
                yield Network.defaultVpc();
            }
            case EXISTING -> existingVpc(s);
        };
    }

    private Network newVpc(MapReader s) {
        for (String k : List.of("vpcId", "publicSubnets", "privateSubnets")) {
            s.forbid(k, k + " applies only to vpc: existing; gantry creates the VPC for vpc: new", "remove it, or set vpc: existing");
        }
        String cidr = s.string("cidr");
        if (cidr != null) s.check("cidr", Rules.vpcCidr(cidr));
        Long azs = s.integer("availabilityZones");
        if (azs != null) s.check("availabilityZones", Rules.availabilityZones(azs));
        NatMode nat = s.enumeration("natGateways", NatMode.class);
        return Network.newVpc(cidr == null ? Network.DEFAULT_CIDR : cidr, azs == null ? 2 : azs.intValue(),
                nat == null ? NatMode.SINGLE : nat);
    }

    private Network existingVpc(MapReader s) {
        for (String k : List.of("cidr", "availabilityZones", "natGateways")) {
            s.forbid(k, k + " applies only to vpc: new; an existing VPC keeps its own", "remove it");
        }
        String vpcId = s.string("vpcId");
        if (!s.has("vpcId")) s.required("vpcId", "add the VPC's id, e.g. vpcId: vpc-0123456789abcdef0 (aws ec2 describe-vpcs)");
        else if (vpcId != null) s.check("vpcId", Rules.vpcId(vpcId));
        List<String> pub = subnets(s, "publicSubnets", new HashSet<>());
        if (!s.has("publicSubnets")) {
            s.required("publicSubnets", "list at least 2 public subnets in different zones: publicSubnets: [subnet-…, subnet-…]");
        } else if (pub != null && pub.size() < 2) {
            report.error(s.valueLine("publicSubnets"), s.valueColumn("publicSubnets"), s.field("publicSubnets"),
                    "at least 2 public subnets are needed (a load balancer spans two availability zones), got " + pub.size(),
                    "add a public subnet in another zone");
        }
        Set<String> seen = new HashSet<>(pub == null ? List.of() : pub);
        List<String> priv = subnets(s, "privateSubnets", seen);
        if (priv != null && priv.size() == 1) {
            report.warning(s.valueLine("privateSubnets"), s.valueColumn("privateSubnets"), s.field("privateSubnets"),
                    "with one private subnet every task runs in one availability zone", "add a private subnet in another zone");
        }
        return Network.existing(vpcId, pub, priv);
    }

    /** A list of subnet ids; duplicates (within the list or already in {@code seen}) are errors. */
    private List<String> subnets(MapReader s, String key, Set<String> seen) {
        List<String> ids = s.strings(key, "[subnet-0123456789abcdef0, subnet-0fedcba9876543210]");
        if (ids == null) return null;
        Node.ListNode list = s.listNode(key);
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Node item = list.items().get(i);
            String field = s.field(key) + "[" + i + "]";
            Rules.Problem p = Rules.subnetId(id);
            if (p != null) report.error(item.line(), item.column(), field, p);
            else if (!mine.add(id)) report.error(item.line(), item.column(), field, id + " is listed twice", "remove the duplicate");
            else if (seen.contains(id)) report.error(item.line(), item.column(), field, id + " is also in publicSubnets; a subnet is either public or private", "remove it from one list");
        }
        return ids;
    }

    /** {@code release: {command: [...]}}: a command is required, as a list of words, none empty. */
    private Release release(MapReader root) {
        MapReader s = root.section("release", RELEASE_KEYS);
        if (s == null) return null;
        String example = "[\"./manage.py\", \"migrate\"]";
        if (!s.has("command")) {
            s.required("command", "add the command to run before each rollout, e.g. command: " + example + ", or remove release");
            return null;
        }
        if (s.entry("command").value() instanceof Node.ScalarNode v && v.kind() == Node.Kind.STRING) {
            report.error(v.line(), v.column(), s.field("command"), "expected a list of words, got text",
                    "write it as a list: command: " + example + " (for a shell line: [\"sh\", \"-c\", \"" + v.text().replace("\"", "'") + "\"])");
            return null;
        }
        List<String> command = s.strings("command", example);
        if (command == null) return null;
        if (command.isEmpty()) {
            report.error(s.valueLine("command"), s.valueColumn("command"), s.field("command"), "the release command is empty",
                    "give the command to run, e.g. command: " + example + ", or remove release");
            return null;
        }
        Node.ListNode list = s.listNode("command");
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).isBlank()) {
                Node item = list.items().get(i);
                report.error(item.line(), item.column(), s.field("command") + "[" + i + "]", "an empty word in the command",
                        "remove it, or quote the word you meant");
            }
        }
        return new Release(command);
    }

    private Cluster cluster(MapReader root, String app) {
        MapReader s = root.section("cluster", CLUSTER_KEYS);
        if (s == null) return null; // Spec applies the default (named after the app)
        String name = s.string("name");
        if (name != null) s.check("name", Rules.clusterName(name));
        Boolean insights = s.bool("containerInsights");
        return new Cluster(name != null ? name : app, insights != null && insights);
    }
}

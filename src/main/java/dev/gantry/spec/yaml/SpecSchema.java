package dev.gantry.spec.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.spec.Architecture;
import dev.gantry.spec.Fargate;
import dev.gantry.spec.Logs;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Regions;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Rules;
import dev.gantry.spec.Task;
import dev.gantry.spec.VpcMode;
import dev.gantry.spec.YamlEnum;

import java.util.List;

/**
 * JSON Schema (draft-07) of spec v1 and v2, for editors (completion and squiggles while typing). Built from
 * the same constants as {@link dev.gantry.spec.Rules}, so the bounds cannot drift. The loader stays
 * the authority: some rules (CIDR alignment, cross-field rules) are beyond what a schema can say.
 */
public final class SpecSchema {
    private SpecSchema() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SUBNET = Rules.SUBNET_ID.pattern();
    private static final String DNS_NAME = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    private static final String CERT_NAME = "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    private static final String IPV4_CIDR = "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$";

    public static String json() {
        try {
            return JSON.writeValueAsString(build()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each environment: a partial spec merged over the file's body (checked as a whole by gantry), plus its own keys. */
    private static ObjectNode environments() {
        ObjectNode envs = JSON.createObjectNode().put("type", "object").put("minProperties", 1)
                .put("description", "Named environments, each a partial spec merged over the rest of the file; the first keeps the app's names, the others are APP-ENV in AWS.");
        envs.set("propertyNames", JSON.createObjectNode().put("pattern", "^[a-z]([a-z0-9-]*[a-z0-9])?$"));
        ObjectNode env = JSON.createObjectNode().put("type", "object");
        ObjectNode props = env.putObject("properties");
        props.putObject("account").put("description", "An AWS profile name, or the 12-digit account id the credentials must be for.")
                .putArray("type").add("string").add("integer");
        props.set("default", JSON.createObjectNode().put("type", "boolean").put("description", "The environment read-only commands use when none is named (at most one)."));
        envs.set("additionalProperties", env);
        return envs;
    }

    static ObjectNode build() {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "gantry.yaml");
        root.setAll(object("gantry spec: version 1, one containerised service on ECS Fargate and everything around it;"
                + " version 2, several services of one app sharing its network, cluster, load balancer and certificate."));
        required(root, "version", "app", "region");
        ObjectNode p = (ObjectNode) root.get("properties");
        p.set("version", integer("The spec format: 1 (task and service) or 2 (services).", 1, 2));
        ObjectNode app = string("The app's name; prefixes every AWS name.", Rules.APP.pattern());
        app.put("minLength", Rules.APP_LENGTH.min()).put("maxLength", Rules.APP_LENGTH.max());
        p.set("app", app);
        p.set("region", enumOf("The AWS region everything is created in.", Regions.KNOWN));
        ObjectNode tags = JSON.createObjectNode().put("type", "object")
                .put("description", "Added to every resource. Keys may not start with aws: or gantry:.")
                .put("maxProperties", Rules.MAX_USER_TAGS);
        tags.set("propertyNames", JSON.createObjectNode().put("pattern", "^(?![aA][wW][sS]:)(?![gG][aA][nN][tT][rR][yY]:).{1,128}$"));
        tags.set("additionalProperties", JSON.createObjectNode().put("type", "string").put("maxLength", 256));
        p.set("tags", tags);
        p.set("network", network());
        p.set("cluster", cluster());
        p.set("task", task());
        p.set("service", service());
        p.set("loadBalancer", loadBalancer());
        p.set("certificate", certificate());
        p.set("dns", dns());
        p.set("alerts", alerts());
        p.set("release", release());
        p.set("jobs", jobs());
        p.set("guard", guard());
        p.set("environments", environments());
        p.set("services", services());
        ObjectNode byVersion = JSON.createObjectNode();
        byVersion.set("if", JSON.createObjectNode().<ObjectNode>set("properties", JSON.createObjectNode()
                .set("version", JSON.createObjectNode().put("const", 2))).set("required", JSON.createArrayNode().add("version")));
        byVersion.set("then", version2Rules());
        byVersion.set("else", version1Rules());
        root.putArray("allOf").add(byVersion);
        return root;
    }

    /** Version 1: task and service at the top; certificate and dns need a load balancer, which needs a port. */
    private static ObjectNode version1Rules() {
        ObjectNode v1 = JSON.createObjectNode();
        required(v1, "task");
        v1.set("not", JSON.createObjectNode().set("required", JSON.createArrayNode().add("services")));
        ObjectNode props = v1.putObject("properties");
        ObjectNode cert = JSON.createObjectNode();
        ArrayNode oneOf = cert.putArray("oneOf");
        oneOf.add(JSON.createObjectNode().set("required", JSON.createArrayNode().add("domain")));
        oneOf.add(JSON.createObjectNode().set("required", JSON.createArrayNode().add("arn")));
        props.set("certificate", cert);
        props.set("dns", JSON.createObjectNode().set("required", JSON.createArrayNode().add("record")));
        // Cross-section rules a schema can express: certificate and dns need a load balancer, which needs a port.
        ArrayNode allOf = v1.putArray("allOf");
        allOf.add(requiresIf("certificate", "loadBalancer"));
        allOf.add(requiresIf("dns", "loadBalancer"));
        ObjectNode portRule = JSON.createObjectNode();
        portRule.set("if", JSON.createObjectNode().set("required", JSON.createArrayNode().add("loadBalancer")));
        ObjectNode then = JSON.createObjectNode();
        then.set("properties", JSON.createObjectNode().set("task", JSON.createObjectNode().set("required", JSON.createArrayNode().add("port"))));
        portRule.set("then", then);
        allOf.add(portRule);
        return v1;
    }

    /** Version 2: services instead of task and service; loadBalancer holds only what the services share, dns only the zone. */
    private static ObjectNode version2Rules() {
        ObjectNode v2 = JSON.createObjectNode();
        required(v2, "services");
        ArrayNode none = JSON.createArrayNode();
        none.add(JSON.createObjectNode().set("required", JSON.createArrayNode().add("task")));
        none.add(JSON.createObjectNode().set("required", JSON.createArrayNode().add("service")));
        v2.set("not", JSON.createObjectNode().set("anyOf", none));
        ObjectNode props = v2.putObject("properties");
        ObjectNode lb = JSON.createObjectNode();
        ArrayNode shared = JSON.createArrayNode();
        ServicesBinder.SHARED_LOAD_BALANCER_KEYS.forEach(shared::add);
        lb.set("propertyNames", JSON.createObjectNode().set("enum", shared));
        props.set("loadBalancer", lb);
        props.set("dns", JSON.createObjectNode().set("propertyNames", JSON.createObjectNode().set("enum", JSON.createArrayNode().add("zone"))));
        return v2;
    }

    /** Version 2's services: NAME → task, service, public, internal. */
    private static ObjectNode services() {
        ObjectNode one = object("One service of the app: its task, how ECS runs it, and how it is reached (public, internal, or neither: a worker).");
        required(one, "task");
        ObjectNode p = (ObjectNode) one.get("properties");
        p.set("task", task());
        p.set("service", service());
        ObjectNode pub = object("Reached through the app's load balancer. Without routes: what no other service's route matches.");
        ObjectNode pp = (ObjectNode) pub.get("properties");
        ObjectNode routes = JSON.createObjectNode().put("type", "array")
                .put("description", "HOST, HOST/PATH or /PATH (a path is exact or ends with *), e.g. www.example.com/api/*.");
        routes.set("items", JSON.createObjectNode().put("type", "string").put("minLength", 1)
                .put("pattern", "^([a-z0-9.-]+)?(/[A-Za-z0-9_\\-.$/~\"'@:+&]*\\*?)?$"));
        pp.set("routes", routes);
        ObjectNode lb = loadBalancer();
        for (String k : ServicesBinder.PUBLIC_KEYS) if (!k.equals("routes")) pp.set(k, lb.get("properties").get(k));
        p.set("public", pub);
        p.set("internal", JSON.createObjectNode().put("type", "boolean")
                .put("description", "Reachable by the app's other services at http://NAME:PORT (Service Connect)."));
        one.set("if", JSON.createObjectNode().set("anyOf", JSON.createArrayNode()
                .add(JSON.createObjectNode().set("required", JSON.createArrayNode().add("public")))
                .add(JSON.createObjectNode().set("properties", JSON.createObjectNode().set("internal", JSON.createObjectNode().put("const", true))))));
        one.set("then", JSON.createObjectNode().set("properties", JSON.createObjectNode()
                .set("task", JSON.createObjectNode().set("required", JSON.createArrayNode().add("port")))));
        ObjectNode all = JSON.createObjectNode().put("type", "object").put("description", "Version 2: the app's services by name.")
                .put("minProperties", 1);
        all.set("propertyNames", JSON.createObjectNode().put("pattern", "^[a-z]([a-z0-9-]{0," + (ServicesBinder.NAME_MAX - 2) + "}[a-z0-9])?$"));
        all.set("additionalProperties", one);
        return all;
    }

    private static ObjectNode network() {
        ObjectNode n = object("Where the service runs. Default: a new VPC.");
        ObjectNode p = (ObjectNode) n.get("properties");
        p.set("vpc", withDefault(enumOf("new: gantry builds one; default: the account's default VPC; existing: one you have.",
                YamlEnum.spellings(VpcMode.class)), "new"));
        ObjectNode cidr = string("vpc: new. A private (RFC 1918) block, /16 to /24.",
                "^(10\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|192\\.168\\.)[0-9.]+/(1[6-9]|2[0-4])$");
        p.set("cidr", withDefault(cidr, "10.0.0.0/16"));
        p.set("availabilityZones", withDefault(integer("vpc: new. 2 or 3.", 2, 3), 2));
        p.set("natGateways", withDefault(enumOf("vpc: new. none: public subnets with public IPs (cheapest); single: one shared; perAz: one per zone.",
                YamlEnum.spellings(NatMode.class)), "single"));
        p.set("vpcId", string("vpc: existing (required there).", Rules.VPC_ID.pattern()));
        p.set("publicSubnets", idList("vpc: existing. At least 2, in different zones.", 2));
        p.set("privateSubnets", idList("vpc: existing. Optional; without them tasks get public IPs.", 1));
        ArrayNode allOf = n.putArray("allOf");
        ObjectNode existing = JSON.createObjectNode();
        existing.set("if", JSON.createObjectNode().set("properties", JSON.createObjectNode().set("vpc", JSON.createObjectNode().put("const", "existing"))));
        existing.set("then", JSON.createObjectNode().set("required", JSON.createArrayNode().add("vpc").add("vpcId").add("publicSubnets")));
        allOf.add(existing);
        return n;
    }

    private static ObjectNode release() {
        ObjectNode r = object("Runs once in a task of each new image's task definition before the service rolls to it (migrations); if it fails, the rollout does not start.");
        required(r, "command");
        ObjectNode command = JSON.createObjectNode().put("type", "array").put("description", "The command, as a list of words: [\"./manage.py\", \"migrate\"].")
                .put("minItems", 1);
        command.set("items", JSON.createObjectNode().put("type", "string").put("minLength", 1));
        ((ObjectNode) r.get("properties")).set("command", command);
        return r;
    }

    private static ObjectNode jobs() {
        ObjectNode job = object("A command run in a new task on a schedule (EventBridge Scheduler).");
        required(job, "schedule", "command");
        ObjectNode p = (ObjectNode) job.get("properties");
        p.set("schedule", string("cron(MIN HOUR DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR) or rate(N minutes|hours|days).", "^(cron|rate)\\(.+\\)$"));
        p.set("timezone", JSON.createObjectNode().put("type", "string").put("description", "IANA time zone the cron expression is read in; default UTC."));
        ObjectNode command = JSON.createObjectNode().put("type", "array").put("description", "The command, as a list of words.").put("minItems", 1);
        command.set("items", JSON.createObjectNode().put("type", "string"));
        p.set("command", command);
        p.set("image", JSON.createObjectNode().put("type", "string").put("description", "Default: the service's image."));
        p.set("cpu", JSON.createObjectNode().put("type", "integer").put("description", "With memory; default: the service's size."));
        p.set("memory", JSON.createObjectNode().put("type", "integer").put("description", "MiB, with cpu."));
        ObjectNode env = JSON.createObjectNode().put("type", "object").put("description", "Added over the service's environment.");
        env.set("additionalProperties", JSON.createObjectNode().put("type", "string"));
        p.set("environment", env);
        p.set("timeout", string("Stop a run that takes longer: a number and s, m or h (at least 1m), e.g. 30m. Default: none.", "^[1-9][0-9]{0,6}(s|m|h)$"));
        ObjectNode secrets = JSON.createObjectNode().put("type", "array").put("description", "Names of the service's secrets (task.secrets) the job gets; default: all of them.");
        secrets.set("items", JSON.createObjectNode().put("type", "string"));
        p.set("secrets", secrets);
        ObjectNode all = JSON.createObjectNode().put("type", "object").put("description", "Scheduled jobs by name (lowercase letters, digits and -).");
        all.set("propertyNames", JSON.createObjectNode().put("pattern", JobsBinder.NAME.pattern()));
        all.set("additionalProperties", job);
        return all;
    }

    private static ObjectNode cluster() {
        ObjectNode c = object("The ECS cluster. Default name: the app name.");
        ObjectNode p = (ObjectNode) c.get("properties");
        p.set("name", string("1–255 letters, digits, - and _.", Rules.CLUSTER_NAME.pattern()));
        p.set("containerInsights", withDefault(bool("CloudWatch Container Insights metrics (extra cost)."), false));
        return c;
    }

    private static ObjectNode task() {
        ObjectNode t = object("The container and its size on Fargate.");
        // Exactly one of image and build.
        ArrayNode oneOf = t.putArray("oneOf");
        oneOf.addObject().putArray("required").add("image");
        oneOf.addObject().putArray("required").add("build");
        ObjectNode p = (ObjectNode) t.get("properties");
        ObjectNode image = string("A container image: registry/repository:tag or …@sha256:digest.", "^[^\\s]+$");
        p.set("image", image);
        ObjectNode cpu = JSON.createObjectNode().put("type", "integer").put("description", "CPU units; 1024 = 1 vCPU.");
        ArrayNode cpus = cpu.putArray("enum");
        Fargate.CPUS.forEach(cpus::add);
        p.set("cpu", withDefault(cpu, 256));
        p.set("memory", withDefault(JSON.createObjectNode().put("type", "integer")
                .put("description", "MiB; a combination Fargate accepts for the cpu (256: 512, 1024, 2048; 512: 1024–4096; …)."), 512));
        p.set("architecture", withDefault(enumOf("CPU architecture of the image.", YamlEnum.spellings(Architecture.class)), "x86_64"));
        p.set("port", integer("The port the container listens on. Required with a loadBalancer.", Rules.PORT.min(), Rules.PORT.max()));
        ObjectNode command = JSON.createObjectNode().put("type", "array").put("description", "Overrides the image's command.");
        command.set("items", JSON.createObjectNode().put("type", "string"));
        p.set("command", command);
        ObjectNode env = JSON.createObjectNode().put("type", "object").put("description", "Plain settings; values are text (quote numbers).");
        env.set("propertyNames", JSON.createObjectNode().put("pattern", Rules.ENV_NAME.pattern()));
        env.set("additionalProperties", JSON.createObjectNode().put("type", "string"));
        p.set("environment", env);
        ObjectNode secret = object("An SSM parameter: a name gantry manages (its value is given at apply), or the ARN of an existing one.");
        required(secret, "parameter");
        ((ObjectNode) secret.get("properties")).set("parameter", string("/path/name (managed) or arn:aws:ssm:REGION:ACCOUNT:parameter/…",
                "^(/(?![aA][wW][sS])(?![sS][sS][mM])[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*|" + Rules.PARAMETER_ARN.pattern().substring(1, Rules.PARAMETER_ARN.pattern().length() - 1) + ")$"));
        ObjectNode secrets = JSON.createObjectNode().put("type", "object").put("description", "Name → SSM parameter; never a value.");
        secrets.set("propertyNames", JSON.createObjectNode().put("pattern", Rules.ENV_NAME.pattern()));
        secrets.set("additionalProperties", secret);
        p.set("secrets", secrets);
        ObjectNode logs = object("CloudWatch Logs.");
        ObjectNode days = JSON.createObjectNode().put("type", "integer").put("description", "Days to keep logs.").put("default", Logs.DEFAULT_RETENTION_DAYS);
        ArrayNode allowed = days.putArray("enum");
        Logs.ALLOWED_RETENTION.forEach(allowed::add);
        ((ObjectNode) logs.get("properties")).set("retentionDays", days);
        p.set("logs", logs);
        ObjectNode registry = object("The login for a private registry: a Secrets Manager secret holding {\"username\", \"password\"}.");
        required(registry, "secret");
        ((ObjectNode) registry.get("properties")).set("secret", string("A secret name gantry manages (its value is given at apply) or the ARN of an existing one.",
                "^(" + Rules.SECRET_NAME.pattern().substring(1, Rules.SECRET_NAME.pattern().length() - 1) + "|"
                        + Rules.SECRET_ARN.pattern().substring(1, Rules.SECRET_ARN.pattern().length() - 1) + ")$"));
        p.set("registryCredentials", registry);
        p.set("stopTimeout", withDefault(integer("Seconds between SIGTERM and SIGKILL when a task stops (after the load balancer drained it).",
                Rules.STOP_TIMEOUT.min(), Rules.STOP_TIMEOUT.max()), Task.DEFAULT_STOP_TIMEOUT));
        ObjectNode build = object("Build the image from a Dockerfile on this machine, push it to an ECR repository gantry keeps, deploy it by digest.");
        required(build, "context");
        ObjectNode bp = (ObjectNode) build.get("properties");
        bp.set("context", string("The folder sent to the builder, relative to gantry.yaml, e.g. .", "^.+$"));
        bp.set("dockerfile", string("The Dockerfile, relative to gantry.yaml. Default: CONTEXT/Dockerfile.", "^.+$"));
        bp.set("target", string("The build stage to stop at (FROM … AS NAME).", "^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
        ObjectNode args = JSON.createObjectNode().put("type", "object").put("description", "Build args (--build-arg); text, never secrets.");
        args.set("additionalProperties", JSON.createObjectNode().put("type", "string"));
        bp.set("args", args);
        bp.set("keepImages", withDefault(integer("How many images the repository keeps (a lifecycle policy expires older ones).", 1, 1000), dev.gantry.spec.Build.DEFAULT_KEEP_IMAGES));
        p.set("build", build);
        ArrayNode allOf = t.putArray("allOf");
        for (int c : Fargate.CPUS) {
            ObjectNode rule = JSON.createObjectNode();
            ObjectNode cond = JSON.createObjectNode();
            cond.set("properties", JSON.createObjectNode().set("cpu", JSON.createObjectNode().put("const", c)));
            cond.set("required", JSON.createArrayNode().add("cpu"));
            rule.set("if", cond);
            ObjectNode mem = JSON.createObjectNode();
            ArrayNode values = mem.putArray("enum");
            Fargate.validMemories(c).forEach(values::add);
            rule.set("then", JSON.createObjectNode().set("properties", JSON.createObjectNode().set("memory", mem)));
            allOf.add(rule);
        }
        return t;
    }

    private static ObjectNode service() {
        ObjectNode s = object("How many copies run and how a new version replaces the old.");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.set("desiredCount", withDefault(integer("Tasks to run.", Rules.DESIRED_COUNT.min(), Rules.DESIRED_COUNT.max()), 2));
        p.set("minimumHealthyPercent", withDefault(integer("Share of desiredCount kept running during a deployment.",
                Rules.MINIMUM_HEALTHY_PERCENT.min(), Rules.MINIMUM_HEALTHY_PERCENT.max()), 100));
        p.set("maximumPercent", withDefault(integer("Upper limit during a deployment; greater than minimumHealthyPercent.",
                Rules.MAXIMUM_PERCENT.min(), Rules.MAXIMUM_PERCENT.max()), 200));
        p.set("rollbackOnFailure", withDefault(bool("Roll back a deployment that fails (circuit breaker)."), true));
        p.set("exec", withDefault(bool("ECS Exec: allow a shell in a running container (gantry exec) through Session Manager."), false));
        ObjectNode a = object("CPU target tracking; min ≤ desiredCount ≤ max.");
        required(a, "min", "max");
        ObjectNode ap = (ObjectNode) a.get("properties");
        ap.set("min", integer("Fewest tasks.", Rules.AUTOSCALING_COUNT.min(), Rules.AUTOSCALING_COUNT.max()));
        ap.set("max", integer("Most tasks.", 1, Rules.AUTOSCALING_COUNT.max()));
        ap.set("cpuTarget", withDefault(integer("Average CPU percent to aim for.", Rules.CPU_TARGET.min(), Rules.CPU_TARGET.max()),
                EdgeBinder.DEFAULT_CPU_TARGET));
        p.set("autoscaling", a);
        p.set("healthCheckGracePeriod", withDefault(integer("Seconds ECS ignores failing health checks after a task starts; about your app's start time.",
                Rules.HEALTH_CHECK_GRACE_PERIOD.min(), Rules.HEALTH_CHECK_GRACE_PERIOD.max()), dev.gantry.spec.Service.DEFAULT_HEALTH_CHECK_GRACE_PERIOD));
        return s;
    }

    private static ObjectNode loadBalancer() {
        ObjectNode l = object("A public Application Load Balancer. Omit for a service that takes no inbound traffic.");
        ObjectNode p = (ObjectNode) l.get("properties");
        p.set("healthCheckPath", withDefault(string("Path the load balancer checks.", "^/").put("maxLength", Rules.MAX_HEALTH_CHECK_PATH), "/"));
        p.set("deregistrationDelay", withDefault(integer("Seconds to drain a stopping task.", Rules.DEREGISTRATION_DELAY.min(),
                Rules.DEREGISTRATION_DELAY.max()), LoadBalancer.DEFAULT_DEREGISTRATION_DELAY));
        p.set("healthCheckInterval", withDefault(integer("Seconds between health checks of each task.",
                Rules.HEALTH_CHECK_INTERVAL.min(), Rules.HEALTH_CHECK_INTERVAL.max()), LoadBalancer.DEFAULT_HEALTH_CHECK_INTERVAL));
        p.set("healthCheckTimeout", withDefault(integer("Seconds a health check may take; shorter than the interval.",
                Rules.HEALTH_CHECK_TIMEOUT.min(), Rules.HEALTH_CHECK_TIMEOUT.max()), LoadBalancer.DEFAULT_HEALTH_CHECK_TIMEOUT));
        p.set("healthyThreshold", withDefault(integer("Passing checks in a row before a task gets requests.",
                Rules.HEALTHY_THRESHOLD.min(), Rules.HEALTHY_THRESHOLD.max()), LoadBalancer.DEFAULT_HEALTHY_THRESHOLD));
        p.set("idleTimeout", withDefault(integer("Seconds an idle connection stays open.", Rules.IDLE_TIMEOUT.min(), Rules.IDLE_TIMEOUT.max()), 60));
        ObjectNode cidrs = JSON.createObjectNode().put("type", "array").put("description", "Who may connect. Default everyone.").put("minItems", 1)
                .put("maxItems", dev.gantry.spec.AwsLimits.INBOUND_RULES_PER_GROUP); // 30 with a certificate: the loader says so
        cidrs.set("items", JSON.createObjectNode().put("type", "string").put("pattern", IPV4_CIDR));
        cidrs.putArray("default").add("0.0.0.0/0");
        p.set("allowedCidrs", cidrs);
        return l;
    }

    private static ObjectNode certificate() {
        ObjectNode c = object("HTTPS. Requires loadBalancer. Give domain (gantry requests one) or arn (an existing one).");
        ObjectNode p = (ObjectNode) c.get("properties");
        p.set("domain", string("A DNS name; a leading *. is allowed.", CERT_NAME));
        ObjectNode alt = JSON.createObjectNode().put("type", "array").put("description", "More names on the certificate.");
        alt.set("items", JSON.createObjectNode().put("type", "string").put("pattern", CERT_NAME));
        p.set("alternativeNames", alt);
        p.set("arn", string("An ACM certificate ARN in the spec's region.", Rules.CERTIFICATE_ARN.pattern()));
        // Version 1 needs domain or arn (version1Rules); version 2's certificate: {} covers the routes' hosts.
        return c;
    }

    private static ObjectNode dns() {
        ObjectNode d = object("A Route53 alias to the load balancer. Requires loadBalancer.");
        required(d, "zone");
        ObjectNode p = (ObjectNode) d.get("properties");
        p.set("zone", string("An existing public hosted zone.", DNS_NAME));
        p.set("record", string("The zone itself or a name inside it.", DNS_NAME));
        return d;
    }

    private static ObjectNode alerts() {
        ObjectNode a = object("CloudWatch alarms (5xx, unhealthy targets, p95 latency, running below desired, CPU, memory) emailed through SNS;"
                + " each alarm is billed per alarm-month.");
        ObjectNode p = (ObjectNode) a.get("properties");
        ObjectNode email = JSON.createObjectNode().put("type", "array").put("description", "Who is told; each confirms by email first.")
                .put("uniqueItems", true);
        email.set("items", JSON.createObjectNode().put("type", "string").put("pattern", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$").put("maxLength", 254));
        p.set("email", email);
        p.set("http5xxPerMinute", withDefault(integer("5xx answers of the load balancer a minute, for 3 minutes.", 1, 1_000_000),
                dev.gantry.spec.Alerts.DEFAULT_5XX_PER_MINUTE));
        p.set("latencyP95Ms", withDefault(integer("95th percentile response time in ms, for 3 minutes.", 1, 3_600_000),
                dev.gantry.spec.Alerts.DEFAULT_LATENCY_P95_MS));
        p.set("cpuPercent", withDefault(integer("Average CPU percent, for 3 minutes.", 1, 100), dev.gantry.spec.Alerts.DEFAULT_CPU_PERCENT));
        p.set("memoryPercent", withDefault(integer("Average memory percent, for 3 minutes.", 1, 100), dev.gantry.spec.Alerts.DEFAULT_MEMORY_PERCENT));
        p.set("rollback", withDefault(bool("A rollout that trips the 5xx, unhealthy or running-count alarm rolls back."), true));
        return a;
    }

    private static ObjectNode guard() {
        ObjectNode g = object("A reconciler in your account (AWS Lambda, run by EventBridge Scheduler) that repairs what was deleted or changed"
                + " by hand between applies (repair: safe) or only reports it (repair: report). Absent: off.");
        ObjectNode p = (ObjectNode) g.get("properties");
        p.set("every", withDefault(JSON.createObjectNode().put("type", "string")
                .put("description", "How often it runs: a whole number and m, h or d, between " + dev.gantry.spec.Guard.MIN_MINUTES + "m and 1d.")
                .put("pattern", "^[0-9]{1,6}\\s*(m|min|h|d)$"), dev.gantry.spec.Guard.DEFAULT_MINUTES + "m"));
        ObjectNode repair = enumOf("safe: recreate what was deleted, put back what changed in place, report the rest; report: change nothing.",
                YamlEnum.spellings(dev.gantry.spec.Guard.Repair.class));
        p.set("repair", withDefault(repair, "safe"));
        return g;
    }

    private static ObjectNode object(String description) {
        ObjectNode o = JSON.createObjectNode().put("type", "object").put("description", description).put("additionalProperties", false);
        o.putObject("properties");
        return o;
    }

    private static void required(ObjectNode o, String... names) {
        ArrayNode r = o.putArray("required");
        for (String n : names) r.add(n);
    }

    private static ObjectNode string(String description, String pattern) {
        return JSON.createObjectNode().put("type", "string").put("description", description).put("pattern", pattern);
    }

    private static ObjectNode integer(String description, int min, int max) {
        return JSON.createObjectNode().put("type", "integer").put("description", description).put("minimum", min).put("maximum", max);
    }

    private static ObjectNode bool(String description) {
        return JSON.createObjectNode().put("type", "boolean").put("description", description);
    }

    private static ObjectNode enumOf(String description, List<String> values) {
        ObjectNode e = JSON.createObjectNode().put("type", "string").put("description", description);
        ArrayNode a = e.putArray("enum");
        values.forEach(a::add);
        return e;
    }

    private static ObjectNode idList(String description, int minItems) {
        ObjectNode l = JSON.createObjectNode().put("type", "array").put("description", description).put("minItems", minItems).put("uniqueItems", true);
        l.set("items", JSON.createObjectNode().put("type", "string").put("pattern", SUBNET));
        return l;
    }

    private static ObjectNode withDefault(ObjectNode n, Object value) {
        if (value instanceof Integer i) n.put("default", i);
        else if (value instanceof Boolean b) n.put("default", b);
        else n.put("default", String.valueOf(value));
        return n;
    }

    private static ObjectNode requiresIf(String present, String needed) {
        ObjectNode rule = JSON.createObjectNode();
        rule.set("if", JSON.createObjectNode().set("required", JSON.createArrayNode().add(present)));
        rule.set("then", JSON.createObjectNode().set("required", JSON.createArrayNode().add(needed)));
        return rule;
    }
}

package dev.gantry.resources;

import dev.gantry.plan.Address;

/**
 * Every resource address gantry gives a name to, in one place: the three groups expand a spec
 * into these, other groups refer to them, and status, the URL checks and the engine read them
 * back from what exists. An address is part of the state contract ({@code gantry:component} tags
 * hold it), so renaming one here is a migration, not a refactoring.
 */
public final class Addresses {
    private Addresses() {}

    // network
    public static final Address ZONES = Address.of("zones", "main");
    public static final Address VPC = Address.of("vpc", "main");
    public static final Address IGW = Address.of("internet-gateway", "main");
    public static final Address PUBLIC_ROUTES = Address.of("route-table", "public");
    /** The one private route table when all private subnets share one NAT gateway. */
    public static final Address SHARED_PRIVATE_ROUTES = Address.of("route-table", "private");
    public static final Address LB_SG = Address.of("security-group", "load-balancer");
    public static final Address SERVICE_SG = Address.of("security-group", "service");

    public static Address publicSubnet(int n) { return Address.of("subnet", "public-" + n); }
    public static Address privateSubnet(int n) { return Address.of("subnet", "private-" + n); }
    /** The private route table of zone {@code n} when each zone has its own NAT gateway. */
    public static Address privateRoutes(int n) { return Address.of("route-table", "private-" + n); }
    public static Address natIp(int n) { return Address.of("eip", "nat-" + n); }
    public static Address natGateway(int n) { return Address.of("nat-gateway", "nat-" + n); }

    // compute
    public static final Address LOG_GROUP = Address.of("log-group", "main");
    public static final Address EXECUTION_ROLE = Address.of("role", "execution");
    public static final Address TASK_ROLE = Address.of("role", "task");
    public static final Address CLUSTER = Address.of("cluster", "main");
    public static final Address TASK_DEFINITION = Address.of("task-definition", "main");
    public static final Address SERVICE = Address.of("service", "main");
    public static final Address SCALING_TARGET = Address.of("scaling-target", "main");
    public static final Address SCALING_POLICY = Address.of("scaling-policy", "cpu");
    public static final Address ALERT_TOPIC = Address.of("topic", "alerts");
    public static final Address TASK_STOPPED_RULE = Address.of("event-rule", "task-stopped");

    /**
     * One CloudWatch alarm of {@code alerts}: the load balancer's 5xx-load-balancer, 5xx-app and
     * latency-p95, and the unhealthy-targets, below-desired, cpu-high and memory-high of the service
     * named like the app ({@link ServiceAddresses#alarm} for the others').
     */
    public static Address alarm(String kind) { return Address.of("alarm", kind); }
    /** The login for a private registry, when gantry keeps it (a Secrets Manager secret). */
    public static final Address REGISTRY_SECRET = Address.of("secret", "registry");

    /** The ECR repository gantry keeps for the images it builds (task.build). */
    public static final Address REPOSITORY = Address.of("repository", "main");
    /** The image built from task.build for this run's context, in the repository. */
    public static final Address IMAGE = Address.of("image", "main");

    public static Address parameter(String secretName) { return Address.of("parameter", secretName); }

    // scheduled jobs
    public static final Address SCHEDULE_GROUP = Address.of("schedule-group", "main");
    public static final Address SCHEDULER_ROLE = Address.of("scheduler-role", "main");
    public static Address jobTaskDefinition(String job) { return Address.of("job-task-definition", job); }
    public static Address schedule(String job) { return Address.of("schedule", job); }

    // the guard (a reconciler in the account, with guard in the spec)
    public static final Address GUARD_SPEC = Address.of("guard-spec", "main");
    public static final Address GUARD_LOG_GROUP = Address.of("log-group", "guard");
    public static final Address GUARD_FUNCTION_ROLE = Address.of("guard-role", "function");
    public static final Address GUARD_SCHEDULER_ROLE = Address.of("guard-role", "scheduler");
    public static final Address GUARD_FUNCTION = Address.of("guard-function", "main");
    public static final Address GUARD_SCHEDULE = Address.of("guard-schedule", "main");

    // edge
    public static final Address LOAD_BALANCER = Address.of("load-balancer", "main");
    public static final Address TARGET_GROUP = Address.of("target-group", "main");
    public static final Address HTTP_LISTENER = Address.of("listener", "http");
    public static final Address HTTPS_LISTENER = Address.of("listener", "https");
    public static final Address HOSTED_ZONE = Address.of("hosted-zone", "main");
    public static final Address CERTIFICATE = Address.of("certificate", "main");
    public static final Address DNS_RECORD = Address.of("dns-record", "main");

    /** A public service's listener rule for its route number {@code n}: {@code listener-rule.NAME-N}. */
    public static Address listenerRule(String service, int n) { return Address.of("listener-rule", service + "-" + n); }

    /**
     * The addresses of one service's own resources. The service named like the app keeps version
     * 1's ({@code service.main}, {@code role.execution}, …), so a version-1 stack and a migrated
     * one plan no change; any other service's are keyed by its name ({@code service.web},
     * {@code role.web-execution}, {@code repository.web}, {@code image.web}, {@code secret.web-registry}, …).
     */
    public record ServiceAddresses(String service, Address logGroup, Address executionRole, Address taskRole, Address taskDefinition,
                                   Address ecsService, Address targetGroup, Address scalingTarget, Address scalingPolicy,
                                   Address repository, Address image, Address registrySecret) {
        public static ServiceAddresses of(String app, String service) {
            if (service.equals(app)) {
                return new ServiceAddresses(service, LOG_GROUP, EXECUTION_ROLE, TASK_ROLE, TASK_DEFINITION, SERVICE, TARGET_GROUP,
                        SCALING_TARGET, SCALING_POLICY, REPOSITORY, IMAGE, REGISTRY_SECRET);
            }
            return new ServiceAddresses(service, Address.of("log-group", service), Address.of("role", service + "-execution"),
                    Address.of("role", service + "-task"), Address.of("task-definition", service), Address.of("service", service),
                    Address.of("target-group", service), Address.of("scaling-target", service), Address.of("scaling-policy", service + "-cpu"),
                    Address.of("repository", service), Address.of("image", service), Address.of("secret", service + "-registry"));
        }

        /**
         * One of the service's own CloudWatch alarms ({@code resources.compute.Alarms}): version 1's
         * {@code alarm.KIND} for the service named like the app, {@code alarm.NAME-KIND} for others.
         */
        public Address alarm(String kind) { return SERVICE.equals(ecsService) ? Addresses.alarm(kind) : Address.of("alarm", service + "-" + kind); }
    }
}

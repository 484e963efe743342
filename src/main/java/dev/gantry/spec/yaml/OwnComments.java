package dev.gantry.spec.yaml;

import java.util.List;
import java.util.Set;

/**
 * Every explanation {@link SpecWriter} writes into gantry.yaml, in one place so that an edit can
 * tell gantry's own comments (rewritten to match the new values) from the person's (kept).
 * A comment that is not listed here is the person's.
 */
final class OwnComments {
    private OwnComments() {}

    static final String MODELINE = "yaml-language-server: $schema=./" + SpecWriter.SCHEMA_FILE;
    static final String HEADER = "gantry spec (docs/spec.md). For editor checks next to this file: gantry schema > " + SpecWriter.SCHEMA_FILE;
    static final String VERSION = "The spec format; only version 1 exists.";
    static final String VERSION_2 = "Version 2: several services of one app share its network, cluster, load balancer and certificate.";
    /** What gantry migrate writes above version: 2. */
    static final String VERSION_2_MIGRATED = "The spec format; version 2 holds several services (docs/spec.md).";
    static final String HEADER_2 = "gantry spec (docs/spec.md, \"Version 2: several services\"). For editor checks: gantry schema > " + SpecWriter.SCHEMA_FILE;
    static final String LOAD_BALANCER_SHARED = "One Application Load Balancer for every public service; each service has its own health check.";
    static final String DNS_PER_HOST = "One alias record per public host in this Route53 zone.";
    /** Followed by the hosts, e.g. " (www.example.com, api.example.com)." */
    static final String CERTIFICATE_FROM_ROUTES = "HTTPS: one ACM certificate for every host the routes name";
    static final String APP = "The app's name; it prefixes the name of every AWS resource gantry creates.";
    static final String REGION = "The AWS region everything is created in.";
    static final String TAGS = "Tags added to every resource, next to gantry's own.";
    static final String VPC_NO_NAT = "A new VPC; without NAT gateways tasks run in public subnets with public IPs (cheapest).";
    static final String VPC_SINGLE_NAT = "A new VPC; tasks run in private subnets and reach the internet through one shared NAT gateway.";
    static final String VPC_NAT_PER_AZ = "A new VPC; tasks run in private subnets with a NAT gateway in every zone (most resilient).";
    static final String VPC_DEFAULT = "The account's default VPC: public subnets only, so tasks get public IPs.";
    static final String VPC_EXISTING = "A VPC you already have: the load balancer uses the public subnets, tasks the private ones if given.";
    static final String CLUSTER = "The ECS cluster the service runs in.";
    static final String TASK = "The container: its image, its size on Fargate, and what it is given at start.";
    static final String CPU = "1024 = 1 vCPU";
    static final String MEMORY = "MiB";
    static final String PORT = "the port the container listens on";
    static final String ENVIRONMENT = "Plain settings, visible in the task definition.";
    static final String SECRETS_1 = "Secrets live in SSM Parameter Store; a name gives gantry a parameter to manage (its value is given at apply time),";
    static final String SECRETS_2 = "an ARN points at one you already have.";
    static final String REGISTRY_LOGIN = "The login for a private registry: a Secrets Manager secret holding {\"username\": …, \"password\": …}.";
    static final String BUILD = "Built here from the Dockerfile, pushed to an ECR repository gantry keeps, deployed by digest.";
    static final String SERVICE = "How many copies run, and how a new version replaces the old one.";
    static final String AUTOSCALING = "Adds or removes tasks to keep average CPU near the target.";
    static final String LOAD_BALANCER = "A public Application Load Balancer that spreads requests over the tasks and checks their health.";
    static final String CERTIFICATE_EXISTING = "HTTPS with a certificate you already have in ACM.";
    static final String CERTIFICATE_NEW = "HTTPS: gantry requests a free ACM certificate for these names and validates it.";
    static final String DNS = "A record in your Route53 zone that points at the load balancer.";
    static final String GUARD = "A Lambda function in your account repairs what is deleted or changed by hand between applies (safe) or reports it (report).";
    static final String ALERTS = "CloudWatch alarms emailed through SNS (each address confirms first); about $0.10 per alarm a month.";
    static final String JOBS = "Commands run in a new task on a schedule (EventBridge Scheduler), with the service's setup.";
    static final String RELEASE = "Runs once with each new image, before the service rolls to it (migrations); if it fails, the old version keeps serving.";

    static final String ENVIRONMENTS_1 = "Environments: each is the settings above with only what differs written under its name;";
    static final String ENVIRONMENTS_2 = "the first keeps the app's AWS names, the others are named APP-ENV (README, Environments).";

    private static final Set<String> ALL = Set.copyOf(List.of(MODELINE, HEADER, VERSION, VERSION_2, VERSION_2_MIGRATED, HEADER_2, LOAD_BALANCER_SHARED, DNS_PER_HOST, APP, REGION, TAGS,
            VPC_NO_NAT, VPC_SINGLE_NAT, VPC_NAT_PER_AZ, VPC_DEFAULT, VPC_EXISTING, CLUSTER, TASK, CPU, MEMORY, PORT,
            ENVIRONMENT, SECRETS_1, SECRETS_2, REGISTRY_LOGIN, BUILD, SERVICE, AUTOSCALING, LOAD_BALANCER, CERTIFICATE_EXISTING, CERTIFICATE_NEW, DNS, ALERTS, RELEASE, JOBS, GUARD,
            ENVIRONMENTS_1, ENVIRONMENTS_2));

    /** True for a comment's text (after '#', trimmed) that gantry itself writes. */
    static boolean isOwn(String text) { return ALL.contains(text.strip()) || text.strip().startsWith(CERTIFICATE_FROM_ROUTES + " ("); }
}

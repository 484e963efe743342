package dev.gantry.spec.yaml;

import dev.gantry.spec.Autoscaling;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Cluster;
import dev.gantry.spec.Dns;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;

import java.util.Map;

/**
 * Writes a {@link Spec} as commented gantry.yaml: a schema modeline for editors, then each section
 * with one plain-English line saying what it is for. Only spec fields are written (never a secret's
 * value); optional sections that are absent, and a cluster that is just the default, are left out.
 * {@code SpecLoader.load(write(spec))} equals {@code spec}.
 */
public final class SpecWriter {
    private SpecWriter() {}

    /** Editors with the YAML language server validate and complete against this file. */
    public static final String SCHEMA_FILE = "gantry.schema.json";
    public static final String MODELINE = "# yaml-language-server: $schema=./" + SCHEMA_FILE;

    public static String write(Spec spec) {
        StringBuilder b = new StringBuilder();
        line(b, MODELINE);
        line(b, "# gantry spec (docs/spec.md). For editor checks next to this file: gantry schema > " + SCHEMA_FILE);
        line(b, "");
        line(b, "# The spec format; only version 1 exists.");
        line(b, "version: " + spec.version());
        line(b, "# The app's name; it prefixes the name of every AWS resource gantry creates.");
        line(b, "app: " + YamlText.scalar(spec.app()));
        line(b, "# The AWS region everything is created in.");
        line(b, "region: " + YamlText.scalar(spec.region()));
        if (!spec.tags().isEmpty()) {
            section(b, "Tags added to every resource, next to gantry's own.", "tags:");
            spec.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> line(b, "  " + YamlText.scalar(e.getKey()) + ": " + YamlText.scalar(e.getValue())));
        }
        network(b, spec.network());
        cluster(b, spec);
        task(b, spec.task());
        service(b, spec.service());
        if (spec.loadBalancer() != null) loadBalancer(b, spec.loadBalancer());
        if (spec.certificate() != null) certificate(b, spec.certificate());
        if (spec.dns() != null) dns(b, spec.dns());
        return b.toString();
    }

    private static void network(StringBuilder b, Network n) {
        switch (n.vpc()) {
            case NEW -> {
                section(b, switch (n.natGateways()) {
                    case NONE -> "A new VPC; without NAT gateways tasks run in public subnets with public IPs (cheapest).";
                    case SINGLE -> "A new VPC; tasks run in private subnets and reach the internet through one shared NAT gateway.";
                    case PER_AZ -> "A new VPC; tasks run in private subnets with a NAT gateway in every zone (most resilient).";
                }, "network:");
                line(b, "  vpc: new");
                line(b, "  cidr: " + n.cidr());
                line(b, "  availabilityZones: " + n.availabilityZones());
                line(b, "  natGateways: " + (n.natGateways() == null ? NatMode.SINGLE : n.natGateways()).yaml());
            }
            case DEFAULT -> {
                section(b, "The account's default VPC: public subnets only, so tasks get public IPs.", "network:");
                line(b, "  vpc: default");
            }
            case EXISTING -> {
                section(b, "A VPC you already have: the load balancer uses the public subnets, tasks the private ones if given.", "network:");
                line(b, "  vpc: existing");
                line(b, "  vpcId: " + n.vpcId());
                line(b, "  publicSubnets: " + YamlText.flowList(n.publicSubnets()));
                if (!n.privateSubnets().isEmpty()) line(b, "  privateSubnets: " + YamlText.flowList(n.privateSubnets()));
            }
        }
    }

    private static void cluster(StringBuilder b, Spec spec) {
        Cluster c = spec.cluster();
        if (c.equals(new Cluster(spec.app(), false))) return;
        section(b, "The ECS cluster the service runs in.", "cluster:");
        line(b, "  name: " + YamlText.scalar(c.name()));
        line(b, "  containerInsights: " + c.containerInsights());
    }

    private static void task(StringBuilder b, Task t) {
        section(b, "The container: its image, its size on Fargate, and what it is given at start.", "task:");
        line(b, "  image: " + YamlText.scalar(t.image()));
        line(b, "  cpu: " + t.cpu() + "  # 1024 = 1 vCPU");
        line(b, "  memory: " + t.memory() + "  # MiB");
        line(b, "  architecture: " + t.architecture().yaml());
        if (t.port() != null) line(b, "  port: " + t.port() + "  # the port the container listens on");
        if (!t.command().isEmpty()) line(b, "  command: " + YamlText.flowList(t.command()));
        if (!t.environment().isEmpty()) {
            line(b, "  # Plain settings, visible in the task definition.");
            line(b, "  environment:");
            t.environment().forEach((k, v) -> line(b, "    " + k + ": " + YamlText.scalar(v)));
        }
        if (!t.secrets().isEmpty()) {
            line(b, "  # Secrets live in SSM Parameter Store; a name gives gantry a parameter to manage (its value is given at apply time),");
            line(b, "  # an ARN points at one you already have.");
            line(b, "  secrets:");
            for (Map.Entry<String, SecretRef> e : t.secrets().entrySet()) {
                line(b, "    " + e.getKey() + ":");
                line(b, "      parameter: " + YamlText.scalar(e.getValue().parameter()));
            }
        }
        if (t.registryCredentials() != null) {
            line(b, "  # The login for a private registry: a Secrets Manager secret holding {\"username\": …, \"password\": …}.");
            line(b, "  registryCredentials:");
            line(b, "    secret: " + YamlText.scalar(t.registryCredentials().secret()));
        }
        line(b, "  logs:");
        line(b, "    retentionDays: " + t.logs().retentionDays());
    }

    private static void service(StringBuilder b, Service s) {
        section(b, "How many copies run, and how a new version replaces the old one.", "service:");
        line(b, "  desiredCount: " + s.desiredCount());
        line(b, "  minimumHealthyPercent: " + s.minimumHealthyPercent());
        line(b, "  maximumPercent: " + s.maximumPercent());
        line(b, "  rollbackOnFailure: " + s.rollbackOnFailure());
        Autoscaling a = s.autoscaling();
        if (a != null) {
            line(b, "  # Adds or removes tasks to keep average CPU near the target.");
            line(b, "  autoscaling:");
            line(b, "    min: " + a.min());
            line(b, "    max: " + a.max());
            line(b, "    cpuTarget: " + a.cpuTarget());
        }
    }

    private static void loadBalancer(StringBuilder b, LoadBalancer l) {
        section(b, "A public Application Load Balancer that spreads requests over the tasks and checks their health.", "loadBalancer:");
        line(b, "  healthCheckPath: " + YamlText.scalar(l.healthCheckPath()));
        line(b, "  deregistrationDelay: " + l.deregistrationDelay());
        line(b, "  idleTimeout: " + l.idleTimeout());
        line(b, "  allowedCidrs: " + YamlText.flowList(l.allowedCidrs()));
    }

    private static void certificate(StringBuilder b, Certificate c) {
        if (c.existing()) {
            section(b, "HTTPS with a certificate you already have in ACM.", "certificate:");
            line(b, "  arn: " + YamlText.scalar(c.arn()));
            return;
        }
        section(b, "HTTPS: gantry requests a free ACM certificate for these names and validates it.", "certificate:");
        line(b, "  domain: " + YamlText.scalar(c.domain()));
        if (!c.alternativeNames().isEmpty()) line(b, "  alternativeNames: " + YamlText.flowList(c.alternativeNames()));
    }

    private static void dns(StringBuilder b, Dns d) {
        section(b, "A record in your Route53 zone that points at the load balancer.", "dns:");
        line(b, "  zone: " + YamlText.scalar(d.zone()));
        line(b, "  record: " + YamlText.scalar(d.record()));
    }

    private static void section(StringBuilder b, String comment, String header) {
        line(b, "");
        line(b, "# " + comment);
        line(b, header);
    }

    private static void line(StringBuilder b, String s) { b.append(s).append('\n'); }
}

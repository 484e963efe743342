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

import java.util.List;
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
    public static final String MODELINE = "# " + OwnComments.MODELINE;

    /** The {@code environments:} section, appended after the body: each entry holds only what differs from it. */
    public static String environments(Map<String, Object> entries) {
        StringBuilder b = new StringBuilder();
        line(b, "");
        line(b, "# " + OwnComments.ENVIRONMENTS_1);
        line(b, "# " + OwnComments.ENVIRONMENTS_2);
        b.append(SpecTree.write(Map.of("environments", entries)));
        return b.toString();
    }

    public static String write(Spec spec) {
        StringBuilder b = new StringBuilder();
        line(b, MODELINE);
        line(b, "# " + (spec.isVersion2() ? OwnComments.HEADER_2 : OwnComments.HEADER));
        line(b, "");
        line(b, "# " + (spec.isVersion2() ? OwnComments.VERSION_2 : OwnComments.VERSION));
        line(b, "version: " + spec.version());
        line(b, "# " + OwnComments.APP);
        line(b, "app: " + YamlText.scalar(spec.app()));
        line(b, "# " + OwnComments.REGION);
        line(b, "region: " + YamlText.scalar(spec.region()));
        if (!spec.tags().isEmpty()) {
            section(b, OwnComments.TAGS, "tags:");
            spec.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> line(b, "  " + YamlText.scalar(e.getKey()) + ": " + YamlText.scalar(e.getValue())));
        }
        network(b, spec.network());
        cluster(b, spec);
        if (spec.isVersion2()) {
            services(b, spec);
        } else {
            task(b, spec.task());
            service(b, spec.service());
            if (spec.loadBalancer() != null) loadBalancer(b, spec.loadBalancer());
            if (spec.certificate() != null) certificate(b, spec.certificate());
            if (spec.dns() != null) dns(b, spec.dns());
        }
        if (spec.alerts() != null) alerts(b, spec.alerts());
        if (spec.release() != null) {
            section(b, OwnComments.RELEASE, "release:");
            line(b, "  command: " + YamlText.flowList(spec.release().command()));
        }
        if (!spec.jobs().isEmpty()) {
            section(b, OwnComments.JOBS, "jobs:");
            spec.jobs().values().forEach(j -> {
                line(b, "  " + j.name() + ":");
                line(b, "    schedule: " + YamlText.scalar(j.schedule()));
                if (j.timezone() != null) line(b, "    timezone: " + YamlText.scalar(j.timezone()));
                line(b, "    command: " + YamlText.flowList(j.command()));
                if (j.image() != null) line(b, "    image: " + YamlText.scalar(j.image()));
                if (j.cpu() != null) line(b, "    cpu: " + j.cpu());
                if (j.memory() != null) line(b, "    memory: " + j.memory());
                if (j.timeout() != null) line(b, "    timeout: " + dev.gantry.spec.Job.duration(j.timeout()));
                if (j.secrets() != null) line(b, "    secrets: " + YamlText.flowList(j.secrets()));
                if (!j.environment().isEmpty()) {
                    line(b, "    environment:");
                    j.environment().forEach((k, v) -> line(b, "      " + k + ": " + YamlText.scalar(v)));
                }
            });
        }
        if (spec.guard() != null) {
            section(b, OwnComments.GUARD, "guard:");
            line(b, "  every: " + spec.guard().every());
            line(b, "  repair: " + spec.guard().repair().yaml());
        }
        return b.toString();
    }

    private static void network(StringBuilder b, Network n) {
        switch (n.vpc()) {
            case NEW -> {
                section(b, switch (n.natGateways()) {
                    case NONE -> OwnComments.VPC_NO_NAT;
                    case SINGLE -> OwnComments.VPC_SINGLE_NAT;
                    case PER_AZ -> OwnComments.VPC_NAT_PER_AZ;
                }, "network:");
                line(b, "  vpc: new");
                line(b, "  cidr: " + n.cidr());
                line(b, "  availabilityZones: " + n.availabilityZones());
                line(b, "  natGateways: " + (n.natGateways() == null ? NatMode.SINGLE : n.natGateways()).yaml());
            }
            case DEFAULT -> {
                section(b, OwnComments.VPC_DEFAULT, "network:");
                line(b, "  vpc: default");
            }
            case EXISTING -> {
                section(b, OwnComments.VPC_EXISTING, "network:");
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
        section(b, OwnComments.CLUSTER, "cluster:");
        line(b, "  name: " + YamlText.scalar(c.name()));
        line(b, "  containerInsights: " + c.containerInsights());
    }

    private static void task(StringBuilder b, Task t) {
        section(b, OwnComments.TASK, "task:");
        if (t.image() != null || t.build() == null) line(b, "  image: " + YamlText.scalar(t.image()));
        if (t.build() != null && t.image() == null) {
            var build = t.build();
            line(b, "  # " + OwnComments.BUILD);
            line(b, "  build:");
            line(b, "    context: " + YamlText.scalar(build.context()));
            if (build.dockerfile() != null) line(b, "    dockerfile: " + YamlText.scalar(build.dockerfile()));
            if (build.target() != null) line(b, "    target: " + YamlText.scalar(build.target()));
            if (!build.args().isEmpty()) {
                line(b, "    args:");
                build.args().forEach((k, v) -> line(b, "      " + k + ": " + YamlText.scalar(v)));
            }
            if (build.keepImages() != dev.gantry.spec.Build.DEFAULT_KEEP_IMAGES) line(b, "    keepImages: " + build.keepImages());
        }
        line(b, "  cpu: " + t.cpu() + "  # " + OwnComments.CPU);
        line(b, "  memory: " + t.memory() + "  # " + OwnComments.MEMORY);
        line(b, "  architecture: " + t.architecture().yaml());
        if (t.port() != null) line(b, "  port: " + t.port() + "  # " + OwnComments.PORT);
        if (!t.command().isEmpty()) line(b, "  command: " + YamlText.flowList(t.command()));
        if (!t.environment().isEmpty()) {
            line(b, "  # " + OwnComments.ENVIRONMENT);
            line(b, "  environment:");
            t.environment().forEach((k, v) -> line(b, "    " + k + ": " + YamlText.scalar(v)));
        }
        if (!t.secrets().isEmpty()) {
            line(b, "  # " + OwnComments.SECRETS_1);
            line(b, "  # " + OwnComments.SECRETS_2);
            line(b, "  secrets:");
            for (Map.Entry<String, SecretRef> e : t.secrets().entrySet()) {
                line(b, "    " + e.getKey() + ":");
                line(b, "      parameter: " + YamlText.scalar(e.getValue().parameter()));
            }
        }
        if (t.registryCredentials() != null) {
            line(b, "  # " + OwnComments.REGISTRY_LOGIN);
            line(b, "  registryCredentials:");
            line(b, "    secret: " + YamlText.scalar(t.registryCredentials().secret()));
        }
        line(b, "  logs:");
        line(b, "    retentionDays: " + t.logs().retentionDays());
        if (t.stopTimeout() != Task.DEFAULT_STOP_TIMEOUT) line(b, "  stopTimeout: " + t.stopTimeout());
    }

    private static void service(StringBuilder b, Service s) {
        section(b, OwnComments.SERVICE, "service:");
        line(b, "  desiredCount: " + s.desiredCount());
        line(b, "  minimumHealthyPercent: " + s.minimumHealthyPercent());
        line(b, "  maximumPercent: " + s.maximumPercent());
        line(b, "  rollbackOnFailure: " + s.rollbackOnFailure());
        if (s.healthCheckGracePeriod() != Service.DEFAULT_HEALTH_CHECK_GRACE_PERIOD) line(b, "  healthCheckGracePeriod: " + s.healthCheckGracePeriod());
        // Written only when on: a shell into the containers is a choice to make, not a default to show.
        if (s.exec()) line(b, "  exec: true");
        Autoscaling a = s.autoscaling();
        if (a != null) {
            line(b, "  # " + OwnComments.AUTOSCALING);
            line(b, "  autoscaling:");
            line(b, "    min: " + a.min());
            line(b, "    max: " + a.max());
            line(b, "    cpuTarget: " + a.cpuTarget());
        }
    }

    private static void loadBalancer(StringBuilder b, LoadBalancer l) {
        section(b, OwnComments.LOAD_BALANCER, "loadBalancer:");
        line(b, "  healthCheckPath: " + YamlText.scalar(l.healthCheckPath()));
        line(b, "  deregistrationDelay: " + l.deregistrationDelay());
        line(b, "  idleTimeout: " + l.idleTimeout());
        if (l.healthCheckInterval() != LoadBalancer.DEFAULT_HEALTH_CHECK_INTERVAL) line(b, "  healthCheckInterval: " + l.healthCheckInterval());
        if (l.healthCheckTimeout() != LoadBalancer.DEFAULT_HEALTH_CHECK_TIMEOUT) line(b, "  healthCheckTimeout: " + l.healthCheckTimeout());
        if (l.healthyThreshold() != LoadBalancer.DEFAULT_HEALTHY_THRESHOLD) line(b, "  healthyThreshold: " + l.healthyThreshold());
        line(b, "  allowedCidrs: " + YamlText.flowList(l.allowedCidrs()));
    }

    /**
     * Version 2, laid out as templates/web-api-worker.yaml: the shared pieces, then each service's
     * task and service as version 1 writes them (without their explanations: the services stay
     * compact), its public access and whether it is internal.
     */
    private static void services(StringBuilder b, Spec spec) {
        if (spec.loadBalancer() != null) {
            section(b, OwnComments.LOAD_BALANCER_SHARED, "loadBalancer:");
            line(b, "  idleTimeout: " + spec.loadBalancer().idleTimeout());
            line(b, "  allowedCidrs: " + YamlText.flowList(spec.loadBalancer().allowedCidrs()));
        }
        Certificate c = spec.certificate();
        List<String> hosts = spec.publicHosts();
        if (c != null && !c.existing() && !hosts.isEmpty() && c.domain().equals(hosts.get(0))
                && c.alternativeNames().equals(hosts.subList(1, hosts.size()))) {
            // The certificate the routes' hosts make: {} follows them as routes are added.
            section(b, OwnComments.CERTIFICATE_FROM_ROUTES + " (" + String.join(", ", hosts) + ").", "certificate: {}");
        } else if (c != null) {
            certificate(b, c);
        }
        if (spec.dns() != null) {
            section(b, OwnComments.DNS_PER_HOST, "dns:");
            line(b, "  zone: " + YamlText.scalar(spec.dns().zone()));
        }
        line(b, "");
        line(b, "services:");
        boolean first = true;
        for (dev.gantry.spec.AppService a : spec.services().values()) {
            if (!first) line(b, "");
            first = false;
            line(b, "  " + a.name() + ":");
            StringBuilder own = new StringBuilder();
            task(own, a.task());
            service(own, a.service());
            if (a.isPublic()) {
                dev.gantry.spec.PublicAccess p = a.publicAccess();
                line(own, "public:");
                if (!p.routes().isEmpty()) line(own, "  routes: " + YamlText.flowList(p.routes().stream().map(SpecWriter::route).toList()));
                line(own, "  healthCheckPath: " + YamlText.scalar(p.healthCheckPath()));
                line(own, "  deregistrationDelay: " + p.deregistrationDelay());
                if (p.healthCheckInterval() != LoadBalancer.DEFAULT_HEALTH_CHECK_INTERVAL) line(own, "  healthCheckInterval: " + p.healthCheckInterval());
                if (p.healthCheckTimeout() != LoadBalancer.DEFAULT_HEALTH_CHECK_TIMEOUT) line(own, "  healthCheckTimeout: " + p.healthCheckTimeout());
                if (p.healthyThreshold() != LoadBalancer.DEFAULT_HEALTHY_THRESHOLD) line(own, "  healthyThreshold: " + p.healthyThreshold());
            }
            if (a.internal()) line(own, "internal: true");
            own.toString().lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).forEach(l -> line(b, "    " + l));
        }
    }

    private static String route(dev.gantry.spec.Route r) { return r.host() == null ? r.path() : r.path() == null ? r.host() : r.host() + r.path(); }

    private static void certificate(StringBuilder b, Certificate c) {
        if (c.existing()) {
            section(b, OwnComments.CERTIFICATE_EXISTING, "certificate:");
            line(b, "  arn: " + YamlText.scalar(c.arn()));
            return;
        }
        section(b, OwnComments.CERTIFICATE_NEW, "certificate:");
        line(b, "  domain: " + YamlText.scalar(c.domain()));
        if (!c.alternativeNames().isEmpty()) line(b, "  alternativeNames: " + YamlText.flowList(c.alternativeNames()));
    }

    private static void dns(StringBuilder b, Dns d) {
        section(b, OwnComments.DNS, "dns:");
        line(b, "  zone: " + YamlText.scalar(d.zone()));
        line(b, "  record: " + YamlText.scalar(d.record()));
    }

    private static void alerts(StringBuilder b, dev.gantry.spec.Alerts a) {
        section(b, OwnComments.ALERTS, "alerts:");
        line(b, "  email: " + YamlText.flowList(a.email()));
        line(b, "  http5xxPerMinute: " + a.http5xxPerMinute());
        line(b, "  latencyP95Ms: " + a.latencyP95Ms());
        line(b, "  cpuPercent: " + a.cpuPercent());
        line(b, "  memoryPercent: " + a.memoryPercent());
        line(b, "  rollback: " + a.rollback());
    }

    private static void section(StringBuilder b, String comment, String header) {
        line(b, "");
        line(b, "# " + comment);
        line(b, header);
    }

    private static void line(StringBuilder b, String s) { b.append(s).append('\n'); }
}

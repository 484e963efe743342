package dev.gantry.wizard;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Autoscaling;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Cluster;
import dev.gantry.spec.Dns;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.Logs;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Network;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import dev.gantry.spec.VpcMode;
import dev.gantry.spec.YamlEnum;

import dev.gantry.spec.AppService;
import dev.gantry.spec.PublicAccess;
import dev.gantry.spec.Route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wizard's draft → {@link Spec}: each question's answer (given or default) and, for values no
 * question asks (tags, command, alternativeNames, the load balancer's timeouts), the edited file's,
 * so editing never drops them. Every spec field the wizard writes is read here by its path, so a new
 * question on an existing field needs nothing here.
 */
final class SpecAssembler {
    private SpecAssembler() {}

    private static boolean applies(AnswersSoFar k, String id) { return Questions.byId(id).map(q -> q.applies(k)).orElse(false); }

    /** The image, pinned to the digest its registry gave when the person asked for that. */
    private static String image(AnswersSoFar k) {
        String image = k.get("task.image");
        if (!applies(k, "task.pinDigest") || !k.is("task.pinDigest", "true")) return image;
        return ComputeQuestions.imageLook(k).map(Lookups.ImageLook::digest)
                .map(d -> dev.gantry.spec.ImageRef.pinned(image, d)).orElse(image);
    }

    private static dev.gantry.spec.RegistryCredentials registryLogin(AnswersSoFar k) {
        String secret = k.get("task.registryCredentials");
        return applies(k, "task.registryCredentials") && secret != null && !secret.isBlank() ? new dev.gantry.spec.RegistryCredentials(secret.strip()) : null;
    }

    /**
     * The build of the folder gantry.yaml is in, or of another service's own folder; the Dockerfile
     * named only when it is not the context's own (Dockerfile, or api/Dockerfile for context api).
     */
    private static dev.gantry.spec.Build buildOf(AnswersSoFar k) {
        String root = k.facts().specFolder() != null ? k.facts().specFolder() : java.nio.file.Path.of("").toAbsolutePath().toString();
        String dockerfile = k.get("task.build.dockerfile");
        String context = k.get("task.build.context");
        String target = k.get("task.build.target");
        return new dev.gantry.spec.Build(root, context == null || context.isBlank() ? "." : context,
                dockerfile == null || dockerfile.isBlank() || dockerfile.equals(AppQuestions.contextDockerfile(k)) ? null : dockerfile,
                target == null || target.isBlank() ? null : target, AnswerText.pairs(k.get("task.build.args")),
                intOr(k, "task.build.keepImages", dev.gantry.spec.Build.DEFAULT_KEEP_IMAGES));
    }

    static Spec build(WizardFlow k) {
        if (k.draft().servicesVersion()) return buildServices(k);
        Network network = network(k);
        Task task = task(k);
        Service service = service(k);
        LoadBalancer lb = null;
        Certificate cert = null;
        Dns dns = null;
        if (k.is("loadBalancer", "yes")) {
            lb = new LoadBalancer(k.get("loadBalancer.healthCheckPath"), intOr(k, "loadBalancer.deregistrationDelay", LoadBalancer.DEFAULT_DEREGISTRATION_DELAY),
                    intOr(k, "loadBalancer.idleTimeout", 60), k.list("loadBalancer.allowedCidrs"),
                    intOr(k, "loadBalancer.healthCheckInterval", LoadBalancer.DEFAULT_HEALTH_CHECK_INTERVAL),
                    intOr(k, "loadBalancer.healthCheckTimeout", LoadBalancer.DEFAULT_HEALTH_CHECK_TIMEOUT),
                    intOr(k, "loadBalancer.healthyThreshold", LoadBalancer.DEFAULT_HEALTHY_THRESHOLD));
            if (k.is("certificate", "new")) {
                cert = new Certificate(k.get("certificate.domain"), k.list("certificate.alternativeNames"), null);
            } else if (k.is("certificate", "existing")) {
                cert = new Certificate(null, null, k.get("certificate.arn"));
            }
            if (k.is("dns", "yes")) dns = new Dns(k.get("dns.zone"), k.get("dns.record"));
        }
        return new Spec(Spec.CURRENT_VERSION, k.get("app"), k.get("region"), AnswerText.pairs(k.get("tags")), network, cluster(k),
                task, service, lb, cert, dns, alerts(k)).withGuard(guard(k));
    }

    /**
     * Version 2: each service's task, service and public answers read with the focus on it (the
     * same questions, at services.NAME), the shared pieces once; shaped as the loader binds it.
     */
    private static Spec buildServices(WizardFlow k) {
        SpecDraft d = k.draft();
        Map<String, AppService> services = new LinkedHashMap<>();
        d.eachService(() -> {
            PublicAccess access = !k.is("loadBalancer", "yes") ? null : new PublicAccess(
                    k.list("public.routes").stream().map(Route::parse).toList(), k.get("loadBalancer.healthCheckPath"),
                    intOr(k, "loadBalancer.deregistrationDelay", LoadBalancer.DEFAULT_DEREGISTRATION_DELAY),
                    intOr(k, "loadBalancer.healthCheckInterval", LoadBalancer.DEFAULT_HEALTH_CHECK_INTERVAL),
                    intOr(k, "loadBalancer.healthCheckTimeout", LoadBalancer.DEFAULT_HEALTH_CHECK_TIMEOUT),
                    intOr(k, "loadBalancer.healthyThreshold", LoadBalancer.DEFAULT_HEALTHY_THRESHOLD));
            services.put(d.focus(), new AppService(d.focus(), task(k), service(k), access, "true".equals(k.get("internal"))));
        });
        if (services.isEmpty()) throw new IllegalStateException("services: an app needs at least one service");
        AppService primary = services.values().stream().filter(AppService::isPublic).findFirst().orElse(services.values().iterator().next());
        String was = d.focus();
        d.focus(primary.name()); // the shared questions read as for the primary (public) service
        try {
            LoadBalancer lb = null;
            Certificate cert = null;
            Dns dns = null;
            if (primary.isPublic()) {
                LoadBalancer shared = new LoadBalancer("/", LoadBalancer.DEFAULT_DEREGISTRATION_DELAY, intOr(k, "loadBalancer.idleTimeout", 60),
                        k.list("loadBalancer.allowedCidrs"), LoadBalancer.DEFAULT_HEALTH_CHECK_INTERVAL,
                        LoadBalancer.DEFAULT_HEALTH_CHECK_TIMEOUT, LoadBalancer.DEFAULT_HEALTHY_THRESHOLD);
                lb = primary.publicAccess().asLoadBalancer(shared);
                List<String> hosts = services.values().stream().flatMap(a -> a.hosts().stream()).distinct().toList();
                if (k.is("certificate", "new")) {
                    // A named certificate keeps its names only when it is a wildcard; else it covers the routes' hosts.
                    String domain = k.get("certificate.domain");
                    cert = hosts.isEmpty() || domain != null && domain.startsWith("*.")
                            ? new Certificate(k.get("certificate.domain"), k.list("certificate.alternativeNames"), null)
                            : new Certificate(hosts.get(0), hosts.subList(1, hosts.size()), null);
                } else if (k.is("certificate", "existing")) {
                    cert = new Certificate(null, null, k.get("certificate.arn"));
                }
                if (k.is("dns", "yes")) dns = new Dns(k.get("dns.zone"), primary.hosts().isEmpty() ? null : primary.hosts().get(0));
            }
            return new Spec(Spec.SERVICES_VERSION, k.get("app"), k.get("region"), AnswerText.pairs(k.get("tags")), network(k), cluster(k),
                    primary.task(), primary.service(), lb, cert, dns, alerts(k), null, Map.of(), guard(k), services);
        } finally {
            d.focus(was);
        }
    }

    private static Network network(WizardFlow k) {
        return switch (YamlEnum.parse(VpcMode.class, k.get("network.vpc")).orElseThrow()) {
            case NEW -> Network.newVpc(k.get("network.cidr"), Integer.parseInt(k.get("network.availabilityZones")),
                    YamlEnum.parse(NatMode.class, k.get("network.natGateways")).orElseThrow());
            case DEFAULT -> Network.defaultVpc();
            case EXISTING -> Network.existing(k.get("network.vpcId"), k.list("network.publicSubnets"), k.list("network.privateSubnets"));
        };
    }

    /** The task the answers describe (the focused service's, in version 2). */
    private static Task task(WizardFlow k) {
        String size = k.get("task.size");
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        AnswerText.pairs(k.get("task.secrets")).forEach((n, p) -> secrets.put(n, new SecretRef(p)));
        String port = k.get("task.port");
        boolean building = applies(k, "task.source") && k.is("task.source", "build");
        return new Task(building ? null : image(k), TaskSizes.cpu(size), TaskSizes.memory(size),
                YamlEnum.parse(Architecture.class, k.get("task.architecture")).orElseThrow(),
                port == null || port.isBlank() ? null : Integer.parseInt(port),
                k.draft().list("task.command").isEmpty() ? null : k.draft().list("task.command"),
                AnswerText.pairs(k.get("task.environment")), secrets,
                new Logs(Integer.parseInt(k.get("task.logs.retentionDays"))), registryLogin(k),
                intOr(k, "task.stopTimeout", Task.DEFAULT_STOP_TIMEOUT), building ? buildOf(k) : null);
    }

    private static Service service(WizardFlow k) {
        String auto = k.get("service.autoscaling");
        Autoscaling autoscaling = null;
        if (auto != null && !auto.isBlank() && !auto.equals("none")) {
            String[] p = auto.split(":");
            autoscaling = new Autoscaling(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
        }
        return new Service(Integer.parseInt(k.get("service.desiredCount")),
                Integer.parseInt(k.get("service.minimumHealthyPercent")), Integer.parseInt(k.get("service.maximumPercent")),
                Boolean.parseBoolean(k.get("service.rollbackOnFailure")), autoscaling,
                intOr(k, "service.healthCheckGracePeriod", Service.DEFAULT_HEALTH_CHECK_GRACE_PERIOD));
    }

    private static Cluster cluster(WizardFlow k) {
        return new Cluster(k.get("cluster.name"), Boolean.parseBoolean(k.get("cluster.containerInsights")));
    }

    private static dev.gantry.spec.Alerts alerts(WizardFlow k) {
        // The thresholds no question asks are the edited file's, else the defaults.
        return !k.is("alerts", "yes") ? null : new dev.gantry.spec.Alerts(k.list("alerts.email"),
                intOr(k, "alerts.http5xxPerMinute", dev.gantry.spec.Alerts.DEFAULT_5XX_PER_MINUTE),
                intOr(k, "alerts.latencyP95Ms", dev.gantry.spec.Alerts.DEFAULT_LATENCY_P95_MS),
                intOr(k, "alerts.cpuPercent", dev.gantry.spec.Alerts.DEFAULT_CPU_PERCENT),
                intOr(k, "alerts.memoryPercent", dev.gantry.spec.Alerts.DEFAULT_MEMORY_PERCENT),
                !"false".equals(k.get("alerts.rollback")));
    }

    private static dev.gantry.spec.Guard guard(AnswersSoFar k) {
        if (!k.is("guard", "report") && !k.is("guard", "repair")) return null;
        String every = k.get("guard.every").trim();
        // A period out of range parses, but is no spec (nor a price: WizardFlow.tryBuild shows none).
        if (dev.gantry.spec.Rules.guardEvery(every) != null) throw new IllegalArgumentException("guard.every: " + every);
        return new dev.gantry.spec.Guard(dev.gantry.spec.Guard.parseMinutes(every),
                k.is("guard", "report") ? dev.gantry.spec.Guard.Repair.REPORT : dev.gantry.spec.Guard.Repair.SAFE);
    }

    private static int intOr(AnswersSoFar k, String id, int fallback) {
        String v = k.get(id);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}

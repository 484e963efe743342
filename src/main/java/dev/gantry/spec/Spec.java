package dev.gantry.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One gantry.yaml, version 1, with every default applied. Optional sections that the user left
 * out are {@code null} (loadBalancer, certificate, dns, service.autoscaling); everything else is
 * always present, so consumers never re-implement defaults.
 */
public record Spec(
        int version,
        String app,
        String region,
        Map<String, String> tags,
        Network network,
        Cluster cluster,
        Task task,
        Service service,
        LoadBalancer loadBalancer,
        Certificate certificate,
        Dns dns,
        Alerts alerts,
        Release release,
        Map<String, Job> jobs,
        Guard guard) {

    public static final int CURRENT_VERSION = 1;

    /** Without a guard (absent by default: nothing runs in the account between applies). */
    public Spec(int version, String app, String region, Map<String, String> tags, Network network, Cluster cluster, Task task,
                Service service, LoadBalancer loadBalancer, Certificate certificate, Dns dns, Alerts alerts, Release release, Map<String, Job> jobs) {
        this(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, null);
    }

    /** Without alerts (absent by default: a spec without the section gets no alarms). */
    public Spec(int version, String app, String region, Map<String, String> tags, Network network, Cluster cluster, Task task,
                Service service, LoadBalancer loadBalancer, Certificate certificate, Dns dns, Release release, Map<String, Job> jobs) {
        this(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, null, release, jobs);
    }

    /** Without a release command and scheduled jobs. */
    public Spec(int version, String app, String region, Map<String, String> tags, Network network, Cluster cluster, Task task,
                Service service, LoadBalancer loadBalancer, Certificate certificate, Dns dns, Alerts alerts) {
        this(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, null, Map.of());
    }

    public Spec {
        Objects.requireNonNull(app, "app");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        network = network == null ? Network.defaults() : network;
        cluster = cluster == null ? new Cluster(app, false) : cluster;
        service = service == null ? Service.defaults() : service;
        jobs = jobs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(jobs));
    }

    /** A spec without alerts, a release command or jobs (every spec written before they existed). */
    public Spec(int version, String app, String region, Map<String, String> tags, Network network, Cluster cluster, Task task,
                Service service, LoadBalancer loadBalancer, Certificate certificate, Dns dns) {
        this(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, null, null, Map.of());
    }

    public boolean hasLoadBalancer() { return loadBalancer != null; }
    public boolean hasCertificate() { return certificate != null; }
    public boolean hasDns() { return dns != null; }
    public boolean hasAlerts() { return alerts != null; }
    public boolean hasGuard() { return guard != null; }

    /** Secrets whose SSM parameter gantry creates and owns (not given as an ARN). */
    public Map<String, SecretRef> managedSecrets() {
        return task.secrets().entrySet().stream().filter(e -> e.getValue().managed())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                        (a, b) -> a, java.util.TreeMap::new));
    }

    /** The public URL once deployed, or null for a worker. */
    public String url() {
        if (!hasLoadBalancer()) return null;
        if (hasDns()) return (hasCertificate() ? "https://" : "http://") + dns.record();
        return null; // only the load balancer's DNS name, known after apply
    }

    public Spec withNetwork(Network n) { return new Spec(version, app, region, tags, n, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withCluster(Cluster c) { return new Spec(version, app, region, tags, network, c, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withTask(Task t) { return new Spec(version, app, region, tags, network, cluster, t, service, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withService(Service s) { return new Spec(version, app, region, tags, network, cluster, task, s, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withLoadBalancer(LoadBalancer l) { return new Spec(version, app, region, tags, network, cluster, task, service, l, certificate, dns, alerts, release, jobs, guard); }
    public Spec withCertificate(Certificate c) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, c, dns, alerts, release, jobs, guard); }
    public Spec withDns(Dns d) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, d, alerts, release, jobs, guard); }
    public Spec withAlerts(Alerts a) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, a, release, jobs, guard); }
    public Spec withApp(String a) { return new Spec(version, a, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withRegion(String r) { return new Spec(version, app, r, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withTags(Map<String, String> t) { return new Spec(version, app, region, t, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard); }
    public Spec withRelease(Release r) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, r, jobs, guard); }
    public Spec withJobs(Map<String, Job> j) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, j, guard); }
    public Spec withGuard(Guard g) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, g); }

    public static List<String> sectionNames() {
        return List.of("version", "app", "region", "tags", "network", "cluster", "task", "service",
                "loadBalancer", "certificate", "dns", "alerts", "release", "jobs", "guard");
    }
}

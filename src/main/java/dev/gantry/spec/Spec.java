package dev.gantry.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One gantry.yaml, version 1 or 2, with every default applied. Optional sections that the user left
 * out are {@code null} (loadBalancer, certificate, dns, service.autoscaling); everything else is
 * always present, so consumers never re-implement defaults.
 * <p>
 * {@code services} holds every service of the app, in the file's order. A version-1 file has one,
 * named after the app, made from its {@code task}, {@code service}, {@code loadBalancer} and
 * {@code dns}. {@code task}, {@code service}, {@code loadBalancer} and {@code dns} are the
 * <em>primary</em> service's ({@link #primaryService}: the first public service, or the first one
 * when none is public; for version 2 {@code loadBalancer} carries its health check with the shared
 * settings and {@code dns.record} its first host), for code that does not act per service yet.
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
        Guard guard,
        Map<String, AppService> services) {

    /** The version gantry init writes. */
    public static final int CURRENT_VERSION = 1;
    /** The version with {@code services:}, several services per app. */
    public static final int SERVICES_VERSION = 2;

    /** A version-1 spec: its one service is made from task, service, loadBalancer and dns. */
    public Spec(int version, String app, String region, Map<String, String> tags, Network network, Cluster cluster, Task task,
                Service service, LoadBalancer loadBalancer, Certificate certificate, Dns dns, Alerts alerts, Release release,
                Map<String, Job> jobs, Guard guard) {
        this(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, null);
    }

    /** Without a guard (absent by default: nothing runs in the account between applies). */
    public Spec(int version, String app, String region, Map<String, String> tags, Network network, Cluster cluster, Task task,
                Service service, LoadBalancer loadBalancer, Certificate certificate, Dns dns, Alerts alerts, Release release, Map<String, Job> jobs) {
        this(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, (Guard) null);
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
        services = services == null || services.isEmpty()
                ? Map.of(app, version1Service(app, task, service, loadBalancer, dns))
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }

    /** A version-1 file's one service: named after the app, public when it has a load balancer, on dns.record's host. */
    private static AppService version1Service(String app, Task task, Service service, LoadBalancer lb, Dns dns) {
        PublicAccess access = lb == null ? null
                : PublicAccess.of(lb, dns != null && dns.record() != null ? List.of(new Route(dns.record(), null)) : List.of());
        return new AppService(app, task, service, access, false);
    }

    public boolean isVersion2() { return version >= SERVICES_VERSION; }

    /**
     * The service {@link #task()} and {@link #service()} describe (for code not per service yet):
     * the first public one, or the first of the file when none is public.
     */
    public AppService primaryService() {
        return services.values().stream().filter(AppService::isPublic).findFirst().orElse(services.values().iterator().next());
    }

    /**
     * The service whose build makes {@code service}'s image: among the services with the same
     * build ({@link Build#sameImageAs}) and architecture, the one named like the app, else the first
     * of the file; null when {@code service} has no build. The image is built once, into that
     * service's repository, and every service of the same build runs it.
     */
    public String imageBuiltBy(String service) {
        AppService a = services.get(service);
        if (a == null || a.task() == null || a.task().build() == null) return null;
        return firstSharing(a, o -> o.task().build() != null && o.task().build().sameImageAs(a.task().build())
                && o.task().architecture() == a.task().architecture());
    }

    /**
     * The service whose registry login {@code service} uses: among the services naming the same
     * secret, the one named like the app, else the first of the file (one secret, one resource);
     * null without a login.
     */
    public String registryLoginOf(String service) {
        AppService a = services.get(service);
        if (a == null || a.task() == null || a.task().registryCredentials() == null) return null;
        return firstSharing(a, o -> a.task().registryCredentials().equals(o.task().registryCredentials()));
    }

    private String firstSharing(AppService a, java.util.function.Predicate<AppService> same) {
        AppService own = services.get(app);
        if (own != null && own.task() != null && same.test(own)) return own.name();
        return services.values().stream().filter(o -> o.task() != null && same.test(o)).findFirst().map(AppService::name).orElse(a.name());
    }

    /**
     * The name the value of {@code service}'s registry login is given under (its own, or the one of
     * the service whose secret it shares); for a service without a login, the name one would have.
     */
    public String registryLoginValueName(String service) {
        String owner = registryLoginOf(service);
        return RegistryCredentials.valueName(app, owner == null ? service : owner);
    }

    /** Whether any service builds its image in this run ({@link Task#builds}). */
    public boolean builds() { return services.values().stream().anyMatch(a -> a.task() != null && a.task().builds()); }

    /** The names the values of the registry logins gantry keeps are given under (--secret NAME=@FILE). */
    public java.util.Set<String> registryLoginValueNames() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (AppService a : services.values()) {
            if (a.task() == null || a.task().registryCredentials() == null || !a.task().registryCredentials().managed()) continue;
            out.add(RegistryCredentials.valueName(app, registryLoginOf(a.name())));
        }
        return out;
    }

    /** The services reached through the load balancer, in the file's order. */
    public List<AppService> publicServices() { return services.values().stream().filter(AppService::isPublic).toList(); }

    /** Every host a public service's routes name, in order, each once. */
    public List<String> publicHosts() { return services.values().stream().flatMap(a -> a.hosts().stream()).distinct().toList(); }

    /** The services with the primary one changed: what {@link #withTask}/{@link #withService} keep for version 2. */
    private Map<String, AppService> withFirst(java.util.function.UnaryOperator<AppService> change) {
        if (!isVersion2()) return null;
        Map<String, AppService> out = new java.util.LinkedHashMap<>(services);
        AppService first = primaryService();
        out.put(first.name(), change.apply(first));
        return out;
    }

    private Map<String, AppService> kept() { return isVersion2() ? services : null; }

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
        // A secret several services name is one parameter (the same name, the same value).
        return services.values().stream().filter(a -> a.task() != null).flatMap(a -> a.task().secrets().entrySet().stream())
                .filter(e -> e.getValue().managed())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                        (a, b) -> a, java.util.TreeMap::new));
    }

    /** The public URL once deployed, or null for a worker. */
    public String url() {
        if (!hasLoadBalancer()) return null;
        if (hasDns() && dns.record() != null) return (hasCertificate() ? "https://" : "http://") + dns.record();
        return null; // only the load balancer's DNS name, known after apply
    }

    /** With {@code service}'s task changed (the primary service's is also {@link #task()}). */
    public Spec withTaskOf(String service, Task t) {
        if (!isVersion2() || service.equals(primaryService().name())) return withTask(t);
        Map<String, AppService> out = new java.util.LinkedHashMap<>(services);
        out.put(service, services.get(service).withTask(t));
        return new Spec(version, app, region, tags, network, cluster, task, this.service, loadBalancer, certificate, dns, alerts, release, jobs, guard, out);
    }

    public Spec withNetwork(Network n) { return new Spec(version, app, region, tags, n, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, kept()); }
    public Spec withCluster(Cluster c) { return new Spec(version, app, region, tags, network, c, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, kept()); }
    public Spec withTask(Task t) { return new Spec(version, app, region, tags, network, cluster, t, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, withFirst(a -> a.withTask(t))); }
    public Spec withService(Service s) { return new Spec(version, app, region, tags, network, cluster, task, s, loadBalancer, certificate, dns, alerts, release, jobs, guard, withFirst(a -> a.withService(s))); }
    public Spec withLoadBalancer(LoadBalancer l) { return new Spec(version, app, region, tags, network, cluster, task, service, l, certificate, dns, alerts, release, jobs, guard, kept()); }
    public Spec withCertificate(Certificate c) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, c, dns, alerts, release, jobs, guard, kept()); }
    public Spec withDns(Dns d) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, d, alerts, release, jobs, guard, kept()); }
    public Spec withAlerts(Alerts a) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, a, release, jobs, guard, kept()); }
    public Spec withApp(String a) { return new Spec(version, a, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, kept()); }
    public Spec withRegion(String r) { return new Spec(version, app, r, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, kept()); }
    public Spec withTags(Map<String, String> t) { return new Spec(version, app, region, t, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, guard, kept()); }
    public Spec withRelease(Release r) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, r, jobs, guard, kept()); }
    public Spec withJobs(Map<String, Job> j) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, j, guard, kept()); }
    public Spec withGuard(Guard g) { return new Spec(version, app, region, tags, network, cluster, task, service, loadBalancer, certificate, dns, alerts, release, jobs, g, kept()); }

    /** Version 2's top-level keys: {@code services} in place of {@code task} and {@code service}. */
    public static List<String> sectionNamesVersion2() {
        return List.of("version", "app", "region", "tags", "network", "cluster", "loadBalancer", "certificate", "dns",
                "services", "alerts", "release", "jobs", "guard");
    }

    public static List<String> sectionNames() {
        return List.of("version", "app", "region", "tags", "network", "cluster", "task", "service",
                "loadBalancer", "certificate", "dns", "alerts", "release", "jobs", "guard");
    }
}

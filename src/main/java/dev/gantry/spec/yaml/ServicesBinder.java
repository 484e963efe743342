package dev.gantry.spec.yaml;

import dev.gantry.spec.Alerts;
import dev.gantry.spec.AppService;
import dev.gantry.spec.AwsLimits;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.DerivedNames;
import dev.gantry.spec.Dns;
import dev.gantry.spec.LoadBalancer;
import dev.gantry.spec.PublicAccess;
import dev.gantry.spec.Route;
import dev.gantry.spec.RuleSlots;
import dev.gantry.spec.Rules;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Version 2's {@code services} and the shared {@code loadBalancer}, {@code certificate} and
 * {@code dns}. Each service's {@code task} and {@code service} are bound exactly as version 1's
 * sections, with their fields named under {@code services.NAME.}.
 */
final class ServicesBinder {
    static final List<String> SERVICE_KEYS = List.of("task", "service", "public", "internal");
    static final List<String> PUBLIC_KEYS = List.of("routes", "healthCheckPath", "deregistrationDelay", "healthCheckInterval",
            "healthCheckTimeout", "healthyThreshold");
    static final List<String> SHARED_LOAD_BALANCER_KEYS = List.of("idleTimeout", "allowedCidrs");
    static final List<String> DNS_KEYS = List.of("zone");
    /** Lowercase, so it is a DNS label for Service Connect and a part of every AWS name it prefixes. */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");
    static final int NAME_MAX = 32;
    /** ECR's rule for a repository name (CreateRepository: repositoryName), without the namespaces gantry never writes. */
    static final Pattern ECR_REPOSITORY = Pattern.compile("^[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    /**
     * Public services on one load balancer: 25, as ECS Express Mode shares one load balancer among
     * at most 25 services. ALB allows 100 rules (besides the defaults) and 100 target groups per
     * load balancer (Quotas for your Application Load Balancers, not adjustable), so 25 services
     * leave each room for 4 routes and for its target group to be swapped (a port change makes the
     * new group beside the old).
     */
    static final int MAX_PUBLIC_SERVICES = 25;    /** ALB: 100 rules per load balancer, not counting default rules; gantry makes one rule per route. */
    static final int MAX_ROUTES = 100;
    /**
     * gantry remembers where the app's records are in one tag of the load balancer
     * ("ZONEID/host" each, space separated; RecordLocations), and ELB allows 256 characters for a
     * tag's value; a Route53 zone id is at most 32 characters.
     */
    static final int RECORD_TAG_MAX = 256, ZONE_ID_MAX = 32;
    /** ACM: 10 names per certificate by default (the domain and up to 9 alternative names). */
    static final int CERTIFICATE_NAMES = 10;

    /** What the section gives the spec; the v1-shaped fields are the primary service's (see {@link Spec}). */
    record Bound(Map<String, AppService> services, Task task, Service service, LoadBalancer loadBalancer,
                 Certificate certificate, Dns dns) {}

    private final Report report;
    private final MapReader root;
    private final String app;
    private final String region;
    /** Where each service's entry and routes are, for the rules across services. */
    private final Map<String, Node.Entry> entries = new LinkedHashMap<>();
    private final Map<String, List<Node>> routeNodes = new HashMap<>();

    ServicesBinder(Report report, MapReader root, String app, String region) {
        this.report = report;
        this.root = root;
        this.app = app;
        this.region = region;
    }

    /** Whether the document says {@code version: 2}: its top-level keys are version 2's. */
    static boolean isVersion2(Node.MapNode map) {
        Node.Entry v = map.get("version");
        return v != null && v.value() instanceof Node.ScalarNode s && s.kind() == Node.Kind.INT
                && String.valueOf(Spec.SERVICES_VERSION).equals(s.text().trim());
    }

    Bound bind() {
        Map<String, AppService> services = services();
        LoadBalancer shared = sharedLoadBalancer(services);
        Dns zone = dns(services);
        Certificate certificate = certificate(services);
        crossRules(services, zone, certificate);
        if (services.isEmpty() || report.hasErrors()) return null;
        AppService primary = services.values().stream().filter(AppService::isPublic).findFirst()
                .orElse(services.values().iterator().next());
        LoadBalancer lb = primary.isPublic() ? primary.publicAccess().asLoadBalancer(shared == null ? LoadBalancer.defaults() : shared) : null;
        Dns dns = zone == null ? null : new Dns(zone.zone(), primary.hosts().isEmpty() ? null : primary.hosts().get(0));
        return new Bound(services, primary.task(), primary.service(), lb, certificate, dns);
    }

    private Map<String, AppService> services() {
        Node.MapNode m = root.map("services");
        Map<String, AppService> out = new LinkedHashMap<>();
        if (m == null) {
            if (!root.has("services") && root.has("task")) {
                report.error(root.lineOf("version"), root.columnOf("version"), "version", "version 2 lists the app's services under services:,"
                        + " and this file has version 1's task", "write version: 1, or run 'gantry migrate' on the version-1 file");
            } else if (!root.has("services")) {
                root.required("services", "add the app's services, e.g. services: {web: {task: {image: public.ecr.aws/nginx/nginx:1.27, port: 80},"
                        + " public: {}}}, or run 'gantry migrate' on a version-1 file");
            }
            return out;
        }
        if (m.entries().isEmpty()) {
            report.error(m.line(), m.column(), "services", "an app needs at least one service", "add one, e.g. web: {task: {image: …, port: 80}, public: {}}");
            return out;
        }
        for (Node.Entry e : m.entries().values()) {
            String field = "services." + e.key();
            entries.put(e.key(), e);
            boolean nameOk = name(e, field);
            if (!(e.value() instanceof Node.MapNode sm)) {
                report.error(e.value().line(), e.value().column(), field, "expected a map of fields (task, service, public, internal), got "
                        + e.value().describe(), "write the service's fields on the lines below '" + e.key() + ":', indented");
                continue;
            }
            AppService s = service(e.key(), e, sm);
            if (s != null && nameOk) out.put(e.key(), s);
        }
        return out;
    }

    private boolean name(Node.Entry e, String field) {
        String name = e.key();
        if (!NAME.matcher(name).matches() || name.endsWith("-")) {
            String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
            report.error(e.line(), e.column(), field, "a service's name must start with a lowercase letter and hold only lowercase letters,"
                    + " digits and '-', not ending in '-' (it names AWS resources and is the host other services call), got '" + name + "'",
                    s.isEmpty() ? "e.g. web, api or worker" : "rename it " + s);
            return false;
        }
        if (name.length() > NAME_MAX) {
            report.error(e.line(), e.column(), field, "a service's name is at most " + NAME_MAX + " characters, got " + name.length(),
                    "use a shorter name, e.g. " + name.substring(0, NAME_MAX).replaceAll("-+$", ""));
            return false;
        }
        return true;
    }

    private AppService service(String name, Node.Entry at, Node.MapNode m) {
        Report r = report.within("services." + name + ".");
        MapReader s = new MapReader(m, "", at.line(), at.column(), r, SERVICE_KEYS);
        Task task = new TaskBinder(r, app).bind(s);
        Service service = new EdgeBinder(r, s, region).service();
        PublicAccess access = publicAccess(name, s, r);
        Boolean internal = s.bool("internal");
        boolean reached = access != null || Boolean.TRUE.equals(internal);
        if (reached && task != null && task.port() == null && !r.bad("task.port")) {
            Node.Entry t = s.entry("task");
            r.error(t.line(), t.column(), "task.port", "port is required for a service that is " + (access != null ? "public" : "internal")
                    + ": " + (access != null ? "the load balancer forwards" : "the app's other services connect") + " to it",
                    "add port: 8080 (the port your container listens on) under services." + name + ".task");
        }
        if (task == null) return null;
        return new AppService(name, task, service, access, Boolean.TRUE.equals(internal));
    }

    private PublicAccess publicAccess(String name, MapReader svc, Report r) {
        MapReader s = svc.section("public", PUBLIC_KEYS);
        if (s == null) return null;
        LoadBalancer d = LoadBalancer.defaults();
        List<Route> routes = new ArrayList<>();
        List<String> texts = s.strings("routes", "[www.example.com, www.example.com/api/*, /static/*]");
        if (texts != null) {
            Node.ListNode list = s.listNode("routes");
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                Node item = list.items().get(i);
                Rules.Problem p = Route.problem(texts.get(i));
                if (p != null) r.error(item.line(), item.column(), "public.routes[" + i + "]", p);
                else {
                    routes.add(Route.parse(texts.get(i)));
                    nodes.add(item);
                }
            }
            routeNodes.put(name, nodes);
        }
        String path = s.string("healthCheckPath");
        if (path != null) s.check("healthCheckPath", Rules.healthCheckPath(path));
        int delay = ranged(s, "deregistrationDelay", Rules.DEREGISTRATION_DELAY, "seconds", d.deregistrationDelay());
        int interval = ranged(s, "healthCheckInterval", Rules.HEALTH_CHECK_INTERVAL, "seconds", d.healthCheckInterval());
        int timeout = ranged(s, "healthCheckTimeout", Rules.HEALTH_CHECK_TIMEOUT, "seconds", d.healthCheckTimeout());
        int threshold = ranged(s, "healthyThreshold", Rules.HEALTHY_THRESHOLD, "checks", d.healthyThreshold());
        if (timeout >= interval && !r.bad("public.healthCheckTimeout") && !r.bad("public.healthCheckInterval")) {
            String at = s.has("healthCheckTimeout") ? "healthCheckTimeout" : "healthCheckInterval";
            report.error(s.valueLine(at), s.valueColumn(at), "services." + name + ".public." + at,
                    "healthCheckTimeout (" + timeout + " s) must be shorter than healthCheckInterval (" + interval + " s)",
                    "e.g. healthCheckInterval: " + Math.max(interval, timeout + 1) + " with healthCheckTimeout: " + Math.min(timeout, interval - 1));
        }
        return new PublicAccess(routes, path, delay, interval, timeout, threshold);
    }

    /** {@code loadBalancer}: in version 2 only what all public services share; the health check is each service's. */
    private LoadBalancer sharedLoadBalancer(Map<String, AppService> services) {
        Node.Entry e = root.entry("loadBalancer");
        if (e == null) return null;
        if (e.value() instanceof Node.MapNode m) {
            for (Node.Entry k : m.entries().values()) {
                if (EdgeBinder.LOAD_BALANCER_KEYS.contains(k.key()) && !SHARED_LOAD_BALANCER_KEYS.contains(k.key())) {
                    report.error(k.line(), k.column(), "loadBalancer." + k.key(), "in version 2, " + k.key()
                            + " is each public service's: it belongs to the service's target group, not to the shared load balancer",
                            "move it under services.NAME.public (e.g. services.web.public." + k.key() + ")");
                }
            }
        }
        if (services.values().stream().noneMatch(AppService::isPublic) && !services.isEmpty()) {
            report.error(e.line(), e.column(), "loadBalancer", "loadBalancer applies only when a service is public, and none is",
                    "add public: {} to the service the load balancer should reach, or remove loadBalancer");
        }
        // The shared keys are checked as version 1 checks them; the moved ones were reported above.
        return new EdgeBinder(report, root, region).loadBalancer();
    }

    private Dns dns(Map<String, AppService> services) {
        Node.Entry e = root.entry("dns");
        if (e == null) return null;
        if (e.value() instanceof Node.MapNode m && m.get("record") != null) {
            Node.Entry rec = m.get("record");
            report.error(rec.line(), rec.column(), "dns.record", "in version 2 every public host gets its own record: the hosts are"
                    + " named by the services' public.routes", "remove dns.record and list the host in a service's routes, e.g. routes: ["
                    + (rec.value() instanceof Node.ScalarNode sc ? sc.text() : "www.example.com") + "]");
        }
        MapReader s = root.section("dns", e.value() instanceof Node.MapNode m && m.get("record") != null
                ? List.of("zone", "record") : DNS_KEYS);
        if (s == null) return null;
        String zone = s.string("zone");
        if (!s.has("zone")) s.required("zone", "the public Route53 hosted zone, e.g. zone: example.com");
        else if (zone != null && s.check("zone", Rules.dnsName(zone))) return new Dns(zone, null);
        return null;
    }

    /**
     * {@code certificate}: with {@code domain} or {@code arn} as version 1; left empty, one
     * certificate for every public host (the first the domain, the rest alternative names).
     */
    private Certificate certificate(Map<String, AppService> services) {
        Node.Entry e = root.entry("certificate");
        if (e == null) return null;
        if (e.value() instanceof Node.MapNode m && (m.get("domain") != null || m.get("arn") != null)) {
            return new EdgeBinder(report, root, region).certificate();
        }
        MapReader s = root.section("certificate", EdgeBinder.CERTIFICATE_KEYS);
        if (s == null) return null;
        if (s.has("alternativeNames")) {
            report.error(s.lineOf("alternativeNames"), s.columnOf("alternativeNames"), "certificate.alternativeNames",
                    "alternativeNames need a domain; without one the certificate's names are the public routes' hosts",
                    "remove alternativeNames (the hosts are taken from the routes), or add domain");
            return null;
        }
        List<String> hosts = services.values().stream().flatMap(a -> a.hosts().stream()).distinct().toList();
        if (hosts.isEmpty()) {
            if (!services.isEmpty()) {
                report.error(e.line(), e.column(), "certificate", "certificate: {} covers the hosts the public services' routes name, and no route names one",
                        "add a host to a public service's routes (e.g. routes: [www.example.com]), or give certificate.domain");
            }
            return null;
        }
        if (hosts.size() > CERTIFICATE_NAMES) {
            report.error(e.line(), e.column(), "certificate", "the routes name " + hosts.size() + " hosts; an ACM certificate holds "
                    + CERTIFICATE_NAMES + " names unless the account's quota was raised",
                    "use a wildcard: certificate: {domain: \"*.example.com\"}, or fewer hosts");
            return null;
        }
        return new Certificate(hosts.get(0), hosts.subList(1, hosts.size()), null);
    }

    private void crossRules(Map<String, AppService> services, Dns zone, Certificate certificate) {
        List<AppService> publics = services.values().stream().filter(AppService::isPublic).toList();
        for (String section : List.of("certificate", "dns")) {
            if (root.has(section) && publics.isEmpty() && !services.isEmpty()) {
                Node.Entry e = root.entry(section);
                report.error(e.line(), e.column(), section, section + " applies only when a service is public (it is served by the load balancer), and none is",
                        "add public: {routes: [www.example.com]} to a service, or remove " + section);
            }
        }
        if (publics.size() > MAX_PUBLIC_SERVICES) {
            Node.Entry e = entries.get(publics.get(MAX_PUBLIC_SERVICES).name());
            report.error(e.line(), e.column(), "services." + e.key(), publics.size() + " services are public; gantry puts at most "
                    + MAX_PUBLIC_SERVICES + " on one load balancer (ALB allows 100 rules and 100 target groups each; 25 services leave each"
                    + " room for 4 routes and a target group swap), so nothing would be applied; services." + e.key()
                    + " is the " + (MAX_PUBLIC_SERVICES + 1) + "th public one",
                    "make the services that need no URL internal (internal: true: the app's services reach them at http://NAME:PORT) or workers,"
                            + " or move some into a second app, which gets its own load balancer");
        }
        Map<String, String> seen = new HashMap<>();
        String defaultTaker = null;
        int routes = 0;
        for (AppService a : publics) {
            List<Node> nodes = routeNodes.getOrDefault(a.name(), List.of());
            if (a.publicAccess().routes().isEmpty() && !report.bad("services." + a.name() + ".public")) {
                if (defaultTaker != null) {
                    Node.Entry e = entries.get(a.name());
                    report.error(e.line(), e.column(), "services." + a.name() + ".public", "both " + defaultTaker + " and " + a.name()
                            + " are public without routes; only one service can take the requests no route matches",
                            "give " + a.name() + " routes, e.g. routes: [api.example.com] or routes: [/api/*]");
                }
                defaultTaker = a.name();
            }
            List<Route> rs = a.publicAccess().routes();
            routes += rs.size();
            for (int i = 0; i < rs.size() && i < nodes.size(); i++) {
                Route r = rs.get(i);
                Node at = nodes.get(i);
                String field = "services." + a.name() + ".public.routes[" + i + "]";
                String owner = seen.putIfAbsent(r.text(), a.name());
                if (owner != null) {
                    report.error(at.line(), at.column(), field, r.text() + " is already a route of " + (owner.equals(a.name()) ? "this service" : owner)
                            + "; a request can reach only one service", owner.equals(a.name()) ? "remove the duplicate" : "remove it from one of them");
                }
                if (r.host() != null && zone != null) {
                    Rules.Problem p = Rules.recordInZone(r.host(), zone.zone());
                    if (p != null) report.error(at.line(), at.column(), field, "the route's host " + p.message()
                            + " (dns.zone gets one record per public host)", p.fix());
                }
                if (r.host() != null && certificate != null && certificate.domain() != null
                        && certificate.names().stream().noneMatch(n -> Certificate.covers(n, r.host()))) {
                    report.error(at.line(), at.column(), field, r.host() + " is not covered by the certificate ("
                            + String.join(", ", certificate.names()) + "); browsers would reject the connection",
                            "add " + r.host() + " to certificate.alternativeNames, or leave certificate: {} to cover every route's host");
                }
            }
        }
        if (zone != null) {
            List<String> hosts = publics.stream().flatMap(a -> a.hosts().stream()).distinct().toList();
            int tag = hosts.stream().mapToInt(h -> ZONE_ID_MAX + 1 + h.length()).sum() + Math.max(0, hosts.size() - 1);
            if (tag > RECORD_TAG_MAX) {
                Node.Entry e = root.entry("dns");
                report.error(e.line(), e.column(), "dns", "the routes name " + hosts.size() + " hosts; gantry keeps where their records are in one"
                        + " load balancer tag of " + RECORD_TAG_MAX + " characters, and these need up to " + tag,
                        "use fewer or shorter hosts (a path on one host, e.g. www.example.com/api/*, needs no record of its own)");
            }
        }
        if (routes > MAX_ROUTES) {
            Node.Entry e = root.entry("services");
            report.error(e.line(), e.column(), "services", "the services have " + routes + " routes; a load balancer holds "
                    + MAX_ROUTES + " rules besides its default (one per route)", "merge routes: a path prefix (/api/*) covers many paths");
        }
        ruleSlots(publics);
        uniquePorts(services);
        sharedSecrets(services);
        serviceNamesFit(services);
    }

    /**
     * The name {@code main} is kept for the service named like the app (version 1's names), and
     * every service that builds needs a name ECR accepts in its repository's name.
     */
    private void serviceNamesFit(Map<String, AppService> services) {
        for (AppService a : services.values()) {
            Node.Entry at = entries.get(a.name());
            if (a.name().equals("main") && !a.name().equals(app)) {
                report.error(at.line(), at.column(), "services.main", "'main' names the resources of the service called like the app ("
                        + app + "), so no other service may be called main", "rename it, e.g. web");
            }
            String repository = DerivedNames.repository(app, a.name());
            if (a.task().build() != null && !ECR_REPOSITORY.matcher(repository).matches()) {
                report.error(at.line(), at.column(), "services." + a.name() + ".task.build", "the service's images would go to the ECR repository "
                        + repository + ", and ECR allows no two of '-', '_', '.' in a row in a name", "rename the service, e.g. "
                        + a.name().replaceAll("-{2,}", "-"));
            }
        }
    }

    /**
     * Each route's rule takes a priority from its slot ({@code resources.Routing}): the routes of one slot
     * (the same kind, the same path length) must fit in its {@link RuleSlots#WIDTH} priorities.
     */
    private void ruleSlots(List<AppService> publics) {
        Map<Integer, List<String>> bySlot = new LinkedHashMap<>();
        for (AppService a : publics) {
            for (Route r : a.publicAccess().routes()) bySlot.computeIfAbsent(RuleSlots.start(r), k -> new ArrayList<>()).add(r.text());
        }
        for (List<String> same : bySlot.values()) {
            if (same.size() <= RuleSlots.WIDTH) continue;
            Node.Entry e = root.entry("services");
            report.error(e.line(), e.column(), "services", same.size() + " routes of one kind and path length (" + same.get(0) + ", " + same.get(1)
                    + ", …) share " + RuleSlots.WIDTH + " listener rule priorities; gantry orders rules by kind and path length",
                    "merge them: a path prefix (/api/*) or a wildcard host covers many");
        }
    }

    /**
     * The services share one security group, so a port opened to reach one service (from the load
     * balancer, or from the app's services) would reach every task listening on it: each reached
     * service needs a port of its own for the group to allow exactly the paths gantry means.
     */
    private void uniquePorts(Map<String, AppService> services) {
        Map<Integer, String> byPort = new HashMap<>();
        for (AppService a : services.values()) {
            if (a.isWorker() || a.task().port() == null) continue;
            String before = byPort.putIfAbsent(a.task().port(), a.name());
            if (before == null) continue;
            Node at = portNode(a.name());
            report.error(at.line(), at.column(), "services." + a.name() + ".task.port", "port " + a.task().port() + " is also " + before
                    + "'s; the services share one security group, so a port opened for " + before + " would reach " + a.name() + " too",
                    "give " + a.name() + " a port of its own, e.g. " + freePort(byPort.keySet(), a.task().port()));
        }
    }

    private static int freePort(java.util.Set<Integer> taken, int from) {
        int p = from < 8080 ? 8080 : from + 1;
        while (taken.contains(p)) p++;
        return p;
    }

    /** Where {@code services.NAME.task.port} is written (else the service's entry). */
    private Node portNode(String service) {
        Node.Entry e = entries.get(service);
        if (e.value() instanceof Node.MapNode m && m.get("task") != null && m.get("task").value() instanceof Node.MapNode t
                && t.get("port") != null) {
            return t.get("port").value();
        }
        return e.value();
    }

    /** A secret named by several services is one parameter: it must be the same one in each. */
    private void sharedSecrets(Map<String, AppService> services) {
        Map<String, SecretRef> first = new HashMap<>();
        Map<String, String> by = new HashMap<>();
        for (AppService a : services.values()) {
            for (Map.Entry<String, SecretRef> e : a.task().secrets().entrySet()) {
                SecretRef before = first.putIfAbsent(e.getKey(), e.getValue());
                if (before == null) { by.put(e.getKey(), a.name()); continue; }
                if (!before.equals(e.getValue())) {
                    Node.Entry at = entries.get(a.name());
                    report.error(at.line(), at.column(), "services." + a.name() + ".task.secrets." + e.getKey(), e.getKey() + " is "
                            + e.getValue().parameter() + " here but " + before.parameter() + " in " + by.get(e.getKey())
                            + "; a secret shared by name is one parameter", "name the same parameter in both, or give one of them another name");
                }
            }
        }
    }

    /** What AWS would refuse mid-apply, per service: its names, its execution role's policy and its task definition's size. */
    void limits(Spec spec) {
        for (AppService a : spec.services().values()) {
            Node.Entry at = entries.get(a.name());
            for (DerivedNames.Name n : DerivedNames.ofService(spec.app(), a)) {
                if (n.fits()) continue;
                report.error(at.line(), at.column(), n.field(), n.what() + " would be named " + n.name() + " (" + n.name().length()
                        + " characters); AWS allows " + n.max(), "shorten the service's name (or the app's)");
            }
            Task t = a.task();
            int policy = AwsLimits.executionPolicyLength(spec.region(), t.secrets(), t.registryCredentials());
            if (policy > AwsLimits.ROLE_INLINE_POLICIES) {
                report.error(at.line(), at.column(), "services." + a.name() + ".task.secrets", "the execution role's policy letting ECS read these "
                        + t.secrets().size() + " secrets would be " + policy + " characters; IAM allows " + AwsLimits.ROLE_INLINE_POLICIES,
                        "keep related values together in one parameter, or use shorter parameter names");
            }
            long size = AwsLimits.taskDefinitionBytes(spec.withTask(t));
            if (size > AwsLimits.TASK_DEFINITION_BYTES) {
                report.error(at.line(), at.column(), "services." + a.name() + ".task", "the task definition would be about " + size
                        + " bytes; ECS allows " + AwsLimits.TASK_DEFINITION_BYTES + " (64 KiB)",
                        "keep large values out of the task definition: bake them into the image, or have the app fetch them");
            }
        }
        int rules = AwsLimits.loadBalancerInboundRules(spec);
        if (rules > AwsLimits.INBOUND_RULES_PER_GROUP) {
            report.error(root.lineOf("loadBalancer"), root.columnOf("loadBalancer"), "loadBalancer.allowedCidrs", rules
                    + " inbound rules on the load balancer's security group; AWS allows " + AwsLimits.INBOUND_RULES_PER_GROUP,
                    "merge neighbouring CIDRs into wider ones");
        }
        if (spec.hasAlerts()) {
            // The task-stopped rule names every service's group; an account id is 12 digits.
            String cluster = "arn:aws:ecs:" + spec.region() + ":123456789012:cluster/" + spec.cluster().name();
            int pattern = Alerts.taskStoppedPattern(cluster, spec.services().keySet().stream()
                    .map(n -> DerivedNames.serviceBase(spec.app(), n)).toList()).length();
            if (pattern > Alerts.EVENT_PATTERN_MAX) {
                Node.Entry e = root.entry("alerts");
                report.error(e.line(), e.column(), "alerts", "the rule that emails a task's stop names the " + spec.services().size()
                        + " services' ECS names in a pattern of " + pattern + " characters; EventBridge allows " + Alerts.EVENT_PATTERN_MAX,
                        "use shorter service names (or a shorter app or cluster name)");
            }
        }
    }

    private static int ranged(MapReader s, String key, Rules.Range range, String unit, int dflt) {
        Long v = s.integer(key);
        if (v == null) return dflt;
        return s.check(key, Rules.inRange(range, v, unit)) ? v.intValue() : dflt;
    }
}

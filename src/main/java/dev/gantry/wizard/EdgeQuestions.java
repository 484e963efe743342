package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Load balancer, Certificate and DNS. */
final class EdgeQuestions {
    private EdgeQuestions() {}

    /** A file without loadBalancer is a worker; the default (yes) is only for new files. */
    private static final SpecField<String> LOAD_BALANCER = SpecField.shape("loadBalancer",
            d -> d.servicesVersion() ? d.shape("loadBalancer") /* the service's public: itself */ : d.value("loadBalancer") instanceof Map || d.has("loadBalancer") && d.value("loadBalancer") == null ? "yes" : "no",
            d -> { if (d.shape("loadBalancer").equals("yes")) d.section("loadBalancer"); });
    private static final SpecField<String> CERTIFICATE = SpecField.shape("certificate",
            d -> !(d.value("certificate") instanceof Map<?, ?> c) ? "none" : c.containsKey("arn") ? "existing" : "new",
            d -> { if (!d.shape("certificate").equals("none")) d.section("certificate"); });
    private static final SpecField<String> DNS = SpecField.shape("dns",
            d -> d.value("dns") instanceof Map ? "yes" : "no",
            d -> { if (d.shape("dns").equals("yes")) d.section("dns"); });

    private static boolean lb(AnswersSoFar k) { return k.is("loadBalancer", "yes"); }

    private static boolean dns(AnswersSoFar k) { return lb(k) && k.is("dns", "yes"); }

    /** Version 2: several services, each public, internal or a worker (docs/spec.md). */
    static boolean servicesVersion(AnswersSoFar k) { return "2".equals(k.get("version")); }

    static List<Question> all() {
        return List.of(
                Question.in(WizardScreen.LOAD_BALANCER, LOAD_BALANCER, Kind.CHOICE)
                        .title("Receive traffic from the internet?")
                        .explain("""
                                Whether the service gets an internet-facing Application Load Balancer. It \
                                checks your tasks' health and only sends traffic to healthy ones.""")
                        .choices(List.of(
                                new Choice("yes", "yes, with a load balancer", "A web service or API. Default."),
                                new Choice("no", "no load balancer", "A worker that only reaches out (queues, schedules). Nothing from the internet can connect to it.")))
                        .defaults("yes")
                        .toggle("--load-balancer", "yes", "Receive traffic from the internet through a load balancer (the default).")
                        .toggle("--no-load-balancer", "no", "A worker: no load balancer, certificate or DNS.")
                        .build(),
                Question.in(WizardScreen.LOAD_BALANCER, SpecField.list("public.routes"), Kind.LIST)
                        .title("Routes to this service")
                        .explain("""
                                Which requests the shared load balancer sends to this service: a host \
                                (www.example.com: every path on it), a host and path (www.example.com/api/*) or \
                                a path on any host (/static/*). A path is exact or ends with *. No route may be \
                                listed twice, in one service or two. Leave it empty for the service that gets \
                                every request no route matches (at most one).""")
                        .defaults("")
                        .validate(Checks::routes)
                        .when(k -> servicesVersion(k) && lb(k), "version 2 and a public service")
                        .repeatable("--route", "ROUTE", "A route to the service being edited (version 2): HOST, HOST/PATH or /PATH. Repeatable.")
                        .build(),
                Question.in(WizardScreen.LOAD_BALANCER, SpecField.bool("internal"), Kind.CHOICE)
                        .title("Reachable by the app's other services?")
                        .explain("""
                                An internal service answers the app's other services at http://NAME:PORT (ECS \
                                Service Connect, in a namespace named after the app), never the internet; it \
                                needs a port. Only the app's own tasks may reach that port. Adding the first \
                                internal service to a running app redeploys the others as its callers, while the \
                                public ones keep serving (README, Internal services).""")
                        .choices(List.of(new Choice("false", "no", "Only the load balancer (if public) reaches it. Default."),
                                new Choice("true", "yes, internal", "The app's other services may call it by name.")))
                        .defaults("false")
                        .when(EdgeQuestions::servicesVersion, "version 2")
                        .toggle("--internal", "true", "The service being edited answers the app's other services by name (version 2).")
                        .toggle("--no-internal", "false", "Only the load balancer (if public) reaches the service being edited (version 2).")
                        .build(),
                Question.in(WizardScreen.LOAD_BALANCER, SpecField.text("loadBalancer.healthCheckPath"), Kind.TEXT)
                        .title("Health-check path")
                        .explain("""
                                The load balancer requests this path on every task every 5 s (4 s timeout); only \
                                a 200–399 answer counts as healthy. A new task gets requests after its first \
                                passing check, so deploys are quick; one that fails 3 checks in a row is taken \
                                out and replaced, and comes back after 2 passing ones. ECS ignores failures for \
                                the first 30 s of a task while it starts (service.healthCheckGracePeriod: set \
                                it to your app's start time). Use a cheap endpoint such as /healthz. Must start \
                                with /. Default /. Slower checks: healthCheckInterval, healthCheckTimeout and \
                                healthyThreshold in gantry.yaml. (Kubernetes: the readinessProbe.)""")
                        .defaults("/")
                        .validate(Checks::healthCheckPath)
                        .when(EdgeQuestions::lb, "a load balancer")
                        .option("--health-path", "PATH")
                        .build(),
                Question.in(WizardScreen.LOAD_BALANCER, SpecField.integer("service.healthCheckGracePeriod"), Kind.TEXT)
                        .title("Start-up time before health checks count (seconds)")
                        .explain("""
                                For this long after a task starts, ECS ignores its failing load-balancer health \
                                checks, so an app that is slow to start is not stopped before it is ready. Set it \
                                to how long your app takes to answer the health-check path: a small web server \
                                needs seconds, a JVM app often 60–120. Longer than needed only delays replacing a \
                                task that is really broken. 0–86400. Default 30. (Kubernetes: a startupProbe.)""")
                        .defaults(String.valueOf(dev.gantry.spec.Service.DEFAULT_HEALTH_CHECK_GRACE_PERIOD))
                        .validate(v -> Checks.intRange(v, dev.gantry.spec.Rules.HEALTH_CHECK_GRACE_PERIOD, "seconds"))
                        .when(EdgeQuestions::lb, "a load balancer")
                        .option("--grace-seconds", "SECONDS")
                        .build(),
                Question.in(WizardScreen.LOAD_BALANCER, SpecField.integer("loadBalancer.deregistrationDelay"), Kind.TEXT)
                        .title("Draining time for a stopping task (seconds)")
                        .explain("""
                                When a deploy replaces a task, the load balancer stops sending it new requests \
                                and lets the ones in flight finish for this long; then ECS sends it SIGTERM and \
                                gives it 10 s to exit (task.stopTimeout) before SIGKILL. Pick it from your \
                                longest request: web pages and APIs finish in well under a second, so 5–30 s \
                                is plenty (default 15); uploads, reports or long polls need their longest \
                                request (AWS's own default is 300). Every deploy waits this long once.""")
                        .defaults(String.valueOf(dev.gantry.spec.LoadBalancer.DEFAULT_DEREGISTRATION_DELAY))
                        .validate(v -> Checks.intRange(v, dev.gantry.spec.Rules.DEREGISTRATION_DELAY, "seconds"))
                        .when(EdgeQuestions::lb, "a load balancer")
                        .option("--drain-seconds", "SECONDS")
                        .build(),
                Question.in(WizardScreen.LOAD_BALANCER, SpecField.list("loadBalancer.allowedCidrs"), Kind.LIST)
                        .title("Who may connect (CIDR blocks)")
                        .explain("""
                                The addresses allowed to reach the load balancer. 0.0.0.0/0 is everyone: right \
                                for a public site. For an internal tool, list your office or VPN ranges \
                                (e.g. 203.0.113.0/24). Tasks themselves only accept the load balancer. \
                                Default everyone. (Kubernetes: security groups act as a NetworkPolicy.)""")
                        .defaults("0.0.0.0/0")
                        .validate(Checks::cidrList)
                        .when(EdgeQuestions::lb, "a load balancer")
                        .repeatable("--allow-cidr", "CIDR", "Who may reach the load balancer (default: 0.0.0.0/0, everyone). Repeatable.")
                        .build(),
                Question.in(WizardScreen.CERTIFICATE, CERTIFICATE, Kind.CHOICE)
                        .title("HTTPS certificate")
                        .explain("""
                                With a certificate, the load balancer serves HTTPS on 443 and redirects HTTP to \
                                it. Without one, traffic is unencrypted HTTP: fine for a trial, not for users.""")
                        .choices(List.of(
                                new Choice("new", "new for a domain", "gantry requests a free ACM certificate; with a DNS zone below it is validated automatically, else you add one DNS record by hand."),
                                new Choice("existing", "existing certificate", "Use an issued ACM certificate (by ARN) that covers your name."),
                                new Choice("none", "none (HTTP only)", "No encryption; browsers mark the site Not secure. Default when no domain is given.")))
                        .defaults(k -> k.given("certificate.arn") ? "existing" : k.given("certificate.domain") ? "new" : "none")
                        .when(EdgeQuestions::lb, "a load balancer")
                        // --domain answers "new" and --certificate-arn "existing" by giving what they need.
                        .toggle("--no-certificate", "none", "HTTP only: no certificate, even when a domain is given.")
                        .build(),
                Question.in(WizardScreen.CERTIFICATE, SpecField.text("certificate.domain"), Kind.TEXT)
                        .title("Domain name")
                        .explain("""
                                The name people type, e.g. hello.example.com (a leading *. covers every \
                                subdomain). With a Route53 zone for it, gantry validates the certificate by \
                                itself; otherwise apply prints the one DNS record to add where your domain is \
                                hosted.""")
                        .validate(v -> Checks.domain(v))
                        .when(k -> lb(k) && k.is("certificate", "new") && !servicesVersion(k), "a load balancer and certificate: new, version 1")
                        .option("--domain", "NAME", "Request a certificate for this name (and default the DNS record to it).")
                        .build(),
                Question.in(WizardScreen.CERTIFICATE, SpecField.text("certificate.arn"), Kind.TEXT)
                        .title("Certificate ARN")
                        .explain("""
                                The ARN of an issued ACM certificate in this region that covers your name, e.g. \
                                arn:aws:acm:us-east-1:123456789012:certificate/…. gantry only uses it; it never \
                                changes or deletes it.""")
                        .validate((v, k) -> Checks.certificateArn(v, k.get("region")))
                        .when(k -> lb(k) && k.is("certificate", "existing"), "a load balancer")
                        .suggest(k -> {
                            String name = k.given("certificate.domain") ? k.get("certificate.domain") : k.get("dns.zone");
                            return k.facts().certificates(k.get("region"), name == null ? "" : name);
                        })
                        .option("--certificate-arn", "ARN")
                        .build(),
                Question.in(WizardScreen.DNS, DNS, Kind.CHOICE)
                        .title("Point a DNS name at the service?")
                        .explain("""
                                gantry can create a record in a Route53 hosted zone you own, pointing your name \
                                at the load balancer, and keep it pointed when the load balancer changes.""")
                        .choices(List.of(
                                new Choice("yes", "yes, in a Route53 zone", "Your name works as soon as apply finishes; certificates in that zone validate automatically."),
                                new Choice("no", "no", "Use the load balancer's generated name, or add a record at your DNS provider yourself.")))
                        // A domain typed for a new certificate: yes, with the zone worked out from it, unless
                        // the account's zones were read and none holds it (then its DNS is elsewhere).
                        .defaults(k -> k.given("dns.zone") || zoneCovering(k) != null
                                || k.is("certificate", "new") && k.given("certificate.domain") && !k.facts().hostedZones().ok() ? "yes" : "no")
                        .when(EdgeQuestions::lb, "a load balancer")
                        // --zone answers "yes" by naming the zone.
                        .toggle("--no-dns", "no", "Create no DNS record (use the load balancer's name, or add a record yourself).")
                        .build(),
                Question.in(WizardScreen.DNS, SpecField.text("dns.zone"), Kind.TEXT)
                        .title("Hosted zone")
                        .explain("""
                                An existing public Route53 hosted zone, e.g. example.com. gantry writes records \
                                in it but never creates or deletes the zone (a new zone means changing your \
                                domain's name servers).""")
                        .defaults(EdgeQuestions::defaultZone)
                        .validate((v, k) -> Checks.zone(v, certificateNames(k)))
                        .when(EdgeQuestions::dns, "a load balancer")
                        .suggest(k -> {
                            var zones = k.facts().hostedZones();
                            return zones.ok() ? Lookup.found(zones.value().stream().map(z -> Choice.of(z, "hosted zone")).toList())
                                    : Lookup.unavailable(zones.unavailable());
                        })
                        .option("--zone", "ZONE", "An existing public Route53 hosted zone.")
                        .build(),
                Question.in(WizardScreen.DNS, SpecField.text("dns.record"), Kind.TEXT)
                        .title("Record name")
                        .explain("""
                                The full name to create, e.g. hello.example.com or the zone itself. It becomes \
                                an alias to the load balancer. It must equal the zone or lie inside it, and be \
                                covered by the certificate. Default: the certificate's domain, else the zone.""")
                        .defaults(k -> {
                            String d = k.get("certificate.domain");
                            if (d != null && !d.startsWith("*.") && k.get("dns.zone") != null && inZone(d, k.get("dns.zone"))) return d;
                            return k.get("dns.zone");
                        })
                        .validate((v, k) -> Checks.record(v, k.get("dns.zone"), certificateNames(k)))
                        .when(k -> dns(k) && !servicesVersion(k), "a load balancer, version 1 (version 2: each route's host)")
                        .option("--record", "NAME")
                        .build());
    }

    static boolean inZone(String name, String zone) { return name.equals(zone) || name.endsWith("." + zone); }

    /** The names a new certificate will cover; empty when there is no new certificate (an ARN's names are unknown offline). */
    static List<String> certificateNames(AnswersSoFar k) {
        List<String> names = new ArrayList<>();
        if (!k.is("certificate", "new")) return names;
        String d = k.get("certificate.domain");
        if (d != null && !d.isBlank()) names.add(d);
        names.addAll(AnswerText.list(k.get("certificate.alternativeNames")));
        return names;
    }

    /** A hosted zone the look-ups found that contains the domain, longest first. */
    private static String zoneCovering(AnswersSoFar k) {
        String d = k.get("certificate.domain");
        if (d == null) return null;
        String host = d.startsWith("*.") ? d.substring(2) : d;
        var zones = k.facts().hostedZones();
        if (!zones.ok()) return null;
        return zones.value().stream().filter(z -> inZone(host, z)).max(java.util.Comparator.comparingInt(String::length)).orElse(null);
    }

    private static String defaultZone(AnswersSoFar k) {
        String found = zoneCovering(k);
        if (found != null) return found;
        String d = k.get("certificate.domain");
        if (d == null || d.isBlank()) return null;
        String host = d.startsWith("*.") ? d.substring(2) : d;
        String[] labels = host.split("\\.");
        return labels.length > 2 ? host.substring(host.indexOf('.') + 1) : host;
    }
}

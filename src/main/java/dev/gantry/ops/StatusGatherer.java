package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.Explainer;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.diagnose.RolloutVerdict;
import dev.gantry.diagnose.RolloutWatcher;
import dev.gantry.engine.Engine;
import dev.gantry.engine.ServiceUrls;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Plan;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.Spec;
import dev.gantry.time.TimeSource;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers {@link StatusReport}: the engine's plan says what exists and what drifted (the same
 * refresh apply does, so status and apply never disagree), then ECS, the load balancer and ACM
 * say how it is doing. Reads only.
 */
public final class StatusGatherer {
    /** Enough of the newest service events to see what ECS did lately, few enough to read. */
    public static final int EVENTS = 5;

    private final AwsClients aws;
    private final Engine engine;
    private final TimeSource clock;

    public StatusGatherer(AwsClients aws, Engine engine, TimeSource clock) {
        this.aws = aws;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * The whole app: for a version-2 spec of several services, one block per service and a headline
     * that is healthy only when every service is; otherwise its one service.
     */
    public StatusReport gather(Spec spec) {
        return spec.services().size() > 1 ? gatherAll(spec) : gather(spec, spec.primaryService().name());
    }

    /**
     * The status of one service of the spec ({@code gantry status --service NAME}) with the shared
     * pieces; the plan (drift) is still the whole app's.
     */
    public StatusReport gather(Spec spec, String serviceName) {
        dev.gantry.spec.AppService chosen = spec.services().get(serviceName);
        if (chosen == null) throw new IllegalArgumentException("no service " + serviceName);
        boolean isPrimary = chosen.name().equals(spec.primaryService().name());
        Plan plan = engine.plan(spec);
        Map<Address, Observed> observed = observed(plan);
        if (observed.isEmpty()) return notDeployed(spec);
        List<String> problems = new ArrayList<>();
        StatusReport.CertificateStatus cert = certificate(spec, observed);
        StatusReport.ServiceStatus service = service(spec, chosen, observed);
        StatusReport.TargetsStatus targets = chosen.isPublic() ? targets(spec, chosen, observed) : null;

        certificateProblem(cert, problems);
        // The URL checks are the primary service's (its record and certificate name).
        if (isPrimary) problems.addAll(UrlChecks.problems(spec, observed, servedCertificateNames(observed, cert)));
        problems.addAll(serviceProblems(spec, chosen, service, targets));
        StatusReport.AlertsStatus alerts = alerts(spec, observed);
        if (alerts != null && spec.isVersion2()) {
            // Its own alarms, and the load balancer's when it is behind it.
            alerts = new StatusReport.AlertsStatus(alerts.topicArn(), alerts.alarms().stream()
                    .filter(a -> chosen.name().equals(a.service()) || a.service() == null && chosen.isPublic()).toList(), alerts.subscriptions());
        }
        List<StatusReport.JobStatus> jobs = JobRuns.of(aws, spec, clock.now());
        appProblems(alerts, jobs, problems);
        String url = isPrimary ? Engine.url(spec, observed)
                : chosen.hosts().isEmpty() ? null : (spec.hasCertificate() ? "https://" : "http://") + chosen.hosts().get(0);
        return new StatusReport(spec.app(), spec.region(), clock.now(), true, url, cert, targets, service,
                CostEstimates.of(spec), DriftWords.of(plan), problems, alerts, jobs);
    }

    /**
     * Every service of the app, one refresh: each service's problems name it; the report's
     * {@code service} and {@code loadBalancer} stay the primary service's (what the JSON had).
     */
    public StatusReport gatherAll(Spec spec) {
        Plan plan = engine.plan(spec);
        Map<Address, Observed> observed = observed(plan);
        if (observed.isEmpty()) return notDeployed(spec);
        List<String> problems = new ArrayList<>();
        StatusReport.CertificateStatus cert = certificate(spec, observed);
        certificateProblem(cert, problems);
        problems.addAll(UrlChecks.problems(spec, observed, servedCertificateNames(observed, cert)));
        List<StatusReport.ServiceBlock> blocks = new ArrayList<>();
        StatusReport.AlertsStatus alerts = alerts(spec, observed);
        for (dev.gantry.spec.AppService s : spec.services().values()) {
            StatusReport.ServiceStatus service = service(spec, s, observed);
            StatusReport.TargetsStatus targets = s.isPublic() ? targets(spec, s, observed) : null;
            List<String> own = new ArrayList<>(serviceProblems(spec, s, service, targets));
            // A service's own alarm firing is its problem; the load balancer's are the app's.
            if (alerts != null) for (StatusReport.Alarm a : alerts.alarms()) if (s.name().equals(a.service())) firing(a, own);
            blocks.add(new StatusReport.ServiceBlock(s.name(), reach(s), s.isPublic() ? ServiceUrls.of(spec, s, observed) : List.of(),
                    service, targets, own));
            for (String p : own) problems.add(s.name() + ": " + p);
        }
        List<StatusReport.JobStatus> jobs = JobRuns.of(aws, spec, clock.now());
        appProblems(alerts == null ? null : new StatusReport.AlertsStatus(alerts.topicArn(),
                alerts.alarms().stream().filter(a -> a.service() == null).toList(), alerts.subscriptions()), jobs, problems);
        StatusReport.ServiceBlock primary = blocks.stream().filter(b -> b.name().equals(spec.primaryService().name())).findFirst().orElseThrow();
        Observed vpc = observed.get(Addresses.VPC);
        return new StatusReport(spec.app(), spec.region(), clock.now(), true, Engine.url(spec, observed), cert, primary.targets(),
                primary.service(), CostEstimates.of(spec), DriftWords.of(plan), problems, alerts, jobs, blocks, vpc == null ? null : vpc.id());
    }

    /** How a service is reached when it is not public: by name from the app's other services, or not at all. */
    private static String reach(dev.gantry.spec.AppService s) {
        if (s.isPublic()) return "public";
        if (s.internal()) {
            Integer port = s.task() == null ? null : s.task().port();
            return "internal: http://" + s.name() + (port == null ? "" : ":" + port);
        }
        return "worker";
    }

    private static Map<Address, Observed> observed(Plan plan) {
        Map<Address, Observed> observed = new LinkedHashMap<>();
        for (Change c : plan.changes()) if (c.observed() != null) observed.put(c.address(), c.observed());
        return observed;
    }

    private StatusReport notDeployed(Spec spec) {
        List<String> problems = List.of(spec.app() + " is not deployed in " + spec.region() + ": gantry found nothing of it; run 'gantry apply'");
        return new StatusReport(spec.app(), spec.region(), clock.now(), false, null, null, null, null,
                CostEstimates.of(spec), List.of(), problems);
    }

    private static void certificateProblem(StatusReport.CertificateStatus cert, List<String> problems) {
        if (cert != null && !"ISSUED".equals(cert.status())) {
            problems.add("the certificate for " + cert.domain() + " is " + words(cert.status())
                    + ("PENDING_VALIDATION".equals(cert.status()) ? ": HTTPS does not work until it is validated" : ""));
        }
    }

    /** What is wrong with one service: missing, short of tasks, a failing rollout, unhealthy targets. */
    private static List<String> serviceProblems(Spec spec, dev.gantry.spec.AppService chosen, StatusReport.ServiceStatus service,
                                                StatusReport.TargetsStatus targets) {
        List<String> problems = new ArrayList<>();
        if (service == null) {
            problems.add("the ECS service " + dev.gantry.spec.DerivedNames.serviceBase(spec.app(), chosen.name())
                    + " does not exist: 'gantry apply' creates it");
        } else {
            if (service.running() < service.desired()) {
                problems.add(service.running() + " of " + dev.gantry.spec.Counted.of(service.desired(), "task") + " running"
                        + (service.pending() > 0 ? " (" + service.pending() + " starting)" : ""));
            }
            StatusReport.Deployment primary = service.primary();
            RolloutVerdict rollout = service.rollout();
            if (rollout instanceof RolloutVerdict.Failed) {
                problems.add("the latest deployment failed" + (primary == null || primary.rolloutStateReason() == null ? "" : ": " + primary.rolloutStateReason()));
            } else if (tasksFail(rollout)) {
                problems.add("the latest deployment (" + rollout.tasks().revision() + ") is not coming up: " + rollout.tasks().failed()
                        + " of its tasks failed"
                        + (service.deployments().size() > 1 ? "; the previous tasks keep serving meanwhile" : ""));
            }
        }
        if (targets != null) {
            long unhealthy = targets.count("unhealthy");
            long healthy = targets.count("healthy");
            if (unhealthy > 0) {
                String why = targets.targets().stream().filter(t -> "unhealthy".equals(t.state())).map(StatusReport.Target::description)
                        .filter(d -> d != null && !d.isBlank()).findFirst().map(d -> ": " + d).orElse("");
                problems.add(unhealthy + " of " + targets.targets().size() + " load balancer targets fail the health check" + why);
            }
            if (service != null && service.desired() > 0 && healthy == 0 && unhealthy == 0) {
                problems.add("no healthy target behind the load balancer, so it answers 503 for now");
            }
        }
        return problems;
    }

    /** The app's own: firing alarms and failing scheduled jobs. */
    private static void appProblems(StatusReport.AlertsStatus alerts, List<StatusReport.JobStatus> jobs, List<String> problems) {
        if (alerts != null) {
            for (StatusReport.Alarm a : alerts.alarms()) firing(a, problems);
        }
        for (StatusReport.JobStatus j : jobs) {
            String p = JobRuns.problem(j);
            if (p != null) problems.add(p);
        }
    }

    private static void firing(StatusReport.Alarm a, List<String> problems) {
        if ("ALARM".equals(a.state())) problems.add("the alarm " + a.name() + " is firing" + (a.since() == null ? "" : " since " + a.since())
                + (a.reason() == null ? "" : ": " + a.reason()));
    }

    /** The app's alarms with their states, and the topic's subscriptions; null when it has neither. */
    private StatusReport.AlertsStatus alerts(Spec spec, Map<Address, Observed> observed) {
        Observed topic = observed.get(Addresses.ALERT_TOPIC);
        boolean anyAlarm = observed.keySet().stream().anyMatch(a -> a.type().equals("alarm"));
        if (topic == null && !anyAlarm) return null;
        List<StatusReport.Alarm> alarms = new ArrayList<>();
        List<StatusReport.Subscription> subs = new ArrayList<>();
        try {
            if (anyAlarm) {
                Map<String, String> serviceOf = new java.util.TreeMap<>();
                for (var e : observed.entrySet()) {
                    if (!e.getKey().type().equals("alarm")) continue;
                    String service = dev.gantry.resources.compute.Alarms.serviceOf(spec.app(), e.getKey());
                    serviceOf.put(e.getValue().id(), service == null ? "" : service);
                }
                List<String> names = new ArrayList<>(serviceOf.keySet());
                // DescribeAlarms takes at most 100 names a call (AlarmNames: maximum 100 items).
                for (int i = 0; i < names.size(); i += 100) {
                    List<String> part = names.subList(i, Math.min(names.size(), i + 100));
                    for (var m : aws.cloudWatch().describeAlarms(b -> b.alarmNames(part)).metricAlarms()) {
                        String service = serviceOf.get(m.alarmName());
                        // Container Insights' metrics exist only on a cluster that has it turned on.
                        String noData = "INSUFFICIENT_DATA".equals(m.stateValueAsString()) && "ECS/ContainerInsights".equals(m.namespace())
                                && !spec.cluster().containerInsights() ? "its metric needs cluster.containerInsights: true" : null;
                        alarms.add(new StatusReport.Alarm(m.alarmName(), m.stateValueAsString(), m.stateUpdatedTimestamp(),
                                m.stateReason() == null ? null : dev.gantry.text.Untrusted.text(m.stateReason()),
                                service == null || service.isEmpty() ? null : service, noData));
                    }
                }
            }
            if (topic != null) {
                for (var s : aws.sns().listSubscriptionsByTopicPaginator(b -> b.topicArn(topic.id())).subscriptions()) {
                    if ("email".equals(s.protocol())) subs.add(new StatusReport.Subscription(s.endpoint(), !"PendingConfirmation".equals(s.subscriptionArn())));
                }
            }
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the alarms of " + spec.app(), e);
        }
        return new StatusReport.AlertsStatus(topic == null ? null : topic.id(), alarms, subs);
    }

    private static String words(String status) {
        return status == null ? "unknown" : status.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private StatusReport.CertificateStatus certificate(Spec spec, Map<Address, Observed> observed) {
        if (!spec.hasCertificate()) return null;
        Observed o = observed.get(Addresses.CERTIFICATE);
        String arn = spec.certificate().arn() != null ? spec.certificate().arn() : o == null ? null : o.output("arn");
        String domain = spec.certificate().domain();
        if (arn == null) return new StatusReport.CertificateStatus(domain, null, "MISSING", null);
        try {
            CertificateDetail d = aws.acm().describeCertificate(b -> b.certificateArn(arn)).certificate();
            List<String> names = new ArrayList<>(List.of(d.domainName()));
            for (String n : d.subjectAlternativeNames()) if (!names.contains(n)) names.add(dev.gantry.text.Untrusted.text(n));
            return new StatusReport.CertificateStatus(d.domainName(), arn, d.statusAsString(), d.notAfter(), names);
        } catch (software.amazon.awssdk.services.acm.model.ResourceNotFoundException e) {
            return new StatusReport.CertificateStatus(domain, arn, "MISSING", null);
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the certificate " + arn, e);
        }
    }

    /** The names on the certificate the HTTPS listener serves (which may not be the spec's), or null when unknown. */
    private List<String> servedCertificateNames(Map<Address, Observed> observed, StatusReport.CertificateStatus cert) {
        Observed https = observed.get(Addresses.HTTPS_LISTENER);
        String arn = https == null ? null : dev.gantry.resources.Props.str(https.props(), "certificateArn");
        if (arn == null) arn = cert == null ? null : cert.arn();
        if (arn == null) return null;
        String served = arn;
        try {
            CertificateDetail d = aws.acm().describeCertificate(b -> b.certificateArn(served)).certificate();
            return d.hasSubjectAlternativeNames() ? d.subjectAlternativeNames() : List.of(d.domainName());
        } catch (software.amazon.awssdk.services.acm.model.ResourceNotFoundException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the certificate " + served, e);
        }
    }

    private StatusReport.TargetsStatus targets(Spec spec, dev.gantry.spec.AppService chosen, Map<Address, Observed> observed) {
        if (!spec.hasLoadBalancer()) return null;
        // The chosen service's (status --service NAME; the primary one by default).
        Observed tg = observed.get(Addresses.ServiceAddresses.of(spec.app(), chosen.name()).targetGroup());
        Observed lb = observed.get(Addresses.LOAD_BALANCER);
        if (tg == null || tg.output("arn") == null) return null;
        String arn = tg.output("arn");
        List<TargetHealthDescription> found;
        try {
            found = aws.elb().describeTargetHealth(b -> b.targetGroupArn(arn)).targetHealthDescriptions();
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the health of the load balancer's targets", e);
        }
        List<StatusReport.Target> targets = found.stream().map(t -> new StatusReport.Target(t.target().id(), t.target().port(),
                t.targetHealth() == null ? null : t.targetHealth().stateAsString(),
                t.targetHealth() == null ? null : t.targetHealth().reasonAsString(),
                t.targetHealth() == null ? null : dev.gantry.text.Untrusted.text(t.targetHealth().description()))).toList();
        return new StatusReport.TargetsStatus(lb == null ? null : lb.output("dnsName"), arn, targets);
    }

    private StatusReport.ServiceStatus service(Spec spec, dev.gantry.spec.AppService chosen, Map<Address, Observed> observed) {
        Observed cl = observed.get(Addresses.CLUSTER);
        Observed sv = observed.get(Addresses.ServiceAddresses.of(spec.app(), chosen.name()).ecsService());
        String cluster = cl != null && cl.output("name") != null ? cl.output("name") : spec.cluster().name();
        String name = sv != null && sv.output("name") != null ? sv.output("name") : dev.gantry.spec.DerivedNames.serviceBase(spec.app(), chosen.name());
        RolloutWatcher watcher = new RolloutWatcher(aws.ecs(), cluster, name);
        Optional<Service> found;
        try {
            found = watcher.describe();
        } catch (ClusterNotFoundException e) {
            return null;
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the ECS service " + name, e);
        }
        if (found.isEmpty() || !"ACTIVE".equals(found.get().status())) return null;
        Service s = found.get();
        List<StatusReport.Deployment> deployments = s.deployments().stream().map(d -> new StatusReport.Deployment(d.id(), d.status(),
                revision(d.taskDefinition()), d.rolloutStateAsString(), dev.gantry.text.Untrusted.text(d.rolloutStateReason()), n(d.desiredCount()), n(d.runningCount()),
                n(d.pendingCount()), n(d.failedTasks()), d.createdAt(), d.updatedAt())).toList();
        List<StatusReport.Event> events = s.events().stream().limit(EVENTS)
                .map(e -> new StatusReport.Event(e.createdAt(), dev.gantry.text.Untrusted.text(e.message()))).toList();
        RolloutVerdict rollout = RolloutVerdict.latest(s);
        StatusReport.ServiceStatus status = new StatusReport.ServiceStatus(cluster, name, s.status(), n(s.desiredCount()),
                n(s.runningCount()), n(s.pendingCount()), revision(s.taskDefinition()), deployments, events, null, runningImages(cluster, name), rollout);
        boolean troubled = status.running() < status.desired() || rollout instanceof RolloutVerdict.Failed || tasksFail(rollout);
        if (!troubled) return status;
        return new StatusReport.ServiceStatus(cluster, name, s.status(), status.desired(), status.running(), status.pending(),
                status.taskDefinition(), deployments, events, diagnose(watcher, s, rollout, spec, chosen), status.images(), rollout);
    }

    /** The digests the running tasks pulled (a tag may have moved since; this is what runs). */
    private List<StatusReport.RunningImage> runningImages(String cluster, String service) {
        try {
            List<String> arns = aws.ecs().listTasks(b -> b.cluster(cluster).serviceName(service).desiredStatus("RUNNING")).taskArns();
            Map<List<String>, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < arns.size(); i += 100) {
                List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
                for (var t : aws.ecs().describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks()) {
                    for (var c : t.containers()) {
                        if (c.imageDigest() != null) counts.merge(List.of(c.image(), c.imageDigest()), 1, Integer::sum);
                    }
                }
            }
            List<StatusReport.RunningImage> out = new ArrayList<>();
            counts.forEach((k, n) -> out.add(new StatusReport.RunningImage(k.get(0), k.get(1), n)));
            return out;
        } catch (RuntimeException e) {
            throw AwsErrors.translate("reading the service's tasks", e);
        }
    }

    /** Why the service is short of tasks: the first failed task of the newest deployment, explained. */
    private static Diagnosis diagnose(RolloutWatcher watcher, Service s, RolloutVerdict rollout, Spec spec, dev.gantry.spec.AppService chosen) {
        try {
            RolloutSnapshot snap = watcher.snapshot(s, rollout.deploymentId(), null);
            // The service's own image, port and secrets, so the fix names what it runs.
            return RolloutVerdict.why(rollout, snap, Explainer.Context.of(spec, chosen)).orElse(null);
        } catch (RuntimeException e) {
            // The explanation is a bonus; the counts above already say something is wrong.
            return null;
        }
    }

    /**
     * A deployment ECS still rolls out whose tasks fail (none of it runs, or some do and others
     * failed): ECS retries until its circuit breaker trips.
     */
    private static boolean tasksFail(RolloutVerdict v) {
        return v instanceof RolloutVerdict.Failing || v instanceof RolloutVerdict.InProgress && v.tasks().failed() > 0;
    }

    private static String revision(String taskDefinitionArn) {
        return taskDefinitionArn == null ? null : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    private static int n(Integer i) { return i == null ? 0 : i; }
}

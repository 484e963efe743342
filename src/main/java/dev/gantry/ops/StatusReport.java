package dev.gantry.ops;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.plan.Change;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code gantry status} says about a deployed app, as data. A part the spec does not
 * ask for (a load balancer, a certificate) or that does not exist is null; {@code problems} are
 * the reasons it is not healthy, in plain words; {@code drift} lists what apply would change.
 * {@code services}: one block per service when the report covers every service of a version-2 app
 * (empty for one service); {@code network}: the VPC they share (null when not read).
 */
public record StatusReport(String app, String region, Instant at, boolean deployed, String url,
                           CertificateStatus certificate, TargetsStatus loadBalancer, ServiceStatus service,
                           Cost cost, List<Drift> drift, List<String> problems, AlertsStatus alerts, List<JobStatus> jobs,
                           List<ServiceBlock> services, String network) {

    public StatusReport {
        drift = List.copyOf(drift);
        problems = List.copyOf(problems);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** One service's report. */
    public StatusReport(String app, String region, Instant at, boolean deployed, String url,
                        CertificateStatus certificate, TargetsStatus loadBalancer, ServiceStatus service,
                        Cost cost, List<Drift> drift, List<String> problems, AlertsStatus alerts, List<JobStatus> jobs) {
        this(app, region, at, deployed, url, certificate, loadBalancer, service, cost, drift, problems, alerts, jobs, List.of(), null);
    }

    /**
     * One service of several: {@code reach} is "public", "internal: http://NAME:PORT" or "worker";
     * {@code urls} where a public one answers; {@code problems} its own (without its name).
     */
    public record ServiceBlock(String name, String reach, List<String> urls, ServiceStatus service, TargetsStatus targets, List<String> problems) {
        public ServiceBlock {
            urls = List.copyOf(urls);
            problems = List.copyOf(problems);
        }

        public boolean healthy() { return problems.isEmpty(); }
    }

    /** Without scheduled jobs. */
    public StatusReport(String app, String region, Instant at, boolean deployed, String url, CertificateStatus certificate,
                        TargetsStatus loadBalancer, ServiceStatus service, Cost cost, List<Drift> drift, List<String> problems,
                        AlertsStatus alerts) {
        this(app, region, at, deployed, url, certificate, loadBalancer, service, cost, drift, problems, alerts, List.of());
    }

    /**
     * A scheduled job: its schedule as AWS holds it ({@code deployed} false when it has none yet),
     * the next run (null when disabled or unknown) and the last run ECS still shows (null: none).
     */
    public record JobStatus(String name, String schedule, String timezone, boolean deployed, boolean enabled, Instant nextRun, JobRun lastRun) {}

    /** One run of a job: its task, when, and how it ended (exit code, or ECS's reason when the command never ran). */
    /** {@code timedOut}: its job's timeout stopped it ({@code timeout}: the job's, as gantry.yaml writes it, or null). */
    public record JobRun(String taskId, Instant createdAt, Instant startedAt, Instant stoppedAt, boolean running, Integer exitCode, String stoppedReason,
                         boolean timedOut, String timeout) {
        public JobRun(String taskId, Instant createdAt, Instant startedAt, Instant stoppedAt, boolean running, Integer exitCode, String stoppedReason) {
            this(taskId, createdAt, startedAt, stoppedAt, running, exitCode, stoppedReason, false, null);
        }

        /** "timed out after 30m", or without the figure when the spec no longer has one. */
        public String timedOutWords() { return timeout == null ? "timed out (its timeout stopped it)" : "timed out after " + timeout; }

        public java.time.Duration took() {
            return startedAt == null || stoppedAt == null ? null : java.time.Duration.between(startedAt, stoppedAt);
        }
    }

    /** Without alerts (an app whose spec has none and that has none in AWS) and without scheduled jobs. */
    public StatusReport(String app, String region, Instant at, boolean deployed, String url,
                        CertificateStatus certificate, TargetsStatus loadBalancer, ServiceStatus service,
                        Cost cost, List<Drift> drift, List<String> problems) {
        this(app, region, at, deployed, url, certificate, loadBalancer, service, cost, drift, problems, null, List.of());
    }

    /**
     * One CloudWatch alarm: OK, ALARM or INSUFFICIENT_DATA, since when and why (CloudWatch's words);
     * {@code service}: the service it watches, null for the load balancer's (the app's);
     * {@code noDataBecause}: why it will never have data as things stand, else null.
     */
    public record Alarm(String name, String state, Instant since, String reason, String service, String noDataBecause) {
        public Alarm(String name, String state, Instant since, String reason, String service) { this(name, state, since, reason, service, null); }
        public Alarm(String name, String state, Instant since, String reason) { this(name, state, since, reason, null); }
    }

    /** One email address on the alerts topic; nothing reaches it until the person confirms. */
    public record Subscription(String email, boolean confirmed) {}

    /** The alarms and who they tell; {@code topicArn} null when the topic does not exist. */
    public record AlertsStatus(String topicArn, List<Alarm> alarms, List<Subscription> subscriptions) {
        public AlertsStatus {
            alarms = List.copyOf(alarms);
            subscriptions = List.copyOf(subscriptions);
        }
    }

    public boolean healthy() { return deployed && problems.isEmpty(); }

    public boolean drifted() { return !drift.isEmpty(); }

    /** {@code names}: every name it covers, its domain first (ACM's subject alternative names). */
    public record CertificateStatus(String domain, String arn, String status, Instant notAfter, List<String> names) {
        public CertificateStatus(String domain, String arn, String status, Instant notAfter) { this(domain, arn, status, notAfter, List.of(domain)); }
    }

    /** One registered target: the task's IP and port, and what the load balancer's health check says. */
    public record Target(String id, Integer port, String state, String reason, String description) {}

    public record TargetsStatus(String dnsName, String targetGroupArn, List<Target> targets) {
        public TargetsStatus { targets = List.copyOf(targets); }

        public long count(String state) { return targets.stream().filter(t -> state.equals(t.state())).count(); }
    }

    public record Deployment(String id, String status, String taskDefinition, String rolloutState, String rolloutStateReason,
                             int desired, int running, int pending, int failed, Instant createdAt, Instant updatedAt) {}

    public record Event(Instant at, String message) {}

    /** What the running tasks run: the image as the task definition names it, and the digest ECS resolved it to. */
    public record RunningImage(String image, String digest, int tasks) {}

    /**
     * The ECS service: counts over all its deployments, its deployments (PRIMARY first), the newest
     * events, and, when it is short of tasks or its rollout failed, why in plain words; {@code rollout}
     * is the latest deployment judged as apply judges it (null when not read).
     */
    public record ServiceStatus(String cluster, String name, String status, int desired, int running, int pending,
                                String taskDefinition, List<Deployment> deployments, List<Event> events, Diagnosis diagnosis,
                                List<RunningImage> images, dev.gantry.diagnose.RolloutVerdict rollout) {
        public ServiceStatus {
            deployments = List.copyOf(deployments);
            events = List.copyOf(events);
            images = images == null ? List.of() : List.copyOf(images);
        }

        public ServiceStatus(String cluster, String name, String status, int desired, int running, int pending,
                             String taskDefinition, List<Deployment> deployments, List<Event> events, Diagnosis diagnosis) {
            this(cluster, name, status, desired, running, pending, taskDefinition, deployments, events, diagnosis, List.of(), null);
        }

        public ServiceStatus withImages(List<RunningImage> running) {
            return new ServiceStatus(cluster, name, status, desired, this.running, pending, taskDefinition, deployments, events, diagnosis, running, rollout);
        }

        public Deployment primary() {
            return deployments.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                    .orElse(deployments.isEmpty() ? null : deployments.get(0));
        }
    }

    public record CostLine(String item, double monthlyUsd) {}

    /** A monthly estimate from list prices; {@code label} says whose prices and of when. */
    public record Cost(String label, List<CostLine> lines, double monthlyUsd, String excludes) {
        public Cost { lines = List.copyOf(lines); }
    }

    /**
     * One difference between gantry.yaml and AWS: {@code summary} says it in plain words,
     * {@code fix} what to run. {@code fields} keep the planner's values for renderers that mask
     * secret-looking ones.
     */
    public record Drift(String address, String action, String subject, String summary, String fix, List<Change.FieldChange> fields) {
        public Drift { fields = List.copyOf(fields); }
    }
}

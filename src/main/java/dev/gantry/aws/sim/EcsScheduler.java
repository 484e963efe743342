package dev.gantry.aws.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ECS service scheduler, computed lazily: before any call looks at a service, {@link #advance}
 * replays every task transition that is due up to now, in time order, and re-balances the service
 * at each of those instants. The result depends only on the clock, never on how often gantry polls.
 */
final class EcsScheduler {
    /** An application that crashes does so a few seconds after it starts, whatever AWS's latency. */
    static final Duration CRASH_AFTER = Duration.ofSeconds(5);
    static final Duration RELAUNCH_MIN = Duration.ofSeconds(10);
    static final Duration RELAUNCH_MAX = Duration.ofMinutes(15);
    /** A task whose image tag contains this ignores SIGTERM: ECS kills it after its stopTimeout. */
    static final String IGNORES_SIGTERM = "ignores-sigterm";
    /** Fargate's stopTimeout when the container definition gives none (ContainerDefinition.stopTimeout). */
    static final int DEFAULT_STOP_TIMEOUT = 30;
    static final Duration EXITS_ON_SIGTERM = SimLatency.EXITS_ON_SIGTERM;
    /** ECS keeps stopped tasks visible for about an hour. */
    static final Duration STOPPED_VISIBLE = Duration.ofHours(1);

    private final EcsState ecs;
    private final SimEcsNeighbours n;
    private final EcsTaskLaunch launcher;
    private final LogsWriter logs;
    private final EventDelivery events;
    private final SimContext account;
    private final Consumer<Instant> alarmsUpTo;

    /**
     * ECS's state; EC2 and ELB through {@code n}; the tasks it starts through {@code launcher}; their
     * awslogs lines through {@code logs}; task state changes onto EventBridge's default bus through
     * {@code events}; {@code alarmsUpTo} replays CloudWatch's alarms up to an instant before ECS
     * moves there (a deployment's alarms act at their own instants).
     */
    EcsScheduler(EcsState ecs, SimEcsNeighbours n, EcsTaskLaunch launcher, LogsWriter logs, EventDelivery events,
                 SimContext account, Consumer<Instant> alarmsUpTo) {
        this.ecs = ecs;
        this.n = n;
        this.launcher = launcher;
        this.logs = logs;
        this.events = events;
        this.account = account;
        this.alarmsUpTo = alarmsUpTo;
    }

    /** The world's ECS scheduler, reaching EC2 and ELB through {@code n} (the world's, or a test's fake). */
    static EcsScheduler of(SimWorld world, SimEcsNeighbours n) {
        return new EcsScheduler(world.state.ecs, n, EcsTaskLaunch.of(world, n), LogsWriter.of(world), EventDelivery.of(world),
                world, world::evaluateAlarms);
    }

    private EcsState st() { return ecs; }

    void advanceAll(Instant now) {
        for (EcsState.ServiceRec s : new ArrayList<>(st().services.values())) advance(s, now);
    }

    void advance(EcsState.ServiceRec s, Instant now) {
        // Alarms that watch a deployment act at their own instants: replay them (and ECS with them) first.
        alarmsUpTo.accept(now);
        long limit = now.toEpochMilli();
        for (int guard = 0; guard < 1_000_000; guard++) {
            long t = Long.MAX_VALUE;
            for (EcsState.TaskRec task : tasksOf(s)) t = Math.min(t, task.nextAt);
            if (s.reconcileAt > 0) t = Math.min(t, s.reconcileAt);
            for (EcsState.DeploymentRec d : s.deployments) {
                if (d.launchAfter > 0 && needsLaunch(s, d)) t = Math.min(t, d.launchAfter);
            }
            if (t > limit) return;
            for (EcsState.TaskRec task : tasksOf(s)) if (task.nextAt == t) step(s, task, t);
            if (s.reconcileAt > 0 && s.reconcileAt <= t) s.reconcileAt = 0;
            for (EcsState.DeploymentRec d : s.deployments) if (d.launchAfter <= t) d.launchAfter = 0;
            reconcile(s, t);
        }
        throw new IllegalStateException("ECS simulation did not settle for " + s.name);
    }

    List<EcsState.TaskRec> tasksOf(EcsState.ServiceRec s) {
        List<EcsState.TaskRec> out = new ArrayList<>();
        for (EcsState.TaskRec t : st().tasks.values()) if (s.name.equals(t.service) && s.cluster.equals(t.cluster)) out.add(t);
        return out;
    }

    private static boolean live(EcsState.TaskRec t) { return "RUNNING".equals(t.desiredStatus); }

    private static boolean healthy(EcsState.TaskRec t) { return live(t) && "RUNNING".equals(t.lastStatus) && t.healthy; }

    private boolean needsLaunch(EcsState.ServiceRec s, EcsState.DeploymentRec d) {
        return d == s.deployments.get(0) && tasksOf(s).stream().filter(t -> live(t) && d.id.equals(t.deploymentId)).count() < d.desiredCount;
    }

    // ---- one task's transition at time t ----

    private void step(EcsState.ServiceRec s, EcsState.TaskRec task, long t) {
        String phase = task.phase;
        task.nextAt = Long.MAX_VALUE;
        task.phase = null;
        Instant at = Instant.ofEpochMilli(t);
        EcsState.TaskDefRec td = st().taskDefinitions.values().stream().filter(d -> d.arn.equals(task.taskDefinitionArn)).findFirst().orElseThrow();
        EcsState.ContainerRec c = td.containers.get(0);
        switch (phase) {
            case "start" -> {
                if (EcsTaskFailures.CRASH.equals(task.failure) || EcsTaskFailures.UNHEALTHY.equals(task.failure) || task.failure == null) {
                    run(s, task, td, c, at);
                } else {
                    boolean pull = task.failureReason.startsWith("CannotPullContainerError");
                    if (pull) task.containerReason = task.failureReason;
                    fail(s, task, "TaskFailedToStart", task.failureReason, null, at, true);
                }
            }
            case "crash" -> {
                log(c, task, at, "Error: the application exited during start-up (simulated: the image tag contains \"crash\")");
                fail(s, task, "EssentialContainerExited", "Essential container in task exited", 1, at, true);
            }
            case "health" -> {
                EcsState.LoadBalancerRec lb = task.loadBalancers.get(0);
                String health = n.targetHealth(lb.targetGroupArn, task.ip, at);
                if ("unhealthy".equals(health) || "unreachable".equals(health)) {
                    String tgName = lb.targetGroupArn.replaceFirst(".*:targetgroup/([^/]+)/.*", "$1");
                    event(s, t, "service " + s.name + " (port " + lb.containerPort + ") is unhealthy in target-group " + tgName
                            + " due to (reason " + ("unhealthy".equals(health) ? "Health checks failed with these codes: [404]" : "Request timed out") + ").");
                    fail(s, task, "ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group " + lb.targetGroupArn + ")", null, at, false);
                } else {
                    task.healthy = true;
                    log(c, task, at, "10.0.0.10 - - [" + nginxTime(at) + "] \"GET " + n.healthCheckPath(lb.targetGroupArn)
                            + " HTTP/1.1\" 200 615 \"-\" \"ELB-HealthChecker/2.0\"");
                }
            }
            case "sigterm" -> {
                // Drained (or never registered): ECS sends SIGTERM, then SIGKILL after stopTimeout.
                task.lastStatus = "STOPPING";
                boolean ignores = c.image != null && c.image.contains(IGNORES_SIGTERM);
                Duration exit = ignores ? account.latency().settings(Duration.ofSeconds(c.stopTimeout == null ? DEFAULT_STOP_TIMEOUT : c.stopTimeout))
                        : account.latency().settings(EXITS_ON_SIGTERM);
                if (ignores) log(c, task, at, "(simulated: the image tag contains \"" + IGNORES_SIGTERM + "\": SIGTERM ignored until SIGKILL)");
                task.phase = "stop";
                task.nextAt = at.plus(exit).plus(account.latency().taskStop()).toEpochMilli();
            }
            case "stop" -> {
                task.lastStatus = "STOPPED";
                task.stoppedAt = t;
                if (task.eni != null) n.releaseEni(task.eni, at);
            }
            default -> throw new IllegalStateException("unknown task phase " + phase);
        }
    }

    private void run(EcsState.ServiceRec s, EcsState.TaskRec task, EcsState.TaskDefRec td, EcsState.ContainerRec c, Instant at) {
        task.lastStatus = "RUNNING";
        task.startedAt = at.toEpochMilli();
        Integer port = c.ports.isEmpty() ? null : c.ports.get(0);
        if (EcsTaskFailures.CRASH.equals(task.failure)) {
            log(c, task, at, "Starting " + c.image + " ...");
            task.phase = "crash";
            task.nextAt = at.plus(CRASH_AFTER).toEpochMilli();
            return;
        }
        log(c, task, at, "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
        log(c, task, at, "/docker-entrypoint.sh: Configuration complete; ready for start up");
        log(c, task, at, nginxTime(at) + " [notice] 1#1: start worker processes" + (port == null ? "" : " (listening on port " + port + ")"));
        if (task.loadBalancers.isEmpty()) {
            task.healthy = true;
            return;
        }
        EcsState.LoadBalancerRec lb = task.loadBalancers.get(0);
        boolean good = !EcsTaskFailures.UNHEALTHY.equals(task.failure);
        // ECS registers the task when it is RUNNING; the load balancer decides after its checks.
        Instant decided = n.firstVerdictAt(lb.targetGroupArn, at, good);
        n.registerTarget(lb.targetGroupArn, task.ip, lb.containerPort, decided, good);
        if (!good) {
            String path = n.healthCheckPath(lb.targetGroupArn);
            log(c, task, decided, "10.0.0.10 - - [" + nginxTime(decided) + "] \"GET " + path + " HTTP/1.1\" 404 153 \"-\" \"ELB-HealthChecker/2.0\"");
        }
        // ECS ignores a failing health check until the grace period is over.
        Instant judge = decided;
        if (!good && s.healthCheckGracePeriodSeconds != null) {
            Instant graceEnd = at.plusSeconds(s.healthCheckGracePeriodSeconds);
            if (graceEnd.isAfter(judge)) judge = graceEnd;
        }
        task.phase = "health";
        task.nextAt = judge.toEpochMilli();
    }

    private static String nginxTime(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC).format(at);
    }

    private void log(EcsState.ContainerRec c, EcsState.TaskRec task, Instant at, String line) {
        if (!"awslogs".equals(c.logDriver)) return;
        String group = c.logOptions.get("awslogs-group");
        String prefix = c.logOptions.get("awslogs-stream-prefix");
        String stream = (prefix == null ? "" : prefix + "/") + c.name + "/" + task.id;
        logs.append(group, stream, at, line);
    }

    /** A task that failed: counted against its deployment, and maybe against the circuit breaker. */
    private void fail(EcsState.ServiceRec s, EcsState.TaskRec task, String stopCode, String reason, Integer exitCode, Instant at, boolean immediate) {
        task.stopCode = stopCode;
        task.stoppedReason = reason;
        task.exitCode = exitCode;
        task.healthy = false;
        long t = at.toEpochMilli();
        if (immediate) {
            if (task.ip != null && !task.loadBalancers.isEmpty() && task.startedAt != null) {
                n.deregisterTarget(task.loadBalancers.get(0).targetGroupArn, task.ip, at);
            }
            task.desiredStatus = "STOPPED";
            task.stoppingAt = t;
            task.lastStatus = "STOPPED";
            task.stoppedAt = t;
            if (task.eni != null) n.releaseEni(task.eni, at);
            stateChange(s, task, at);
        } else {
            beginStop(s, task, t);
            task.stopCode = stopCode;
            task.stoppedReason = reason;
        }
        event(s, t, "(service " + s.name + ") has stopped 1 running tasks: (task " + task.id + ").");
        s.steady = false;
        EcsState.DeploymentRec d = s.deployments.stream().filter(x -> x.id.equals(task.deploymentId)).findFirst().orElse(null);
        if (d == null) return;
        d.failedTasks++;
        d.updatedAt = t;
        long backoff = Math.min(RELAUNCH_MAX.toMillis(), RELAUNCH_MIN.toMillis() << Math.min(16, Math.max(0, d.failedTasks - 10)));
        d.launchAfter = Math.max(d.launchAfter, t + backoff);
        if (s.circuitBreaker && d == s.deployments.get(0) && "IN_PROGRESS".equals(d.rolloutState)
                && d.failedTasks >= circuitBreakerThreshold(d.desiredCount)) {
            breakCircuit(s, d, t);
        }
    }

    /** ECS's "ECS Task State Change" event for a task that stopped, on EventBridge's default bus (fields as AWS documents them). */
    private void stateChange(EcsState.ServiceRec s, EcsState.TaskRec task, Instant at) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var e = json.createObjectNode().put("version", "0").put("id", account.newId("ev")).put("detail-type", "ECS Task State Change")
                .put("source", "aws.ecs").put("account", account.accountId()).put("time", at.toString()).put("region", account.region());
        e.putArray("resources").add(task.arn);
        var d = e.putObject("detail").put("clusterArn", task.clusterArn).put("taskArn", task.arn).put("taskDefinitionArn", task.taskDefinitionArn)
                .put("group", "service:" + s.name).put("lastStatus", task.lastStatus).put("desiredStatus", task.desiredStatus)
                .put("stopCode", task.stopCode).put("stoppedReason", task.stoppedReason);
        var c = d.putArray("containers").addObject().put("name", s.name).put("lastStatus", "STOPPED");
        if (task.exitCode != null) c.put("exitCode", task.exitCode);
        events.send(e, at.toEpochMilli());
    }

    /** AWS: the circuit breaker trips after min(max(10, ceil(0.5 × desired)), 200) failed tasks. */
    static int circuitBreakerThreshold(int desired) {
        return Math.min(Math.max(10, (desired + 1) / 2), 200);
    }

    private void breakCircuit(EcsState.ServiceRec s, EcsState.DeploymentRec d, long t) {
        d.rolloutState = "FAILED";
        d.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        event(s, t, "(service " + s.name + ") (deployment " + d.id + ") deployment failed: tasks failed to start.");
        fail(s, d, s.rollback, "ECS deployment circuit breaker: tasks failed to start.", "ECS deployment circuit breaker:", t);
    }

    /**
     * A CloudWatch alarm named in the service's deploymentConfiguration.alarms went into ALARM at
     * {@code t}: ECS fails the deployment in progress and, with rollback, returns to the last
     * completed one (ECS developer guide, "How the CloudWatch deployment alarms work").
     */
    void alarmTripped(EcsState.ServiceRec s, String alarmName, long t) {
        if (!s.alarmsEnabled || !s.alarmNames.contains(alarmName) || s.deployments.isEmpty()) return;
        EcsState.DeploymentRec d = s.deployments.get(0);
        if (!"IN_PROGRESS".equals(d.rolloutState)) return;
        d.rolloutState = "FAILED";
        d.rolloutStateReason = "ECS deployment failed: alarm(s) detected: " + alarmName + ".";
        event(s, t, "(service " + s.name + ") (deployment " + d.id + ") deployment failed: alarm detected.");
        fail(s, d, s.alarmsRollback, d.rolloutStateReason, "ECS deployment alarm:", t);
        s.reconcileAt = t;
    }

    /**
     * After a failed deployment {@code d}: with {@code rollback} and a completed one to go back to,
     * ECS starts a deployment of it; otherwise it stops launching tasks for {@code d}. Either way
     * the service deployment records how {@code d} ended, for history.
     */
    private void fail(EcsState.ServiceRec s, EcsState.DeploymentRec d, boolean rollback, String reason, String rollbackWords, long t) {
        String back = s.lastCompletedTaskDefinition;
        if (rollback && back != null && !back.equals(d.taskDefinition)) {
            s.loadBalancers = new ArrayList<>(s.lastCompletedLoadBalancers);
            EcsState.DeploymentRec r = newDeployment(back, s.desiredCount, s.loadBalancers, t);
            r.rolloutStateReason = rollbackWords + " rolling back to deploymentId " + d.id + ".";
            d.status = "ACTIVE";
            s.deployments.add(0, r);
            s.taskDefinition = back;
            EcsServiceDeployments.failed(st(), s, d, r, reason, t);
            event(s, t, "(service " + s.name + ") rolling back to deployment " + r.id + ".");
        } else {
            // Nothing to roll back to: ECS stops launching tasks for the failed deployment.
            d.launchAfter = Long.MAX_VALUE;
            EcsServiceDeployments.failed(st(), s, d, null, reason, t);
        }
    }

    EcsState.DeploymentRec newDeployment(String taskDefinition, int desired, List<EcsState.LoadBalancerRec> loadBalancers, long t) {
        EcsState.DeploymentRec d = new EcsState.DeploymentRec();
        String hex = account.newId("d").substring(2);
        d.id = "ecs-svc/" + String.format("%019d", new java.math.BigInteger(hex, 16).mod(java.math.BigInteger.TEN.pow(19)));
        d.status = "PRIMARY";
        d.taskDefinition = taskDefinition;
        d.desiredCount = desired;
        d.loadBalancers = new ArrayList<>(loadBalancers);
        d.rolloutState = "IN_PROGRESS";
        d.rolloutStateReason = "ECS deployment " + d.id + " in progress.";
        d.createdAt = t;
        d.updatedAt = t;
        return d;
    }

    void event(EcsState.ServiceRec s, long t, String message) {
        EcsState.EventRec e = new EcsState.EventRec();
        String hex = account.newId("e").substring(2);
        e.id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(1, 5) + "-" + hex.substring(4, 16);
        e.at = t;
        e.message = message;
        s.events.add(e);
        if (s.events.size() > 100) s.events.remove(0);
    }

    /** A scheduler-initiated stop: drain from the target group, then STOPPED after AWS's stop time. */
    void beginStop(EcsState.ServiceRec s, EcsState.TaskRec task, long t) {
        if (!live(task)) return;
        Instant at = Instant.ofEpochMilli(t);
        task.desiredStatus = "STOPPED";
        task.stoppingAt = t;
        boolean registered = task.startedAt != null && !task.loadBalancers.isEmpty();
        task.lastStatus = task.startedAt == null ? "STOPPED" : registered ? "DEACTIVATING" : "STOPPING";
        if (task.stopCode == null) {
            task.stopCode = "ServiceSchedulerInitiated";
            task.stoppedReason = s.status.equals("ACTIVE") ? "Scaling activity initiated by (deployment " + s.deployments.get(0).id + ")"
                    : "Service " + s.name + " is being deleted";
        }
        // The service first takes the task out of the load balancer and waits for the connections
        // to drain (the group's deregistration delay), then stops its containers (update-service).
        Instant gone = registered ? at.plus(n.drainFor(task.loadBalancers.get(0).targetGroupArn)) : at;
        if (registered) n.deregisterTarget(task.loadBalancers.get(0).targetGroupArn, task.ip, gone);
        if (task.startedAt == null) {
            task.stoppedAt = t;
            task.phase = null;
            task.nextAt = Long.MAX_VALUE;
            if (task.eni != null) n.releaseEni(task.eni, at);
        } else {
            task.phase = "sigterm";
            task.nextAt = gone.toEpochMilli();
        }
    }

    // ---- re-balancing the service at time t ----

    void reconcile(EcsState.ServiceRec s, long t) {
        List<EcsState.TaskRec> tasks = tasksOf(s);
        if (!"ACTIVE".equals(s.status)) {
            for (EcsState.TaskRec task : tasks) beginStop(s, task, t);
            if ("DRAINING".equals(s.status) && tasks.stream().allMatch(x -> "STOPPED".equals(x.lastStatus))) {
                s.status = "INACTIVE";
                s.deletedAt = t;
            }
            return;
        }
        EcsState.DeploymentRec primary = s.deployments.get(0);
        int desired = primary.desiredCount;
        List<EcsState.TaskRec> stopped = new ArrayList<>();

        // Surplus tasks of the primary deployment (scale-in): stop the newest, unhealthy ones first.
        List<EcsState.TaskRec> primaryLive = tasks.stream().filter(x -> live(x) && primary.id.equals(x.deploymentId))
                .sorted(Comparator.comparing((EcsState.TaskRec x) -> healthy(x)).thenComparing(x -> -x.createdAt)).toList();
        for (int i = 0; i < primaryLive.size() - desired; i++) { beginStop(s, primaryLive.get(i), t); stopped.add(primaryLive.get(i)); }

        // Old deployments give way while enough tasks stay healthy (minimumHealthyPercent).
        int minHealthy = (int) Math.ceil(desired * s.minimumHealthyPercent / 100.0);
        long healthyAll = tasks.stream().filter(EcsScheduler::healthy).count();
        List<EcsState.TaskRec> old = tasks.stream().filter(x -> live(x) && !primary.id.equals(x.deploymentId))
                .sorted(Comparator.comparing(EcsScheduler::healthy)).toList();
        for (EcsState.TaskRec x : old) {
            if (!healthy(x)) { beginStop(s, x, t); stopped.add(x); }
            else if (healthyAll - 1 >= minHealthy) { beginStop(s, x, t); stopped.add(x); healthyAll--; }
        }
        if (!stopped.isEmpty()) {
            s.steady = false;
            event(s, t, "(service " + s.name + ") has stopped " + stopped.size() + " running tasks: "
                    + String.join(" ", stopped.stream().map(x -> "(task " + x.id + ")").toList()) + ".");
            List<EcsState.TaskRec> registered = stopped.stream().filter(x -> x.startedAt != null && !x.loadBalancers.isEmpty()).toList();
            if (!registered.isEmpty()) {
                event(s, t, "(service " + s.name + ") deregistered " + registered.size()
                        + " targets in (target-group " + registered.get(0).loadBalancers.get(0).targetGroupArn + ")");
            }
        }

        // Launch for the primary deployment, within maximumPercent and any failure back-off.
        tasks = tasksOf(s);
        long primaryCount = tasks.stream().filter(x -> live(x) && primary.id.equals(x.deploymentId)).count();
        long totalLive = tasks.stream().filter(EcsScheduler::live).count();
        int maxTotal = Math.max(desired, (int) Math.floor(desired * s.maximumPercent / 100.0));
        long toLaunch = Math.min(desired - primaryCount, maxTotal - totalLive);
        if (toLaunch > 0 && primary.launchAfter == 0) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < toLaunch; i++) ids.add(launch(s, primary, t).id);
            s.steady = false;
            event(s, t, "(service " + s.name + ") has started " + ids.size() + " tasks: "
                    + String.join(" ", ids.stream().map(id -> "(task " + id + ")").toList()) + ".");
        }

        // Old deployments leave the list once their last task has drained and stopped, as in ECS.
        List<EcsState.TaskRec> now = tasksOf(s);
        s.deployments.removeIf(d -> d != primary && now.stream().noneMatch(x -> d.id.equals(x.deploymentId) && !"STOPPED".equals(x.lastStatus)));

        long primaryHealthy = now.stream().filter(x -> healthy(x) && primary.id.equals(x.deploymentId)).count();
        long primaryLiveNow = now.stream().filter(x -> live(x) && primary.id.equals(x.deploymentId)).count();
        boolean settled = primaryHealthy == desired && primaryLiveNow == desired && s.deployments.size() == 1;
        if (settled && "IN_PROGRESS".equals(primary.rolloutState)) {
            primary.rolloutState = "COMPLETED";
            primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            primary.updatedAt = t;
            s.lastCompletedTaskDefinition = primary.taskDefinition;
            s.lastCompletedLoadBalancers = primary.loadBalancers;
            EcsServiceDeployments.completed(st(), s, primary, t);
            event(s, t, "(service " + s.name + ") (deployment " + primary.id + ") deployment completed.");
        }
        if (settled && !s.steady) {
            s.steady = true;
            event(s, t, "(service " + s.name + ") has reached a steady state.");
        }
    }

    private EcsState.TaskRec launch(EcsState.ServiceRec s, EcsState.DeploymentRec d, long t) {
        EcsState.TaskDefRec td = SimEcs.resolveTaskDefinition(st(), d.taskDefinition);
        EcsState.TaskRec task = launcher.provision(s.cluster, s.clusterArn, td, s.subnets.get(s.launches++ % s.subnets.size()),
                s.securityGroups, s.assignPublicIp, Instant.ofEpochMilli(t));
        task.service = s.name;
        task.deploymentId = d.id;
        task.enableExecuteCommand = s.enableExecuteCommand;
        task.loadBalancers = d.loadBalancers;
        EcsServiceDeployments.pulled(st(), s, d.id, task.imageDigest);
        return task;
    }

    /** PROVISIONING, then PENDING for the last two thirds of the start time, then what the task recorded. */
    String lastStatus(EcsState.TaskRec t, Instant now) {
        if (!"PROVISIONING".equals(t.lastStatus)) return t.lastStatus;
        long third = account.latency().taskStart().toMillis() / 3;
        return now.toEpochMilli() - t.createdAt >= third ? "PENDING" : "PROVISIONING";
    }

    void forget(Instant now) {
        long cutoff = now.minus(STOPPED_VISIBLE).toEpochMilli();
        st().tasks.values().removeIf(t -> t.stoppedAt != null && t.stoppedAt < cutoff);
    }
}

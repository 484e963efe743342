package dev.gantry.aws.sim;

import dev.gantry.aws.sim.ElbState.ActionRec;
import dev.gantry.aws.sim.ElbState.ListenerRec;
import dev.gantry.aws.sim.ElbState.LoadBalancerRec;
import dev.gantry.aws.sim.ElbState.TargetRec;
import dev.gantry.aws.sim.Route53State.RecordRec;
import dev.gantry.aws.sim.Route53State.ZoneRec;
import dev.gantry.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether {@code https://HOST} would answer in the simulated account right now: the name resolves
 * (an alias A record in a public zone) to an active load balancer, which has an HTTPS listener on
 * 443 whose issued certificate covers the name, forwarding to a target group with at least one
 * healthy target. {@link Recorder} samples it once per simulated second, so a test can say an
 * apply kept the service up.
 */
public final class SimServing {
    private SimServing() {}

    /** Empty when the URL answers; otherwise the first thing in the way. */
    public static Optional<String> blocked(SimWorld world, String host) { return blocked(world, host, "/", null); }

    /**
     * Empty when {@code https://HOST/PATH} answers, and (when {@code ecsService} is given) a healthy
     * task of that ECS service answers it; otherwise the first thing in the way. The listener's
     * rules are evaluated as the load balancer does (lowest priority first, default action last).
     */
    public static Optional<String> blocked(SimWorld world, String host, String path, String ecsService) {
        synchronized (world) {
            String name = strip(host);
            Instant now = world.now();
            RecordRec alias = null;
            for (ZoneRec z : world.state.route53.zones.values()) {
                if (z.privateZone) continue;
                for (RecordRec r : z.records) {
                    if ("A".equals(r.type) && strip(r.name).equals(name) && r.aliasDnsName != null) alias = r;
                }
            }
            if (alias == null) return Optional.of(name + " does not resolve");
            LoadBalancerRec lb = null;
            for (LoadBalancerRec l : world.state.elb.loadBalancers.values()) {
                if (strip(l.dnsName).equals(strip(alias.aliasDnsName))) lb = l;
            }
            if (lb == null) return Optional.of(name + " points at " + alias.aliasDnsName + ", which is no load balancer");
            if (!ElbState.active(lb, now)) return Optional.of("the load balancer is not active yet");
            ListenerRec https = null;
            for (ListenerRec l : world.state.elb.listeners.values()) {
                if (l.loadBalancerArn.equals(lb.arn) && l.port == 443 && "HTTPS".equals(l.protocol)) https = l;
            }
            if (https == null) return Optional.of("no HTTPS listener on 443");
            boolean covered = false;
            for (String arn : https.certificateArns) {
                AcmState.CertRec c = world.state.acm.certificates.get(arn);
                if (c != null && "ISSUED".equals(AcmCertificates.of(world).status(arn)) && c.names.stream().anyMatch(n -> covers(n, name))) covered = true;
            }
            if (!covered) return Optional.of("the listener's certificate does not cover " + name);
            boolean healthyElsewhere = false;
            for (ActionRec a : world.state.elb.actionsFor(https, name, path)) {
                if ("fixed-response".equals(a.type)) return Optional.of(name + path + " is answered " + a.fixedStatusCode + " by the load balancer itself");
                if (!"forward".equals(a.type) || a.targetGroupArn == null) continue;
                ElbState.TargetGroupRec tg = world.state.elb.targetGroups.get(a.targetGroupArn);
                if (tg == null) continue;
                var reachable = SimTargetReach.of(world, tg.arn, now);
                for (TargetRec t : tg.targets.values()) {
                    if (!"healthy".equals(world.state.elb.targetHealth(tg.arn, t.ip, now, reachable))) continue;
                    if (ecsService == null || taskOf(world, t.ip, ecsService)) return Optional.empty();
                    healthyElsewhere = true;
                }
            }
            return Optional.of(healthyElsewhere ? name + path + " is answered by another service than " + ecsService
                    : "no healthy target behind the listener");
        }
    }

    /**
     * Empty when a running task of the ECS service {@code from} can call {@code http://NAME:PORT}
     * through Service Connect right now; otherwise the first thing in the way: the caller has no
     * Service Connect, NAME:PORT is no endpoint of its namespace, its tasks started before the
     * endpoint was made (they cannot resolve it), the callee has no running task, or the callee's
     * security groups do not let the caller's tasks in on the callee's port.
     */
    public static Optional<String> blockedCall(SimWorld world, String from, String url) {
        synchronized (world) {
            java.net.URI u = java.net.URI.create(url);
            String name = u.getHost();
            int port = u.getPort();
            long now = world.now().toEpochMilli();
            EcsState.ServiceRec caller = activeService(world, from);
            if (caller == null) return Optional.of("there is no active service " + from);
            if (caller.serviceConnect == null) return Optional.of(from + " has no Service Connect, so it cannot resolve " + name);
            EcsState.ServiceRec callee = world.state.ecs.services.values().stream()
                    .filter(s -> "ACTIVE".equals(s.status) && s.serviceConnect != null && s.serviceConnect.port != null
                            && caller.serviceConnect.namespaceArn.equals(s.serviceConnect.namespaceArn)
                            && name.equals(s.serviceConnect.dnsName) && port == s.serviceConnect.port)
                    .findFirst().orElse(null);
            if (callee == null) return Optional.of(name + ":" + port + " is no Service Connect endpoint in " + from + "'s namespace");
            List<EcsState.TaskRec> callers = running(world, caller);
            if (callers.isEmpty()) return Optional.of(from + " has no running task");
            List<EcsState.TaskRec> resolving = callers.stream().filter(t -> t.createdAt >= callee.serviceConnect.endpointSince).toList();
            if (resolving.isEmpty()) return Optional.of(from + "'s tasks started before " + name + "'s endpoint was made, so they cannot resolve it");
            List<EcsState.TaskRec> callees = running(world, callee);
            if (callees.isEmpty()) return Optional.of(callee.name + " has no running task");
            String tdArn = callees.get(0).taskDefinitionArn;
            EcsState.TaskDefRec td = world.state.ecs.taskDefinitions.values().stream().filter(d -> d.arn.equals(tdArn)).findFirst().orElse(null);
            Integer target = td == null ? null : td.containers.stream().map(c -> c.portNames.get(callee.serviceConnect.portName))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (target == null) return Optional.of(callee.name + "'s task definition has no port named " + callee.serviceConnect.portName);
            java.util.Set<String> fromGroups = new java.util.HashSet<>();
            for (EcsState.TaskRec t : resolving) {
                Ec2Model.Eni e = world.state.ec2.enis.get(t.eni);
                if (e != null) fromGroups.addAll(e.groupIds);
            }
            for (EcsState.TaskRec t : callees) {
                Ec2Model.Eni e = world.state.ec2.enis.get(t.eni);
                if (e == null) continue;
                for (String g : e.groupIds) {
                    Ec2Model.SecurityGroup sg = world.state.ec2.securityGroups.get(g);
                    if (sg == null) continue;
                    for (Ec2Model.Permission p : sg.ingress) {
                        boolean tcp = "-1".equals(p.protocol) || "tcp".equals(p.protocol) && p.fromPort != null && p.toPort != null
                                && p.fromPort <= target && target <= p.toPort;
                        if (tcp && p.sourceGroupId != null && fromGroups.contains(p.sourceGroupId)) return Optional.empty();
                    }
                }
            }
            return Optional.of("the security groups of " + callee.name + "'s tasks do not let " + from + "'s tasks in on port " + target);
        }
    }

    private static EcsState.ServiceRec activeService(SimWorld world, String name) {
        return world.state.ecs.services.values().stream().filter(s -> name.equals(s.name) && "ACTIVE".equals(s.status)).findFirst().orElse(null);
    }

    private static List<EcsState.TaskRec> running(SimWorld world, EcsState.ServiceRec s) {
        return world.state.ecs.tasks.values().stream().filter(t -> s.name.equals(t.service) && s.cluster.equals(t.cluster)
                && t.stoppedAt == null && "RUNNING".equals(t.lastStatus)).toList();
    }

    /** Whether a task of the ECS service named {@code service} that has not stopped holds this address. */
    private static boolean taskOf(SimWorld world, String ip, String service) {
        return world.state.ecs.tasks.values().stream().anyMatch(t -> ip.equals(t.ip) && service.equals(t.service) && t.stoppedAt == null);
    }

    static boolean covers(String certName, String host) {
        String c = strip(certName);
        if (c.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(c.substring(2));
        }
        return c.equals(host);
    }

    private static String strip(String n) {
        String s = n.toLowerCase();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** One sample per simulated second while running: when the URL did not answer, and why. */
    public static final class Recorder {
        private final SimWorld world;
        private final Scheduler scheduler;
        private final String host;
        private final String path;
        private final String ecsService;
        private final List<String> outages = new ArrayList<>();
        private volatile boolean running;
        private int samples;

        public Recorder(SimWorld world, Scheduler scheduler, String host) { this(world, scheduler, host, "/", null); }

        /** Samples {@code https://HOST/PATH}, answered by a task of {@code ecsService} (null: by anyone). */
        public Recorder(SimWorld world, Scheduler scheduler, String host, String path, String ecsService) {
            this.world = world;
            this.scheduler = scheduler;
            this.host = host;
            this.path = path;
            this.ecsService = ecsService;
        }

        public Recorder start() {
            running = true;
            scheduler.schedule(Duration.ZERO, this::sample);
            return this;
        }

        public void stop() { running = false; }

        private void sample() {
            if (!running) return;
            samples++;
            blocked(world, host, path, ecsService).ifPresent(why -> outages.add(world.now() + ": " + why));
            scheduler.schedule(Duration.ofSeconds(1), this::sample);
        }

        public synchronized List<String> outages() { return List.copyOf(outages); }

        public int samples() { return samples; }
    }
}

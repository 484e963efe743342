package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.Explainer;
import dev.gantry.diagnose.RolloutFailure;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.diagnose.RolloutVerdict;
import dev.gantry.diagnose.RolloutWatcher;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code service.main}: the ECS service on Fargate. Create and update return only once the new
 * deployment is COMPLETED, reporting the rollout on every poll; the first task of the new
 * deployment that fails ends the wait with a {@link RolloutFailure} that says why and how to fix it.
 */
final class ServiceType implements ResourceType {
    static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(30);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /**
     * The prop that says whether the service's latest deployment has finished: the spec always
     * wants {@value #ROLLOUT_DONE}; refresh reads anything else in plain words (in progress, failed),
     * so a rollout an earlier apply left unfinished is a pending change, never "No changes".
     */
    /** The alarms ECS watches during a rollout (deploymentConfiguration.alarms), sorted; absent without alerts. */
    static final String DEPLOYMENT_ALARMS = "deploymentAlarms";
    /** Inputs (never compared with AWS): the task count to start with under autoscaling, */
    static final String START_COUNT = "startCount";
    /** the typical seconds of the first health checks and of draining, which pace the rollout's polls, */
    static final String FIRST_HEALTH_CHECKS = "firstHealthChecksSeconds", DRAINING = "drainingSeconds";
    /** and what the diagnosis of a failed task needs to know of the app ({@link Explainer.Context#asProps}). */
    static final String EXPLAIN = "explain";

    /**
     * when the load balancer, still provisioning, is likely active (an instant; empty once it is):
     * its targets' first health checks come only after that,
     */
    static final String LOAD_BALANCER_ACTIVE_BY = "loadBalancerActiveBy";

    private static final Set<String> INPUTS = Set.of(START_COUNT, FIRST_HEALTH_CHECKS, DRAINING, LOAD_BALANCER_ACTIVE_BY, EXPLAIN);

    @Override public Set<String> inputs() { return INPUTS; }
    /** Whether a rollout that trips one of them is rolled back (alarms enabled with rollback). */
    static final String ALARM_ROLLBACK = "alarmRollback";
    static final String ROLLOUT = "rollout";
    static final String ROLLOUT_DONE = RolloutVerdict.COMPLETED;

    @Override public String type() { return "service"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.SERVICE; }

    @Override public String noun() { return "ECS service"; }

    /**
     * {@code serviceConnect}: absent (off), "client" (the service's tasks call the app's internal
     * services by name), or "NAME:PORT" (an internal service: its endpoint, http://NAME:PORT, in the
     * cluster's default namespace, its port mapping named NAME). Version 1 never sets it.
     */
    static final String SERVICE_CONNECT = "serviceConnect";

    /** A rollout: tasks start, pass health checks, old ones drain. */

    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(90); }
    @Override public int tier() { return 4; }
    @Override public Set<String> replaceOn() { return Set.of("name", "cluster"); }

    /**
     * A rolling deployment moves the service to another target group or container port in place
     * (the new deployment's tasks register there, the old one's drain); gaining or losing the load
     * balancer altogether (web ↔ worker) gets a new service.
     */
    @Override public boolean forcesReplace(String field, Object have, Object want) {
        if (field.equals("targetGroupArn") || field.equals("containerPort")) return (have == null) != (want == null);
        return replaceOn().contains(field);
    }

    /**
     * A service cannot move to another cluster: the new one (same name, other cluster) is made and
     * registers in the same target group, then the old one is drained and deleted. Gaining or losing
     * the load balancer in one cluster cannot: the name is taken until the old one is gone.
     */
    @Override public boolean createBeforeDestroy(Set<String> replacing) { return replacing.equals(Set.of("cluster")); }

    /** The app's service in the planned cluster; else in another cluster of the app's (the spec renamed it). */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        String wanted = Ecs.wantedCluster(ctx);
        List<Observed> here = wanted == null ? List.of() : in(ctx, wanted);
        if (!here.isEmpty()) return here;
        for (String cluster : Ecs.otherClustersOfTheApp(ctx)) {
            List<Observed> there = in(ctx, cluster);
            if (!there.isEmpty()) return there;
        }
        return List.of();
    }

    /** The app's ACTIVE service in {@code cluster}, read once per refresh (the scaling types ask too). */
    static List<Observed> in(ResourceContext ctx, String cluster) {
        return ctx.reads().get("ecs:app-service:" + cluster, () -> read(ctx, cluster));
    }

    private static List<Observed> read(ResourceContext ctx, String cluster) {
        EcsClient ecs = ctx.aws().ecs();
        List<Observed> out;
        try {
            // gantry names the service after the app: asked for by name, the usual case takes one call.
            // With several services the cluster's whole list is read: a service just removed is there too.
            if (ctx.wanted().ofType("service").size() <= 1 && LogGroupType.otherServiceNames(ctx, List.of()).isEmpty()) {
                out = owned(ctx, named(ctx, cluster, ctx.app()));
                if (!out.isEmpty()) return out;
            }
            List<String> arns = ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns().stream().toList();
            out = new ArrayList<>();
            for (int i = 0; i < arns.size(); i += 10) {
                List<String> batch = arns.subList(i, Math.min(arns.size(), i + 10));
                out.addAll(owned(ctx, ecs.describeServices(b -> b.cluster(cluster).services(batch).include(ServiceField.TAGS)).services()));
            }
        } catch (ClusterNotFoundException e) {
            return List.of();
        }
        return out;
    }

    /**
     * DescribeServices of one name, with tags: read once per refresh by it and the claimant (gantry
     * names the service after the app). A cluster that does not exist throws ClusterNotFoundException
     * each time; the answer is kept as that exception, thrown again to each caller.
     */
    private static List<Service> named(ResourceContext ctx, String cluster, String name) {
        Object r = ctx.reads().get("ecs:service:" + cluster + ":" + name, () -> {
            try {
                return ctx.aws().ecs().describeServices(b -> b.cluster(cluster).services(name).include(ServiceField.TAGS)).services();
            } catch (ClusterNotFoundException none) {
                return none;
            }
        });
        if (r instanceof ClusterNotFoundException none) throw none;
        @SuppressWarnings("unchecked") List<Service> services = (List<Service>) r;
        return services;
    }

    private static List<Observed> owned(ResourceContext ctx, List<Service> services) {
        List<Observed> out = new ArrayList<>();
        for (Service s : services) {
            Map<String, String> tags = Ecs.tags(s.tags());
            if (!"ACTIVE".equals(s.status())) continue;
            ctx.ownAddress(tags, "service").ifPresent(a -> {
                Map<String, Object> want = ctx.wanted().get(a).map(Desired::props).orElse(Map.of());
                out.add(withDiagnosis(ctx, observed(a, s, countCompared(want)), s, want));
            });
        }
        return out;
    }

    /**
     * A rollout that is failing says why in the plan: the first failed task of the latest
     * deployment, explained (two more reads, only for a service in trouble).
     */
    private static Observed withDiagnosis(ResourceContext ctx, Observed o, Service s, Map<String, Object> want) {
        RolloutVerdict r = RolloutVerdict.latest(s);
        if (!r.startAgain()) return o;
        RolloutWatcher watcher = new RolloutWatcher(ctx.aws().ecs(), s.clusterArn(), s.serviceName());
        RolloutSnapshot snap = watcher.snapshot(s, r.deploymentId(), null);
        Optional<String> why = RolloutVerdict.why(r, snap, explainer(ctx, want)).map(dev.gantry.diagnose.Diagnosis::summary);
        if (why.isEmpty()) return o;
        Map<String, Object> props = new java.util.LinkedHashMap<>(o.props());
        props.put(ROLLOUT, r.words() + ": " + why.get());
        return new Observed(o.address(), o.id(), props, o.outputs());
    }

    /** An ACTIVE service of the app's name in the planned cluster that is not the app's. */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String cluster = Ecs.wantedCluster(ctx);
        if (cluster == null) return Optional.empty();
        String name = Props.str(props, "name");
        try {
            return named(ctx, cluster, name).stream()
                    .filter(s -> "ACTIVE".equals(s.status()) && name.equals(s.serviceName())).findFirst()
                    .map(s -> new Claim(observed(desired.address(), s, countCompared(desired.props())), "the ECS service " + name + " in cluster " + cluster
                            + " (" + dev.gantry.spec.Counted.of(s.runningCount(), "running task") + ")", Ecs.tags(s.tags()), "app"));
        } catch (ClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ecs().tagResource(b -> b.resourceArn(existing.id()).tags(Ecs.tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    /**
     * {@code countCompared}: the plan sets the task count (no autoscaling); with autoscaling the count
     * is Application Auto Scaling's to change, so it is not read as drift.
     */
    static Observed observed(Address a, Service s, boolean countCompared) {
        // A service made by hand on EC2 (bridge or host networking) has no awsvpc configuration.
        AwsVpcConfiguration vpc = s.networkConfiguration() != null && s.networkConfiguration().awsvpcConfiguration() != null
                ? s.networkConfiguration().awsvpcConfiguration() : AwsVpcConfiguration.builder().build();
        // AWS always returns it; emulators sometimes do not, and a missing one means AWS's defaults.
        DeploymentConfiguration dc = s.deploymentConfiguration() != null ? s.deploymentConfiguration()
                : DeploymentConfiguration.builder().minimumHealthyPercent(100).maximumPercent(200).build();
        boolean rollback = dc.deploymentCircuitBreaker() != null && Boolean.TRUE.equals(dc.deploymentCircuitBreaker().enable())
                && Boolean.TRUE.equals(dc.deploymentCircuitBreaker().rollback());
        Props.Builder p = Props.props().put("name", s.serviceName()).put("cluster", s.clusterArn()).put("taskDefinition", s.taskDefinition());
        if (countCompared) p.put("desiredCount", s.desiredCount());
        p.put("subnets", new ArrayList<>(vpc.subnets())).put("securityGroups", new ArrayList<>(vpc.securityGroups()))
                .put("assignPublicIp", vpc.assignPublicIp() == AssignPublicIp.ENABLED);
        if (!s.loadBalancers().isEmpty()) {
            p.put("targetGroupArn", s.loadBalancers().get(0).targetGroupArn()).put("containerPort", s.loadBalancers().get(0).containerPort())
                    .put("healthCheckGracePeriodSeconds", s.healthCheckGracePeriodSeconds());
        }
        p.put("minimumHealthyPercent", dc.minimumHealthyPercent()).put("maximumPercent", dc.maximumPercent()).put("rollbackOnFailure", rollback);
        p.put("exec", Boolean.TRUE.equals(s.enableExecuteCommand()));
        if (dc.alarms() != null && !dc.alarms().alarmNames().isEmpty()) {
            p.put(DEPLOYMENT_ALARMS, dc.alarms().alarmNames().stream().sorted().toList())
                    .put(ALARM_ROLLBACK, Boolean.TRUE.equals(dc.alarms().enable()) && Boolean.TRUE.equals(dc.alarms().rollback()));
        }
        p.put(ROLLOUT, RolloutVerdict.latest(s).words());
        String connect = serviceConnect(s);
        p.put(SERVICE_CONNECT, connect.isEmpty() ? null : connect);
        return new Observed(a, s.serviceArn(), p.build(), Map.of("id", s.serviceArn(), "arn", s.serviceArn(), "name", s.serviceName()));
    }

    /** The PRIMARY deployment's Service Connect, as the {@link #SERVICE_CONNECT} prop reads. */
    private static String serviceConnect(Service s) {
        if (s.deployments().isEmpty()) return "";
        ServiceConnectConfiguration c = s.deployments().get(0).serviceConnectConfiguration();
        if (c == null || !Boolean.TRUE.equals(c.enabled())) return "";
        if (c.services().isEmpty() || c.services().get(0).clientAliases().isEmpty()) return "client";
        return c.services().get(0).discoveryName() + ":" + c.services().get(0).clientAliases().get(0).port();
    }

    /** What {@link #SERVICE_CONNECT} asks ECS for; null when the prop is absent (version 1: left as it is). */
    private static ServiceConnectConfiguration serviceConnect(Map<String, Object> props) {
        if (!props.containsKey(SERVICE_CONNECT)) return null;
        String sc = Props.str(props, SERVICE_CONNECT);
        if (sc == null || sc.isEmpty()) return ServiceConnectConfiguration.builder().enabled(false).build();
        ServiceConnectConfiguration.Builder b = ServiceConnectConfiguration.builder().enabled(true);
        if (!sc.equals("client")) {
            String name = sc.substring(0, sc.lastIndexOf(':'));
            int port = Integer.parseInt(sc.substring(sc.lastIndexOf(':') + 1));
            b.services(ServiceConnectService.builder().portName(name).discoveryName(name)
                    .clientAliases(ServiceConnectClientAlias.builder().port(port).dnsName(name).build()).build());
        }
        return b.build();
    }

    private static DeploymentConfiguration deployment(Map<String, Object> props) { return deployment(props, false); }

    /** {@code hadAlarms}: the service names deployment alarms now, so leaving them out must clear them. */
    private static DeploymentConfiguration deployment(Map<String, Object> props, boolean hadAlarms) {
        boolean rollback = Props.bool(props, "rollbackOnFailure");
        DeploymentConfiguration.Builder b = DeploymentConfiguration.builder().minimumHealthyPercent(Props.integer(props, "minimumHealthyPercent"))
                .maximumPercent(Props.integer(props, "maximumPercent"))
                .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(rollback).rollback(rollback).build());
        List<String> alarms = Props.strings(props, DEPLOYMENT_ALARMS);
        if (!alarms.isEmpty()) {
            boolean back = Boolean.TRUE.equals(props.get(ALARM_ROLLBACK));
            // Without rollback the alarms are still named (refresh finds the alerts by them) but ECS does not act on them.
            b.alarms(DeploymentAlarms.builder().alarmNames(alarms).enable(back).rollback(back).build());
        } else if (hadAlarms) {
            b.alarms(DeploymentAlarms.builder().alarmNames(List.of()).enable(false).rollback(false).build());
        }
        return b.build();
    }

    private static NetworkConfiguration network(Map<String, Object> props) {
        return NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets(Props.strings(props, "subnets")).securityGroups(Props.strings(props, "securityGroups"))
                .assignPublicIp(Props.bool(props, "assignPublicIp") ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build()).build();
    }

    private static software.amazon.awssdk.services.ecs.model.LoadBalancer loadBalancer(ResourceContext ctx, Map<String, Object> props) {
        return software.amazon.awssdk.services.ecs.model.LoadBalancer.builder().targetGroupArn(Props.str(props, "targetGroupArn"))
                .containerName(ctx.app()).containerPort(Props.integer(props, "containerPort")).build();
    }

    private static int desiredCount(Map<String, Object> props) {
        Integer d = Props.integer(props, "desiredCount");
        Integer start = Props.integer(props, START_COUNT);
        return d != null ? d : start != null ? start : 1;
    }

    /** Whether the desired props set the task count (no autoscaling). */
    static boolean countCompared(Map<String, Object> desired) { return desired.isEmpty() || desired.containsKey("desiredCount"); }

    /** Stable across runs of the same app, so a create re-run after a crash returns the same service. */
    static String clientToken(ResourceContext ctx, Address a) {
        return UUID.nameUUIDFromBytes(("gantry/" + ctx.accountId() + "/" + ctx.region() + "/" + ctx.app() + "/" + a).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        Instant drainDeadline = ctx.time().now().plus(Duration.ofMinutes(15));
        return new Step() {
            @Override public StepResult run() throws Exception {
                try {
                    return createOnce(ctx, desired, props);
                } catch (InvalidParameterException e) {
                    // A service of the same name deleted moments ago (a replace, a destroy and apply)
                    // is DRAINING until its tasks stop; ECS refuses the name until then.
                    if (e.getMessage() == null || !e.getMessage().contains("Draining") || ctx.time().now().isAfter(drainDeadline)) throw e;
                    return StepResult.waitThen(Poll.MAX_INTERVAL, "the previous service " + Props.str(props, "name") + " to finish draining", this);
                }
            }
        };
    }

    private StepResult createOnce(ResourceContext ctx, Desired desired, Map<String, Object> props) throws Exception {
        {
            checkAccess(ctx, Props.str(props, "taskDefinition"));
            String name = Props.str(props, "name");
            String cluster = Props.str(props, "cluster");
            CreateServiceRequest.Builder b = CreateServiceRequest.builder().cluster(cluster).serviceName(name)
                    .taskDefinition(Props.str(props, "taskDefinition")).desiredCount(desiredCount(props))
                    .launchType(LaunchType.FARGATE).networkConfiguration(network(props)).deploymentConfiguration(deployment(props))
                    .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true).enableExecuteCommand(Props.bool(props, "exec"))
                    .tags(Ecs.tagList(ctx.tags(desired.address()))).clientToken(clientToken(ctx, desired.address()));
            ServiceConnectConfiguration connect = serviceConnect(props);
            if (connect != null && Boolean.TRUE.equals(connect.enabled())) b.serviceConnectConfiguration(connect);
            String tg = Props.str(props, "targetGroupArn");
            if (tg != null) {
                b.loadBalancers(loadBalancer(ctx, props));
                b.healthCheckGracePeriodSeconds(Props.integer(props, "healthCheckGracePeriodSeconds"));
            }
            ctx.aws().ecs().createService(b.build());
            return watch(ctx, desired.address(), cluster, name, Props.str(props, "taskDefinition"), props).run();
        }
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        if (onlyTheRolloutDiffers(current.props(), props)) return finishRollout(ctx, current, desired, props);
        return () -> {
            checkAccess(ctx, Props.str(props, "taskDefinition"));
            String cluster = Props.str(props, "cluster") == null ? Props.str(current.props(), "cluster") : Props.str(props, "cluster");
            String name = current.output("name");
            UpdateServiceRequest.Builder b = UpdateServiceRequest.builder().cluster(cluster).service(name)
                    .taskDefinition(Props.str(props, "taskDefinition")).networkConfiguration(network(props))
                    .deploymentConfiguration(deployment(props, current.props().get(DEPLOYMENT_ALARMS) != null));
            if (props.containsKey("desiredCount")) b.desiredCount(Props.integer(props, "desiredCount"));
            if (props.containsKey("healthCheckGracePeriodSeconds")) b.healthCheckGracePeriodSeconds(Props.integer(props, "healthCheckGracePeriodSeconds"));
            if (Props.str(props, "targetGroupArn") != null) b.loadBalancers(loadBalancer(ctx, props));
            // Service Connect's configuration is sent only when it changes: sending it starts a new deployment.
            if (props.containsKey(SERVICE_CONNECT) && !Objects.equals(Props.str(props, SERVICE_CONNECT), Props.str(current.props(), SERVICE_CONNECT))) {
                b.serviceConnectConfiguration(serviceConnect(props));
            }
            // A secret's new value: the same task definition, new tasks that read it (set by the engine's plan).
            if (Boolean.TRUE.equals(props.get("forceNewDeployment"))) b.forceNewDeployment(true);
            // ECS Exec reaches only tasks started with it: turning it on or off starts new ones.
            boolean exec = Props.bool(props, "exec");
            b.enableExecuteCommand(exec);
            if (exec != Props.bool(current.props(), "exec")) b.forceNewDeployment(true);
            ctx.aws().ecs().updateService(b.build());
            return watch(ctx, desired.address(), cluster, name, Props.str(props, "taskDefinition"), props).run();
        };
    }

    /** An update for the rollout alone is about the service's last deployment, not an edit: said so. */
    @Override public String updateReason(List<dev.gantry.plan.Change.FieldChange> fields) {
        for (dev.gantry.plan.Change.FieldChange f : fields) {
            if (!f.field().equals("exec")) continue;
            return Boolean.TRUE.equals(f.after())
                    ? "ECS Exec on: whoever may call ecs:ExecuteCommand on this cluster can run commands in its containers (gantry exec), "
                      + "as the container's user and with the task role's permissions; new tasks replace the running ones"
                    : "ECS Exec off: no more commands in its containers; new tasks replace the running ones";
        }
        if (fields.size() != 1 || !fields.get(0).field().equals(ROLLOUT)) return null;
        String was = String.valueOf(fields.get(0).before());
        return RolloutVerdict.startsAgain(was)
                ? "its last rollout failed: apply starts it again, and says why if it fails again"
                : "its last rollout has not finished: apply watches it to its end";
    }

    /** Everything the spec describes is in place; only the service's latest rollout has not finished well. */
    static boolean onlyTheRolloutDiffers(Map<String, Object> have, Map<String, Object> want) {
        for (Map.Entry<String, Object> e : want.entrySet()) {
            if (e.getKey().equals(ROLLOUT) || INPUTS.contains(e.getKey())) continue;
            Object w = e.getValue(), h = have.get(e.getKey());
            if (w instanceof List<?> wl && h instanceof List<?> hl) {
                w = wl.stream().map(String::valueOf).sorted().toList();
                h = hl.stream().map(String::valueOf).sorted().toList();
            }
            if (!dev.gantry.plan.Planner.same(w, h)) return false;
        }
        return true;
    }

    /**
     * An earlier apply left the rollout unfinished (stopped while it waited, or failed). One still
     * in progress is watched to its end. A failed one is started again (a new deployment of the
     * same revision, so ECS's back-off and circuit breaker start afresh): whatever was fixed since
     * outside gantry.yaml (an image pushed under the same tag, a role or secret fixed) takes effect,
     * and if nothing was, its first failed task ends the apply with the reason, as on the first try.
     */
    private Step finishRollout(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            String cluster = Props.str(current.props(), "cluster");
            String name = current.output("name");
            Service s = new RolloutWatcher(ctx.aws().ecs(), cluster, name).describe().orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                    "the ECS service " + name + " disappeared while gantry looked at its rollout", "run 'gantry apply' again"));
            RolloutVerdict r = RolloutVerdict.latest(s);
            String revision = Props.str(props, "taskDefinition");
            if (r.startAgain()) {
                ctx.progress().info("the last rollout of " + revision(revision) + " did not finish: " + r.words() + "; starting it again");
                checkAccess(ctx, revision);
                ctx.aws().ecs().updateService(b -> b.cluster(cluster).service(name).taskDefinition(revision).forceNewDeployment(true));
            } else {
                ctx.progress().info("the last rollout of " + revision(revision) + " is " + r.words() + "; watching it to its end");
            }
            return watch(ctx, desired.address(), cluster, name, revision, props).run();
        };
    }

    /**
     * Asks IAM's policy simulator whether the task's execution role may read each secret the task
     * definition names, so a missing grant is caught before ECS starts failing tasks. Without
     * permission for the simulator itself, the check is skipped (the rollout would still explain).
     */
    static void checkSecretAccess(ResourceContext ctx, TaskDefinition td) {
        Map<String, String> arnToName = new java.util.LinkedHashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            for (Secret s : c.secrets()) {
                String from = s.valueFrom();
                String arn = from.startsWith("arn:") ? from : "arn:aws:ssm:" + ctx.region() + ":" + ctx.accountId() + ":parameter" + (from.startsWith("/") ? "" : "/") + from;
                arnToName.put(arn, s.name());
            }
        }
        if (arnToName.isEmpty() || td.executionRoleArn() == null) return;
        List<EvaluationResult> results;
        try {
            // One try: the check is a courtesy, and the rollout watch still explains a denied secret.
            results = ctx.aws().iam().simulatePrincipalPolicy(b -> b.policySourceArn(td.executionRoleArn())
                    .actionNames("ssm:GetParameters").resourceArns(new ArrayList<>(arnToName.keySet()))
                    .overrideConfiguration(o -> o.addPlugin(dev.gantry.aws.RetryPolicy.ONE_TRY))).evaluationResults();
        } catch (IamException e) {
            String code = dev.gantry.aws.AwsErrors.code(e);
            String why = e.statusCode() == 403 ? "no permission for iam:SimulatePrincipalPolicy"
                    : "IAM's policy simulator failed: HTTP " + e.statusCode() + (code.isBlank() ? "" : " " + code);
            ctx.progress().info("could not check the execution role's access to secrets (" + why + "); continuing");
            return;
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            ctx.progress().info("could not check the execution role's access to secrets (IAM's policy simulator did not answer); continuing");
            return;
        }
        String role = td.executionRoleArn().substring(td.executionRoleArn().lastIndexOf('/') + 1);
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (EvaluationResult r : results) {
            if ("allowed".equals(r.evalDecisionAsString())) continue;
            String secret = arnToName.getOrDefault(r.evalResourceName(), r.evalResourceName());
            problems.add(secret + " (" + r.evalResourceName() + ": " + r.evalDecisionAsString() + ")");
            fixes.add("allow ssm:GetParameters on " + r.evalResourceName());
        }
        if (problems.isEmpty()) return;
        throw new AwsFailure(AwsFailure.Kind.OTHER,
                "the task's execution role " + role + " may not read the secret" + (problems.size() > 1 ? "s " : " ") + String.join(", ", problems)
                        + ", so ECS could not start the container",
                "gantry grants this in the role's inline policy " + Policies.SECRETS_POLICY_NAME + ": run 'gantry apply' so role.execution is updated first"
                        + " (or, for a role changed by hand: " + String.join("; ", fixes) + ")");
    }

    static final List<String> ECR_PULL = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");

    /**
     * Like the secrets: the execution role must be allowed to pull an image from ECR in this account
     * (AmazonECSTaskExecutionRolePolicy allows it; a role changed by hand may not) and to read the
     * registry login of a private registry. Asked of IAM's policy simulator before the service changes.
     */
    static void checkPullAccess(ResourceContext ctx, TaskDefinition td) {
        if (td.executionRoleArn() == null) return;
        ContainerDefinition c = td.containerDefinitions().get(0);
        dev.gantry.image.ImageName image = dev.gantry.image.ImageName.parse(c.image());
        List<String[]> asks = new ArrayList<>(); // action, resource
        if (image.ecr() && image.ecrRegion().equals(ctx.region()) && image.ecrAccount().equals(ctx.accountId())) {
            asks.add(new String[]{"ecr:GetAuthorizationToken", "*"});
            String repo = "arn:aws:ecr:" + ctx.region() + ":" + ctx.accountId() + ":repository/" + image.repository();
            ECR_PULL.forEach(a -> asks.add(new String[]{a, repo}));
        }
        if (c.repositoryCredentials() != null) asks.add(new String[]{"secretsmanager:GetSecretValue", c.repositoryCredentials().credentialsParameter()});
        if (asks.isEmpty()) return;
        List<String> denied = new ArrayList<>();
        try {
            for (String[] ask : asks) {
                for (EvaluationResult r : ctx.aws().iam().simulatePrincipalPolicy(b -> b.policySourceArn(td.executionRoleArn())
                        .actionNames(ask[0]).resourceArns(ask[1])).evaluationResults()) {
                    if (!"allowed".equals(r.evalDecisionAsString())) denied.add(ask[0] + " on " + ask[1]);
                }
            }
        } catch (IamException e) {
            ctx.progress().info("could not check the execution role's permission to pull the image (the policy simulator answered "
                    + e.statusCode() + " " + dev.gantry.aws.AwsErrors.code(e) + "); continuing");
            return;
        }
        if (denied.isEmpty()) return;
        String role = td.executionRoleArn().substring(td.executionRoleArn().lastIndexOf('/') + 1);
        throw new AwsFailure(AwsFailure.Kind.OTHER,
                "the task's execution role " + role + " may not pull the image " + c.image() + " (denied: " + String.join(", ", denied)
                        + "), so ECS could not start the container",
                "gantry attaches " + Policies.TASK_EXECUTION_POLICY + " (ECR pulls) and grants the registry login in " + Policies.SECRETS_POLICY_NAME
                        + ": run 'gantry apply' so role.execution is updated first (for a role changed by hand, allow " + String.join(", ", denied) + ")");
    }

    /** The two access checks above, on one read of the task definition. */
    static void checkAccess(ResourceContext ctx, String taskDefinitionArn) {
        TaskDefinition td = ctx.aws().ecs().describeTaskDefinition(b -> b.taskDefinition(taskDefinitionArn)).taskDefinition();
        checkSecretAccess(ctx, td);
        checkPullAccess(ctx, td);
    }

    /**
     * Polls the rollout of {@code taskDefinitionArn} (the revision this apply registered or kept)
     * until its deployment is COMPLETED with all its tasks running; the rollout line reports that
     * deployment, checked against what the service says it runs.
     */
    static Step watch(ResourceContext ctx, Address a, String cluster, String service, String taskDefinitionArn, Map<String, Object> props) {
        RolloutWatcher watcher = new RolloutWatcher(ctx.aws().ecs(), cluster, service);
        Explainer.Context explain = explainer(ctx, props);
        boolean loadBalanced = Props.str(props, "targetGroupArn") != null;
        boolean countCompared = countCompared(props);
        Instant deadline = ctx.time().now().plus(ROLLOUT_TIMEOUT);
        // Failures older than this watch belong to an earlier apply; the margin absorbs clock skew with AWS.
        Instant started = ctx.time().now().minus(CLOCK_SKEW);
        return new Step() {
            String phase;
            Instant phaseSince;
            Poll.Backoff backoff;

            @Override public StepResult run() {
                Service s = watcher.describe().orElseThrow(() -> new AwsFailure(AwsFailure.Kind.NOT_FOUND,
                        "the ECS service " + service + " disappeared while gantry watched its rollout", "run 'gantry apply' again"));
                Optional<software.amazon.awssdk.services.ecs.model.Deployment> watched = RolloutWatcher.deploymentOf(s, taskDefinitionArn);
                if (watched.isEmpty() && ctx.time().now().isBefore(started.plus(CLOCK_SKEW).plus(Duration.ofMinutes(1)))) {
                    // ECS reads are eventually consistent: give the update a moment to show.
                    return StepResult.waitThen(Poll.MAX_INTERVAL, "ECS to show the deployment of " + revision(taskDefinitionArn), this);
                }
                if (watched.isEmpty()) {
                    throw new AwsFailure(AwsFailure.Kind.OTHER, "the ECS service " + service + " runs " + revision(s.taskDefinition())
                            + ", not " + revision(taskDefinitionArn) + " that gantry just gave it", "run 'gantry apply' again; if it repeats, "
                            + "check whether something else (a pipeline, the console) updates the service at the same time");
                }
                String deploymentId = watched.get().id();
                RolloutSnapshot snap = RolloutWatcher.focus(watcher.watchSnapshot(s, deploymentId, started), watched.get());
                ctx.progress().rollout(snap);
                RolloutVerdict verdict = RolloutVerdict.watched(snap, deploymentId, explain);
                if (verdict instanceof RolloutVerdict.Failed f) throw new RolloutFailure(f.why());
                if (verdict instanceof RolloutVerdict.Completed) return StepResult.done(observed(a, s, countCompared));
                if (ctx.time().now().isAfter(deadline)) {
                    watcher.lookAgain();
                    RolloutSnapshot last = RolloutWatcher.focus(watcher.watchSnapshot(s, deploymentId, started), watched.get());
                    throw new RolloutFailure(RolloutVerdict.timedOut(last, deploymentId, ROLLOUT_TIMEOUT, explain).why());
                }
                RolloutSnapshot.Deployment d = RolloutWatcher.find(snap, deploymentId);
                String now = phase(snap, d, loadBalanced);
                String key = now.substring(0, now.indexOf(':'));
                if (!key.equals(phase)) {
                    // Each phase has its typical length: look when it is likely over, often as it nears.
                    phase = key;
                    phaseSince = ctx.time().now();
                    backoff = new Poll.Backoff(typical(key, props, ctx.time().now()));
                }
                return StepResult.waitThen(backoff.next(Duration.between(phaseSince, ctx.time().now())), now, this);
            }
        };
    }

    /**
     * What the rollout waits for now, in the words the critical path groups by: new tasks
     * starting, their first health checks (old ones still serve meanwhile), old ones draining.
     */
    static String phase(RolloutSnapshot snap, RolloutSnapshot.Deployment d, boolean loadBalanced) {
        String counts = d.running() + "/" + d.desired() + " tasks running";
        if (d.running() < d.desired()) return "the new tasks to start: " + counts;
        boolean others = snap.deployments().stream().anyMatch(o -> !o.id().equals(d.id()));
        boolean othersServe = snap.deployments().stream().anyMatch(o -> !o.id().equals(d.id()) && o.running() > 0);
        if (loadBalanced) {
            return others && !othersServe ? "the old tasks to drain and stop: " + counts : "the new tasks' first health checks: " + counts;
        }
        return others ? "the old tasks to stop: " + counts : "ECS to mark the deployment complete: " + counts;
    }

    /** A Fargate task typically takes this long from launch to RUNNING (docs/timings.md). */
    static final Duration TYPICAL_TASK_START = Duration.ofSeconds(45);
    /** From SIGTERM to STOPPED for a task that exits on SIGTERM (docs/timings.md). */
    static final Duration TYPICAL_STOP = Duration.ofSeconds(11);

    /**
     * How long a rollout phase typically lasts from {@code now}, from the spec's own settings where
     * they decide it. The first health checks come within one interval once the load balancer is
     * active: while it is still provisioning (a first deploy), one interval after it is likely active.
     */
    static Duration typical(String phase, Map<String, Object> props, Instant now) {
        Integer firstChecks = Props.integer(props, FIRST_HEALTH_CHECKS), draining = Props.integer(props, DRAINING);
        if (phase.startsWith("the new tasks to start")) return TYPICAL_TASK_START;
        if (phase.startsWith("the new tasks' first health checks")) {
            Duration checks = firstChecks == null ? Duration.ZERO : Duration.ofSeconds(firstChecks);
            String activeBy = Props.str(props, LOAD_BALANCER_ACTIVE_BY);
            Instant active = activeBy == null || activeBy.isEmpty() ? now : Instant.parse(activeBy);
            return active.isAfter(now) ? Duration.between(now, active).plus(checks) : checks;
        }
        if (phase.startsWith("the old tasks to")) return (draining == null ? Duration.ZERO : Duration.ofSeconds(draining)).plus(TYPICAL_STOP);
        return Duration.ZERO;
    }

    /** What the diagnosis of a failed task needs to know of the app (an input of the plan), or the app's name alone. */
    private static Explainer.Context explainer(ResourceContext ctx, Map<String, Object> props) {
        return props.get(EXPLAIN) instanceof Map<?, ?> m ? Explainer.Context.ofProps(m)
                : new Explainer.Context(ctx.app(), null, null, null, Map.of(), false);
    }

    private static String revision(String taskDefinitionArn) {
        return taskDefinitionArn == null ? "nothing" : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        String cluster = Props.str(current.props(), "cluster");
        String name = current.output("name");
        return () -> {
            EcsClient ecs = ctx.aws().ecs();
            try {
                ecs.updateService(b -> b.cluster(cluster).service(name).desiredCount(0));
                ecs.deleteService(b -> b.cluster(cluster).service(name).force(true));
            } catch (ServiceNotFoundException | ServiceNotActiveException | ClusterNotFoundException e) {
                // already deleted or being deleted: wait below
            }
            return Poll.until(ctx, "the service's tasks to stop", Duration.ofMinutes(15),
                    "ECS is still stopping the tasks; run 'gantry destroy' again in a few minutes", () -> {
                        try {
                            Optional<Service> s = ecs.describeServices(b -> b.cluster(cluster).services(name)).services().stream().findFirst();
                            return s.isEmpty() || "INACTIVE".equals(s.get().status()) ? Optional.of(current) : Optional.empty();
                        } catch (ClusterNotFoundException e) {
                            return Optional.of(current);
                        }
                    }).run();
        };
    }
}

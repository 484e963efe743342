package dev.gantry.resources.compute;

import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.plan.Address;
import static dev.gantry.resources.Addresses.*;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.network.NetworkResources;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The compute resources: their handlers, and how a spec expands into them. */
public final class ComputeResources {
    private ComputeResources() {}

    public static List<ResourceType> types() {
        return List.of(new RepositoryType(), new ImageType(), new LogGroupType(), new ParameterType(), new RegistrySecretType(), new RoleType(), new ClusterType(), new TaskDefinitionType(),
                new ServiceType(), new ScalingTargetType(), new ScalingPolicyType(),
                new TopicType(), new AlarmType(), new EventRuleType(),
                new ScheduleGroupType(), new SchedulerRoleType(), new JobTaskDefinitionType(), new ScheduleType(),
                new GuardSpecType(), new GuardRoleType(), new GuardFunctionType(), new GuardScheduleType());
    }

    /**
     * Scheduled jobs: the app's schedule group, the role EventBridge Scheduler starts tasks as, and
     * per job its task definition (the service's setup, the job's command) and its schedule.
     */
    private static void jobs(Spec spec, Map<String, Object> secretRefs, Object registryLogin, Object serviceImage, List<Desired> out) {
        if (spec.jobs().isEmpty()) return;
        String app = spec.app();
        var task = spec.task();
        List<Ref> runnable = new ArrayList<>();
        for (var job : spec.jobs().values()) runnable.add(Ref.to(jobTaskDefinition(job.name()), "runnable"));
        out.add(Desired.managed(SCHEDULER_ROLE, Piece.JOBS, "role EventBridge Scheduler uses to start exactly the jobs' tasks",
                Props.props().put("name", SchedulerRoleType.name(app)).put("path", RoleType.path(app)).put("taskDefinitions", runnable)
                        .put("passRoles", List.of(Ref.to(EXECUTION_ROLE, "arn"), Ref.to(TASK_ROLE, "arn"))).build(), Set.of(SCHEDULE_GROUP)));
        for (var job : spec.jobs().values()) {
            Map<String, String> env = new TreeMap<>(task.environment());
            env.putAll(job.environment());
            int cpu = job.cpu() != null ? job.cpu() : task.cpu(), memory = job.memory() != null ? job.memory() : task.memory();
            // A job without an image of its own runs the service's: the one built here when task.build.
            Object image = job.image() != null ? job.image() : serviceImage;
            String imageShown = job.image() != null ? job.image() : task.imageShown();
            Address td = jobTaskDefinition(job.name());
            // Only the secrets the job names (all when it names none); the execution role still reads the app's.
            Map<String, Object> secrets = new TreeMap<>(secretRefs);
            if (job.secrets() != null) secrets.keySet().retainAll(job.secrets());
            out.add(Desired.managed(td, Piece.JOBS, "job " + job.name() + ": " + dev.gantry.spec.Release.words(job.command()) + " (" + imageShown + ", "
                            + cpu + " CPU units, " + memory + " MiB" + (job.timeout() == null ? "" : ", stopped after " + dev.gantry.spec.Job.duration(job.timeout())) + ")",
                    Props.props().put("family", JobTaskDefinitionType.family(app, job.name())).put("cpu", cpu).put("memory", memory)
                            .put("architecture", task.architecture().yaml()).put("image", image).put("command", job.command())
                            .put("environment", env).put("secrets", secrets).put("registryCredentials", registryLogin)
                            .put("roles", new TreeMap<>(Map.of("execution", Ref.to(EXECUTION_ROLE, "arn"), "task", Ref.to(TASK_ROLE, "arn"))))
                            .put("logGroup", Ref.to(LOG_GROUP, "name")).put(JobTimeout.PROP, job.timeout()).absentIfNull(JobTimeout.PROP).build(), Set.of(SCHEDULE_GROUP)));
            String zone = job.timezone() == null ? "UTC" : job.timezone();
            out.add(Desired.managed(schedule(job.name()), Piece.JOBS, "runs job " + job.name() + " on " + job.schedule() + " (" + zone + ")",
                    Props.props().put("group", Ref.to(SCHEDULE_GROUP, "name")).put("expression", job.schedule()).put("timezone", zone)
                            .put("enabled", true).put("cluster", Ref.to(CLUSTER, "arn")).put("role", Ref.to(SCHEDULER_ROLE, "arn"))
                            .put("taskDefinition", Ref.to(td, "arn")).put("subnets", NetworkResources.serviceSubnetRefs(spec))
                            .put("securityGroups", List.of(Ref.to(Addresses.SERVICE_SG, "id"))).put("assignPublicIp", NetworkResources.assignPublicIp(spec)).build(),
                    NetworkResources.egressRoutes(spec)));
        }
    }

    /**
     * Tasks pull their image the moment they are placed, so in a new VPC the service waits for the
     * routes that give its subnets a way out (the private route tables wait in turn for their NAT gateways).
     */
    public static void expand(Spec spec, List<Desired> out) {
        String app = spec.app();
        out.add(Desired.managed(LOG_GROUP, Piece.LOGS, "log group /gantry/" + app + " (" + dev.gantry.spec.Counted.of(spec.task().logs().retentionDays(), "day") + ")",
                Props.props().put("name", LogGroupType.name(app)).put("retentionDays", spec.task().logs().retentionDays()).build(), Set.of()));

        Map<String, Object> secretRefs = new TreeMap<>();
        List<Ref> secretArns = new ArrayList<>();
        for (Map.Entry<String, SecretRef> e : spec.task().secrets().entrySet()) {
            Address a = parameter(e.getKey());
            SecretRef ref = e.getValue();
            if (ref.managed()) {
                out.add(Desired.managed(a, Piece.SECRETS, "SecureString " + ref.parameter() + " for " + e.getKey(),
                        Props.props().put("name", ref.parameter()).put("type", "SecureString").put("value", ParameterType.UNCHANGED).build(), Set.of()));
            } else {
                out.add(Desired.data(a, Piece.SECRETS, "existing parameter for " + e.getKey(), Map.of("arn", ref.parameter())));
            }
            secretRefs.put(e.getKey(), Ref.to(a, "arn"));
            secretArns.add(Ref.to(a, "arn"));
        }

        // The registry login: always a key, "" for none, so removing it from the spec is a change too.
        Object registryLogin = "";
        var registry = spec.task().registryCredentials();
        if (registry != null) {
            if (registry.managed()) {
                out.add(Desired.managed(REGISTRY_SECRET, Piece.SECRETS, "Secrets Manager secret " + registry.secret() + ": the login for the image's registry",
                        Props.props().put("name", registry.secret()).put("value", ParameterType.UNCHANGED).build(), Set.of()));
            } else {
                out.add(Desired.data(REGISTRY_SECRET, Piece.SECRETS, "existing secret with the registry login", Map.of("arn", registry.secret())));
            }
            registryLogin = Ref.to(REGISTRY_SECRET, "arn");
        }

        Props.Builder exec = Props.props().put("name", app + "-execution").put("path", RoleType.path(app))
                .put("managedPolicies", List.of(Policies.TASK_EXECUTION_POLICY)).put("secretArns", secretArns)
                .put("registrySecretArn", registryLogin);
        out.add(Desired.managed(EXECUTION_ROLE, Piece.IAM, "role ECS uses to pull the image, write logs and read the secrets", exec.build(), Set.of()));
        boolean execOn = spec.service().exec();
        out.add(Desired.managed(TASK_ROLE, Piece.IAM, execOn ? "role the app runs as (only the ssmmessages channels ECS Exec needs)" : "role the app runs as (no permissions yet)",
                Props.props().put("name", app + "-task").put("path", RoleType.path(app)).put("exec", execOn).build(), Set.of()));

        out.add(Desired.managed(CLUSTER, Piece.CLUSTER, "ECS cluster " + spec.cluster().name(),
                Props.props().put("name", spec.cluster().name()).put("containerInsights", spec.cluster().containerInsights()).build(), Set.of()));

        var task = spec.task();
        Object image = task.image();
        if (task.build() != null) {
            var build = task.build();
            out.add(Desired.managed(REPOSITORY, Piece.IMAGE, "ECR repository " + app + " for the images built here (scan on push, immutable tags, keeps the last "
                            + build.keepImages() + ")",
                    Props.props().put("name", app).put("scanOnPush", true).put("immutableTags", true).put("keepImages", build.keepImages()).build(), Set.of()));
        }
        if (task.builds()) {
            var build = task.build();
            out.add(Desired.managed(IMAGE, Piece.IMAGE, "image " + (build.tag() == null ? "" : build.tag() + " ") + "built from " + build.dockerfileShown() + " for linux/" + task.architecture().platform()
                            + ", pushed to the repository, deployed by digest",
                    Props.props().put("repository", Ref.to(REPOSITORY, "uri")).put("tag", build.tag() == null ? "" : build.tag())
                            .put(ImageType.BUILD, build).put(ImageType.ARCHITECTURE, task.architecture()).build(), Set.of()));
            image = Ref.to(IMAGE, "reference");
        }
        Props.Builder td = Props.props().put("family", app).put("cpu", task.cpu()).put("memory", task.memory()).put("architecture", task.architecture().yaml())
                        .put("image", image).put("port", task.port()).put("command", task.command())
                        .put("environment", new TreeMap<>(task.environment())).put("secrets", secretRefs).put("registryCredentials", registryLogin)
                        .put("roles", new TreeMap<>(Map.of("execution", Ref.to(EXECUTION_ROLE, "arn"), "task", Ref.to(TASK_ROLE, "arn"))))
                        .put("logGroup", Ref.to(LOG_GROUP, "name")).put("stopTimeout", task.stopTimeout());
        Set<Address> releaseNeeds = Set.of();
        if (spec.release() != null) {
            // The release task runs where the service's tasks run, and pulls its image the same way.
            td.put(ReleaseTask.PROP, ReleaseTask.prop(spec.release().command(), Ref.to(CLUSTER, "arn"), NetworkResources.serviceSubnetRefs(spec),
                    List.of(Ref.to(Addresses.SERVICE_SG, "id")), NetworkResources.assignPublicIp(spec), dev.gantry.diagnose.Explainer.Context.of(spec).asProps()));
            releaseNeeds = NetworkResources.egressRoutes(spec);
        }
        out.add(Desired.managed(TASK_DEFINITION, Piece.TASK, task.imageShown() + ", " + task.cpu() + " CPU units, " + task.memory() + " MiB",
                td.build(), releaseNeeds));

        if (!spec.jobs().isEmpty() || spec.hasGuard()) {
            // Everything of the jobs and the guard's schedule depend on the group, so destroy deletes it
            // last: refresh finds the jobs' role and task definitions only while the group is there.
            String what = spec.jobs().isEmpty() ? "the guard's schedule" : spec.hasGuard() ? "the scheduled jobs and the guard" : "the scheduled jobs";
            out.add(Desired.managed(SCHEDULE_GROUP, Piece.JOBS, "EventBridge Scheduler group " + app + " for " + what,
                    Props.props().put("name", app).build(), Set.of()));
        }
        jobs(spec, secretRefs, registryLogin, image, out);
        Guards.expand(spec, out);

        var svc = spec.service();
        Props.Builder s = Props.props().put("name", app).put("cluster", Ref.to(CLUSTER, "arn")).put("taskDefinition", Ref.to(TASK_DEFINITION, "arn"));
        if (svc.autoscaling() == null) s.put("desiredCount", svc.desiredCount());
        s.put("subnets", NetworkResources.serviceSubnetRefs(spec)).put("securityGroups", List.of(Ref.to(Addresses.SERVICE_SG, "id")))
                .put("assignPublicIp", NetworkResources.assignPublicIp(spec));
        // Tasks pull their image as soon as they start, so their subnets' way out must be in place.
        Set<Address> extra = new java.util.TreeSet<>(NetworkResources.egressRoutes(spec));
        if (spec.hasLoadBalancer()) {
            s.put("targetGroupArn", Ref.to(TARGET_GROUP, "arn")).put("containerPort", task.port())
                    .put("healthCheckGracePeriodSeconds", svc.healthCheckGracePeriod());
            // ECS refuses a target group that no listener forwards to yet.
            extra.add(spec.hasCertificate() ? HTTPS_LISTENER : HTTP_LISTENER);
        } else {
            // Asked for as absent, so a web service turned worker is planned off its target group
            // (which apply then deletes) instead of keeping a reference to it.
            s.absent("targetGroupArn");
        }
        s.put("minimumHealthyPercent", svc.minimumHealthyPercent()).put("maximumPercent", svc.maximumPercent())
                .put("rollbackOnFailure", svc.rollbackOnFailure()).put("exec", svc.exec());
        if (spec.hasAlerts()) {
            Alarms.expand(spec, out);
            s.put(ServiceType.DEPLOYMENT_ALARMS, Alarms.deploymentAlarmNames(spec)).put(ServiceType.ALARM_ROLLBACK, spec.alerts().rollback());
            // The alarms exist before ECS is told to watch them.
            for (String kind : Alarms.deploymentAlarmKinds(spec)) extra.add(Addresses.alarm(kind));
        } else {
            // Asked for as absent, so alerts removed from the spec clear them from the service too.
            s.absent(ServiceType.DEPLOYMENT_ALARMS).absent(ServiceType.ALARM_ROLLBACK);
        }
        s.put(ServiceType.ROLLOUT, ServiceType.ROLLOUT_DONE);
        // Inputs for the steps (never compared): what they would otherwise have to ask the spec.
        if (svc.autoscaling() != null) s.put(ServiceType.START_COUNT, svc.desiredCount());
        if (spec.hasLoadBalancer()) {
            s.put(ServiceType.FIRST_HEALTH_CHECKS, spec.loadBalancer().firstHealthChecksSeconds()).put(ServiceType.DRAINING, spec.loadBalancer().deregistrationDelay());
        }
        s.put(ServiceType.EXPLAIN, dev.gantry.diagnose.Explainer.Context.of(spec).asProps());
        String count = (svc.autoscaling() == null ? dev.gantry.spec.Counted.of(svc.desiredCount(), "task") : svc.autoscaling().min() + "–" + svc.autoscaling().max() + " tasks")
                + (svc.exec() ? ", ECS Exec on (gantry exec)" : "");
        out.add(Desired.managed(SERVICE, Piece.SERVICE, "ECS service " + app + " on Fargate, " + count, s.build(), extra));

        if (svc.autoscaling() != null) {
            var as = svc.autoscaling();
            String resourceId = ScalingTargetType.resourceId(spec.cluster().name(), app);
            out.add(Desired.managed(SCALING_TARGET, Piece.SERVICE, "autoscaling between " + as.min() + " and " + as.max() + " tasks",
                    Props.props().put("resourceId", resourceId).put("min", as.min()).put("max", as.max()).build(), Set.of(SERVICE)));
            out.add(Desired.managed(SCALING_POLICY, Piece.SERVICE, "keep average CPU near " + as.cpuTarget() + "%",
                    Props.props().put("resourceId", resourceId).put("policyName", ScalingPolicyType.policyName(app, "cpu"))
                            .put("cpuTarget", as.cpuTarget()).build(), Set.of(SCALING_TARGET)));
        }
    }
}

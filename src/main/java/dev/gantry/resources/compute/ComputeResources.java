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
import dev.gantry.spec.AppService;
import dev.gantry.spec.DerivedNames;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Task;
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
        return List.of(new RepositoryType(), new ImageType(), new LogGroupType(), new ParameterType(), new RegistrySecretType(), new RoleType(), new ClusterType(), new NamespaceType(), new TaskDefinitionType(),
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
        // Jobs run as the primary service does (its roles and log group), whatever it is called.
        Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, spec.primaryService().name());
        List<Ref> runnable = new ArrayList<>();
        for (var job : spec.jobs().values()) runnable.add(Ref.to(jobTaskDefinition(job.name()), "runnable"));
        out.add(Desired.managed(SCHEDULER_ROLE, Piece.JOBS, "role EventBridge Scheduler uses to start exactly the jobs' tasks",
                Props.props().put("name", SchedulerRoleType.name(app)).put("path", RoleType.path(app)).put("taskDefinitions", runnable)
                        .put("passRoles", List.of(Ref.to(at.executionRole(), "arn"), Ref.to(at.taskRole(), "arn"))).build(), Set.of(SCHEDULE_GROUP)));
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
                            .put("roles", new TreeMap<>(Map.of("execution", Ref.to(at.executionRole(), "arn"), "task", Ref.to(at.taskRole(), "arn"))))
                            .put("logGroup", Ref.to(at.logGroup(), "name")).put(JobTimeout.PROP, job.timeout()).absentIfNull(JobTimeout.PROP).build(), Set.of(SCHEDULE_GROUP)));
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
     * Each service gets its own log group, roles, task definition and ECS service (and scaling);
     * the parameters (a secret several services name is one), the registry login, the cluster and
     * the built image are the app's. The order is version 1's, so its plans read as before.
     */
    public static void expand(Spec spec, List<Desired> out) {
        String app = spec.app();
        List<AppService> services = List.copyOf(spec.services().values());
        for (AppService a : services) {
            Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, a.name());
            String base = DerivedNames.serviceBase(app, a.name());
            out.add(Desired.managed(at.logGroup(), Piece.LOGS, "log group /gantry/" + base + " (" + dev.gantry.spec.Counted.of(a.task().logs().retentionDays(), "day") + ")",
                    Props.props().put("name", LogGroupType.name(base)).put("retentionDays", a.task().logs().retentionDays()).build(), Set.of()));
        }

        Map<String, Address> parameters = new TreeMap<>();
        for (AppService a : services) {
            for (Map.Entry<String, SecretRef> e : a.task().secrets().entrySet()) {
                if (parameters.containsKey(e.getKey())) continue; // one parameter per name, shared by the services that name it
                Address at = parameter(e.getKey());
                parameters.put(e.getKey(), at);
                SecretRef ref = e.getValue();
                if (ref.managed()) {
                    out.add(Desired.managed(at, Piece.SECRETS, "SecureString " + ref.parameter() + " for " + e.getKey(),
                            Props.props().put("name", ref.parameter()).put("type", "SecureString").put("value", ParameterType.UNCHANGED).build(), Set.of()));
                } else {
                    out.add(Desired.data(at, Piece.SECRETS, "existing parameter for " + e.getKey(), Map.of("arn", ref.parameter())));
                }
            }
        }

        // The registry logins: one secret per name (or ARN), kept at the address of the service
        // that names it first (the one named like the app keeps version 1's secret.registry); each
        // service's execution role reads only the login its service names.
        Map<String, Object> loginOf = new TreeMap<>();
        for (AppService a : services) {
            var registry = a.task().registryCredentials();
            String owner = spec.registryLoginOf(a.name());
            if (registry == null || owner == null) continue;
            Address at = Addresses.ServiceAddresses.of(app, owner).registrySecret();
            loginOf.put(a.name(), Ref.to(at, "arn"));
            if (!owner.equals(a.name())) continue;
            String of = services.size() > 1 ? " of " + a.name() : "";
            if (registry.managed()) {
                out.add(Desired.managed(at, Piece.SECRETS, "Secrets Manager secret " + registry.secret() + ": the login for the image's registry" + of,
                        Props.props().put("name", registry.secret()).put("value", ParameterType.UNCHANGED).build(), Set.of()));
            } else {
                out.add(Desired.data(at, Piece.SECRETS, "existing secret with the registry login" + of, Map.of("arn", registry.secret())));
            }
        }
        // Always a key, "" for none, so removing the login from the spec is a change too.
        Object registryLogin = loginOf.getOrDefault(spec.primaryService().name(), "");

        for (AppService a : services) {
            Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, a.name());
            String base = DerivedNames.serviceBase(app, a.name());
            boolean several = services.size() > 1;
            List<Ref> secretArns = a.task().secrets().keySet().stream().map(k -> Ref.to(parameters.get(k), "arn")).toList();
            Object login = loginOf.getOrDefault(a.name(), "");
            Props.Builder exec = Props.props().put("name", base + "-execution").put("path", RoleType.path(app))
                    .put("managedPolicies", List.of(Policies.TASK_EXECUTION_POLICY)).put("secretArns", secretArns)
                    .put("registrySecretArn", login);
            // What it may read, said only when there is something: a role of a service without secrets reads none.
            boolean withLogin = !"".equals(login);
            String reads = !secretArns.isEmpty() ? " and read the secrets" + (withLogin ? " and the registry login" : "")
                    : withLogin ? " and read the registry login" : "";
            out.add(Desired.managed(at.executionRole(), Piece.IAM, "role ECS uses to pull the image" + (reads.isEmpty() ? " and" : ",") + " write logs" + reads
                    + (several ? (reads.isEmpty() ? " for " : " of ") + a.name() : ""), exec.build(), Set.of()));
            boolean execOn = a.service().exec();
            out.add(Desired.managed(at.taskRole(), Piece.IAM, (execOn ? "role the app runs as (only the ssmmessages channels ECS Exec needs)" : "role the app runs as (no permissions yet)")
                            + (several ? ": " + a.name() : ""),
                    Props.props().put("name", base + "-task").put("path", RoleType.path(app)).put("exec", execOn).build(), Set.of()));
        }

        // Version 2: Service Connect is on (the cluster's default namespace, named after the app) while a service is internal.
        boolean connect = serviceConnectOn(spec);
        Props.Builder cluster = Props.props().put("name", spec.cluster().name()).put("containerInsights", spec.cluster().containerInsights());
        if (connect) cluster.put(ClusterType.SERVICE_CONNECT, true).put(ClusterType.NAMESPACE, spec.app());
        else if (spec.isVersion2()) cluster.absent(ClusterType.SERVICE_CONNECT);
        out.add(Desired.managed(CLUSTER, Piece.CLUSTER, "ECS cluster " + spec.cluster().name()
                        + (connect ? ", with the Cloud Map namespace " + spec.app() + " for Service Connect" : ""),
                cluster.build(), Set.of()));
        if (connect) {
            // ECS makes it with the cluster and never deletes it: gantry follows it, so destroy removes it too.
            List<String> discovery = spec.services().values().stream().filter(AppService::internal).map(AppService::name).sorted().toList();
            out.add(Desired.managed(Addresses.NAMESPACE, Piece.CLUSTER, "Cloud Map namespace " + spec.app() + " that ECS makes with the cluster for Service Connect",
                    Props.props().put("name", spec.app()).put(NamespaceType.DISCOVERY_NAMES, discovery)
                            .put(NamespaceType.CLUSTER, spec.cluster().name()).build(), Set.of()));
        }

        // Each service that builds gets its repository and image; services of the same build run
        // the image of the one that builds it (Spec.imageBuiltBy), built once.
        Map<String, Object> imageOf = new TreeMap<>();
        for (AppService a : services) {
            Task t = a.task();
            String owner = spec.imageBuiltBy(a.name());
            if (owner == null) continue;
            Addresses.ServiceAddresses by = Addresses.ServiceAddresses.of(app, owner);
            Task built = spec.services().get(owner).task();
            // An image given for this run (apply --image) wins; the builder's given image reaches those of its build.
            imageOf.put(a.name(), t.image() != null ? t.image() : built.builds() ? Ref.to(by.image(), "reference") : built.image());
            if (!owner.equals(a.name())) continue;
            var build = t.build();
            String repository = DerivedNames.repository(app, a.name());
            List<String> sharing = services.stream().filter(o -> owner.equals(spec.imageBuiltBy(o.name()))).map(AppService::name).toList();
            String forWhom = services.size() > 1 ? " (" + String.join(", ", sharing) + ")" : "";
            out.add(Desired.managed(by.repository(), Piece.IMAGE, "ECR repository " + repository + " for the images built here" + forWhom
                            + " (scan on push, immutable tags, keeps the last " + build.keepImages() + ")",
                    Props.props().put("name", repository).put("scanOnPush", true).put("immutableTags", true).put("keepImages", build.keepImages()).build(), Set.of()));
            if (!t.builds()) continue;
            out.add(Desired.managed(by.image(), Piece.IMAGE, "image " + (build.tag() == null ? "" : build.tag() + " ") + "built from " + build.dockerfileShown()
                            + " for linux/" + t.architecture().platform() + forWhom + ", pushed to the repository, deployed by digest",
                    Props.props().put("repository", Ref.to(by.repository(), "uri")).put("tag", build.tag() == null ? "" : build.tag())
                            .put(ImageType.BUILD, build).put(ImageType.ARCHITECTURE, t.architecture())
                            .put(ImageType.REPOSITORY_NAME, repository).put(ImageType.SERVICES, services.size() > 1 ? sharing : List.of()).build(), Set.of()));
        }
        AppService primary = spec.primaryService();
        Map<String, Object> primarySecretRefs = new TreeMap<>();
        Object primaryImage = null;
        for (AppService a : services) {
            Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, a.name());
            Task t = a.task();
            boolean isPrimary = a.name().equals(primary.name());
            Object image = imageOf.getOrDefault(a.name(), t.image());
            Map<String, Object> secretRefs = new TreeMap<>();
            for (String k : t.secrets().keySet()) secretRefs.put(k, Ref.to(parameters.get(k), "arn"));
            Object login = loginOf.getOrDefault(a.name(), "");
            Props.Builder td = Props.props().put("family", DerivedNames.serviceBase(app, a.name())).put("cpu", t.cpu()).put("memory", t.memory())
                    .put("architecture", t.architecture().yaml())
                    .put("image", image).put("port", t.port()).put("command", t.command())
                    .put("environment", new TreeMap<>(t.environment())).put("secrets", secretRefs).put("registryCredentials", login)
                    .put("roles", new TreeMap<>(Map.of("execution", Ref.to(at.executionRole(), "arn"), "task", Ref.to(at.taskRole(), "arn"))))
                    .put("logGroup", Ref.to(at.logGroup(), "name")).put("stopTimeout", t.stopTimeout());
            if (serviceConnectOn(spec) && a.internal()) td.put(TaskDefinitionType.PORT_NAME, a.name());
            else if (spec.isVersion2()) td.absent(TaskDefinitionType.PORT_NAME);
            Set<Address> releaseNeeds = Set.of();
            if (isPrimary && spec.release() != null) {
                // The release task runs where the service's tasks run, and pulls its image the same way.
                td.put(ReleaseTask.PROP, ReleaseTask.prop(spec.release().command(), Ref.to(CLUSTER, "arn"), NetworkResources.serviceSubnetRefs(spec),
                        List.of(Ref.to(Addresses.SERVICE_SG, "id")), NetworkResources.assignPublicIp(spec), explain(spec, a).asProps()));
                releaseNeeds = NetworkResources.egressRoutes(spec);
            }
            out.add(Desired.managed(at.taskDefinition(), Piece.TASK, (services.size() > 1 ? a.name() + ": " : "") + t.imageShown() + ", "
                            + t.cpu() + " CPU units, " + t.memory() + " MiB", td.build(), releaseNeeds));
            if (isPrimary) {
                primarySecretRefs = secretRefs;
                primaryImage = image;
            }
        }

        if (!spec.jobs().isEmpty() || spec.hasGuard()) {
            // Everything of the jobs and the guard's schedule depend on the group, so destroy deletes it
            // last: refresh finds the jobs' role and task definitions only while the group is there.
            String what = spec.jobs().isEmpty() ? "the guard's schedule" : spec.hasGuard() ? "the scheduled jobs and the guard" : "the scheduled jobs";
            out.add(Desired.managed(SCHEDULE_GROUP, Piece.JOBS, "EventBridge Scheduler group " + app + " for " + what,
                    Props.props().put("name", app).build(), Set.of()));
        }
        jobs(spec, primarySecretRefs, registryLogin, primaryImage, out);
        Guards.expand(spec, out);

        for (AppService a : services) service(spec, a, out);
    }

    /** One service's ECS service and its autoscaling. */
    private static void service(Spec spec, AppService a, List<Desired> out) {
        String app = spec.app();
        Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(app, a.name());
        String name = DerivedNames.serviceBase(app, a.name());
        var svc = a.service();
        Props.Builder s = Props.props().put("name", name).put("cluster", Ref.to(CLUSTER, "arn")).put("taskDefinition", Ref.to(at.taskDefinition(), "arn"));
        if (svc.autoscaling() == null) s.put("desiredCount", svc.desiredCount());
        s.put("subnets", NetworkResources.serviceSubnetRefs(spec)).put("securityGroups", List.of(Ref.to(Addresses.SERVICE_SG, "id")))
                .put("assignPublicIp", NetworkResources.assignPublicIp(spec));
        // Tasks pull their image as soon as they start, so their subnets' way out must be in place.
        Set<Address> extra = new java.util.TreeSet<>(NetworkResources.egressRoutes(spec));
        if (a.isPublic()) {
            s.put("targetGroupArn", Ref.to(at.targetGroup(), "arn")).put("containerPort", a.task().port())
                    .put("healthCheckGracePeriodSeconds", svc.healthCheckGracePeriod());
            // ECS refuses a target group that no listener (or rule) forwards to yet.
            extra.addAll(dev.gantry.resources.Routing.forwardingTo(spec, a));
        } else {
            // Asked for as absent, so a web service turned worker is planned off its target group
            // (which apply then deletes) instead of keeping a reference to it.
            s.absent("targetGroupArn");
        }
        s.put("minimumHealthyPercent", svc.minimumHealthyPercent()).put("maximumPercent", svc.maximumPercent())
                .put("rollbackOnFailure", svc.rollbackOnFailure()).put("exec", svc.exec());
        if (spec.hasAlerts()) {
            // The app's own alarms with the first service (a version-1 plan reads as before), then each service's.
            if (a.name().equals(spec.services().keySet().iterator().next())) Alarms.expandApp(spec, out);
            Alarms.expandService(spec, a, out);
            var watched = Alarms.deploymentAlarms(spec, a);
            s.put(ServiceType.DEPLOYMENT_ALARMS, watched.stream().map(Alarms.Watched::name).sorted().toList())
                    .put(ServiceType.ALARM_ROLLBACK, spec.alerts().rollback());
            // The alarms exist before ECS is told to watch them.
            for (var w : watched) extra.add(w.address());
        } else {
            // Asked for as absent, so alerts removed from the spec clear them from the service too.
            s.absent(ServiceType.DEPLOYMENT_ALARMS).absent(ServiceType.ALARM_ROLLBACK);
        }
        s.put(ServiceType.ROLLOUT, ServiceType.ROLLOUT_DONE);
        if (!serviceConnect(spec, a).isEmpty()) s.put(ServiceType.SERVICE_CONNECT, serviceConnect(spec, a));
        else if (spec.isVersion2()) s.absent(ServiceType.SERVICE_CONNECT);
        // Callee before caller: Service Connect resolves only the endpoints that existed when a task
        // started, so a service starts after the internal services it may call (every internal one
        // for the others; those written above it for an internal one).
        for (AppService callee : spec.services().values()) {
            if (callee.name().equals(a.name()) && a.internal()) break;
            if (callee.internal() && serviceConnectOn(spec)) extra.add(Addresses.ServiceAddresses.of(app, callee.name()).ecsService());
        }
        // Inputs for the steps (never compared): what they would otherwise have to ask the spec.
        if (svc.autoscaling() != null) s.put(ServiceType.START_COUNT, svc.desiredCount());
        if (a.isPublic()) {
            s.put(ServiceType.FIRST_HEALTH_CHECKS, a.publicAccess().healthCheckInterval()).put(ServiceType.DRAINING, a.publicAccess().deregistrationDelay())
                    // The load balancer's output "activeBy" (edge.LoadBalancerType): when a provisioning one is likely active.
                    .put(ServiceType.LOAD_BALANCER_ACTIVE_BY, Ref.to(LOAD_BALANCER, "activeBy"));
        }
        s.put(ServiceType.EXPLAIN, explain(spec, a).asProps());
        String count = (svc.autoscaling() == null ? dev.gantry.spec.Counted.of(svc.desiredCount(), "task") : svc.autoscaling().min() + "–" + svc.autoscaling().max() + " tasks")
                + (svc.exec() ? ", ECS Exec on (gantry exec)" : "");
        String reached = !serviceConnectOn(spec) ? "" : a.internal() ? "; the app's services call it at http://" + a.name() + ":" + a.task().port()
                : "; calls " + String.join(", ", spec.services().values().stream().filter(AppService::internal)
                        .map(c -> "http://" + c.name() + ":" + c.task().port()).toList()) + " through Service Connect";
        out.add(Desired.managed(at.ecsService(), Piece.SERVICE, "ECS service " + name + " on Fargate, " + count + reached, s.build(), extra));

        if (svc.autoscaling() != null) {
            var as = svc.autoscaling();
            String resourceId = ScalingTargetType.resourceId(spec.cluster().name(), name);
            out.add(Desired.managed(at.scalingTarget(), Piece.SERVICE, "autoscaling between " + as.min() + " and " + as.max() + " tasks",
                    Props.props().put("resourceId", resourceId).put("min", as.min()).put("max", as.max()).build(), Set.of(at.ecsService())));
            out.add(Desired.managed(at.scalingPolicy(), Piece.SERVICE, "keep average CPU near " + as.cpuTarget() + "%",
                    Props.props().put("resourceId", resourceId).put("policyName", ScalingPolicyType.policyName(name, "cpu"))
                            .put("cpuTarget", as.cpuTarget()).build(), Set.of(at.scalingTarget())));
        }
    }

    /** Whether the app uses Service Connect: version 2 with an internal service (the others call it by name). */
    static boolean serviceConnectOn(Spec spec) {
        return spec.isVersion2() && spec.services().values().stream().anyMatch(AppService::internal);
    }

    /**
     * A service's part in Service Connect: "" (off), "client" (calls the internal services by name),
     * or "NAME:PORT" (internal: its endpoint, which every task of the app resolves as http://NAME:PORT).
     */
    private static String serviceConnect(Spec spec, AppService a) {
        if (!serviceConnectOn(spec)) return "";
        return a.internal() ? a.name() + ":" + a.task().port() : "client";
    }

    /** What the diagnosis of one service's failed task needs to know of it. */
    private static dev.gantry.diagnose.Explainer.Context explain(Spec spec, AppService a) {
        Map<String, String> secrets = new TreeMap<>();
        a.task().secrets().forEach((k, v) -> secrets.put(k, v.parameter()));
        Task t = a.task();
        return new dev.gantry.diagnose.Explainer.Context(DerivedNames.serviceBase(spec.app(), a.name()), t.image() != null ? t.image() : t.imageShown(),
                t.port(), a.isPublic() ? a.publicAccess().healthCheckPath() : null, secrets, spec.network().tasksInPrivateSubnets());
    }
}

package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Simulated ECS on Fargate: clusters, task definitions, services with rolling deployments and the
 * circuit breaker, and tasks whose lives are computed from the clock by {@link EcsScheduler}.
 */
public final class SimEcs implements EcsClient {
    private final SimWorld world;
    private final SimEcsNeighbours neighbours;
    private final EcsScheduler scheduler;

    public SimEcs(SimWorld world) { this(world, SimEcsNeighbours.of(world)); }

    SimEcs(SimWorld world, SimEcsNeighbours neighbours) {
        this.world = world;
        this.neighbours = neighbours;
        this.scheduler = EcsScheduler.of(world, neighbours);
        this.oneOff = new EcsOneOffTasks(world, neighbours);
    }

    private final EcsOneOffTasks oneOff;

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ClusterNotFoundException" -> ClusterNotFoundException.builder();
            case "ServiceNotFoundException" -> ServiceNotFoundException.builder();
            case "ServiceNotActiveException" -> ServiceNotActiveException.builder();
            case "InvalidParameterException" -> InvalidParameterException.builder();
            case "ClientException" -> ClientException.builder();
            case "ClusterContainsServicesException" -> ClusterContainsServicesException.builder();
            case "ClusterContainsTasksException" -> ClusterContainsTasksException.builder();
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "TargetNotConnectedException" -> TargetNotConnectedException.builder();
            default -> EcsException.builder();
        };
        return SimErrors.error(b, "ECS", status, code, message);
    }

    private RuntimeException invalid(String message) { return err(400, "InvalidParameterException", message); }

    private EcsState st() { return world.state.ecs; }

    private String arnPrefix() { return "arn:aws:ecs:" + world.region() + ":" + world.accountId() + ":"; }

    private static List<Tag> tags(Map<String, String> m) {
        return m.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        if (tags != null) tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    private static String lastSegment(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
    }

    // ---------------------------------------------------------------- clusters

    private EcsState.ClusterRec cluster(String nameOrArn) {
        EcsState.ClusterRec c = st().clusters.get(lastSegment(nameOrArn == null ? "default" : nameOrArn));
        if (c == null || !"ACTIVE".equals(c.status)) throw err(400, "ClusterNotFoundException", "Cluster not found.");
        return c;
    }

    private software.amazon.awssdk.services.ecs.model.Cluster toCluster(EcsState.ClusterRec c, boolean withTags) {
        List<EcsState.ServiceRec> services = st().services.values().stream().filter(s -> s.cluster.equals(c.name) && "ACTIVE".equals(s.status)).toList();
        long running = st().tasks.values().stream().filter(t -> t.cluster.equals(c.name) && "RUNNING".equals(t.lastStatus)).count();
        long pending = st().tasks.values().stream().filter(t -> t.cluster.equals(c.name) && t.startedAt == null && t.stoppedAt == null).count();
        var b = software.amazon.awssdk.services.ecs.model.Cluster.builder().clusterName(c.name).clusterArn(c.arn).status(c.status)
                .activeServicesCount(services.size()).runningTasksCount((int) running).pendingTasksCount((int) pending)
                .registeredContainerInstancesCount(0)
                .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value(c.containerInsights).build());
        if (c.serviceConnectNamespace != null) b.serviceConnectDefaults(ClusterServiceConnectDefaults.builder().namespace(c.serviceConnectNamespace).build());
        if (withTags) b.tags(tags(c.tags));
        return b.build();
    }

    private static String insights(List<ClusterSetting> settings, String current) {
        if (settings == null) return current;
        for (ClusterSetting s : settings) if (s.name() == ClusterSettingName.CONTAINER_INSIGHTS) return s.value();
        return current;
    }

    @Override public CreateClusterResponse createCluster(CreateClusterRequest req) {
        return world.mutate("ecs:CreateCluster", this::err, () -> {
            String name = req.clusterName() == null ? "default" : req.clusterName();
            if (!name.matches("[A-Za-z0-9_-]{1,255}")) throw invalid("Cluster name can only contain letters, numbers, hyphens and underscores.");
            EcsState.ClusterRec c = st().clusters.get(name);
            // CreateCluster is idempotent in ECS: the same name returns the existing ACTIVE cluster.
            if (c == null || !"ACTIVE".equals(c.status)) {
                c = new EcsState.ClusterRec();
                c.name = name;
                c.arn = arnPrefix() + "cluster/" + name;
                c.status = "ACTIVE";
                c.createdAt = world.now().toEpochMilli();
                c.containerInsights = insights(req.settings(), "disabled");
                c.tags = tagMap(req.tags());
                if (req.serviceConnectDefaults() != null) {
                    c.serviceConnectNamespace = EcsServiceConnect.defaultNamespace(world, req.serviceConnectDefaults().namespace(), this::invalid);
                }
                st().clusters.put(name, c);
            }
            return CreateClusterResponse.builder().cluster(toCluster(c, true)).build();
        });
    }

    @Override public DescribeClustersResponse describeClusters(DescribeClustersRequest req) {
        return world.read("ecs:DescribeClusters", this::err, () -> {
            List<software.amazon.awssdk.services.ecs.model.Cluster> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            boolean withTags = req.include() != null && req.include().contains(ClusterField.TAGS);
            List<String> names = req.clusters() == null || req.clusters().isEmpty() ? List.of("default") : req.clusters();
            for (String n : names) {
                EcsState.ClusterRec c = st().clusters.get(lastSegment(n));
                if (c == null) failures.add(Failure.builder().arn(n.startsWith("arn:") ? n : arnPrefix() + "cluster/" + n).reason("MISSING").build());
                else found.add(toCluster(c, withTags));
            }
            return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
        });
    }

    @Override public ListClustersResponse listClusters(ListClustersRequest req) {
        return world.read("ecs:ListClusters", this::err, () -> ListClustersResponse.builder()
                .clusterArns(st().clusters.values().stream().filter(c -> "ACTIVE".equals(c.status)).map(c -> c.arn).toList()).build());
    }

    @Override public ListClustersResponse listClusters() { return listClusters(ListClustersRequest.builder().build()); }

    @Override public UpdateClusterSettingsResponse updateClusterSettings(UpdateClusterSettingsRequest req) {
        return world.mutate("ecs:UpdateClusterSettings", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            c.containerInsights = insights(req.settings(), c.containerInsights);
            return UpdateClusterSettingsResponse.builder().cluster(toCluster(c, true)).build();
        });
    }

    /** UpdateCluster: settings, and serviceConnectDefaults ("" removes the default; the namespace stays in Cloud Map). */
    @Override public UpdateClusterResponse updateCluster(UpdateClusterRequest req) {
        return world.mutate("ecs:UpdateCluster", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            c.containerInsights = insights(req.settings(), c.containerInsights);
            if (req.serviceConnectDefaults() != null) {
                String ns = req.serviceConnectDefaults().namespace();
                c.serviceConnectNamespace = ns == null || ns.isEmpty() ? null : EcsServiceConnect.defaultNamespace(world, ns, this::invalid);
            }
            return UpdateClusterResponse.builder().cluster(toCluster(c, true)).build();
        });
    }

    @Override public DeleteClusterResponse deleteCluster(DeleteClusterRequest req) {
        return world.mutate("ecs:DeleteCluster", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            scheduler.advanceAll(world.now());
            boolean services = st().services.values().stream().anyMatch(s -> s.cluster.equals(c.name) && !"INACTIVE".equals(s.status));
            if (services) throw err(400, "ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
            boolean tasks = st().tasks.values().stream().anyMatch(t -> t.cluster.equals(c.name) && !"STOPPED".equals(t.lastStatus));
            if (tasks) throw err(400, "ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
            c.status = "INACTIVE";
            return DeleteClusterResponse.builder().cluster(toCluster(c, false)).build();
        });
    }

    // ---------------------------------------------------------------- task definitions

    /** "family" (latest ACTIVE revision), "family:revision" or an ARN; null when there is none. */
    static EcsState.TaskDefRec resolveTaskDefinition(EcsState st, String ref) {
        if (ref == null) return null;
        String key = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + "task-definition/".length()) : ref;
        if (key.contains(":")) return st.taskDefinitions.get(key);
        return st.taskDefinitions.values().stream().filter(d -> d.family.equals(key) && "ACTIVE".equals(d.status))
                .max(Comparator.comparingInt(d -> d.revision)).orElse(null);
    }

    private EcsState.TaskDefRec taskDefinition(String ref) {
        EcsState.TaskDefRec d = resolveTaskDefinition(st(), ref);
        if (d == null) throw err(400, "ClientException", "Unable to describe task definition.");
        return d;
    }

    /** Fargate's CPU → memory (MiB) combinations. */
    static boolean fargateCombination(int cpu, int memory) {
        return switch (cpu) {
            case 256 -> memory == 512 || memory == 1024 || memory == 2048;
            case 512 -> memory >= 1024 && memory <= 4096 && memory % 1024 == 0;
            case 1024 -> memory >= 2048 && memory <= 8192 && memory % 1024 == 0;
            case 2048 -> memory >= 4096 && memory <= 16384 && memory % 1024 == 0;
            case 4096 -> memory >= 8192 && memory <= 30720 && memory % 1024 == 0;
            case 8192 -> memory >= 16384 && memory <= 61440 && memory % 4096 == 0;
            case 16384 -> memory >= 32768 && memory <= 122880 && memory % 8192 == 0;
            default -> false;
        };
    }

    @Override public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest req) {
        return world.mutate("ecs:RegisterTaskDefinition", req, this::err, () -> {
            if (req.family() == null || !req.family().matches("[A-Za-z0-9_-]{1,255}")) throw err(400, "ClientException", "Family contains invalid characters.");
            if (req.containerDefinitions() == null || req.containerDefinitions().isEmpty()) throw err(400, "ClientException", "Container list cannot be empty.");
            boolean fargate = req.requiresCompatibilities() != null && req.requiresCompatibilities().contains(Compatibility.FARGATE);
            if (fargate) {
                if (req.networkMode() != NetworkMode.AWSVPC) throw err(400, "ClientException", "Fargate only supports network mode 'awsvpc'.");
                if (req.cpu() == null || req.memory() == null) throw err(400, "ClientException", "Fargate requires that 'cpu' be defined at the task level.");
                int cpu, memory;
                try {
                    cpu = Integer.parseInt(req.cpu());
                    memory = Integer.parseInt(req.memory());
                } catch (NumberFormatException e) {
                    throw err(400, "ClientException", "Invalid 'cpu' or 'memory' setting for task.");
                }
                if (!fargateCombination(cpu, memory)) {
                    throw err(400, "ClientException", "No Fargate configuration exists for given values: " + cpu + " CPU, " + memory + " memory. See the Amazon ECS documentation for the valid values.");
                }
            }
            // An EC2 task definition (requiresCompatibilities absent or EC2, RegisterTaskDefinition's
            // default): task-level cpu and memory are optional, but then every container needs
            // memory or memoryReservation (ECS API reference, ContainerDefinition.memory).
            EcsState.TaskDefRec d = new EcsState.TaskDefRec();
            for (ContainerDefinition cd : req.containerDefinitions()) {
                if (cd.name() == null || cd.image() == null) throw err(400, "ClientException", "Container.name and Container.image should not be null or empty.");
                if (!fargate && req.memory() == null && cd.memory() == null && cd.memoryReservation() == null) {
                    throw err(400, "ClientException", "Invalid setting for container '" + cd.name() + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
                }
                EcsState.ContainerRec c = new EcsState.ContainerRec();
                c.name = cd.name();
                c.image = cd.image();
                c.essential = cd.essential() == null || cd.essential();
                if (cd.command() != null) c.command.addAll(cd.command());
                if (cd.stopTimeout() != null) {
                    // ContainerDefinition.stopTimeout: at most 120 seconds on Fargate.
                    if (cd.stopTimeout() < 0 || cd.stopTimeout() > 120) {
                        throw err(400, "ClientException", "Invalid 'stopTimeout' setting for container: must be between 0 and 120 seconds on Fargate.");
                    }
                    c.stopTimeout = cd.stopTimeout();
                }
                if (cd.portMappings() != null) for (PortMapping p : cd.portMappings()) {
                    if (req.networkMode() == NetworkMode.AWSVPC && p.hostPort() != null && !p.hostPort().equals(p.containerPort())) {
                        throw err(400, "ClientException", "When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
                    }
                    c.ports.add(p.containerPort());
                    if (p.name() != null) {
                        // PortMapping.name: lowercase letters, numbers, underscores and hyphens, not starting with a hyphen; unique in the task definition.
                        if (!p.name().matches("[a-z0-9_][a-z0-9_-]{0,63}")) throw err(400, "ClientException", "Invalid port mapping name '" + p.name() + "'.");
                        c.portNames.put(p.name(), p.containerPort());
                    }
                }
                if (cd.environment() != null) cd.environment().forEach(kv -> c.environment.put(kv.name(), kv.value()));
                if (cd.secrets() != null) for (Secret s : cd.secrets()) {
                    if (s.valueFrom() == null || s.valueFrom().isBlank()) throw err(400, "ClientException", "Secret.valueFrom must not be empty.");
                    c.secrets.put(s.name(), s.valueFrom());
                }
                if (cd.logConfiguration() != null) {
                    c.logDriver = cd.logConfiguration().logDriverAsString();
                    if (cd.logConfiguration().options() != null) c.logOptions.putAll(cd.logConfiguration().options());
                    if (fargate && "awslogs".equals(c.logDriver) && req.executionRoleArn() == null) {
                        throw err(400, "ClientException", "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
                    }
                    if ("awslogs".equals(c.logDriver) && (c.logOptions.get("awslogs-group") == null || c.logOptions.get("awslogs-region") == null)) {
                        throw err(400, "ClientException", "Log driver awslogs requires options: awslogs-group, awslogs-region.");
                    }
                }
                if (cd.repositoryCredentials() != null) {
                    String p = cd.repositoryCredentials().credentialsParameter();
                    if (p == null || p.isBlank()) throw err(400, "ClientException", "RepositoryCredentials.credentialsParameter must not be empty.");
                    if (req.executionRoleArn() == null) {
                        throw err(400, "ClientException", "When you are specifying repositoryCredentials, you must also specify a value for 'executionRoleArn'.");
                    }
                    c.repositoryCredentials = p;
                }
                if (!c.secrets.isEmpty() && req.executionRoleArn() == null) {
                    throw err(400, "ClientException", "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
                }
                d.containers.add(c);
            }
            if (d.containers.stream().noneMatch(c -> c.essential)) throw err(400, "ClientException", "At least one essential container is required.");
            // Amazon ECS service quotas: a task definition is at most 64 KiB.
            long size = requestSize(req);
            if (size > TASK_DEFINITION_MAX_BYTES) {
                throw err(400, "ClientException", "Actual length: '" + size + "'. Max allowed length is '" + TASK_DEFINITION_MAX_BYTES + "' bytes.");
            }
            int rev = st().lastRevision.getOrDefault(req.family(), 0) + 1;
            st().lastRevision.put(req.family(), rev);
            d.family = req.family();
            d.revision = rev;
            d.arn = arnPrefix() + "task-definition/" + d.family + ":" + rev;
            d.status = "ACTIVE";
            d.cpu = req.cpu();
            d.memory = req.memory();
            // Without a network mode ECS takes bridge for EC2 (RegisterTaskDefinition, networkMode).
            d.networkMode = req.networkMode() == null ? "bridge" : req.networkModeAsString();
            d.requiresCompatibilities.add(fargate ? "FARGATE" : "EC2");
            d.executionRoleArn = req.executionRoleArn();
            d.taskRoleArn = req.taskRoleArn();
            d.cpuArchitecture = req.runtimePlatform() == null || req.runtimePlatform().cpuArchitecture() == null ? "X86_64" : req.runtimePlatform().cpuArchitectureAsString();
            d.operatingSystemFamily = req.runtimePlatform() == null || req.runtimePlatform().operatingSystemFamily() == null ? "LINUX" : req.runtimePlatform().operatingSystemFamilyAsString();
            d.tags = tagMap(req.tags());
            d.registeredAt = world.now().toEpochMilli();
            st().taskDefinitions.put(d.family + ":" + rev, d);
            return RegisterTaskDefinitionResponse.builder().taskDefinition(toTaskDefinition(d)).tags(tags(d.tags)).build();
        });
    }

    static final int TASK_DEFINITION_MAX_BYTES = 65_536;

    /** The request as ECS would measure it, near enough: its text in UTF-8, with a little JSON around each value. */
    private static long requestSize(RegisterTaskDefinitionRequest req) {
        long n = 200 + utf8(req.family()) + utf8(req.executionRoleArn()) + utf8(req.taskRoleArn());
        for (ContainerDefinition cd : req.containerDefinitions()) {
            n += 100 + utf8(cd.name()) + utf8(cd.image());
            for (String c : cd.command()) n += 3 + utf8(c);
            for (KeyValuePair kv : cd.environment()) n += 20 + utf8(kv.name()) + utf8(kv.value());
            for (Secret s : cd.secrets()) n += 20 + utf8(s.name()) + utf8(s.valueFrom());
            if (cd.logConfiguration() != null) for (var e : cd.logConfiguration().options().entrySet()) n += 6 + utf8(e.getKey()) + utf8(e.getValue());
        }
        return n;
    }

    private static long utf8(String s) { return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; }

    /** What ECS reports in compatibilities: FARGATE only for awsvpc with task-level cpu and memory. */
    private static boolean fargateReady(EcsState.TaskDefRec d) {
        return "awsvpc".equals(d.networkMode) && d.cpu != null && d.memory != null;
    }

    private TaskDefinition toTaskDefinition(EcsState.TaskDefRec d) {
        List<ContainerDefinition> cds = d.containers.stream().map(c -> {
            var b = ContainerDefinition.builder().name(c.name).image(c.image).essential(c.essential)
                    .portMappings(c.ports.stream().map(p -> PortMapping.builder().containerPort(p).hostPort(p).protocol(TransportProtocol.TCP)
                            .name(c.portNames.entrySet().stream().filter(e -> e.getValue().equals(p)).map(java.util.Map.Entry::getKey).findFirst().orElse(null)).build()).toList())
                    .environment(c.environment.entrySet().stream().map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                    .secrets(c.secrets.entrySet().stream().map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList());
            if (!c.command.isEmpty()) b.command(c.command);
            if (c.stopTimeout != null) b.stopTimeout(c.stopTimeout);
            if (c.repositoryCredentials != null) b.repositoryCredentials(RepositoryCredentials.builder().credentialsParameter(c.repositoryCredentials).build());
            if (c.logDriver != null) b.logConfiguration(LogConfiguration.builder().logDriver(c.logDriver).options(c.logOptions).build());
            return b.build();
        }).toList();
        return TaskDefinition.builder().taskDefinitionArn(d.arn).family(d.family).revision(d.revision).status(d.status)
                .cpu(d.cpu).memory(d.memory).networkMode(d.networkMode).requiresCompatibilitiesWithStrings(d.requiresCompatibilities)
                .compatibilitiesWithStrings(fargateReady(d) ? List.of("EC2", "FARGATE") : List.of("EC2")).executionRoleArn(d.executionRoleArn).taskRoleArn(d.taskRoleArn)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(d.cpuArchitecture).operatingSystemFamily(d.operatingSystemFamily).build())
                .registeredAt(Instant.ofEpochMilli(d.registeredAt)).containerDefinitions(cds).build();
    }

    @Override public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest req) {
        return world.read("ecs:DescribeTaskDefinition", this::err, () -> {
            EcsState.TaskDefRec d = taskDefinition(req.taskDefinition());
            var b = DescribeTaskDefinitionResponse.builder().taskDefinition(toTaskDefinition(d));
            if (req.include() != null && req.include().contains(TaskDefinitionField.TAGS)) b.tags(tags(d.tags));
            return b.build();
        });
    }

    @Override public ListTaskDefinitionsResponse listTaskDefinitions(ListTaskDefinitionsRequest req) {
        return world.read("ecs:ListTaskDefinitions", this::err, () -> {
            String status = req.status() == null ? "ACTIVE" : req.statusAsString();
            Comparator<EcsState.TaskDefRec> order = Comparator.comparing((EcsState.TaskDefRec d) -> d.family).thenComparingInt(d -> d.revision);
            if (req.sort() == SortOrder.DESC) order = order.reversed();
            List<String> arns = st().taskDefinitions.values().stream()
                    .filter(d -> status.equals(d.status) && (req.familyPrefix() == null || d.family.startsWith(req.familyPrefix())))
                    .sorted(order).map(d -> d.arn).toList();
            return ListTaskDefinitionsResponse.builder().taskDefinitionArns(arns).build();
        });
    }

    /**
     * Family names starting with familyPrefix; status ACTIVE: families with an ACTIVE revision
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTaskDefinitionFamilies.html).
     */
    @Override public ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies(ListTaskDefinitionFamiliesRequest req) {
        return world.read("ecs:ListTaskDefinitionFamilies", this::err, () -> {
            String status = req.status() == null ? "ALL" : req.statusAsString();
            List<String> families = st().taskDefinitions.values().stream()
                    .filter(d -> req.familyPrefix() == null || d.family.startsWith(req.familyPrefix()))
                    .filter(d -> status.equals("ALL") || status.equals(d.status) || status.equals("INACTIVE") && !"ACTIVE".equals(d.status))
                    .map(d -> d.family).distinct().sorted().toList();
            return ListTaskDefinitionFamiliesResponse.builder().families(families).build();
        });
    }

    @Override public DeregisterTaskDefinitionResponse deregisterTaskDefinition(DeregisterTaskDefinitionRequest req) {
        return world.mutate("ecs:DeregisterTaskDefinition", this::err, () -> {
            String ref = req.taskDefinition();
            if (ref == null || !(ref.startsWith("arn:") || ref.contains(":"))) throw err(400, "ClientException", "Revision must be specified: family:revision or a full ARN.");
            EcsState.TaskDefRec d = taskDefinition(ref);
            d.status = "INACTIVE";
            return DeregisterTaskDefinitionResponse.builder().taskDefinition(toTaskDefinition(d)).build();
        });
    }

    // ---------------------------------------------------------------- services

    private EcsState.ServiceRec service(String cluster, String nameOrArn) {
        EcsState.ClusterRec c = cluster(cluster);
        EcsState.ServiceRec s = st().service(c.name, lastSegment(nameOrArn));
        if (s == null) throw err(400, "ServiceNotFoundException", "Service not found.");
        return s;
    }

    private void validateNetwork(AwsVpcConfiguration vpc) {
        if (vpc == null) throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        if (vpc.subnets() == null || vpc.subnets().isEmpty()) throw invalid("subnets can not be empty.");
        if (vpc.subnets().size() > 16) throw invalid("subnets can have at most 16 items.");
        for (String sn : vpc.subnets()) {
            if (!neighbours.subnetExists(sn)) {
                throw invalid("Error retrieving subnet information for [" + sn + "]: The subnet ID '" + sn + "' does not exist (ErrorCode: InvalidSubnetID.NotFound)");
            }
        }
        if (vpc.securityGroups() != null) for (String sg : vpc.securityGroups()) {
            if (!neighbours.securityGroupExists(sg)) {
                throw invalid("Error retrieving security group information for [" + sg + "]: The security group '" + sg + "' does not exist (ErrorCode: InvalidGroup.NotFound)");
            }
        }
    }

    private void validateLoadBalancers(List<software.amazon.awssdk.services.ecs.model.LoadBalancer> lbs, EcsState.TaskDefRec td) {
        if (lbs == null) return;
        for (var lb : lbs) {
            String tg = lb.targetGroupArn();
            if (tg == null || !neighbours.targetGroupExists(tg)) throw invalid("Unable to find the target group " + tg + ".");
            if (!neighbours.targetGroupHasLoadBalancer(tg)) {
                throw invalid("The target group with targetGroupArn " + tg + " does not have an associated load balancer.");
            }
            EcsState.ContainerRec c = td.containers.stream().filter(x -> x.name.equals(lb.containerName())).findFirst().orElse(null);
            if (c == null) throw invalid("The container " + lb.containerName() + " does not exist in the task definition.");
            if (lb.containerPort() == null || !c.ports.contains(lb.containerPort())) {
                throw invalid("The container " + lb.containerName() + " did not have a container port " + lb.containerPort() + " defined.");
            }
        }
    }

    private static List<EcsState.LoadBalancerRec> loadBalancerRecs(List<software.amazon.awssdk.services.ecs.model.LoadBalancer> lbs) {
        List<EcsState.LoadBalancerRec> out = new ArrayList<>();
        for (var lb : lbs) {
            EcsState.LoadBalancerRec r = new EcsState.LoadBalancerRec();
            r.targetGroupArn = lb.targetGroupArn();
            r.containerName = lb.containerName();
            r.containerPort = lb.containerPort() == null ? 0 : lb.containerPort();
            out.add(r);
        }
        return out;
    }

    private static boolean sameLoadBalancers(List<EcsState.LoadBalancerRec> a, List<EcsState.LoadBalancerRec> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).targetGroupArn, b.get(i).targetGroupArn) || a.get(i).containerPort != b.get(i).containerPort
                    || !Objects.equals(a.get(i).containerName, b.get(i).containerName)) return false;
        }
        return true;
    }

    private void applyDeploymentConfiguration(EcsState.ServiceRec s, DeploymentConfiguration dc, int desired) {
        if (dc == null) return;
        int max = dc.maximumPercent() == null ? s.maximumPercent : dc.maximumPercent();
        int min = dc.minimumHealthyPercent() == null ? s.minimumHealthyPercent : dc.minimumHealthyPercent();
        if (max < 100 || max > 2000) throw invalid("maximumPercent must be between 100 and 2000.");
        if (min < 0 || min > 100) throw invalid("minimumHealthyPercent must be between 0 and 100.");
        if (desired > 0 && Math.floor(desired * max / 100.0) <= Math.ceil(desired * min / 100.0) && min == 100 && max == 100) {
            throw invalid("maximumPercent must be greater than minimumHealthyPercent so that a deployment can make progress.");
        }
        s.maximumPercent = max;
        s.minimumHealthyPercent = min;
        if (dc.deploymentCircuitBreaker() != null) {
            s.circuitBreaker = Boolean.TRUE.equals(dc.deploymentCircuitBreaker().enable());
            s.rollback = Boolean.TRUE.equals(dc.deploymentCircuitBreaker().rollback());
        }
        if (dc.alarms() != null) {
            // AWS: up to 10 alarm names; enable and rollback are required with them.
            if (dc.alarms().alarmNames().size() > 10) throw invalid("alarms.alarmNames can contain at most 10 alarms.");
            s.alarmNames = new ArrayList<>(dc.alarms().alarmNames());
            s.alarmsEnabled = Boolean.TRUE.equals(dc.alarms().enable());
            s.alarmsRollback = Boolean.TRUE.equals(dc.alarms().rollback());
        }
    }

    @Override public CreateServiceResponse createService(CreateServiceRequest req) {
        return world.mutate("ecs:CreateService", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            EcsState.ServiceRec existing = st().service(c.name, req.serviceName());
            if (existing != null) scheduler.advance(existing, world.now());
            if (existing != null && "ACTIVE".equals(existing.status)) {
                if (req.clientToken() != null && req.clientToken().equals(existing.clientToken)) {
                    return CreateServiceResponse.builder().service(toService(existing, true)).build();
                }
                throw invalid("Creation of service was not idempotent.");
            }
            if (existing != null && "DRAINING".equals(existing.status)) throw invalid("Unable to Start a service that is still Draining.");
            if (req.serviceName() == null || !req.serviceName().matches("[A-Za-z0-9_-]{1,255}")) throw invalid("Service name is invalid.");
            if (req.launchType() != LaunchType.FARGATE) throw invalid("This simulation runs Fargate only: set launchType to FARGATE.");
            EcsState.TaskDefRec td = taskDefinition(req.taskDefinition());
            if (td.status.equals("INACTIVE")) throw invalid("TaskDefinition is inactive");
            if (!fargateReady(td)) throw invalid("Task definition does not support launch_type FARGATE.");
            validateNetwork(req.networkConfiguration() == null ? null : req.networkConfiguration().awsvpcConfiguration());
            validateLoadBalancers(req.loadBalancers(), td);
            boolean hasLb = req.loadBalancers() != null && !req.loadBalancers().isEmpty();
            if (req.healthCheckGracePeriodSeconds() != null && !hasLb) {
                throw invalid("Health check grace period is only valid for services configured to use load balancers");
            }
            int desired = req.desiredCount() == null ? 0 : req.desiredCount();
            if (desired < 0) throw invalid("desiredCount must be at least 0.");
            EcsState.ServiceRec s = new EcsState.ServiceRec();
            s.name = req.serviceName();
            s.cluster = c.name;
            s.clusterArn = c.arn;
            s.arn = arnPrefix() + "service/" + c.name + "/" + s.name;
            s.status = "ACTIVE";
            s.desiredCount = desired;
            s.taskDefinition = td.arn;
            AwsVpcConfiguration vpc = req.networkConfiguration().awsvpcConfiguration();
            s.subnets.addAll(vpc.subnets());
            if (vpc.securityGroups() != null) s.securityGroups.addAll(vpc.securityGroups());
            s.assignPublicIp = vpc.assignPublicIp() == AssignPublicIp.ENABLED;
            if (hasLb) s.loadBalancers = loadBalancerRecs(req.loadBalancers());
            s.serviceConnect = EcsServiceConnect.configure(world, req.serviceConnectConfiguration(), c, td, s, null, this::invalid);
            applyDeploymentConfiguration(s, req.deploymentConfiguration(), desired);
            s.healthCheckGracePeriodSeconds = req.healthCheckGracePeriodSeconds();
            s.propagateTags = req.propagateTags() == null ? "NONE" : req.propagateTagsAsString();
            s.enableExecuteCommand = Boolean.TRUE.equals(req.enableExecuteCommand());
            s.clientToken = req.clientToken();
            s.tags = tagMap(req.tags());
            long now = world.now().toEpochMilli();
            s.createdAt = now;
            s.deployments.add(scheduler.newDeployment(td.arn, desired, s.loadBalancers, now));
            st().services.put(c.name + "/" + s.name, s);
            SimCloudMap.registerEcsService(world, s);
            EcsServiceDeployments.started(world, s, s.deployments.get(0));
            scheduler.reconcile(s, now);
            return CreateServiceResponse.builder().service(toService(s, true)).build();
        });
    }

    @Override public UpdateServiceResponse updateService(UpdateServiceRequest req) {
        return world.mutate("ecs:UpdateService", this::err, () -> {
            EcsState.ServiceRec s = service(req.cluster(), req.service());
            Instant now = world.now();
            scheduler.advance(s, now);
            if (!"ACTIVE".equals(s.status)) throw err(400, "ServiceNotActiveException", "Service was not ACTIVE.");
            String newTd = s.taskDefinition;
            // Rolling deployments take new load balancers (an empty list removes them); the new
            // deployment's tasks register there while the old deployment's drain from the old ones.
            List<EcsState.LoadBalancerRec> newLbs = req.hasLoadBalancers() ? loadBalancerRecs(req.loadBalancers()) : s.loadBalancers;
            if (req.taskDefinition() != null || req.hasLoadBalancers()) {
                EcsState.TaskDefRec td = taskDefinition(req.taskDefinition() != null ? req.taskDefinition() : s.taskDefinition);
                if (!fargateReady(td)) throw invalid("Task definition does not support launch_type FARGATE.");
                validateLoadBalancers(newLbs.stream()
                        .map(l -> software.amazon.awssdk.services.ecs.model.LoadBalancer.builder().targetGroupArn(l.targetGroupArn)
                                .containerName(l.containerName).containerPort(l.containerPort).build()).toList(), td);
                newTd = td.arn;
            }
            boolean lbsChanged = !sameLoadBalancers(newLbs, s.loadBalancers);
            // Adding, changing or turning off Service Connect starts a new deployment (its proxy is in the tasks).
            boolean connectChanged = false;
            if (req.serviceConnectConfiguration() != null) {
                EcsState.ServiceConnectRec sc = EcsServiceConnect.configure(world, req.serviceConnectConfiguration(), cluster(s.cluster),
                        taskDefinition(newTd), s, s.serviceConnect, this::invalid);
                connectChanged = EcsServiceConnect.changed(sc, s.serviceConnect);
                s.serviceConnect = sc;
                SimCloudMap.registerEcsService(world, s);
            }
            s.loadBalancers = newLbs;
            int desired = req.desiredCount() == null ? s.desiredCount : req.desiredCount();
            if (desired < 0) throw invalid("desiredCount must be at least 0.");
            boolean networkChanged = false;
            if (req.networkConfiguration() != null) {
                AwsVpcConfiguration vpc = req.networkConfiguration().awsvpcConfiguration();
                validateNetwork(vpc);
                boolean pub = vpc.assignPublicIp() == AssignPublicIp.ENABLED;
                networkChanged = !vpc.subnets().equals(s.subnets) || !Objects.equals(vpc.securityGroups(), s.securityGroups) || pub != s.assignPublicIp;
                s.subnets = new ArrayList<>(vpc.subnets());
                s.securityGroups = vpc.securityGroups() == null ? new ArrayList<>() : new ArrayList<>(vpc.securityGroups());
                s.assignPublicIp = pub;
            }
            applyDeploymentConfiguration(s, req.deploymentConfiguration(), desired);
            if (req.healthCheckGracePeriodSeconds() != null) {
                if (s.loadBalancers.isEmpty()) throw invalid("Health check grace period is only valid for services configured to use load balancers");
                s.healthCheckGracePeriodSeconds = req.healthCheckGracePeriodSeconds();
            }
            s.desiredCount = desired;
            // ECS Exec applies to tasks started from now on; running ones keep what they started with.
            if (req.enableExecuteCommand() != null) s.enableExecuteCommand = req.enableExecuteCommand();
            long t = now.toEpochMilli();
            boolean redeploy = !newTd.equals(s.taskDefinition) || Boolean.TRUE.equals(req.forceNewDeployment()) || networkChanged || lbsChanged
                    || connectChanged;
            if (redeploy) {
                for (EcsState.DeploymentRec d : s.deployments) d.status = "ACTIVE";
                s.deployments.add(0, scheduler.newDeployment(newTd, desired, s.loadBalancers, t));
                EcsServiceDeployments.started(world, s, s.deployments.get(0));
                s.taskDefinition = newTd;
                s.steady = false;
            } else {
                if (desired != s.deployments.get(0).desiredCount) s.steady = false;
                s.deployments.get(0).desiredCount = desired;
            }
            scheduler.reconcile(s, t);
            return UpdateServiceResponse.builder().service(toService(s, false)).build();
        });
    }

    @Override public DeleteServiceResponse deleteService(DeleteServiceRequest req) {
        return world.mutate("ecs:DeleteService", this::err, () -> {
            EcsState.ServiceRec s = service(req.cluster(), req.service());
            Instant now = world.now();
            scheduler.advance(s, now);
            if (!"ACTIVE".equals(s.status)) throw err(400, "ServiceNotActiveException", "Service was not ACTIVE.");
            if (s.desiredCount > 0 && !Boolean.TRUE.equals(req.force())) {
                throw invalid("The service cannot be stopped while it is scaled above 0.");
            }
            s.status = "DRAINING";
            s.desiredCount = 0;
            for (EcsState.DeploymentRec d : s.deployments) d.desiredCount = 0;
            scheduler.reconcile(s, now.toEpochMilli());
            return DeleteServiceResponse.builder().service(toService(s, false)).build();
        });
    }

    @Override public ListServicesResponse listServices(ListServicesRequest req) {
        return world.read("ecs:ListServices", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            scheduler.advanceAll(world.now());
            return ListServicesResponse.builder().serviceArns(st().services.values().stream()
                    .filter(s -> s.cluster.equals(c.name) && !"INACTIVE".equals(s.status)).map(s -> s.arn).toList()).build();
        });
    }

    @Override public DescribeServicesResponse describeServices(DescribeServicesRequest req) {
        return world.read("ecs:DescribeServices", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            boolean withTags = req.include() != null && req.include().contains(ServiceField.TAGS);
            List<software.amazon.awssdk.services.ecs.model.Service> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (String n : req.services()) {
                EcsState.ServiceRec s = st().service(c.name, lastSegment(n));
                if (s == null) {
                    failures.add(Failure.builder().arn(n.startsWith("arn:") ? n : arnPrefix() + "service/" + c.name + "/" + n).reason("MISSING").build());
                    continue;
                }
                scheduler.advance(s, world.now());
                found.add(toService(s, withTags));
            }
            return DescribeServicesResponse.builder().services(found).failures(failures).build();
        });
    }

    private software.amazon.awssdk.services.ecs.model.Service toService(EcsState.ServiceRec s, boolean withTags) {
        List<EcsState.TaskRec> tasks = scheduler.tasksOf(s);
        Instant now = world.now();
        List<Deployment> deps = s.deployments.stream().map(d -> {
            long running = tasks.stream().filter(t -> d.id.equals(t.deploymentId) && "RUNNING".equals(t.lastStatus)).count();
            long pending = tasks.stream().filter(t -> d.id.equals(t.deploymentId) && t.startedAt == null && t.stoppedAt == null).count();
            return Deployment.builder().id(d.id).status(d.status).taskDefinition(d.taskDefinition).desiredCount(d.desiredCount)
                    .runningCount((int) running).pendingCount((int) pending).failedTasks(d.failedTasks)
                    .rolloutState(d.rolloutState).rolloutStateReason(d.rolloutStateReason).launchType(LaunchType.FARGATE)
                    .platformVersion("1.4.0").platformFamily("Linux")
                    .serviceConnectConfiguration(EcsServiceConnect.describe(s.serviceConnect))
                    .createdAt(Instant.ofEpochMilli(d.createdAt)).updatedAt(Instant.ofEpochMilli(d.updatedAt)).build();
        }).toList();
        List<ServiceEvent> events = new ArrayList<>();
        for (int i = s.events.size() - 1; i >= 0; i--) {
            EcsState.EventRec e = s.events.get(i);
            events.add(ServiceEvent.builder().id(e.id).createdAt(Instant.ofEpochMilli(e.at)).message(e.message).build());
        }
        var b = software.amazon.awssdk.services.ecs.model.Service.builder().serviceArn(s.arn).serviceName(s.name).clusterArn(s.clusterArn)
                .status(s.status).desiredCount(s.desiredCount).taskDefinition(s.taskDefinition).launchType(LaunchType.FARGATE)
                .platformVersion("LATEST").platformFamily("Linux").schedulingStrategy(SchedulingStrategy.REPLICA)
                .runningCount((int) tasks.stream().filter(t -> "RUNNING".equals(scheduler.lastStatus(t, now))).count())
                .pendingCount((int) tasks.stream().filter(t -> t.startedAt == null && t.stoppedAt == null).count())
                .deployments(deps).events(events).createdAt(Instant.ofEpochMilli(s.createdAt))
                .healthCheckGracePeriodSeconds(s.healthCheckGracePeriodSeconds).propagateTags(s.propagateTags)
                .enableExecuteCommand(s.enableExecuteCommand)
                .deploymentController(DeploymentController.builder().type(DeploymentControllerType.ECS).build())
                .deploymentConfiguration(DeploymentConfiguration.builder().maximumPercent(s.maximumPercent).minimumHealthyPercent(s.minimumHealthyPercent)
                        .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(s.circuitBreaker).rollback(s.rollback).build())
                        .alarms(s.alarmNames.isEmpty() && !s.alarmsEnabled ? null : DeploymentAlarms.builder().alarmNames(s.alarmNames)
                                .enable(s.alarmsEnabled).rollback(s.alarmsRollback).build()).build())
                .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                        .subnets(s.subnets).securityGroups(s.securityGroups)
                        .assignPublicIp(s.assignPublicIp ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build()).build())
                .loadBalancers(s.loadBalancers.stream().map(l -> software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                        .targetGroupArn(l.targetGroupArn).containerName(l.containerName).containerPort(l.containerPort).build()).toList());
        if (withTags) b.tags(tags(s.tags));
        return b.build();
    }

    // ---------------------------------------------------------------- service deployments

    /**
     * ListServiceDeployments: the service's deployments, newest first, at most maxResults
     * (1 to 100, default 20) per page (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListServiceDeployments.html).
     */
    @Override public ListServiceDeploymentsResponse listServiceDeployments(ListServiceDeploymentsRequest req) {
        return world.read("ecs:ListServiceDeployments", this::err, () -> {
            if (req.service() == null) throw invalid("service must be specified.");
            EcsState.ServiceRec s = service(req.cluster(), req.service());
            scheduler.advance(s, world.now());
            int max = req.maxResults() == null ? 20 : req.maxResults();
            if (max < 1 || max > 100) throw invalid("maxResults must be between 1 and 100.");
            List<EcsState.ServiceDeploymentRec> all = new ArrayList<>(EcsServiceDeployments.of(st(), s));
            java.util.Collections.reverse(all);
            if (req.hasStatus()) all.removeIf(d -> !req.statusAsStrings().contains(d.status));
            int from = req.nextToken() == null ? 0 : Integer.parseInt(req.nextToken());
            List<ServiceDeploymentBrief> page = all.subList(Math.min(from, all.size()), Math.min(from + max, all.size())).stream()
                    .map(d -> ServiceDeploymentBrief.builder().serviceDeploymentArn(d.arn).serviceArn(d.serviceArn).clusterArn(d.clusterArn)
                            .createdAt(Instant.ofEpochMilli(d.createdAt)).startedAt(Instant.ofEpochMilli(d.createdAt))
                            .finishedAt(d.finishedAt == null ? null : Instant.ofEpochMilli(d.finishedAt))
                            .targetServiceRevisionArn(d.targetRevisionArn).status(d.status).statusReason(d.statusReason).build()).toList();
            return ListServiceDeploymentsResponse.builder().serviceDeployments(page)
                    .nextToken(from + max < all.size() ? String.valueOf(from + max) : null).build();
        });
    }

    /** DescribeServiceRevisions: 1 to 20 ARNs; unknown ones come back as failures (MISSING). */
    @Override public DescribeServiceRevisionsResponse describeServiceRevisions(DescribeServiceRevisionsRequest req) {
        return world.read("ecs:DescribeServiceRevisions", this::err, () -> {
            if (!req.hasServiceRevisionArns() || req.serviceRevisionArns().isEmpty() || req.serviceRevisionArns().size() > 20) {
                throw invalid("serviceRevisionArns must have between 1 and 20 items.");
            }
            List<ServiceRevision> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (String arn : req.serviceRevisionArns()) {
                EcsState.ServiceRevisionRec r = st().serviceRevisions.get(arn);
                if (r == null) {
                    failures.add(Failure.builder().arn(arn).reason("MISSING").build());
                    continue;
                }
                found.add(ServiceRevision.builder().serviceRevisionArn(r.arn).serviceArn(r.serviceArn).clusterArn(r.clusterArn)
                        .taskDefinition(r.taskDefinition).launchType(LaunchType.FARGATE).createdAt(Instant.ofEpochMilli(r.createdAt))
                        .containerImages(ContainerImage.builder().containerName(r.containerName).image(r.image).imageDigest(r.imageDigest).build())
                        .build());
            }
            return DescribeServiceRevisionsResponse.builder().serviceRevisions(found).failures(failures).build();
        });
    }

    // ---------------------------------------------------------------- tasks

    @Override public ListTasksResponse listTasks(ListTasksRequest req) {
        return world.read("ecs:ListTasks", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            Instant now = world.now();
            if (req.serviceName() != null) {
                EcsState.ServiceRec s = st().service(c.name, lastSegment(req.serviceName()));
                if (s == null) throw err(400, "ServiceNotFoundException", "Service not found.");
                scheduler.advance(s, now);
            } else {
                scheduler.advanceAll(now);
                oneOff.advance(now);
            }
            scheduler.forget(now);
            String desired = req.desiredStatus() == null ? "RUNNING" : req.desiredStatusAsString();
            List<String> arns = st().tasks.values().stream().filter(t -> t.cluster.equals(c.name))
                    .filter(t -> req.serviceName() == null || lastSegment(req.serviceName()).equals(t.service))
                    .filter(t -> req.startedBy() == null || req.startedBy().equals(t.service != null ? t.deploymentId : t.startedBy))
                    .filter(t -> desired.equals(t.desiredStatus)).map(t -> t.arn).toList();
            return ListTasksResponse.builder().taskArns(arns).build();
        });
    }

    @Override public DescribeTasksResponse describeTasks(DescribeTasksRequest req) {
        return world.read("ecs:DescribeTasks", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            Instant now = world.now();
            List<Task> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            Set<String> advanced = new java.util.HashSet<>();
            for (String ref : req.tasks()) {
                EcsState.TaskRec t = ref.startsWith("arn:") ? st().tasks.get(ref)
                        : st().tasks.get(arnPrefix() + "task/" + c.name + "/" + ref);
                if (t == null || !t.cluster.equals(c.name)) {
                    failures.add(Failure.builder().arn(ref).reason("MISSING").build());
                    continue;
                }
                if (t.service == null) oneOff.advance(now);
                else if (advanced.add(t.service)) {
                    EcsState.ServiceRec s = st().service(c.name, t.service);
                    if (s != null) scheduler.advance(s, now);
                }
                found.add(toTask(t, now));
            }
            return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
        });
    }

    private Task toTask(EcsState.TaskRec t, Instant now) {
        EcsState.TaskDefRec td = st().taskDefinitions.values().stream().filter(d -> d.arn.equals(t.taskDefinitionArn)).findFirst().orElseThrow();
        EcsState.ContainerRec c = td.containers.get(0);
        String status = scheduler.lastStatus(t, now);
        Container container = Container.builder().name(c.name).image(c.image).taskArn(t.arn)
                .runtimeId("RUNNING".equals(status) ? t.id + "-" + Integer.toUnsignedString(t.id.hashCode()) : null)
                .containerArn(t.arn.replace(":task/", ":container/") + "/" + c.name)
                .lastStatus("RUNNING".equals(status) ? "RUNNING" : "STOPPED".equals(status) ? "STOPPED" : "PENDING")
                .exitCode(t.exitCode).reason(t.containerReason).imageDigest("RUNNING".equals(status) ? t.imageDigest : null)
                .networkInterfaces(t.ip == null ? List.of() : List.of(NetworkInterface.builder().attachmentId(t.eni).privateIpv4Address(t.ip).build()))
                .build();
        List<Container> containers = new ArrayList<>(List.of(container));
        // The task's other containers (a job's timeout): the one whose exit stopped the task reports 0.
        for (EcsState.ContainerRec o : td.containers.subList(1, td.containers.size())) {
            boolean exited = o.name.equals(t.endedBy) && t.endedByExited;
            containers.add(Container.builder().name(o.name).image(o.image).taskArn(t.arn)
                    .containerArn(t.arn.replace(":task/", ":container/") + "/" + o.name)
                    .lastStatus(exited || "STOPPED".equals(status) ? "STOPPED" : "RUNNING".equals(status) ? "RUNNING" : "PENDING")
                    .exitCode(exited ? Integer.valueOf(0) : null).build());
        }
        return Task.builder().taskArn(t.arn).clusterArn(t.clusterArn).taskDefinitionArn(t.taskDefinitionArn)
                .group(t.group != null ? t.group : t.service != null ? "service:" + t.service : "family:" + td.family)
                .startedBy(t.service != null ? t.deploymentId : t.startedBy).launchType(LaunchType.FARGATE)
                .lastStatus(status).desiredStatus(t.desiredStatus).cpu(td.cpu).memory(td.memory)
                .healthStatus(t.healthy ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN)
                .createdAt(Instant.ofEpochMilli(t.createdAt))
                .startedAt(t.startedAt == null ? null : Instant.ofEpochMilli(t.startedAt))
                .stoppingAt(t.stoppingAt == null ? null : Instant.ofEpochMilli(t.stoppingAt))
                .stoppedAt(t.stoppedAt == null ? null : Instant.ofEpochMilli(t.stoppedAt))
                .stopCode(t.stopCode).stoppedReason(t.stoppedReason).containers(containers).enableExecuteCommand(t.enableExecuteCommand)
                .attachments(t.eni == null ? List.of() : List.of(Attachment.builder().id(t.eni).type("ElasticNetworkInterface")
                        .status("STOPPED".equals(status) ? "DELETED" : "ATTACHED")
                        .details(KeyValuePair.builder().name("subnetId").value(t.subnet).build(),
                                KeyValuePair.builder().name("networkInterfaceId").value(t.eni).build(),
                                KeyValuePair.builder().name("privateIPv4Address").value(t.ip).build()).build()))
                .build();
    }

    /**
     * RunTask for Fargate, with AWS's rules: the cluster and an ACTIVE task definition must exist,
     * awsvpc needs a network configuration, 1 to 10 tasks, a container override must name a
     * container of the task definition, task-level cpu/memory overrides must be a Fargate size
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html).
     */
    @Override public RunTaskResponse runTask(RunTaskRequest req) {
        return world.mutate("ecs:RunTask", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            EcsState.TaskDefRec td = taskDefinition(req.taskDefinition());
            if (!"ACTIVE".equals(td.status)) throw err(400, "ClientException", "TaskDefinition is inactive");
            int count = req.count() == null ? 1 : req.count();
            if (count < 1 || count > 10) throw invalid("count must be between 1 and 10.");
            AwsVpcConfiguration vpc = req.networkConfiguration() == null ? null : req.networkConfiguration().awsvpcConfiguration();
            validateNetwork(vpc);
            List<String> command = null;
            if (req.overrides() != null) {
                for (ContainerOverride o : req.overrides().containerOverrides()) {
                    if (td.containers.stream().noneMatch(x -> x.name.equals(o.name()))) {
                        throw invalid("Override for container named " + o.name() + " is not a container in the TaskDefinition.");
                    }
                    if (o.hasCommand()) command = o.command();
                }
                String cpu = req.overrides().cpu(), memory = req.overrides().memory();
                if (cpu != null || memory != null) {
                    int cp = Integer.parseInt(cpu != null ? cpu : td.cpu), mem = Integer.parseInt(memory != null ? memory : td.memory);
                    if (!fargateCombination(cp, mem)) {
                        throw invalid("No Fargate configuration exists for given values: " + cp + " CPU, " + mem + " memory. See the Amazon ECS documentation for the valid values.");
                    }
                }
            }
            boolean publicIp = vpc.assignPublicIp() == AssignPublicIp.ENABLED;
            Instant now = world.now();
            List<Task> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                EcsState.TaskRec t = oneOff.launch(c, td, vpc.subnets(), vpc.securityGroups() == null ? List.of() : vpc.securityGroups(),
                        publicIp, command, req.startedBy(), req.hasTags() ? tagMap(req.tags()) : Map.of(), i, now);
                t.group = req.group();
                started.add(toTask(t, now));
            }
            return RunTaskResponse.builder().tasks(started).failures(List.of()).build();
        });
    }

    /**
     * ExecuteCommand, as ECS answers it: interactive only; the task must be RUNNING and have been
     * started with ECS Exec on (InvalidParameterException otherwise); the SSM agent in it connects
     * only when the task role allows the ssmmessages channels (TargetNotConnectedException)
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html,
     * developer guide "Troubleshooting ECS Exec"). The session's stream and token are made up.
     */
    @Override public ExecuteCommandResponse executeCommand(ExecuteCommandRequest req) {
        return world.mutate("ecs:ExecuteCommand", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            if (!Boolean.TRUE.equals(req.interactive())) throw invalid("Interactive is the only mode supported currently.");
            if (req.command() == null || req.command().isBlank()) throw invalid("command can not be empty.");
            String ref = req.task();
            EcsState.TaskRec t = ref == null ? null : ref.startsWith("arn:") ? st().tasks.get(ref) : st().tasks.get(arnPrefix() + "task/" + c.name + "/" + ref);
            Instant now = world.now();
            if (t != null && t.service != null) {
                EcsState.ServiceRec s = st().service(c.name, t.service);
                if (s != null) scheduler.advance(s, now);
            }
            if (t == null || !t.cluster.equals(c.name)) throw invalid("The task provided in the request was not found.");
            EcsState.TaskDefRec td = st().taskDefinitions.values().stream().filter(d -> d.arn.equals(t.taskDefinitionArn)).findFirst().orElseThrow();
            String container = req.container() == null ? td.containers.get(0).name : req.container();
            if (td.containers.stream().noneMatch(x -> x.name.equals(container))) throw invalid("The container " + container + " was not found in the task.");
            if (!"RUNNING".equals(scheduler.lastStatus(t, now)) || !t.enableExecuteCommand) {
                throw invalid("The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. "
                        + "Wait and try the command again or run a new task with execute command enabled and try again.");
            }
            if (td.taskRoleArn == null || !world.state.iam.allows(td.taskRoleArn, "ssmmessages:CreateControlChannel", "*")) {
                throw err(400, "TargetNotConnectedException", "The execute command failed due to an internal error. Try again later.");
            }
            String session = "ecs-execute-command-" + world.newId("s").substring(2);
            return ExecuteCommandResponse.builder().clusterArn(c.arn).taskArn(t.arn).containerName(container)
                    .containerArn(t.arn.replace(":task/", ":container/") + "/" + container).interactive(true)
                    .session(Session.builder().sessionId(session)
                            .streamUrl("wss://ssmmessages." + world.region() + ".amazonaws.com/v1/data-channel/" + session + "?role=publish_subscribe&cell-number=1")
                            .tokenValue("AAEAA" + world.newId("k").substring(2) + world.newId("k").substring(2)).build()).build();
        });
    }

    @Override public StopTaskResponse stopTask(StopTaskRequest req) {
        return world.mutate("ecs:StopTask", this::err, () -> {
            EcsState.ClusterRec c = cluster(req.cluster());
            String ref = req.task();
            EcsState.TaskRec t = ref.startsWith("arn:") ? st().tasks.get(ref) : st().tasks.get(arnPrefix() + "task/" + c.name + "/" + ref);
            if (t == null || !t.cluster.equals(c.name)) throw invalid("The referenced task was not found.");
            Instant now = world.now();
            if (t.service == null) oneOff.stop(t, req.reason(), now);
            else {
                EcsState.ServiceRec s = st().service(c.name, t.service);
                if (s != null) {
                    scheduler.advance(s, now);
                    t.stopCode = "UserInitiated";
                    t.stoppedReason = req.reason() == null ? "Task stopped by user" : req.reason();
                    scheduler.beginStop(s, t, now.toEpochMilli());
                }
            }
            return StopTaskResponse.builder().task(toTask(t, now)).build();
        });
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("ecs:ListTagsForResource", this::err, () -> ListTagsForResourceResponse.builder().tags(tags(tagsOf(req.resourceArn()))).build());
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("ecs:TagResource", this::err, () -> {
            // ECS TagResource answers every broken tag rule with InvalidParameterException.
            TagRules.put(tagsOf(req.resourceArn()), tagMap(req.tags()), this::err, TagRules.ECS);
            return TagResourceResponse.builder().build();
        });
    }

    /** The live tag map of a cluster, service or task definition revision. */
    private Map<String, String> tagsOf(String arn) {
        for (EcsState.ClusterRec c : st().clusters.values()) if (c.arn.equals(arn)) return c.tags;
        for (EcsState.ServiceRec s : st().services.values()) if (s.arn.equals(arn)) return s.tags;
        for (EcsState.TaskDefRec d : st().taskDefinitions.values()) if (d.arn.equals(arn)) return d.tags;
        EcsState.TaskRec task = st().tasks.get(arn);
        if (task != null) return task.tags;
        throw invalid("The specified resource is not valid.");
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}

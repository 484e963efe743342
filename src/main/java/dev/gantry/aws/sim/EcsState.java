package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated ECS state: clusters, task definitions, services with their deployments and events,
 * and tasks. Times are epoch milliseconds; tasks move on from the clock when the simulated ECS is
 * next called ({@link EcsScheduler}), never on a thread.
 */
public final class EcsState {
    public static final class ClusterRec {
        public String name;
        public String arn;
        public String status;
        public String containerInsights = "disabled";
        /** serviceConnectDefaults: the Cloud Map namespace's ARN, or null. */
        public String serviceConnectNamespace;
        public long createdAt;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class ContainerRec {
        public String name;
        public String image;
        public boolean essential = true;
        public List<String> command = new ArrayList<>();
        public List<Integer> ports = new ArrayList<>();
        /** portMappings[].name by containerPort: what a Service Connect service names (portName). */
        public Map<String, Integer> portNames = new LinkedHashMap<>();
        public Map<String, String> environment = new LinkedHashMap<>();
        /** name → valueFrom (parameter name or ARN); never a value. */
        public Map<String, String> secrets = new LinkedHashMap<>();
        public String logDriver;
        public Map<String, String> logOptions = new LinkedHashMap<>();
        /** The Secrets Manager secret (name or ARN) holding the registry login; never the login. */
        public String repositoryCredentials;
        /** Seconds between SIGTERM and SIGKILL; null: Fargate's default, 30. */
        public Integer stopTimeout;
    }

    public static final class TaskDefRec {
        public String arn;
        public String family;
        public int revision;
        public String status;
        public String cpu;
        public String memory;
        public String networkMode;
        public List<String> requiresCompatibilities = new ArrayList<>();
        public String executionRoleArn;
        public String taskRoleArn;
        public String cpuArchitecture;
        public String operatingSystemFamily;
        public List<ContainerRec> containers = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public long registeredAt;
    }

    public static final class LoadBalancerRec {
        public String targetGroupArn;
        public String containerName;
        public int containerPort;
    }

    public static final class DeploymentRec {
        public String id;
        public String status;
        public String taskDefinition;
        public int desiredCount;
        public String rolloutState;
        public String rolloutStateReason;
        public long createdAt;
        public long updatedAt;
        public int failedTasks;
        /** No task is launched for this deployment before this time (ECS backs off after failures). */
        public long launchAfter;
        /** The target groups this deployment's tasks register in: an update may move a service to others. */
        public List<LoadBalancerRec> loadBalancers = new ArrayList<>();
    }

    public static final class EventRec {
        public String id;
        public long at;
        public String message;
    }

    public static final class ServiceRec {
        public String arn;
        public String name;
        public String cluster;
        public String clusterArn;
        public String status;
        public int desiredCount;
        public String taskDefinition;
        public List<String> subnets = new ArrayList<>();
        public List<String> securityGroups = new ArrayList<>();
        public boolean assignPublicIp;
        public List<LoadBalancerRec> loadBalancers = new ArrayList<>();
        public int minimumHealthyPercent = 100;
        public int maximumPercent = 200;
        public boolean circuitBreaker;
        public boolean rollback;
        /** deploymentConfiguration.alarms: CloudWatch alarms that fail a deployment in progress (and roll it back when asked). */
        public List<String> alarmNames = new ArrayList<>();
        public boolean alarmsEnabled;
        public boolean alarmsRollback;
        public Integer healthCheckGracePeriodSeconds;
        public String propagateTags;
        public String clientToken;
        public Map<String, String> tags = new LinkedHashMap<>();
        public long createdAt;
        public long deletedAt;
        /** Deployments, PRIMARY first. */
        public List<DeploymentRec> deployments = new ArrayList<>();
        /** Service events, oldest first (DescribeServices shows them newest first). */
        public List<EventRec> events = new ArrayList<>();
        /** The task definition of the last deployment that completed: where a rollback returns to. */
        public String lastCompletedTaskDefinition;
        public List<LoadBalancerRec> lastCompletedLoadBalancers = new ArrayList<>();
        public boolean steady;
        /** ECS Exec: tasks started while it is on run the SSM agent. */
        public boolean enableExecuteCommand;
        /** A change (scaling) the scheduler has not acted on yet, or 0. */
        public long reconcileAt;
        public int launches;
        /** serviceConnectConfiguration, when enabled; else null. */
        public ServiceConnectRec serviceConnect;
    }

    /**
     * A service's Service Connect: in a namespace, and (a client-server service) an endpoint other
     * tasks of the namespace reach at dnsName:port. Only tasks that start after the endpoint was
     * made can resolve it ({@code endpointSince}; Service Connect components, "Existing tasks can't
     * resolve and connect to the new endpoint").
     */
    public static final class ServiceConnectRec {
        public String namespaceArn;
        public String portName;
        public String discoveryName;
        public String dnsName;
        public Integer port;
        public long endpointSince;
    }

    public static final class TaskRec {
        public String arn;
        public String id;
        public String cluster;
        public String clusterArn;
        public String service;
        public String deploymentId;
        /** Where the task registers: its deployment's target groups (ECS tracks this per deployment). */
        public List<LoadBalancerRec> loadBalancers = new ArrayList<>();
        public String taskDefinitionArn;
        public String subnet;
        public String eni;
        public String ip;
        public long createdAt;
        public Long startedAt;
        public Long stoppingAt;
        public Long stoppedAt;
        public String lastStatus;
        public String desiredStatus = "RUNNING";
        public boolean healthy;
        public String stopCode;
        public String stoppedReason;
        public Integer exitCode;
        /** What the image reference resolved to when the task pulled it (ECS reports it per container). */
        public String imageDigest;
        public String containerReason;
        /** Started while its service had ECS Exec on: ExecuteCommand may reach it. */
        public boolean enableExecuteCommand;
        /** What will go wrong with this task (see {@link EcsTaskFailures}), or null. */
        public String failure;
        public String failureReason;
        /** start | crash | health | stop: what happens at {@link #nextAt}. */
        public String phase;
        public long nextAt = Long.MAX_VALUE;
        /** A task started by RunTask (no service): its command override, startedBy and tags. */
        public List<String> commandOverride;
        public String startedBy;
        /** The task group a starter named (EventBridge Scheduler's EcsParameters.Group), or null for ECS's own. */
        public String group;
        public Map<String, String> tags = new LinkedHashMap<>();
        /** A one-off task's program, as the simulation reads it ({@code EcsOneOffTasks}): exit code and run time. */
        public Integer plannedExit;
        public long plannedRunMillis;
        /** Another essential container of a one-off task that exits before the first one's command ends (a timeout), or null. */
        public String endedBy;
        /** Whether {@link #endedBy} has exited (with 0), which stopped the task. */
        public boolean endedByExited;
    }

    /** A service deployment (ListServiceDeployments): one per UpdateService/CreateService that started one. */
    public static final class ServiceDeploymentRec {
        public String arn;
        public String serviceArn;
        public String clusterArn;
        public String cluster;
        public String service;
        public long createdAt;
        public Long finishedAt;
        public String status;
        public String statusReason;
        public String targetRevisionArn;
        /** The legacy deployment (DescribeServices) that carries it, and the one a circuit-breaker rollback started. */
        public String deploymentId;
        public String rollbackDeploymentId;
    }

    /** A service revision (DescribeServiceRevisions): the task definition and the image digest ECS resolved. */
    public static final class ServiceRevisionRec {
        public String arn;
        public String serviceArn;
        public String clusterArn;
        public String taskDefinition;
        public String containerName;
        public String image;
        public String imageDigest;
        public long createdAt;
    }

    public List<ServiceDeploymentRec> serviceDeployments = new ArrayList<>();
    public Map<String, ServiceRevisionRec> serviceRevisions = new LinkedHashMap<>();

    public Map<String, ClusterRec> clusters = new TreeMap<>();
    public Map<String, TaskDefRec> taskDefinitions = new TreeMap<>();
    public Map<String, Integer> lastRevision = new TreeMap<>();
    /** Keyed by cluster name + "/" + service name. */
    public Map<String, ServiceRec> services = new TreeMap<>();
    public Map<String, TaskRec> tasks = new LinkedHashMap<>();

    public ServiceRec service(String cluster, String name) { return services.get(cluster + "/" + name); }

    /** Whether an ACTIVE service exists: Application Auto Scaling checks before registering a target. */
    public boolean serviceActive(String cluster, String name) {
        ServiceRec s = service(cluster, name);
        return s != null && "ACTIVE".equals(s.status);
    }
}

package dev.gantry.plan;

/** The groups a person thinks in; plans and progress panes are grouped by these, in this order. */
public enum Piece {
    IMAGE("Build", "ECR repository ≈ your registry; the build ≈ docker build + push, run here before anything else changes"),
    NETWORK("Network", "VPC and subnets ≈ the cluster network; each task gets its own VPC address, no overlay"),
    SECURITY("Security", "security groups ≈ NetworkPolicy"),
    LOGS("Logs", "CloudWatch log group ≈ where kubectl logs reads from, kept for a set number of days"),
    IAM("IAM", "task role ≈ a ServiceAccount bound to cloud permissions; the execution role is the kubelet's pull/secret access"),
    SECRETS("Secrets", "SSM SecureString ≈ Secret, but encrypted at rest"),
    LOAD_BALANCER("Load balancer", "target group + listeners ≈ Service + Ingress; health check ≈ readinessProbe"),
    CERTIFICATE("Certificate", "ACM certificate ≈ cert-manager Certificate for the Ingress's TLS"),
    DNS("DNS", "Route53 record ≈ what external-dns creates"),
    CLUSTER("Cluster", "ECS cluster ≈ a namespace-like grouping, not nodes (Fargate has none to manage)"),
    TASK("Task", "task definition ≈ Pod spec"),
    SERVICE("Service", "ECS service ≈ Deployment (replicas, rolling update)"),
    ALERTS("Alerts", "CloudWatch alarms + SNS email ≈ Prometheus alert rules + an Alertmanager email receiver"),
    JOBS("Scheduled jobs", "EventBridge schedule starting a task ≈ CronJob"),
    GUARD("Guard", "a Lambda function run on a schedule that puts back what was changed by hand ≈ a controller's reconcile loop");

    private final String title;
    private final String kubernetes;

    Piece(String title, String kubernetes) {
        this.title = title;
        this.kubernetes = kubernetes;
    }

    public String title() { return title; }

    /** What a Kubernetes user already knows this piece as, briefly. */
    public String kubernetes() { return kubernetes; }
}

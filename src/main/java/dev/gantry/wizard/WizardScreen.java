package dev.gantry.wizard;

/** The wizard's screens, in order; each groups the questions about one piece of the stack. */
public enum WizardScreen {
    WELCOME("Welcome", """
            gantry writes one file, gantry.yaml, that describes your service and everything around it \
            on AWS: network, load balancer, certificate, DNS, container and its secrets. Nothing is \
            created until you run apply, and the file never contains a secret value.""", null),
    APP("App", """
            The app name prefixes every AWS resource gantry creates, so you can find them and so two \
            apps never collide. The image is the container that runs; the port is where it listens.""",
            "In Kubernetes terms: the container's image and containerPort."),
    NETWORK("Network", """
            A VPC is your private network on AWS. Public subnets hold the load balancer; private \
            subnets keep your containers unreachable from the internet, and NAT gateways let them \
            reach out (to pull images, call APIs).""",
            "In Kubernetes terms: the cluster network; each task gets its own VPC address, there is no overlay."),
    CLUSTER("Cluster", """
            An ECS cluster is a named group of services. On Fargate it costs nothing by itself: you pay \
            for the tasks that run in it.""",
            "In Kubernetes terms: a namespace-like grouping of services, not nodes: Fargate has no nodes to manage."),
    TASK("Task", """
            The task is your container as AWS runs it: how much CPU and memory it gets, which processor \
            architecture, its settings and how long its logs are kept.""",
            "In Kubernetes terms: the task definition is the Pod spec (its size is both request and limit)."),
    SECRETS("Secrets", """
            Secrets (passwords, API keys) are kept in SSM Parameter Store as encrypted SecureStrings and \
            handed to the container as environment variables at start. gantry.yaml names the parameter; \
            the value never goes into the file.""",
            "In Kubernetes terms: a Secret passed as environment variables, but encrypted at rest."),
    SERVICE("Service", """
            The ECS service keeps the right number of copies of your task running, replaces crashed \
            ones, and rolls out new versions without downtime.""",
            "In Kubernetes terms: the Deployment (replicas, rolling update)."),
    LOAD_BALANCER("Load balancer", """
            An Application Load Balancer receives traffic from the internet and spreads it over your \
            healthy tasks. A service that takes no inbound traffic (a worker) does not need one.""",
            "In Kubernetes terms: the target group and listeners are the Service plus the Ingress, the health check is the readinessProbe, and security groups act as a NetworkPolicy."),
    CERTIFICATE("Certificate", """
            A TLS certificate from AWS Certificate Manager turns on HTTPS. Certificates from ACM are \
            free and renew themselves. Without one the service is HTTP only.""",
            "In Kubernetes terms: what cert-manager does for an Ingress's TLS."),
    DNS("DNS", """
            A DNS record gives your service a name (hello.example.com) instead of the load balancer's \
            long generated one. It needs a public Route53 hosted zone you already own.""",
            "In Kubernetes terms: the record external-dns would create."),
    ALERTS("Alerts & guard", """
            Alerts email you when the service is unwell; the guard puts back what was changed or \
            deleted by hand between applies, or only reports it. Both run in your own account, and \
            both are off unless you turn them on.""",
            "In Kubernetes terms: the guard is a controller's reconcile loop; alerts are what Alertmanager would send."),
    ENVIRONMENTS("Environments", """
            Environments are copies of this app from one file, e.g. staging beside production, in one \
            AWS account or several. Each is the settings above plus only what differs.""",
            "In Kubernetes terms: a Kustomize overlay per environment over one base."),
    REVIEW("Review", """
            This is the gantry.yaml that will be written, what it will create and what it is estimated \
            to cost each month. Save it, or save it and apply it now.""", null);

    private final String title;
    private final String intro;
    private final String kubernetes;

    WizardScreen(String title, String intro, String kubernetes) {
        this.title = title;
        this.intro = intro;
        this.kubernetes = kubernetes;
    }

    /** The intro followed by the Kubernetes counterpart, for the screen's top and for help. */
    public String introForKubernetesUsers() { return kubernetes == null ? intro : intro + " " + kubernetes; }

    /** What a Kubernetes user already knows this piece as, in one sentence; null when nothing matches. */
    public String kubernetes() { return kubernetes; }

    public String title() { return title; }

    /** What this piece is and why it exists, in plain words. */
    public String intro() { return intro; }

    /** "4 of 11": screens are numbered from 1. */
    public String stepIndicator() { return (ordinal() + 1) + " of " + values().length; }
}

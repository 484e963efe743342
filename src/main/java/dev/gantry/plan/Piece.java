package dev.gantry.plan;

/** The groups a person thinks in; plans and progress panes are grouped by these, in this order. */
public enum Piece {
    NETWORK("Network"), SECURITY("Security"), LOGS("Logs"), IAM("IAM"), SECRETS("Secrets"),
    LOAD_BALANCER("Load balancer"), CERTIFICATE("Certificate"), DNS("DNS"), CLUSTER("Cluster"),
    TASK("Task"), SERVICE("Service");

    private final String title;
    Piece(String title) { this.title = title; }
    public String title() { return title; }
}

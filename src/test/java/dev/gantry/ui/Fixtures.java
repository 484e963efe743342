package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutSnapshot;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Ref;
import dev.gantry.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A small hand-built plan and the events of a run that fails at the load balancer. */
public final class Fixtures {
    private Fixtures() {}

    public static final Change VPC = create("vpc.main", Piece.NETWORK, "VPC: your private network");
    public static final Change SUBNET = create("subnet.public-0", Piece.NETWORK, "Public subnet in the first zone", "vpc.main");
    public static final Change NAT = create("nat-gateway.nat-0", Piece.NETWORK, "NAT gateway: lets tasks reach the internet",
            "subnet.public-0");
    public static final Change SG = create("security-group.service", Piece.SECURITY, "Firewall for the service", "vpc.main");
    public static final Change LB = create("load-balancer.main", Piece.LOAD_BALANCER, "Load balancer: takes your users' traffic",
            "subnet.public-0", "security-group.service");
    public static final Change TASK = new Change(Address.parse("task-definition.main"), Action.UPDATE, Piece.TASK,
            "Task definition: what to run", null, null,
            List.of(new Change.FieldChange("image", "nginx:1.26", "nginx:1.27", false)),
            "the image changed in gantry.yaml", Set.of());
    public static final Change SERVICE = create("service.main", Piece.SERVICE, "ECS service: keeps your tasks running",
            "nat-gateway.nat-0", "load-balancer.main", "task-definition.main");
    public static final Change SCALING = create("scaling-target.main", Piece.SERVICE, "Autoscaling limits", "service.main");

    public static final List<Change> ALL = List.of(VPC, SUBNET, NAT, SG, LB, TASK, SERVICE, SCALING);

    public static Plan plan() { return new Plan("hello", ALL, List.of()); }

    public static Change create(String address, Piece piece, String description, String... deps) {
        Set<Address> d = Arrays.stream(deps).map(Address::parse).collect(Collectors.toSet());
        return new Change(Address.parse(address), Action.CREATE, piece, description, null, null, List.of(),
                "it does not exist yet", d);
    }

    public static Change change(String address, Action action, Piece piece, String description, String reason,
                         Change.FieldChange... fields) {
        return new Change(Address.parse(address), action, piece, description, null, null, List.of(fields), reason, Set.of());
    }

    /** One of each action, plus a read and a no-op that plans do not show. */
    public static Plan mixedPlan() {
        return new Plan("hello", List.of(
                change("service.main", Action.UPDATE, Piece.SERVICE, "ECS service: keeps your tasks running",
                        "gantry.yaml asks for a different desired count",
                        new Change.FieldChange("desiredCount", 2, 3, false)),
                change("vpc.main", Action.CREATE, Piece.NETWORK, "VPC: your private network", "it does not exist yet"),
                change("zones.main", Action.READ, Piece.NETWORK, "Availability zones", "looked up"),
                change("cluster.main", Action.NOOP, Piece.CLUSTER, "ECS cluster", "matches"),
                change("subnet.public-0", Action.CREATE, Piece.NETWORK, "Public subnet in the first zone",
                        "it does not exist yet"),
                change("task-definition.main", Action.REPLACE, Piece.TASK, "Task definition: what to run",
                        "a task definition cannot be changed in place",
                        new Change.FieldChange("image", "nginx:1.26", "nginx:1.27", true),
                        new Change.FieldChange("environment", Map.of("USER", "admin"),
                                Map.of("USER", "root"), true),
                        new Change.FieldChange("executionRole", Ref.to(Address.parse("role.execution"), "arn"),
                                null, false)),
                change("dns-record.old", Action.DELETE, Piece.DNS, "DNS name for the service",
                        "gantry.yaml no longer has dns")),
                List.of("environment variable DB_TOKEN looks secret; consider task.secrets"));
    }

    public static Duration s(long seconds) { return Duration.ofSeconds(seconds); }

    public static final Diagnosis DIAGNOSIS = new Diagnosis(Diagnosis.Cause.SECRET_ACCESS_DENIED,
            "Tasks cannot read the secret PASSWORD.",
            "ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException",
            List.of("Let role.execution read /hello/password (gantry apply does this).", "Run gantry apply again."));

    public static RolloutSnapshot rollout() {
        return new RolloutSnapshot("hello", List.of(
                new RolloutSnapshot.Deployment("ecs-svc/1", "PRIMARY", "4", "IN_PROGRESS", 2, 0, 1, 3),
                new RolloutSnapshot.Deployment("ecs-svc/0", "ACTIVE", "3", "COMPLETED", 2, 2, 0, 0)),
                List.of("(service hello) has started 1 tasks: (task 0123abcd).",
                        "(service hello) registered 2 targets in (target-group hello)."),
                List.of(new RolloutSnapshot.StoppedTask("arn:aws:ecs:us-east-1:1:task/hello/0123abcdef987654",
                        "TaskFailedToStart", "ResourceInitializationError: unable to pull secrets", List.of(), null)));
    }

    public static ApplyResult failedResult(Duration elapsed) {
        return new ApplyResult(ApplyResult.Outcome.FAILED, ApplyResult.Exit.FAILED, 3, 1, 0, 0, 1, 2, elapsed, null,
                List.of("load-balancer.main: TooManyLoadBalancers"), null, "gantry apply");
    }

    public static ApplyResult success(Duration elapsed) {
        return new ApplyResult(ApplyResult.Outcome.SUCCEEDED, ApplyResult.Exit.OK, 7, 1, 0, 0, 0, 0, elapsed,
                "http://hello-123.us-east-1.elb.amazonaws.com", List.of(), null, null);
    }

    /** A clock a test moves by hand. */
    public static final class Clock implements TimeSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public synchronized Instant now() { return now; }

        public synchronized void advance(Duration d) { now = now.plus(d); }
    }
}

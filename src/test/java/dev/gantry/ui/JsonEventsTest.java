package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gantry.ui.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class JsonEventsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonEvents json = new JsonEvents(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String[] lines() { return bytes.toString(StandardCharsets.UTF_8).split("\n"); }

    @Test
    void writesOneObjectPerEventWithTheDocumentedFields() {
        json.on(new ApplyEvent.Started(Duration.ofMillis(1250), VPC));
        json.on(new ApplyEvent.Waiting(s(5), NAT, "waiting for NAT gateway to become available"));
        json.on(new ApplyEvent.Retrying(s(6), LB, "Rate exceeded", 2));
        json.on(new ApplyEvent.Done(s(65), VPC, Duration.ofMillis(2500)));
        json.on(new ApplyEvent.Failed(s(66), LB, "TooManyLoadBalancers", null));
        json.on(new ApplyEvent.Skipped(s(66), SERVICE, "depends on load-balancer.main, which failed"));
        json.on(new ApplyEvent.Info(s(67), "stopping"));
        json.on(new ApplyEvent.RolloutFailed(s(70), DIAGNOSIS));

        assertThat(lines()).containsExactly(
                "{\"type\":\"started\",\"at\":1.25,\"address\":\"vpc.main\",\"action\":\"create\",\"piece\":\"network\","
                        + "\"description\":\"VPC: your private network\"}",
                "{\"type\":\"waiting\",\"at\":5.0,\"address\":\"nat-gateway.nat-0\",\"action\":\"create\",\"piece\":\"network\","
                        + "\"description\":\"NAT gateway: lets tasks reach the internet\","
                        + "\"waitingFor\":\"waiting for NAT gateway to become available\"}",
                "{\"type\":\"retrying\",\"at\":6.0,\"address\":\"load-balancer.main\",\"action\":\"create\","
                        + "\"piece\":\"load-balancer\",\"description\":\"Load balancer: takes your users' traffic\","
                        + "\"reason\":\"Rate exceeded\",\"attempt\":2}",
                "{\"type\":\"done\",\"at\":65.0,\"address\":\"vpc.main\",\"action\":\"create\",\"piece\":\"network\","
                        + "\"description\":\"VPC: your private network\",\"took\":2.5}",
                "{\"type\":\"failed\",\"at\":66.0,\"address\":\"load-balancer.main\",\"action\":\"create\","
                        + "\"piece\":\"load-balancer\",\"description\":\"Load balancer: takes your users' traffic\","
                        + "\"message\":\"TooManyLoadBalancers\",\"fix\":null}",
                "{\"type\":\"skipped\",\"at\":66.0,\"address\":\"service.main\",\"action\":\"create\",\"piece\":\"service\","
                        + "\"description\":\"ECS service: keeps your tasks running\","
                        + "\"because\":\"depends on load-balancer.main, which failed\"}",
                "{\"type\":\"info\",\"at\":67.0,\"message\":\"stopping\"}",
                "{\"type\":\"rollout-failed\",\"at\":70.0,\"diagnosis\":{\"cause\":\"secret-access-denied\","
                        + "\"summary\":\"Tasks cannot read the secret PASSWORD.\",\"detail\":\"ResourceInitializationError: "
                        + "unable to pull secrets or registry auth: AccessDeniedException\",\"fixes\":["
                        + "\"Let role.execution read /hello/password (gantry apply does this).\",\"Run gantry apply again.\"]}}");
    }

    @Test
    void rolloutPlannedAndFinishedCarryTheirData() {
        json.on(new ApplyEvent.Rollout(s(80), rollout()));
        json.on(new ApplyEvent.Planned(s(0), new Plan("hello", List.of(VPC), List.of())));
        json.on(new ApplyEvent.Finished(s(90), new ApplyResult(ApplyResult.Outcome.ROLLOUT_FAILED, ApplyResult.Exit.FAILED, 1, 0, 0, 0, 1, 0,
                s(90), "https://hello.example.com", List.of("service.main: the deployment failed"), DIAGNOSIS,
                "gantry apply --secret PASSWORD=@pw.txt")));

        String[] l = lines();
        assertThat(l[0]).isEqualTo("{\"type\":\"rollout\",\"at\":80.0,\"service\":\"hello\",\"deployments\":["
                + "{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\",\"revision\":\"4\",\"rolloutState\":\"IN_PROGRESS\","
                + "\"desired\":2,\"running\":0,\"pending\":1,\"failed\":3},"
                + "{\"id\":\"ecs-svc/0\",\"status\":\"ACTIVE\",\"revision\":\"3\",\"rolloutState\":\"COMPLETED\","
                + "\"desired\":2,\"running\":2,\"pending\":0,\"failed\":0}],"
                + "\"events\":[\"(service hello) has started 1 tasks: (task 0123abcd).\","
                + "\"(service hello) registered 2 targets in (target-group hello).\"],"
                + "\"stoppedTasks\":[{\"taskId\":\"arn:aws:ecs:us-east-1:1:task/hello/0123abcdef987654\","
                + "\"stopCode\":\"TaskFailedToStart\",\"stoppedReason\":\"ResourceInitializationError: unable to pull secrets\","
                + "\"containerReasons\":[],\"exitCode\":null}]}");
        assertThat(l[1]).startsWith("{\"type\":\"planned\",\"at\":0.0,\"plan\":{\"schemaVersion\":1,\"app\":\"hello\","
                + "\"hasChanges\":true,\"summary\":{\"add\":1,\"change\":0,\"replace\":0,\"destroy\":0},\"changes\":[{\"address\":\"vpc.main\"");
        assertThat(l[2]).startsWith("{\"type\":\"finished\",\"at\":90.0,\"outcome\":\"rollout-failed\",\"exitCode\":1,"
                        + "\"created\":1,\"updated\":0,\"replaced\":0,\"deleted\":0,\"failed\":1,\"skipped\":0,\"elapsed\":90.0,"
                        + "\"url\":\"https://hello.example.com\",\"failures\":[\"service.main: the deployment failed\"],"
                        + "\"diagnosis\":{\"cause\":\"secret-access-denied\"")
                .endsWith(",\"resumeCommand\":\"gantry apply --secret PASSWORD=@pw.txt\",\"simulatedTime\":false,"
                        + "\"criticalPath\":null,\"lever\":null}");
    }

    @Test
    void resourcePropertiesNeverReachTheOutput() {
        Address a = Address.parse("parameter.PASSWORD");
        Desired desired = Desired.managed(a, Piece.SECRETS, "Secret PASSWORD",
                Map.of("name", "/hello/password", "value", "hunter2"), Set.of());
        Observed observed = new Observed(a, "/hello/password", Map.of("value", "hunter1"), Map.of("arn", "arn:x"));
        Change c = new Change(a, Action.UPDATE, Piece.SECRETS, "Secret PASSWORD", desired, observed,
                List.of(new Change.FieldChange("value", "hunter1", "hunter2", false)), "a new value was given", Set.of());
        json.on(new ApplyEvent.Planned(s(0), new Plan("hello", List.of(c), List.of())));
        json.on(new ApplyEvent.Started(s(1), c));
        json.on(new ApplyEvent.Done(s(2), c, s(1)));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("hunter").contains("\"before\":\"(sensitive)\"");
        assertThat(lines()).hasSize(3);
    }
}

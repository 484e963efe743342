package dev.gantry.aws.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ecs.model.Service;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A user's simulated account must survive an upgrade of gantry: the world file here was written by
 * {@code gantry apply --simulate} at ee588e8 (before the simulated state classes became data) for
 * an app with a new VPC, a NAT gateway, a load balancer, a certificate validated through its zone,
 * DNS, autoscaling and alerts. It must load, answer as it did, and save every value it held.
 */
class SavedWorldTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path saved() throws URISyntaxException {
        return Path.of(SavedWorldTest.class.getResource("/simulated/us-east-1-saved-by-ee588e8.json").toURI());
    }

    private static SimWorld load() throws URISyntaxException {
        SimState state = SimWorld.readState(saved());
        return new SimWorld(state, new VirtualScheduler(SimWorld.clock(state)), SimLatency.realistic());
    }

    @Test
    void theAppItHeldIsStillServedWithItsRules() throws Exception {
        SimWorld world = load();
        AwsClients aws = world.clients();

        assertThat(aws.acm().listCertificates(b -> {}).certificateSummaryList())
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CertificateStatus.ISSUED));
        Service s = aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(s.runningCount()).isEqualTo(2);
        String tg = s.loadBalancers().get(0).targetGroupArn();
        assertThat(aws.elb().describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions())
                .hasSize(2).allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy"));
        assertThat(aws.sns().listSubscriptionsByTopic(b -> b.topicArn("arn:aws:sns:us-east-1:123456789012:hello-alerts"))
                .subscriptions()).singleElement().satisfies(sub -> assertThat(sub.subscriptionArn()).isEqualTo("PendingConfirmation"));

        // A running task's network interface still holds its subnet.
        String taskSubnet = world.state.ec2.enis.values().stream().filter(e -> e.description.contains(":attachment/"))
                .findFirst().orElseThrow().subnetId;
        assertThatThrownBy(() -> aws.ec2().deleteSubnet(b -> b.subnetId(taskSubnet))).isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("DependencyViolation"));
    }

    @Test
    void savedAgainItKeepsEveryValueItHeld(@TempDir Path dir) throws Exception {
        SimWorld world = load();
        Path again = dir.resolve("us-east-1.json");
        world.save(again);
        List<String> lost = new ArrayList<>();
        missing("", JSON.readTree(saved().toFile()), JSON.readTree(again.toFile()), lost);
        assertThat(lost).isEmpty();
    }

    /** Every path of {@code before} whose value {@code after} lacks or holds differently (new fields are fine). */
    private static void missing(String path, JsonNode before, JsonNode after, List<String> lost) {
        if (before.isObject()) {
            if (after == null || !after.isObject()) { lost.add(path); return; }
            for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                missing(path + "/" + f.getKey(), f.getValue(), after.get(f.getKey()), lost);
            }
        } else if (before.isArray()) {
            if (after == null || !after.isArray() || after.size() != before.size()) { lost.add(path); return; }
            for (int i = 0; i < before.size(); i++) missing(path + "/" + i, before.get(i), after.get(i), lost);
        } else if (!before.equals(after)) {
            lost.add(path);
        }
    }
}

package dev.gantry.aws.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge's default bus on its own: its rules, SNS's topics, no world. */
class EventDeliveryTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hello-alerts";
    private static final String PATTERN = "{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Task State Change\"],"
            + "\"detail\":{\"lastStatus\":[\"STOPPED\"],\"containers\":{\"exitCode\":[{\"anything-but\":0}]}}}";

    private final EventsState events = new EventsState();
    private final SnsState sns = new SnsState();
    private final EventDelivery bus = new EventDelivery(events, sns);
    private final SnsState.TopicRec topic = new SnsState.TopicRec();

    EventDeliveryTest() {
        topic.arn = TOPIC;
        topic.name = "hello-alerts";
        SnsState.SubscriptionRec s = new SnsState.SubscriptionRec();
        s.protocol = "email";
        s.endpoint = "ops@example.com";
        s.confirmed = true;
        topic.subscriptions.add(s);
        sns.topics.put(TOPIC, topic);
        EventsState.RuleRec r = new EventsState.RuleRec();
        r.name = "hello-task-failed";
        r.eventPattern = PATTERN;
        r.targets.put("alerts", TOPIC);
        events.rules.put(r.name, r);
    }

    private static JsonNode stopped(int exitCode) throws Exception {
        return new ObjectMapper().readTree("{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\","
                + "\"detail\":{\"lastStatus\":\"STOPPED\",\"containers\":[{\"name\":\"hello\",\"exitCode\":" + exitCode + "}]}}");
    }

    @Test
    void aTopicWhosePolicyDoesNotLetEventBridgePublishReceivesNothing() throws Exception {
        bus.send(stopped(1), 1000);
        assertThat(sns.deliveries).isEmpty();

        topic.policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sns:Publish\"}]}";
        bus.send(stopped(1), 2000);
        assertThat(sns.deliveries).singleElement().satisfies(d -> {
            assertThat(d.topicArn).isEqualTo(TOPIC);
            assertThat(d.at).isEqualTo(2000);
            assertThat(d.endpoints).containsExactly("ops@example.com");
        });
    }

    @Test
    void onlyEventsTheRulesPatternMatchesAreDelivered() throws Exception {
        topic.policy = "{\"Principal\":{\"Service\":\"events.amazonaws.com\"}}";
        bus.send(stopped(0), 1000);
        assertThat(sns.deliveries).isEmpty();
        events.rules.get("hello-task-failed").state = "DISABLED";
        bus.send(stopped(137), 2000);
        assertThat(sns.deliveries).isEmpty();
        events.rules.get("hello-task-failed").state = "ENABLED";
        bus.send(stopped(137), 3000);
        assertThat(sns.deliveries).hasSize(1);
    }
}

package dev.gantry.resources.compute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts topic's policy is compared by meaning, so SNS's reformatting is no drift, but a lost grant is. */
class TopicPolicyTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hello-alerts";

    @Test void the_same_policy_reformatted_is_gantrys() {
        String want = TopicType.policy(TOPIC, "hello");
        assertThat(TopicType.grantsBoth(want, want)).isTrue();
        String reformatted = "{\"Statement\":[{\"Resource\":\"" + TOPIC + "\",\"Sid\":\"x\",\"Action\":\"SNS:Publish\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":[\"events.amazonaws.com\"]},\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":"
                + "[\"arn:aws:events:us-east-1:123456789012:rule/hello-task-stopped\"]}}},"
                + "{\"Sid\":\"y\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sns:publish\",\"Resource\":\"" + TOPIC + "\","
                + "\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"123456789012\"}}}],\"Version\":\"2012-10-17\"}";
        assertThat(TopicType.grantsBoth(reformatted, want)).isTrue();
    }

    @Test void a_policy_without_eventbridge_or_the_default_is_not() {
        String want = TopicType.policy(TOPIC, "hello");
        String onlyOwner = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\","
                + "\"Resource\":\"" + TOPIC + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"123456789012\"}}}]}";
        assertThat(TopicType.grantsBoth(onlyOwner, want)).isFalse();
        assertThat(TopicType.grantsBoth(null, want)).isFalse();
        assertThat(TopicType.grantsBoth("not json", want)).isFalse();
    }
}

package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SNS's delivery on its own: its state, no world. */
class SnsDeliveryTest {
    private final SnsState sns = new SnsState();
    private final SnsDelivery delivery = new SnsDelivery(sns);

    private SnsState.SubscriptionRec subscribe(SnsState.TopicRec t, String endpoint, boolean confirmed) {
        SnsState.SubscriptionRec s = new SnsState.SubscriptionRec();
        s.protocol = "email";
        s.endpoint = endpoint;
        s.confirmed = confirmed;
        t.subscriptions.add(s);
        return s;
    }

    @Test
    void aPendingSubscriptionReceivesNothingUntilThePersonConfirmsIt() {
        SnsState.TopicRec t = new SnsState.TopicRec();
        t.arn = "arn:aws:sns:us-east-1:123456789012:hello-alerts";
        sns.topics.put(t.arn, t);
        subscribe(t, "ops@example.com", true);
        subscribe(t, "dev@example.com", false);

        delivery.publish(t, "ALARM", "{}", 1000);
        sns.confirm(t.arn, "dev@example.com");
        delivery.publish(t, "OK", "{}", 2000);

        assertThat(sns.deliveries).extracting(d -> d.subject + " " + d.endpoints)
                .containsExactly("ALARM [ops@example.com]", "OK [ops@example.com, dev@example.com]");
    }
}

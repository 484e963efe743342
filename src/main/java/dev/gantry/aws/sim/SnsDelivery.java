package dev.gantry.aws.sim;

/**
 * A message published to a simulated SNS topic reaching its subscribers, kept by {@link SimSns}
 * (Publish) and reached by the services AWS lets publish to a topic (EventBridge's rules, CloudWatch
 * alarms' actions): only confirmed subscriptions receive it, as SNS delivers nothing to a pending
 * one (SNS Developer Guide, "Subscribing to an Amazon SNS topic").
 */
final class SnsDelivery {
    private final SnsState sns;

    SnsDelivery(SnsState sns) { this.sns = sns; }

    static SnsDelivery of(SimWorld world) { return new SnsDelivery(world.state.sns); }

    void publish(SnsState.TopicRec t, String subject, String message, long at) {
        synchronized (sns) {
            SnsState.DeliveryRec d = new SnsState.DeliveryRec();
            d.topicArn = t.arn;
            d.subject = subject;
            d.message = message;
            d.at = at;
            for (SnsState.SubscriptionRec s : t.subscriptions) if (s.confirmed) d.endpoints.add(s.endpoint);
            sns.deliveries.add(d);
        }
    }
}

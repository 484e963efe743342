package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated SNS: topics, their subscriptions, and every message published with who received it
 * (what {@link SnsDelivery} records).
 */
public final class SnsState {
    public static final class SubscriptionRec {
        public String arn;
        public String protocol;
        public String endpoint;
        /** Email subscriptions wait until the person follows the link in the confirmation message. */
        public boolean confirmed;
        public long createdAt;
    }

    public static final class TopicRec {
        public String arn;
        public String name;
        public Map<String, String> tags = new LinkedHashMap<>();
        /** The topic's access policy (SetTopicAttributes Policy); null: SNS's default, the owner only. */
        public String policy;
        public List<SubscriptionRec> subscriptions = new ArrayList<>();
    }

    public static final class DeliveryRec {
        public String topicArn;
        public String subject;
        public String message;
        public long at;
        /** The confirmed endpoints it reached; pending ones receive nothing. */
        public List<String> endpoints = new ArrayList<>();
    }

    public Map<String, TopicRec> topics = new TreeMap<>();
    public List<DeliveryRec> deliveries = new ArrayList<>();

    /** The person clicked the link in the confirmation email (tests and rehearsals). */
    public synchronized boolean confirm(String topicArn, String endpoint) {
        TopicRec t = topics.get(topicArn);
        if (t == null) return false;
        for (SubscriptionRec s : t.subscriptions) if (s.endpoint.equals(endpoint)) s.confirmed = true;
        return true;
    }
}

package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Simulated SNS: topics (CreateTopic is idempotent by name), email subscriptions that stay
 * PendingConfirmation until the person confirms ({@link SnsState#confirm}), tags, and Publish,
 * which records each message with the confirmed endpoints it reached. Rules from the SNS API reference.
 */
public final class SimSns implements SnsClient {
    static final String PENDING = "PendingConfirmation";
    private final SimWorld world;

    public SimSns(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "NotFound" -> NotFoundException.builder();
            case "InvalidParameter" -> InvalidParameterException.builder();
            default -> SnsException.builder();
        };
        return SimErrors.error(b, "Sns", status, code, message);
    }

    private RuntimeException invalid(String message) { return err(400, "InvalidParameter", "Invalid parameter: " + message); }

    private SnsState st() { return world.state.sns; }

    private SnsState.TopicRec topic(String arn) {
        SnsState.TopicRec t = arn == null ? null : st().topics.get(arn);
        if (t == null) throw err(404, "NotFound", "Topic does not exist");
        return t;
    }

    @Override public CreateTopicResponse createTopic(CreateTopicRequest req) {
        return world.mutate("sns:CreateTopic", this::err, () -> {
            String name = req.name();
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,256}")) {
                throw invalid("Topic Name: must be 1 to 256 letters, numbers, hyphens and underscores");
            }
            String arn = "arn:aws:sns:" + world.region() + ":" + world.accountId() + ":" + name;
            SnsState.TopicRec t = st().topics.get(arn);
            if (t != null) {
                // AWS: creating an existing topic returns it, unless the request's tags differ.
                for (Tag tag : req.tags()) {
                    if (!tag.value().equals(t.tags.get(tag.key()))) throw invalid("Tags Reason: Topic already exists with different tags");
                }
                return CreateTopicResponse.builder().topicArn(arn).build();
            }
            t = new SnsState.TopicRec();
            t.arn = arn;
            t.name = name;
            for (Tag tag : req.tags()) t.tags.put(tag.key(), tag.value());
            st().topics.put(arn, t);
            return CreateTopicResponse.builder().topicArn(arn).build();
        });
    }

    @Override public ListTopicsResponse listTopics(ListTopicsRequest req) {
        return world.read("sns:ListTopics", this::err, () -> {
            List<SnsState.TopicRec> all = new ArrayList<>(st().topics.values());
            int from = req.nextToken() == null ? 0 : Integer.parseInt(req.nextToken());
            int to = Math.min(all.size(), from + 100);
            return ListTopicsResponse.builder().topics(all.subList(from, to).stream().map(t -> Topic.builder().topicArn(t.arn).build()).toList())
                    .nextToken(to < all.size() ? String.valueOf(to) : null).build();
        });
    }

    @Override public DeleteTopicResponse deleteTopic(DeleteTopicRequest req) {
        return world.mutate("sns:DeleteTopic", this::err, () -> {
            // AWS: deleting a topic that does not exist is not an error; its subscriptions go with it.
            st().topics.remove(req.topicArn());
            return DeleteTopicResponse.builder().build();
        });
    }

    @Override public SubscribeResponse subscribe(SubscribeRequest req) {
        return world.mutate("sns:Subscribe", this::err, () -> {
            SnsState.TopicRec t = topic(req.topicArn());
            if (!"email".equals(req.protocol()) && !"email-json".equals(req.protocol())) throw invalid("Protocol: only email is simulated");
            String endpoint = req.endpoint();
            if (endpoint == null || !endpoint.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) throw invalid("Email address");
            for (SnsState.SubscriptionRec s : t.subscriptions) {
                // AWS: subscribing the same endpoint again returns the existing subscription.
                if (s.endpoint.equals(endpoint) && s.protocol.equals(req.protocol())) {
                    return SubscribeResponse.builder().subscriptionArn(s.confirmed ? s.arn : "pending confirmation").build();
                }
            }
            SnsState.SubscriptionRec s = new SnsState.SubscriptionRec();
            s.arn = t.arn + ":" + world.newId("sub").substring(4);
            s.protocol = req.protocol();
            s.endpoint = endpoint;
            s.createdAt = world.now().toEpochMilli();
            t.subscriptions.add(s);
            return SubscribeResponse.builder().subscriptionArn(Boolean.TRUE.equals(req.returnSubscriptionArn()) ? s.arn : "pending confirmation").build();
        });
    }

    @Override public UnsubscribeResponse unsubscribe(UnsubscribeRequest req) {
        return world.mutate("sns:Unsubscribe", this::err, () -> {
            for (SnsState.TopicRec t : st().topics.values()) {
                for (SnsState.SubscriptionRec s : new ArrayList<>(t.subscriptions)) {
                    if (s.arn.equals(req.subscriptionArn())) {
                        if (!s.confirmed) throw invalid("SubscriptionArn: a pending subscription cannot be unsubscribed");
                        t.subscriptions.remove(s);
                        return UnsubscribeResponse.builder().build();
                    }
                }
            }
            throw err(404, "NotFound", "Subscription does not exist");
        });
    }

    @Override public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(ListSubscriptionsByTopicRequest req) {
        return world.read("sns:ListSubscriptionsByTopic", this::err, () -> {
            SnsState.TopicRec t = topic(req.topicArn());
            return ListSubscriptionsByTopicResponse.builder().subscriptions(t.subscriptions.stream().map(s -> Subscription.builder()
                    .subscriptionArn(s.confirmed ? s.arn : PENDING).protocol(s.protocol).endpoint(s.endpoint).topicArn(t.arn)
                    .owner(world.accountId()).build()).toList()).build();
        });
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("sns:ListTagsForResource", this::err, () -> ListTagsForResourceResponse.builder()
                .tags(topic(req.resourceArn()).tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .build());
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("sns:TagResource", this::err, () -> {
            SnsState.TopicRec t = topic(req.resourceArn());
            // SNS TagResource, Errors: InvalidParameter, TagLimitExceeded.
            TagRules.put(t.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(x -> x.key(), x -> x.value() == null ? "" : x.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.SNS);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public SetTopicAttributesResponse setTopicAttributes(SetTopicAttributesRequest req) {
        return world.mutate("sns:SetTopicAttributes", this::err, () -> {
            SnsState.TopicRec t = topic(req.topicArn());
            if (!"Policy".equals(req.attributeName())) throw invalid("AttributeName: only Policy is simulated");
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(req.attributeValue());
            } catch (java.io.IOException e) {
                throw invalid("Policy Error: null");
            }
            t.policy = req.attributeValue();
            return SetTopicAttributesResponse.builder().build();
        });
    }

    @Override public GetTopicAttributesResponse getTopicAttributes(GetTopicAttributesRequest req) {
        return world.read("sns:GetTopicAttributes", this::err, () -> {
            SnsState.TopicRec t = topic(req.topicArn());
            java.util.Map<String, String> a = new java.util.TreeMap<>();
            a.put("TopicArn", t.arn);
            a.put("Owner", world.accountId());
            // SNS's default policy lets only the owner account publish.
            a.put("Policy", t.policy != null ? t.policy : "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Sid\":\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\",\"Resource\":\"" + t.arn + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + world.accountId() + "\"}}}]}");
            a.put("SubscriptionsConfirmed", String.valueOf(t.subscriptions.stream().filter(s -> s.confirmed).count()));
            a.put("SubscriptionsPending", String.valueOf(t.subscriptions.stream().filter(s -> !s.confirmed).count()));
            return GetTopicAttributesResponse.builder().attributes(a).build();
        });
    }

    @Override public PublishResponse publish(PublishRequest req) {
        return world.mutate("sns:Publish", this::err, () -> {
            SnsState.TopicRec t = topic(req.topicArn());
            if (req.message() == null || req.message().isEmpty()) throw invalid("Empty message");
            new SnsDelivery(st()).publish(t, req.subject(), req.message(), world.now().toEpochMilli());
            return PublishResponse.builder().messageId(world.newId("msg")).build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}

}

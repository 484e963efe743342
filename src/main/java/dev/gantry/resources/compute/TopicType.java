package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code topic.alerts}: the SNS topic APP-alerts the alarms tell, with one email subscription per
 * address of {@code alerts.email}. SNS sends each address a confirmation link and delivers nothing
 * to it until the person follows it; a subscription still pending cannot be unsubscribed (SNS
 * deletes an unconfirmed one by itself after a few days), so an address removed before it
 * confirmed is left to expire and no longer counts as the topic's.
 */
final class TopicType implements ResourceType {
    /** SNS's placeholder ARN for a subscription that is not confirmed yet. */
    static final String PENDING = "PendingConfirmation";

    @Override public String type() { return "topic"; }
    @Override public String noun() { return "SNS topic"; }
    @Override public Piece piece() { return Piece.ALERTS; }
    /** CreateTopic, its policy and one Subscribe per address: quick calls. */
    @Override public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(3); }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static String name(String app) { return app + "-alerts"; }

    /**
     * Whether refresh should look for the app's alerts at all: the spec asks for them, or the
     * service (read anyway, shared through the refresh's read cache) still names deployment alarms.
     * An app that never had alerts pays no CloudWatch or SNS read.
     */
    static boolean alertsMayExist(ResourceContext ctx) {
        if (ctx.wanted().has(dev.gantry.resources.Addresses.ALERT_TOPIC)) return true;
        for (Observed s : new ServiceType().refresh(ctx)) if (s.props().get(ServiceType.DEPLOYMENT_ALARMS) != null) return true;
        return false;
    }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (!alertsMayExist(ctx)) return List.of();
        SnsClient sns = ctx.aws().sns();
        String arnEnd = ":" + name(ctx.app());
        List<Observed> out = new ArrayList<>();
        for (var t : sns.listTopicsPaginator(b -> {}).topics()) {
            if (!t.topicArn().endsWith(arnEnd)) continue;
            ctx.ownAddress(tags(sns, t.topicArn()), type()).ifPresent(a -> out.add(observed(ctx, a, t.topicArn(), subscriptions(sns, t.topicArn()), wantedEmails(ctx))));
        }
        return out;
    }

    static Map<String, String> tags(SnsClient sns, String arn) {
        Map<String, String> t = new TreeMap<>();
        for (Tag tag : sns.listTagsForResource(b -> b.resourceArn(arn)).tags()) t.put(tag.key(), tag.value());
        return t;
    }

    static List<Subscription> subscriptions(SnsClient sns, String arn) {
        return sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(arn)).subscriptions().stream().toList();
    }

    /**
     * The topic's access policy: the account may publish (CloudWatch alarms publish as the account),
     * and EventBridge may, from the app's task-stopped rule only. Without the second statement
     * EventBridge cannot deliver to the topic.
     */
    static String policy(String topicArn, String app) {
        String[] p = topicArn.split(":");
        String account = p[4], region = p[3];
        String rule = "arn:aws:events:" + region + ":" + account + ":rule/" + EventRuleType.name(app);
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"gantry-account\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\",\"Resource\":\""
                + topicArn + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + account + "\"}}},"
                + "{\"Sid\":\"gantry-task-stopped\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sns:Publish\",\"Resource\":\""
                + topicArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + rule + "\"}}}]}";
    }

    private static boolean policyIsGantrys(ResourceContext ctx, String arn) {
        return grantsBoth(ctx.aws().sns().getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy"), policy(arn, ctx.app()));
    }

    /**
     * Whether the policy SNS returns has each statement of gantry's, compared by meaning: SNS may
     * return a policy reformatted (key order, a single value as a list), which is no drift.
     */
    static boolean grantsBoth(String have, String want) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            if (have == null) return false;
            var haveStatements = json.readTree(have).path("Statement");
            for (var w : json.readTree(want).path("Statement")) {
                boolean found = false;
                for (var h : haveStatements.isArray() ? haveStatements : json.createArrayNode().add(haveStatements)) {
                    found |= same(json, h, w);
                }
                if (!found) return false;
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean same(com.fasterxml.jackson.databind.ObjectMapper json, com.fasterxml.jackson.databind.JsonNode h,
                                com.fasterxml.jackson.databind.JsonNode w) {
        return h.path("Effect").equals(w.path("Effect")) && h.path("Resource").equals(w.path("Resource"))
                && h.path("Action").asText().equalsIgnoreCase(w.path("Action").asText())
                && normal(json, h.path("Principal")).equals(normal(json, w.path("Principal")))
                && normal(json, h.path("Condition")).equals(normal(json, w.path("Condition")));
    }

    /** A one-element list read as its element, everywhere in the tree. */
    private static com.fasterxml.jackson.databind.JsonNode normal(com.fasterxml.jackson.databind.ObjectMapper json, com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isArray() && n.size() == 1) return normal(json, n.get(0));
        if (!n.isObject()) return n;
        var out = json.createObjectNode();
        n.fields().forEachRemaining(e -> out.set(e.getKey(), normal(json, e.getValue())));
        return out;
    }

    /** During a refresh: the emails the planned topic sends to (none when alerts left the spec). */
    private static List<String> wantedEmails(ResourceContext ctx) {
        return ctx.wanted().prop(dev.gantry.resources.Addresses.ALERT_TOPIC, "emails") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** {@code wantedEmails}: the ones wanted, whose pending subscriptions count as there. */
    private static Observed observed(ResourceContext ctx, Address a, String arn, List<Subscription> subs, List<String> wantedEmails) {
        Set<String> wanted = new TreeSet<>(wantedEmails);
        TreeSet<String> emails = new TreeSet<>();
        for (Subscription s : subs) {
            if (!"email".equals(s.protocol())) continue;
            if (!PENDING.equals(s.subscriptionArn()) || wanted.contains(s.endpoint())) emails.add(s.endpoint());
        }
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return new Observed(a, arn, Props.props().put("name", name).put("emails", new ArrayList<>(emails))
                .put("eventsMayPublish", policyIsGantrys(ctx, arn)).build(),
                Map.of("id", arn, "arn", arn, "name", name));
    }

    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        SnsClient sns = ctx.aws().sns();
        String arnEnd = ":" + Props.str(props, "name");
        for (var t : sns.listTopicsPaginator(b -> {}).topics()) {
            if (t.topicArn().endsWith(arnEnd)) {
                return Optional.of(new Claim(observed(ctx, desired.address(), t.topicArn(), subscriptions(sns, t.topicArn()), Props.strings(desired.props(), "emails")),
                        "the SNS topic " + Props.str(props, "name"), tags(sns, t.topicArn()), "app"));
            }
        }
        return Optional.empty();
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().sns().tagResource(b -> b.resourceArn(existing.id()).tags(tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            // CreateTopic is idempotent by name (with the same tags), so a re-run finds the same topic.
            String arn = ctx.aws().sns().createTopic(b -> b.name(Props.str(props, "name")).tags(tagList(ctx.tags(desired.address())))).topicArn();
            ctx.aws().sns().setTopicAttributes(b -> b.topicArn(arn).attributeName("Policy").attributeValue(policy(arn, ctx.app())));
            subscribe(ctx, arn, Props.strings(props, "emails"));
            return StepResult.done(observed(ctx, desired.address(), arn, subscriptions(ctx.aws().sns(), arn), Props.strings(props, "emails")));
        };
    }

    /** Subscribes each address not subscribed yet; SNS answers a repeated Subscribe with the same subscription anyway. */
    private static void subscribe(ResourceContext ctx, String arn, List<String> emails) {
        Set<String> there = new TreeSet<>();
        for (Subscription s : subscriptions(ctx.aws().sns(), arn)) there.add(s.endpoint());
        for (String e : emails) {
            if (!there.contains(e)) ctx.aws().sns().subscribe(b -> b.topicArn(arn).protocol("email").endpoint(e));
        }
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            String arn = current.id();
            List<String> wanted = Props.strings(props, "emails");
            if (!Boolean.TRUE.equals(current.props().get("eventsMayPublish"))) {
                ctx.aws().sns().setTopicAttributes(b -> b.topicArn(arn).attributeName("Policy").attributeValue(policy(arn, ctx.app())));
            }
            subscribe(ctx, arn, wanted);
            for (Subscription s : subscriptions(ctx.aws().sns(), arn)) {
                if ("email".equals(s.protocol()) && !wanted.contains(s.endpoint()) && !PENDING.equals(s.subscriptionArn())) {
                    ctx.aws().sns().unsubscribe(b -> b.subscriptionArn(s.subscriptionArn()));
                }
            }
            return StepResult.done(observed(ctx, desired.address(), arn, subscriptions(ctx.aws().sns(), arn), Props.strings(props, "emails")));
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().sns().deleteTopic(b -> b.topicArn(current.id()));
            } catch (NotFoundException e) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}

package dev.gantry.resources.compute;

import dev.gantry.plan.Ref;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the guard's two roles may do, as policy documents held as plain maps and lists (so a
 * resource may be a {@link Ref}, and the planner compares them field by field):
 * <ul>
 * <li>the function's role reads the account (Describe/List/Get calls take no resource-level
 *     permission for most services) and changes only what is the app's: by the tag
 *     {@code aws:ResourceTag/gantry:app} where the service supports it, and otherwise by ARNs
 *     carrying the app's name (its log groups, each service's and each alarm and rule by its exact name, parameters, roles' path, topic, schedules,
 *     service, load balancer and target group); creates must carry {@code aws:RequestTag/gantry:app},
 *     and a tag taken off by hand is put back only on what already carries the app's tag;</li>
 * <li>the scheduler's role may invoke exactly the guard's function.</li>
 * </ul>
 * The account in an ARN is {@code *}: the role acts in its own account, and a resource of another
 * account would need that account's own resource policy to let it in.
 */
final class GuardPolicies {
    static final String FUNCTION_POLICY = "gantry-guard";
    static final String SCHEDULER_POLICY = "gantry-guard-invoke";

    private GuardPolicies() {}

    private static Map<String, Object> statement(String sid, List<String> actions, List<Object> resources, Map<String, Object> condition) {
        Map<String, Object> st = new TreeMap<>();
        st.put("Sid", sid);
        st.put("Effect", "Allow");
        st.put("Action", actions);
        st.put("Resource", resources);
        if (condition != null) st.put("Condition", condition);
        return st;
    }

    private static Map<String, Object> equals(String key, String value) {
        return new TreeMap<>(Map.of("StringEquals", new TreeMap<>(Map.of(key, value))));
    }

    private static Map<String, Object> doc(List<Map<String, Object>> statements) {
        Map<String, Object> d = new TreeMap<>();
        d.put("Version", "2012-10-17");
        d.put("Statement", statements);
        return d;
    }

    /** The reads every type's refresh makes, and nothing that writes. */
    static final List<String> READS = List.of("acm:DescribeCertificate", "acm:ListCertificates", "acm:ListTagsForCertificate",
            "application-autoscaling:Describe*", "application-autoscaling:ListTagsForResource", "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
            "ec2:Describe*", "ecr:DescribeImages", "ecr:DescribeRepositories", "ecr:GetLifecyclePolicy", "ecr:ListTagsForResource",
            "ecs:Describe*", "ecs:List*", "elasticloadbalancing:Describe*", "events:DescribeRule", "events:ListTagsForResource",
            "events:ListTargetsByRule", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies",
            "lambda:GetFunction", "lambda:ListLayerVersions", "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup",
            "route53:GetChange", "route53:GetHostedZone", "route53:ListHostedZonesByName", "route53:ListResourceRecordSets", "scheduler:GetSchedule",
            "scheduler:GetScheduleGroup", "scheduler:ListSchedules", "scheduler:ListTagsForResource", "secretsmanager:DescribeSecret",
            "sns:GetSubscriptionAttributes", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource", "sns:ListTopics",
            "ssm:DescribeParameters", "ssm:ListTagsForResource", "sts:GetCallerIdentity");

    /** Changes the tag condition can scope: only resources tagged gantry:app=APP. */
    static final List<String> TAGGED_CHANGES = List.of("ec2:AssociateRouteTable", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateRoute", "ec2:ModifySubnetAttribute", "ec2:ReplaceRoute",
            "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ecs:UpdateService",
            "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule", "elasticloadbalancing:ModifyListener",
            "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:ModifyRule",
            "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
            "elasticloadbalancing:SetSecurityGroups");

    /** Creates whose request must carry the app's tag. */
    static final List<String> TAGGED_CREATES = List.of("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "ecs:RegisterTaskDefinition",
            "ecs:TagResource", "elasticloadbalancing:AddTags", "elasticloadbalancing:CreateListener", "logs:CreateLogGroup",
            "logs:TagResource", "sns:TagResource");

    /**
     * The calls that put back a tag gantry manages (README, "Tags: part of the plan"), one per
     * service whose resources it tags; the guard's own function is not among them (it never changes
     * what runs it).
     */
    static final List<String> RETAGS = List.of("acm:AddTagsToCertificate", "application-autoscaling:TagResource", "cloudwatch:TagResource",
            "ec2:CreateTags", "ecr:TagResource", "ecs:TagResource", "elasticloadbalancing:AddTags", "events:TagResource", "iam:TagRole",
            "logs:TagResource", "scheduler:TagResource", "secretsmanager:TagResource", "sns:TagResource", "ssm:AddTagsToResource");

    /**
     * The function's role, for {@code app} in {@code region}. {@code serviceBases}: what each
     * service's names start with ({@code DerivedNames.serviceBase}; version 1's one service is the
     * app). {@code alarms}: the alarms' names ({@code Alarms.guardNames}). {@code topic}: the alerts topic's name, or null without alerts. {@code records}: the DNS
     * names the spec serves (version 2: one per public host), empty without dns.
     */
    static Map<String, Object> function(String app, String region, List<String> serviceBases, List<String> alarms, String topic, List<String> records) {
        String at = region + ":*:";
        List<Map<String, Object>> s = new ArrayList<>();
        s.add(statement("ReadTheAccount", READS, List.of("*"), null));
        s.add(statement("ChangeOnlyTheAppsTagged", TAGGED_CHANGES, List.of("*"), equals("aws:ResourceTag/" + dev.gantry.resources.ResourceContext.TAG_APP, app)));
        s.add(statement("CreateOnlyTaggedAsTheApp", TAGGED_CREATES, List.of("*"), equals("aws:RequestTag/" + dev.gantry.resources.ResourceContext.TAG_APP, app)));
        // Both: only what is the app's already, and the call keeps it the app's (no tag makes something else the app's).
        Map<String, Object> retag = equals("aws:ResourceTag/" + dev.gantry.resources.ResourceContext.TAG_APP, app);
        @SuppressWarnings("unchecked") Map<String, Object> both = (Map<String, Object>) retag.get("StringEquals");
        both.put("aws:RequestTag/" + dev.gantry.resources.ResourceContext.TAG_APP, app);
        s.add(statement("RetagOnlyTheAppsOwn", RETAGS, List.of("*"), retag));
        List<Object> logGroups = new ArrayList<>(List.of("arn:aws:logs:" + at + "log-group:/gantry/" + app, "arn:aws:logs:" + at + "log-group:/gantry/" + app + ":*",
                "arn:aws:logs:" + at + "log-group:/gantry/" + app + "/*"));
        // A version-2 service's group is /gantry/APP-NAME: each by its exact name, as /gantry/APP-* would
        // also be the groups of an app named APP-something.
        for (String base : serviceBases) {
            if (base.equals(app)) continue;
            logGroups.add("arn:aws:logs:" + at + "log-group:/gantry/" + base);
            logGroups.add("arn:aws:logs:" + at + "log-group:/gantry/" + base + ":*");
        }
        s.add(statement("TheAppsLogGroups", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:PutRetentionPolicy"),
                logGroups, null));
        s.add(statement("TheGuardsRecordAndTheLock", List.of("ssm:DeleteParameter", "ssm:GetParameter", "ssm:PutParameter"),
                List.of("arn:aws:ssm:" + at + "parameter/gantry/guard/" + app + "/*", "arn:aws:ssm:" + at + "parameter/gantry/locks/" + app), null));
        // SimulatePrincipalPolicy: a service update first checks that the execution role may pull the image and read the secrets.
        s.add(statement("TheAppsRoles", List.of("iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:SimulatePrincipalPolicy"),
                List.of("arn:aws:iam::*:role" + RoleType.path(app) + "*"), null));
        s.add(statement("PassTheAppsRolesToEcs", List.of("iam:PassRole"), List.of("arn:aws:iam::*:role" + RoleType.path(app) + "*"),
                equals("iam:PassedToService", Policies.ECS_TASKS)));
        // Each by its exact name: alarm:APP-* and rule/APP-* would be an app named APP-something's too.
        List<Object> alarmsAndRule = new ArrayList<>();
        for (String alarm : alarms) alarmsAndRule.add("arn:aws:cloudwatch:" + at + "alarm:" + alarm);
        alarmsAndRule.add("arn:aws:events:" + at + "rule/" + EventRuleType.name(app));
        s.add(statement("TheAppsAlarmsAndRules", List.of("cloudwatch:PutMetricAlarm", "events:PutRule", "events:PutTargets"), alarmsAndRule, null));
        if (topic != null) {
            s.add(statement("TellTheAlertsTopic", List.of("sns:Publish", "sns:SetTopicAttributes", "sns:Subscribe"),
                    List.of("arn:aws:sns:" + at + topic), null));
        }
        if (!records.isEmpty()) {
            // Route53 zones are not the app's (it only adds records): the condition names the records it may change.
            List<String> named = new ArrayList<>();
            for (String record : records) {
                named.add(record);
                named.add("_gantry." + record);
            }
            Map<String, Object> names = new TreeMap<>(Map.of("ForAllValues:StringEquals",
                    new TreeMap<>(Map.of("route53:ChangeResourceRecordSetsNormalizedRecordNames", named))));
            s.add(statement("TheAppsDnsRecords", List.of("route53:ChangeResourceRecordSets"), List.of("arn:aws:route53:::hostedzone/*"), names));
        }
        return doc(s);
    }

    /** The scheduler's role: invoking exactly the guard's function. */
    static Map<String, Object> scheduler(Object functionArn) {
        return doc(List.of(statement("InvokeTheGuard", List.of("lambda:InvokeFunction"), List.of(functionArn), null)));
    }

    /** Only {@code service} may assume the role, from this account. */
    static Map<String, Object> trust(String service) {
        Map<String, Object> st = new TreeMap<>();
        st.put("Effect", "Allow");
        st.put("Principal", new TreeMap<>(Map.of("Service", service)));
        st.put("Action", "sts:AssumeRole");
        return doc(List.of(st));
    }

    /** The policy in plain words, one line per statement: what the plan shows. */
    static String words(Object policy) {
        if (!(policy instanceof Map<?, ?> doc) || !(doc.get("Statement") instanceof List<?> sts)) return null;
        List<String> lines = new ArrayList<>();
        for (Object o : sts) {
            if (!(o instanceof Map<?, ?> st)) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            st.forEach((k, v) -> m.put(String.valueOf(k), v));
            String actions = m.get("Action") instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(m.get("Action"));
            String resources = m.get("Resource") instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(m.get("Resource"));
            String when = m.containsKey("Condition") ? " when " + m.get("Condition") : "";
            lines.add(m.get("Sid") + ": " + actions + " on " + resources + when);
        }
        return "policy: " + String.join("; ", lines);
    }
}

package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The simulated ELBv2 state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 * Instants are kept as epoch milliseconds so the state serialises without extra Jackson modules.
 * Targets come and go through {@link ElbTargets}.
 */
public final class ElbState {

    /** By ARN. */
    public Map<String, LoadBalancerRec> loadBalancers = new TreeMap<>();
    public Map<String, TargetGroupRec> targetGroups = new TreeMap<>();
    public Map<String, ListenerRec> listeners = new TreeMap<>();
    /** A listener's rules besides its default action (CreateRule), by ARN. */
    public Map<String, RuleRec> rules = new TreeMap<>();

    public static final class LoadBalancerRec {
        public String arn;
        public String name;
        public String dnsName;
        public String scheme;
        public String type;
        public String ipAddressType;
        public String vpcId;
        public List<String> subnets = new ArrayList<>();
        /** subnet id → AZ name, captured when the subnet was attached. */
        public Map<String, String> subnetAzs = new TreeMap<>();
        /** subnet id → the ALB node's network interface in it. */
        public Map<String, String> enis = new TreeMap<>();
        public List<String> securityGroups = new ArrayList<>();
        public long createdAtMillis;
        public long activeAtMillis;
        public Map<String, String> attributes = new TreeMap<>();
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class TargetGroupRec {
        public String arn;
        public String name;
        public String protocol;
        public int port;
        public String vpcId;
        public String targetType;
        public String healthCheckProtocol;
        public String healthCheckPath;
        public int healthCheckIntervalSeconds = 30;
        public int healthCheckTimeoutSeconds = 5;
        public int healthyThresholdCount = 5;
        public int unhealthyThresholdCount = 2;
        public String matcher = "200";
        public Map<String, String> attributes = new TreeMap<>();
        public Map<String, String> tags = new TreeMap<>();
        /** "ip:port" → target. */
        public Map<String, TargetRec> targets = new TreeMap<>();
    }

    public static final class TargetRec {
        public String ip;
        public int port;
        public long decidedAtMillis;
        public boolean healthy;
        /** 0 while registered; otherwise when the draining target disappears. */
        public long goneAtMillis;
    }

    public static final class ListenerRec {
        public String arn;
        public String loadBalancerArn;
        public String protocol;
        public int port;
        public String sslPolicy;
        public List<String> certificateArns = new ArrayList<>();
        public List<ActionRec> defaultActions = new ArrayList<>();
        public Map<String, String> tags = new TreeMap<>();
    }

    public static final class ActionRec {
        public String type;
        public String targetGroupArn;
        public String redirectProtocol;
        public String redirectPort;
        public String redirectStatusCode;
        /** fixed-response: the status code answered (e.g. 404). */
        public String fixedStatusCode;
    }

    /** A listener rule: evaluated in priority order (lowest first), before the listener's default action. */
    public static final class RuleRec {
        public String arn;
        public String listenerArn;
        public int priority;
        public List<ConditionRec> conditions = new ArrayList<>();
        public List<ActionRec> actions = new ArrayList<>();
        public Map<String, String> tags = new TreeMap<>();
    }

    /** One condition of a rule: host-header or path-pattern, matched when any of its values matches. */
    public static final class ConditionRec {
        public String field;
        public List<String> values = new ArrayList<>();
    }

    /** The listener's rules, lowest priority first: the order the load balancer evaluates them in. */
    public List<RuleRec> rulesOf(String listenerArn) {
        return rules.values().stream().filter(r -> r.listenerArn.equals(listenerArn))
                .sorted(java.util.Comparator.comparingInt(r -> r.priority)).toList();
    }

    /**
     * What the listener does with a request for {@code host} and {@code path}: the actions of the
     * first rule (by priority) whose every condition matches, else its default actions. Host
     * conditions are case-insensitive, path patterns case-sensitive; {@code *} matches any
     * characters (none included) and {@code ?} exactly one (ALB user guide, listener rule conditions).
     */
    public List<ActionRec> actionsFor(ListenerRec listener, String host, String path) {
        for (RuleRec r : rulesOf(listener.arn)) {
            boolean all = true;
            for (ConditionRec c : r.conditions) {
                String subject = "host-header".equals(c.field) ? host.toLowerCase(java.util.Locale.ROOT) : path;
                boolean any = c.values.stream().anyMatch(v -> wildcard("host-header".equals(c.field) ? v.toLowerCase(java.util.Locale.ROOT) : v, subject));
                if (!any) { all = false; break; }
            }
            if (all) return r.actions;
        }
        return listener.defaultActions;
    }

    static boolean wildcard(String pattern, String s) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*') re.append(".*");
            else if (ch == '?') re.append('.');
            else re.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
        }
        return s.matches(re.toString());
    }

    // ---- queries used by the simulated ECS and ACM ----

    public boolean targetGroupExists(String targetGroupArn) { return targetGroups.containsKey(targetGroupArn); }

    /** ECS refuses a service whose target group is not attached to a load balancer (through a listener). */
    public boolean targetGroupHasLoadBalancer(String targetGroupArn) {
        return !loadBalancersOfTargetGroup(targetGroupArn).isEmpty();
    }

    /** The load balancers whose listeners forward to the target group, as DescribeTargetGroups reports them. */
    public List<String> loadBalancersOfTargetGroup(String targetGroupArn) {
        List<String> out = new ArrayList<>();
        for (ListenerRec l : listeners.values()) {
            boolean forwards = l.defaultActions.stream().anyMatch(a -> targetGroupArn.equals(a.targetGroupArn))
                    || rulesOf(l.arn).stream().anyMatch(r -> r.actions.stream().anyMatch(a -> targetGroupArn.equals(a.targetGroupArn)));
            if (forwards && loadBalancers.containsKey(l.loadBalancerArn) && !out.contains(l.loadBalancerArn)) {
                out.add(l.loadBalancerArn);
            }
        }
        return out;
    }

    public String healthCheckPath(String targetGroupArn) {
        TargetGroupRec tg = targetGroups.get(targetGroupArn);
        return tg == null ? null : tg.healthCheckPath;
    }

    /**
     * The target group's deregistration_delay.timeout_seconds (AWS's default 300 until changed):
     * how long a deregistered task keeps draining, for the {@code goneAt} of {@link ElbTargets#deregister}.
     */
    public java.time.Duration deregistrationDelay(String targetGroupArn) {
        TargetGroupRec tg = targetGroups.get(targetGroupArn);
        String v = tg == null ? null : tg.attributes.get("deregistration_delay.timeout_seconds");
        return java.time.Duration.ofSeconds(v == null ? 300 : Long.parseLong(v));
    }

    /**
     * initial | healthy | unhealthy | unreachable | draining, or null when the target is not
     * registered. {@code reachable} says whether the load balancer can open a connection to the
     * target now (security groups); a target it cannot reach fails its health checks by timing out.
     */
    public String targetHealth(String targetGroupArn, String ip, Instant now, Predicate<TargetRec> reachable) {
        TargetGroupRec tg = targetGroups.get(targetGroupArn);
        if (tg == null) return null;
        String best = null;
        for (TargetRec t : tg.targets.values()) {
            if (!t.ip.equals(ip)) continue;
            String s = stateOf(t, now, reachable);
            if (s != null && (best == null || "draining".equals(best))) best = s;
        }
        return best;
    }

    static String stateOf(TargetRec t, Instant now, Predicate<TargetRec> reachable) {
        long n = now.toEpochMilli();
        if (t.goneAtMillis != 0) return n < t.goneAtMillis ? "draining" : null;
        if (n < t.decidedAtMillis) return "initial";
        if (!t.healthy) return "unhealthy";
        return reachable.test(t) ? "healthy" : "unreachable";
    }

    /** Load balancers with an HTTPS listener that uses the certificate (ACM's InUseBy). */
    public List<String> loadBalancersUsingCertificate(String certificateArn) {
        List<String> out = new ArrayList<>();
        for (ListenerRec l : listeners.values()) {
            if (l.certificateArns.contains(certificateArn) && !out.contains(l.loadBalancerArn)) out.add(l.loadBalancerArn);
        }
        out.sort(null);
        return out;
    }

    /** Whether the load balancer has finished provisioning at {@code now}. */
    static boolean active(LoadBalancerRec lb, Instant now) { return now.toEpochMilli() >= lb.activeAtMillis; }

    /** Tags of any ELB resource (load balancer, target group, listener, rule), or null when there is none by that ARN. */
    Map<String, String> tagsOf(String arn) {
        if (loadBalancers.containsKey(arn)) return loadBalancers.get(arn).tags;
        if (targetGroups.containsKey(arn)) return targetGroups.get(arn).tags;
        if (listeners.containsKey(arn)) return listeners.get(arn).tags;
        if (rules.containsKey(arn)) return rules.get(arn).tags;
        return null;
    }
}

package dev.gantry.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The AWS names gantry derives from the spec, and the limit AWS sets on each. A name that has to
 * be shortened to fit ends in a short hash of the whole app name, so two apps that share a long
 * prefix never get the same name (before, {@code abcdefghijklmnopqrstuvwx-one} and {@code -two}
 * both wanted the target group {@code abcdefghijklmnopqrstuvwx-tg-8080}). A name that fits is the
 * plain one, as it always was, so no deployed app's names change.
 */
public final class DerivedNames {
    /** ELB's limit on load balancer and target group names (CreateLoadBalancer, CreateTargetGroup: Name). */
    public static final int ELB_NAME_MAX = 32;
    /** IAM's limit on role names (CreateRole: RoleName). */
    public static final int ROLE_NAME_MAX = 64;
    /** ECS's limit on cluster, service and task definition family names. */
    public static final int ECS_NAME_MAX = 255;
    /** EC2's limit on security group names (CreateSecurityGroup: GroupName). */
    public static final int SECURITY_GROUP_NAME_MAX = 255;
    /** CloudWatch Logs' limit on log group names. */
    public static final int LOG_GROUP_NAME_MAX = 512;
    private static final int HASH_LENGTH = 6;

    private DerivedNames() {}

    /** One name gantry gives a resource: what it is, the field that decides it, the name, AWS's limit. */
    public record Name(String what, String field, String name, int max) {
        public boolean fits() { return name.length() <= max; }
    }

    /** {@code APP-alb}: the spec's 28-character app limit keeps it within 32, unshortened. */
    public static String loadBalancer(String app) { return fit(app, "-alb", ELB_NAME_MAX); }

    /**
     * {@code APP-tg-PORT}: the port is in the name so a port change creates the new group beside
     * the old one (names are unique per region). Beyond 32 characters: {@code APPPREFIX-HASH-tg-PORT}.
     */
    public static String targetGroup(String app, int port) { return fit(app, "-tg-" + port, ELB_NAME_MAX); }

    /** Whether the plain {@code APP-tg-PORT} is too long, so the target group's name carries a hash. */
    public static boolean targetGroupShortened(String app, int port) { return (app + "-tg-" + port).length() > ELB_NAME_MAX; }

    /**
     * What a service's AWS names start with: the app's name for the service named like the app (it
     * keeps version 1's names, so a migrated stack keeps its resources), {@code APP-NAME} for others.
     */
    public static String serviceBase(String app, String service) { return service.equals(app) ? app : app + "-" + service; }

    /**
     * The ECR repository of a service's built images: the app's name for the service named like
     * the app (version 1's {@code repository.main}), {@code APP-NAME} for others.
     */
    public static String repository(String app, String service) { return serviceBase(app, service); }

    /** The names a version-2 service gets, each with its limit; field is {@code services.NAME}. */
    public static List<Name> ofService(String app, AppService s) {
        String base = serviceBase(app, s.name());
        String field = "services." + s.name();
        List<Name> out = new ArrayList<>();
        out.add(new Name("the execution role", field, base + "-execution", ROLE_NAME_MAX));
        out.add(new Name("the task role", field, base + "-task", ROLE_NAME_MAX));
        out.add(new Name("the ECS service", field, base, ECS_NAME_MAX));
        out.add(new Name("the task definition family", field, base, ECS_NAME_MAX));
        out.add(new Name("the log group", field, "/gantry/" + base, LOG_GROUP_NAME_MAX));
        out.add(new Name("the service's security group", field, base + "-service", SECURITY_GROUP_NAME_MAX));
        if (s.isPublic() && s.task() != null && s.task().port() != null) {
            out.add(new Name("the target group", field, targetGroup(base, s.task().port()), ELB_NAME_MAX));
        }
        return out;
    }

    /** Every name gantry derives for this spec, to check against AWS's limits before anything is called. */
    public static List<Name> all(Spec spec) {
        String app = spec.app();
        List<Name> out = new ArrayList<>();
        out.add(new Name("the execution role", "app", app + "-execution", ROLE_NAME_MAX));
        out.add(new Name("the task role", "app", app + "-task", ROLE_NAME_MAX));
        out.add(new Name("the role path", "app", "/gantry/" + app + "/", 512));
        out.add(new Name("the ECS cluster", spec.cluster() != null && !app.equals(spec.cluster().name()) ? "cluster.name" : "app",
                spec.cluster() == null ? app : spec.cluster().name(), ECS_NAME_MAX));
        out.add(new Name("the ECS service", "app", app, ECS_NAME_MAX));
        out.add(new Name("the task definition family", "app", app, ECS_NAME_MAX));
        out.add(new Name("the log group", "app", "/gantry/" + app, LOG_GROUP_NAME_MAX));
        out.add(new Name("the service's security group", "app", app + "-service", SECURITY_GROUP_NAME_MAX));
        if (spec.loadBalancer() != null) {
            out.add(new Name("the load balancer's security group", "app", app + "-load-balancer", SECURITY_GROUP_NAME_MAX));
            out.add(new Name("the load balancer", "app", loadBalancer(app), ELB_NAME_MAX));
            if (spec.task() != null && spec.task().port() != null) {
                out.add(new Name("the target group", "app", targetGroup(app, spec.task().port()), ELB_NAME_MAX));
            }
        }
        return out;
    }

    /** {@code base + suffix}, or, when that is longer than {@code max}, base cut short with a hash of all of it. */
    private static String fit(String base, String suffix, int max) {
        if ((base + suffix).length() <= max) return base + suffix;
        String hash = "-" + sha256(base).substring(0, HASH_LENGTH);
        String cut = base.substring(0, Math.max(1, max - suffix.length() - hash.length()));
        while (cut.endsWith("-")) cut = cut.substring(0, cut.length() - 1);
        return cut + hash + suffix;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

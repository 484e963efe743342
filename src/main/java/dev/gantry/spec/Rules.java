package dev.gantry.spec;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The per-field rules of spec v1, shared by the YAML loader and the wizard so both say the same
 * thing in the same words. Each check returns null when the value is valid, otherwise a
 * {@link Problem}: what is wrong, and the fix.
 */
public final class Rules {
    private Rules() {}

    /** What is wrong with a value, and (when one exists) how to fix it. */
    public record Problem(String message, String fix) {
        /** One line for prompts: "message (fix)". */
        public String text() { return fix == null || fix.isEmpty() ? message : message + " (" + fix + ")"; }
    }

    /** An inclusive integer range, exposed so the schema and the docs quote the same bounds. */
    public record Range(int min, int max) {
        public boolean contains(long v) { return v >= min && v <= max; }
        @Override public String toString() { return min + "–" + max; }
    }

    public static final Pattern APP = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
    public static final Range APP_LENGTH = new Range(2, 28);
    public static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    public static final Pattern VPC_ID = Pattern.compile("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$");
    public static final Pattern SUBNET_ID = Pattern.compile("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$");
    public static final Pattern CLUSTER_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
    public static final Pattern TAG_KEY = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$");
    public static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$");
    public static final Pattern PARAMETER_NAME = Pattern.compile("^(/[a-zA-Z0-9_.-]+)+$");
    public static final Pattern PARAMETER_ARN = Pattern.compile(
            "^arn:aws[-a-z]*:ssm:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:parameter/[a-zA-Z0-9_.\\-/]+$");
    public static final Pattern CERTIFICATE_ARN = Pattern.compile(
            "^arn:aws[-a-z]*:acm:([a-z]{2}(?:-[a-z]+)+-\\d):\\d{12}:certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    public static final int MAX_PARAMETER_NAME = 1011;
    public static final int MAX_PARAMETER_LEVELS = 15;
    public static final Range AVAILABILITY_ZONES = new Range(2, 3);
    public static final Range VPC_PREFIX = new Range(16, 24);
    public static final Range PORT = new Range(1, 65535);
    public static final Range DESIRED_COUNT = new Range(0, 1000);
    public static final Range MINIMUM_HEALTHY_PERCENT = new Range(0, 100);
    public static final Range MAXIMUM_PERCENT = new Range(100, 200);
    public static final Range AUTOSCALING_COUNT = new Range(0, 1000);
    public static final Range CPU_TARGET = new Range(10, 90);
    public static final Range DEREGISTRATION_DELAY = new Range(0, 3600);
    public static final Range IDLE_TIMEOUT = new Range(1, 4000);
    /** ELB's limits for an ALB target group (CreateTargetGroup). */
    public static final Range HEALTH_CHECK_INTERVAL = new Range(5, 300);
    public static final Range HEALTH_CHECK_TIMEOUT = new Range(2, 120);
    public static final Range HEALTHY_THRESHOLD = new Range(2, 10);
    /** ECS: HealthCheckGracePeriodSeconds up to 2,147,483,647; a day is plenty. */
    public static final Range HEALTH_CHECK_GRACE_PERIOD = new Range(0, 86400);
    /** ContainerDefinition.stopTimeout on Fargate: at most 120 seconds. */
    public static final Range STOP_TIMEOUT = new Range(2, 120);
    public static final int MAX_HEALTH_CHECK_PATH = 1024;
    /** gantry adds gantry:app, gantry:component and Name; AWS allows 50 tags per resource. */
    public static final int MAX_USER_TAGS = 47;
    public static final List<String> SECRET_WORDS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY");

    private static final List<Cidr> RFC1918 = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"));

    /** Adapts a check to the "error message or null" shape a prompt validator wants. */
    public static Function<String, String> messages(Function<String, Problem> check) {
        return value -> {
            Problem p = check.apply(value);
            return p == null ? null : p.text();
        };
    }

    public static Problem appName(String app) {
        if (app == null || app.isEmpty()) return new Problem("an app name is required", "e.g. hello");
        if (!APP_LENGTH.contains(app.length())) {
            return new Problem("must be " + APP_LENGTH + " characters long (it prefixes every AWS name, some of which allow 32), got " + app.length(),
                    app.length() < 2 ? "use a longer name, e.g. " + app + "-app" : "shorten it to at most 28 characters");
        }
        if (!APP.matcher(app).matches()) {
            String s = suggestApp(app);
            return new Problem("must start with a lowercase letter and contain only lowercase letters, digits and '-', not ending in '-'",
                    s.length() >= 2 && APP.matcher(s).matches() && s.length() <= 28 ? "use " + s : "e.g. hello-web");
        }
        return null;
    }

    private static String suggestApp(String app) {
        String s = app.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        return s;
    }

    public static Problem region(String region) { return Regions.check(region); }

    public static Problem tagKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("aws:")) return new Problem("tag keys starting with 'aws:' are reserved by AWS", "rename the tag");
        if (k.startsWith("gantry:")) return new Problem("tag keys starting with 'gantry:' are reserved: gantry finds its resources by them", "rename the tag");
        if (!TAG_KEY.matcher(key).matches()) {
            return new Problem("tag keys are 1–128 letters, digits, spaces and _ . : / = + - @", "rename the tag");
        }
        return null;
    }

    public static Problem tagValue(String value) {
        if (!TAG_VALUE.matcher(value).matches()) {
            return new Problem("tag values are at most 256 letters, digits, spaces and _ . : / = + - @", "change the value");
        }
        return null;
    }

    /** A VPC block: IPv4, private (RFC 1918), /16 to /24, host bits clear. */
    public static Problem vpcCidr(String text) {
        Cidr c = Cidr.parse(text);
        if (c == null) return new Problem("'" + text + "' is not an IPv4 CIDR block", "e.g. " + Network.DEFAULT_CIDR);
        if (!VPC_PREFIX.contains(c.prefix())) {
            return new Problem("the prefix /" + c.prefix() + " is outside /16 to /24, the sizes a VPC may have",
                    c.prefix() < 16 ? "use /16, e.g. " + new Cidr(c.address(), 16).alignedForm() : "use /24 or larger, e.g. " + new Cidr(c.address(), 24).alignedForm());
        }
        if (RFC1918.stream().noneMatch(c::within)) {
            return new Problem(text + " is not a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)",
                    "e.g. 10.0.0.0/16");
        }
        if (!c.aligned()) {
            return new Problem(text + " has host bits set: a /" + c.prefix() + " block starts at " + c.alignedForm(),
                    "use " + c.alignedForm());
        }
        return null;
    }

    /** Any IPv4 block with host bits clear (who may reach the load balancer). */
    public static Problem cidr(String text) {
        Cidr c = Cidr.parse(text);
        if (c == null) return new Problem("'" + text + "' is not an IPv4 CIDR block", "e.g. 203.0.113.0/24, or 0.0.0.0/0 for everyone");
        if (!c.aligned()) {
            return new Problem(text + " has host bits set: a /" + c.prefix() + " block starts at " + c.alignedForm(),
                    "use " + c.alignedForm() + (c.prefix() < 32 ? " (or " + text.substring(0, text.indexOf('/')) + "/32 for one address)" : ""));
        }
        return null;
    }

    public static Problem availabilityZones(long n) {
        return AVAILABILITY_ZONES.contains(n) ? null
                : new Problem("must be 2 or 3, got " + n, "use 2 (a load balancer needs two zones) or 3 for more resilience");
    }

    public static Problem vpcId(String id) {
        return VPC_ID.matcher(id).matches() ? null
                : new Problem("'" + id + "' is not a VPC id (vpc- followed by 8 or 17 hex digits)", "copy it from: aws ec2 describe-vpcs");
    }

    public static Problem subnetId(String id) {
        return SUBNET_ID.matcher(id).matches() ? null
                : new Problem("'" + id + "' is not a subnet id (subnet- followed by 8 or 17 hex digits)", "copy it from: aws ec2 describe-subnets");
    }

    public static Problem clusterName(String name) {
        return CLUSTER_NAME.matcher(name).matches() ? null
                : new Problem("cluster names are 1–255 letters, digits, '-' and '_'", "e.g. " + name.replaceAll("[^A-Za-z0-9_-]", "-"));
    }

    public static Problem image(String ref) { return ImageRef.check(ref); }

    public static Problem cpu(long cpu) {
        return Fargate.CPUS.contains((int) cpu) && cpu == (int) cpu ? null
                : new Problem("Fargate cpu must be one of " + join(Fargate.CPUS) + " (1024 = 1 vCPU), got " + cpu,
                        nearestCpu(cpu));
    }

    private static String nearestCpu(long cpu) {
        int best = Fargate.CPUS.get(0);
        for (int c : Fargate.CPUS) if (Math.abs(c - cpu) < Math.abs(best - cpu)) best = c;
        return "use " + best;
    }

    public static List<Integer> validMemories(int cpu) { return Fargate.validMemories(cpu); }

    /** Null when Fargate accepts this memory for this cpu (the cpu itself must be valid). */
    public static Problem memoryForCpu(int cpu, long memory) {
        if (memory == (int) memory && Fargate.accepts(cpu, (int) memory)) return null;
        String fix = "with cpu " + cpu + " use one of " + Fargate.listMemories(cpu);
        Integer other = memory == (int) memory ? Fargate.smallestCpuFor((int) memory) : null;
        if (other != null) fix += "; for " + memory + " MiB use cpu " + other;
        return new Problem("Fargate does not offer " + memory + " MiB of memory with cpu " + cpu, fix);
    }

    public static Problem port(long port) {
        return PORT.contains(port) ? null : new Problem("a port is 1–65535, got " + port, "the port your container listens on, e.g. 8080");
    }

    public static Problem envName(String name) {
        return ENV_NAME.matcher(name).matches() ? null
                : new Problem("'" + name + "' is not a valid variable name (letters, digits, '_', not starting with a digit)",
                        "e.g. " + name.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("^([0-9])", "_$1"));
    }

    public static boolean looksSecret(String envName) {
        String upper = envName.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    public static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile("^[A-Za-z0-9/_+=.@-]{1,512}$");
    public static final java.util.regex.Pattern SECRET_ARN =
            java.util.regex.Pattern.compile("^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+$");

    /** A Secrets Manager secret gantry manages (a name) or an existing one (an ARN). */
    public static Problem secretName(String s) {
        if (s == null || s.isEmpty()) return new Problem("a secret is required", "e.g. secret: hello/registry");
        if (s.startsWith("arn:")) {
            return SECRET_ARN.matcher(s).matches() ? null
                    : new Problem("'" + s + "' is not a Secrets Manager secret ARN",
                            "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX, as the console shows it");
        }
        if (!SECRET_NAME.matcher(s).matches()) {
            return new Problem("'" + s + "' is not a valid secret name: 1–512 letters, digits and / _ + = . @ -", "e.g. hello/registry");
        }
        return null;
    }

    /** An SSM parameter gantry manages (a name starting with /) or an existing one (an ARN). */
    public static Problem parameterName(String p) {
        if (p == null || p.isEmpty()) return new Problem("a parameter is required", "e.g. /hello/password");
        if (p.startsWith("arn:")) {
            if (!PARAMETER_ARN.matcher(p).matches()) {
                return new Problem("'" + p + "' is not an SSM parameter ARN",
                        "arn:aws:ssm:REGION:ACCOUNT:parameter/NAME, e.g. arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key");
            }
            String name = p.substring(p.indexOf(":parameter/") + ":parameter".length()).toLowerCase(Locale.ROOT);
            if (name.equals("/gantry") || name.startsWith("/gantry/")) {
                return new Problem("a secret's parameter may not be under /gantry/, by name or by ARN (gantry keeps its locks there)",
                        "move the parameter to a path of your own, e.g. " + p.substring(0, p.indexOf(":parameter/"))
                                + ":parameter/myapp" + p.substring(p.indexOf(":parameter/") + ":parameter/gantry".length()));
            }
            return null;
        }
        if (!p.startsWith("/")) {
            return new Problem("parameter names must start with '/'", "use /" + p);
        }
        if (p.length() > MAX_PARAMETER_NAME) {
            return new Problem("parameter names are at most " + MAX_PARAMETER_NAME + " characters, got " + p.length(), "shorten it");
        }
        if (!PARAMETER_NAME.matcher(p).matches()) {
            return new Problem("'" + p + "' is not a valid parameter name: each /part is letters, digits and _ . - (no empty parts, no trailing /)",
                    "e.g. /hello/password");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/aws") || lower.startsWith("/ssm")) {
            return new Problem("parameter names may not start with /aws or /ssm (reserved by AWS)", "e.g. /myapp" + p);
        }
        if (lower.equals("/gantry") || lower.startsWith("/gantry/")) {
            // gantry's own parameters (the apply locks) live there; a secret there could break or expose them.
            return new Problem("parameter names may not start with /gantry/ (gantry keeps its locks there)",
                    "use a path of your own, e.g. /myapp" + p.substring("/gantry".length()));
        }
        if (p.chars().filter(ch -> ch == '/').count() > MAX_PARAMETER_LEVELS) {
            return new Problem("a parameter name has at most " + MAX_PARAMETER_LEVELS + " levels", "use fewer /parts");
        }
        return null;
    }

    public static Problem retentionDays(long days) {
        if (Logs.ALLOWED_RETENTION.contains((int) days) && days == (int) days) return null;
        int below = -1, above = -1;
        for (int v : Logs.ALLOWED_RETENTION) {
            if (v < days) below = v;
            if (v > days && above < 0) above = v;
        }
        String near = below < 0 ? "use " + above : above < 0 ? "use " + below : "use " + below + " or " + above;
        return new Problem("CloudWatch Logs does not accept " + days + " days; allowed: " + join(Logs.ALLOWED_RETENTION), near);
    }

    /** A range check with the spec's wording. */
    public static Problem inRange(Range range, long value, String unit) {
        if (range.contains(value)) return null;
        String u = unit == null || unit.isEmpty() ? "" : " " + unit;
        return new Problem("must be " + range + u + ", got " + value, "use a value from " + range.min() + " to " + range.max());
    }

    public static Problem healthCheckPath(String path) {
        if (!path.startsWith("/")) return new Problem("must start with '/'", "use /" + path);
        if (path.length() > MAX_HEALTH_CHECK_PATH) return new Problem("must be at most 1024 characters", "use a shorter path");
        if (path.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) return new Problem("must be printable ASCII without spaces", "e.g. /health");
        return null;
    }

    /** A DNS host name such as hello.example.com: at least two labels, no trailing dot. */
    public static Problem dnsName(String name) { return dns(name, false); }

    /** A certificate name: a DNS name, optionally starting with {@code *.}. */
    public static Problem certificateName(String name) { return dns(name, true); }

    private static Problem dns(String name, boolean wildcard) {
        if (name == null || name.isEmpty()) return new Problem("a DNS name is required", "e.g. hello.example.com");
        if (name.endsWith(".")) return new Problem("write the name without the trailing dot", "use " + name.substring(0, name.length() - 1));
        String lower = name.toLowerCase(Locale.ROOT);
        String body = lower;
        if (body.startsWith("*.")) {
            if (!wildcard) return new Problem("a wildcard is not allowed here", "use a concrete name, e.g. " + body.substring(2));
            body = body.substring(2);
        }
        if (name.length() > 253) return new Problem("a DNS name is at most 253 characters", "use a shorter name");
        String[] labels = body.split("\\.", -1);
        if (labels.length < 2) return new Problem("'" + name + "' is not a full DNS name", "e.g. " + name + ".example.com");
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return new Problem("'" + name + "' is not a valid DNS name: '" + label + "' must be 1–63 letters, digits or '-', not starting or ending with '-'",
                        "e.g. hello.example.com");
            }
        }
        if (!lower.equals(name)) return new Problem("DNS names are written in lowercase here", "use " + lower);
        return null;
    }

    /** An ACM certificate ARN in the spec's region (a load balancer can only use certificates from its own region). */
    public static Problem certificateArn(String arn, String region) {
        var m = CERTIFICATE_ARN.matcher(arn);
        if (!m.matches()) {
            return new Problem("'" + arn + "' is not an ACM certificate ARN",
                    "arn:aws:acm:REGION:ACCOUNT:certificate/ID; list yours with: aws acm list-certificates");
        }
        if (region != null && Regions.isKnown(region) && !m.group(1).equals(region)) {
            return new Problem("the certificate is in " + m.group(1) + " but the load balancer is in " + region
                    + "; a load balancer can only use a certificate from its own region",
                    "request or import the certificate in " + region + ", or use certificate.domain to let gantry request it");
        }
        return null;
    }

    /** The record must be the zone's apex or a name inside it. */
    public static Problem recordInZone(String record, String zone) {
        String r = record.toLowerCase(Locale.ROOT), z = zone.toLowerCase(Locale.ROOT);
        if (r.equals(z) || r.endsWith("." + z)) return null;
        return new Problem(record + " is not inside the zone " + zone,
                "use a name ending in ." + zone + " (e.g. www." + zone + "), or the zone that contains " + record);
    }

    /** SNS accepts longer addresses, but an email address is at most 254 characters (RFC 5321). */
    public static final int EMAIL_MAX = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** An address for the alerts topic's email subscriptions, checked offline by its shape. */
    public static Problem email(String address) {
        if (address.length() > EMAIL_MAX || !EMAIL.matcher(address).matches()) {
            return new Problem("'" + address + "' is not an email address", "write one address per item, e.g. email: [ops@example.com]");
        }
        return null;
    }

    /** guard.every: a period from 5m to 1d ("5m", "1h", "1d"). */
    public static Problem guardEvery(String text) {
        Integer minutes = Guard.parseMinutes(text);
        if (minutes == null) {
            return new Problem("'" + text + "' is not a period: a whole number and m (minutes), h (hours) or d (days)",
                    "write e.g. every: 5m, every: 1h or every: 1d");
        }
        if (minutes < Guard.MIN_MINUTES || minutes > Guard.MAX_MINUTES) {
            return new Problem("every must be between " + Guard.MIN_MINUTES + "m and 1d, got " + text
                    + (minutes < Guard.MIN_MINUTES ? " (each run reads the whole stack; it must end before the next starts)" : ""),
                    "use e.g. every: " + Guard.DEFAULT_MINUTES + "m (the default)");
        }
        return null;
    }

    static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}

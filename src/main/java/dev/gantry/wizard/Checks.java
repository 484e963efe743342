package dev.gantry.wizard;

import dev.gantry.spec.Certificate;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks with the spec's own wording (spec v1 comments). They stand in for
 * {@code dev.gantry.spec.Rules} until that lands, and then should delegate to it. Each returns null
 * when the value is valid.
 */
public final class Checks {
    private Checks() {}

    private static final Pattern APP = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern IMAGE = Pattern.compile(
            "^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?/)?"
                    + COMPONENT + "(?:/" + COMPONENT + ")*"
                    + "(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    private static final Pattern IPV4_CIDR = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");
    private static final Pattern VPC_ID = Pattern.compile("^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$");
    private static final Pattern SUBNET_ID = Pattern.compile("^subnet-[0-9a-f]{8}(?:[0-9a-f]{9})?$");
    private static final Pattern CLUSTER = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern PARAMETER = Pattern.compile("^/[A-Za-z0-9_.\\-/]{1,1010}$");
    private static final Pattern PARAMETER_ARN = Pattern.compile("^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\\d{12}:parameter/[A-Za-z0-9_.\\-/]+$");
    private static final Pattern DNS_NAME = Pattern.compile("^(?:\\*\\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern CERT_ARN = Pattern.compile("^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]{36}$");
    private static final Pattern SECRET_LOOKING = Pattern.compile("PASSWORD|SECRET|TOKEN|KEY");

    public static String app(String v) {
        if (v.isBlank()) return "required; 2–28 characters, lowercase letters, digits and hyphens";
        if (v.length() < 2 || v.length() > 28) return "must be 2–28 characters (it prefixes every name), not " + v.length();
        if (!APP.matcher(v).matches()) {
            return "must be lowercase letters, digits and hyphens, start with a letter and not end with a hyphen (^[a-z][a-z0-9-]*[a-z0-9]$)";
        }
        return null;
    }

    public static String region(String v) {
        return REGION.matcher(v).matches() ? null : "must be an AWS region code such as us-east-1 or eu-west-1";
    }

    public static String image(String v) {
        if (v.isBlank()) return "required; a valid image reference (registry/repo:tag or @sha256:…)";
        if (!IMAGE.matcher(v).matches()) return "must be a valid image reference (registry/repo:tag or @sha256:…)";
        String last = v.substring(v.lastIndexOf('/') + 1);
        if (!last.contains(":") && !v.contains("@sha256:")) {
            return "needs a tag or digest (registry/repo:tag or @sha256:…), e.g. " + v + ":1.0; a moving :latest makes deploys unrepeatable";
        }
        return null;
    }

    public static String port(String v) { return intRange(v, 1, 65535, "the port the container listens on"); }

    public static String intRange(String v, int min, int max, String what) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) return null;
        } catch (NumberFormatException ignored) { /* falls through to the message */ }
        return "must be a whole number " + min + "–" + max + (what == null ? "" : " (" + what + ")");
    }

    /** network.cidr: an RFC 1918 range with a /16 to /24 prefix and no host bits. */
    public static String vpcCidr(String v) {
        long[] c = cidr(v);
        if (c == null) return "must be a CIDR block such as 10.0.0.0/16";
        long ip = c[0];
        int prefix = (int) c[1];
        boolean rfc1918 = (ip >>> 24) == 10 || (ip >>> 20) == (172L << 4 | 1) || (ip >>> 16) == (192L << 8 | 168);
        if (!rfc1918) return "must be an RFC 1918 range (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)";
        if (prefix < 16 || prefix > 24) return "prefix must be /16 to /24, not /" + prefix;
        String hostBits = hostBits(ip, prefix);
        return hostBits;
    }

    /** Any IPv4 CIDR (who may reach the load balancer). */
    public static String anyCidr(String v) {
        long[] c = cidr(v);
        if (c == null) return v + " is not an IPv4 CIDR block such as 203.0.113.0/24 or 0.0.0.0/0";
        return hostBits(c[0], (int) c[1]);
    }

    private static String hostBits(long ip, int prefix) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((ip & mask) != ip) {
            long net = ip & mask;
            return "has host bits set; did you mean " + ((net >>> 24) & 255) + "." + ((net >>> 16) & 255) + "."
                    + ((net >>> 8) & 255) + "." + (net & 255) + "/" + prefix + "?";
        }
        return null;
    }

    private static long[] cidr(String v) {
        var m = IPV4_CIDR.matcher(v.trim());
        if (!m.matches()) return null;
        long ip = 0;
        for (int i = 1; i <= 4; i++) {
            int o = Integer.parseInt(m.group(i));
            if (o > 255) return null;
            ip = ip << 8 | o;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) return null;
        return new long[]{ip, prefix};
    }

    public static String cidrList(String v) {
        List<String> all = Values.list(v);
        if (all.isEmpty()) return "at least one CIDR block (0.0.0.0/0 means everyone)";
        for (String c : all) {
            String e = anyCidr(c);
            if (e != null) return e;
        }
        return null;
    }

    public static String vpcId(String v) {
        return VPC_ID.matcher(v.trim()).matches() ? null : "must be a VPC id such as vpc-0123456789abcdef0";
    }

    public static String subnets(String v, int atLeast, Map<String, String> azOfSubnet) {
        List<String> ids = Values.list(v);
        for (String id : ids) {
            if (!SUBNET_ID.matcher(id).matches()) return id + " is not a subnet id such as subnet-0123456789abcdef0";
        }
        if (ids.size() < atLeast) {
            return "at least " + atLeast + ", in different AZs (the load balancer needs them)";
        }
        if (atLeast > 0 && !azOfSubnet.isEmpty()) {
            long azs = ids.stream().map(azOfSubnet::get).filter(java.util.Objects::nonNull).distinct().count();
            if (azs < Math.min(atLeast, ids.size()) && ids.stream().allMatch(azOfSubnet::containsKey)) {
                return "at least " + atLeast + ", in different AZs (the load balancer needs them); these are all in "
                        + azOfSubnet.get(ids.get(0));
            }
        }
        return null;
    }

    public static String clusterName(String v) {
        return CLUSTER.matcher(v).matches() ? null : "up to 255 letters, digits, hyphens and underscores";
    }

    public static String environment(String v) {
        for (Map.Entry<String, String> e : Values.pairs(v).entrySet()) {
            if (e.getValue() == null) return "write each variable as NAME=VALUE (\"" + e.getKey() + "\" has no =)";
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                return "name " + e.getKey() + " must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits, _; not starting with a digit)";
            }
        }
        return null;
    }

    public static String environmentWarning(String v) {
        for (String name : Values.pairs(v).keySet()) {
            if (SECRET_LOOKING.matcher(name.toUpperCase()).find()) {
                return name + " looks secret; put it under Secrets so its value is encrypted and kept out of gantry.yaml";
            }
        }
        return null;
    }

    public static String secrets(String v, String environment) {
        Map<String, String> env = Values.pairs(environment);
        for (Map.Entry<String, String> e : Values.pairs(v).entrySet()) {
            String name = e.getKey(), param = e.getValue();
            if (param == null || param.isBlank()) return "write each secret as NAME=PARAMETER, e.g. " + name + "=/app/" + name.toLowerCase();
            if (!ENV_NAME.matcher(name).matches()) return "name " + name + " must match ^[A-Za-z_][A-Za-z0-9_]*$";
            if (!PARAMETER.matcher(param).matches() && !PARAMETER_ARN.matcher(param).matches()) {
                return name + ": parameter must be a path like /app/" + name.toLowerCase()
                        + " (gantry manages it) or an SSM parameter ARN (an existing one)";
            }
            if (env.containsKey(name)) return name + " is in both task.environment and task.secrets; keep it in one";
        }
        return null;
    }

    public static String percent(String v) { return intRange(v, 0, 100, null); }

    public static String maximumPercent(String v, int minHealthy, int desired) {
        String range = intRange(v, 100, 200, null);
        if (range != null) return range;
        int max = Integer.parseInt(v.trim());
        if (desired > 0 && max <= minHealthy) {
            return "must be 100–200 and > minimumHealthyPercent (" + minHealthy + ") unless desiredCount is 0, or a deploy cannot start a new task";
        }
        return null;
    }

    /** "none" or MIN:MAX:CPU with min ≤ desiredCount ≤ max and a 10–90 percent target. */
    public static String autoscaling(String v, int desired) {
        if (v.isBlank() || v.equals("none")) return null;
        String[] p = v.split(":");
        if (p.length != 3) return "write MIN:MAX:CPU, e.g. 2:6:60 (or none)";
        int min, max, cpu;
        try {
            min = Integer.parseInt(p[0].trim());
            max = Integer.parseInt(p[1].trim());
            cpu = Integer.parseInt(p[2].trim());
        } catch (NumberFormatException e) {
            return "write MIN:MAX:CPU with whole numbers, e.g. 2:6:60 (or none)";
        }
        if (min < 0 || max < 1 || min > max) return "min must be ≤ max (" + min + ":" + max + ")";
        if (desired < min || desired > max) return "min ≤ desiredCount ≤ max; desiredCount is " + desired;
        if (cpu < 10 || cpu > 90) return "cpuTarget must be 10–90 percent, not " + cpu;
        return null;
    }

    public static String healthCheckPath(String v) {
        if (!v.startsWith("/")) return "must start with /";
        if (v.chars().anyMatch(ch -> ch <= ' ')) return "must not contain spaces";
        return null;
    }

    public static String domain(String v) {
        if (v.isBlank()) return "required; a DNS name such as hello.example.com";
        if (!DNS_NAME.matcher(v).matches()) return "must be a DNS name such as hello.example.com, in lowercase (a leading *. is allowed)";
        return null;
    }

    public static String zone(String v) {
        if (v.isBlank()) return "required; an existing public Route53 hosted zone such as example.com";
        if (v.startsWith("*.") || !DNS_NAME.matcher(v).matches()) return "must be a DNS name such as example.com (an existing public Route53 hosted zone)";
        return null;
    }

    public static String certificateArn(String v) {
        return CERT_ARN.matcher(v.trim()).matches() ? null
                : "must be an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/…";
    }

    /** dns.record must equal the zone or lie inside it, and be covered by the certificate when there is one. */
    public static String record(String record, String zone, List<String> certificateNames) {
        if (record.isBlank()) return "required; the name that points at the load balancer";
        if (!DNS_NAME.matcher(record).matches() || record.startsWith("*.")) return "must be a DNS name such as hello.example.com";
        if (zone != null && !record.equals(zone) && !record.endsWith("." + zone)) {
            return "must equal the zone or lie inside it (" + zone + ")";
        }
        if (!certificateNames.isEmpty() && certificateNames.stream().noneMatch(n -> Certificate.covers(n, record))) {
            return "must be covered by the certificate's names (" + String.join(", ", certificateNames) + ")";
        }
        return null;
    }
}

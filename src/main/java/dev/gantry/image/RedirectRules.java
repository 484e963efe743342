package dev.gantry.image;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a registry may send gantry. A redirect's target and a token realm are the registry's
 * choice, not the person's, and a registry (or anyone answering for it) could otherwise make gantry
 * fetch from this machine's own network: on an EC2 instance or in an ECS task that includes the
 * endpoint that hands out the instance's or task's AWS credentials. So, for such a target:
 * <ul>
 * <li>never an instance metadata or container credentials address ({@link #METADATA}), whatever
 *     the registry is, nor a metadata path ({@code /latest/meta-data/…}, …) on any host;</li>
 * <li>a loopback, link-local or private address only when the registry itself is on an address of
 *     that same class (a registry on 127.0.0.1 may send gantry to 127.0.0.2, never to 10.0.0.5 or
 *     169.254.x; one on 10.0.0.5 to another private address, never to loopback);</li>
 * <li>plain HTTP only to a loopback address (as gantry speaks to a registry only there over HTTP).</li>
 * </ul>
 * A name is judged by every address it resolves to. Java keeps a resolved name's addresses for 30
 * seconds, so the connection that follows uses the addresses judged here.
 */
final class RedirectRules {
    /** What kind of network an address is on, as far as these rules care. */
    enum Reach {
        PUBLIC("a public address"),
        PRIVATE("a private address"),
        LINK_LOCAL("a link-local address"),
        LOOPBACK("a loopback address (this machine)"),
        METADATA("an instance metadata address, which gantry never asks"),
        UNUSABLE("not a single host's address (multicast or broadcast)");

        final String words;

        Reach(String words) { this.words = words; }
    }

    /** Turns a host name into its addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The endpoints that hand out credentials: EC2's instance metadata service (IPv4 and the Nitro
     * IPv6 address), ECS's task credentials endpoint, EKS Pod Identity's agent, Alibaba Cloud's
     * metadata service (GCP, Azure and Oracle use 169.254.169.254 too).
     */
    static final Set<String> METADATA = Set.of("169.254.169.254", "169.254.170.2", "169.254.170.23",
            "fd00:ec2:0:0:0:0:0:254", "fd00:ec2:0:0:0:0:0:23", "100.100.100.200");

    /** Paths the metadata services answer on: EC2 (/latest/…, /2021-07-15/…), GCP, Azure. */
    private static final Pattern METADATA_PATH = Pattern.compile(
            "^/[^/]+/(meta-data|user-data|dynamic|api/token)(/.*)?$|^/computemetadata(/.*)?$|^/metadata/(instance|identity)(/.*)?$");

    /** The most redirects one request follows (Java's own client stops at five too). */
    static final int MAX_REDIRECTS = 5;

    private final Resolver resolver;

    RedirectRules(Resolver resolver) { this.resolver = resolver; }

    /** The classes of the addresses {@code host} resolves to. */
    Set<Reach> reach(String host) throws UnknownHostException {
        Set<Reach> out = EnumSet.noneOf(Reach.class);
        for (InetAddress a : resolver.resolve(bare(host))) out.add(reach(a));
        return out;
    }

    /**
     * Why gantry will not go to {@code target}, where a registry whose own addresses are of
     * {@code registry}'s classes sent it; empty when it may go.
     */
    Optional<String> refusal(Set<Reach> registry, URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) return Optional.of("it is not an http(s) address");
        if (target.getHost() == null) return Optional.of("it names no host");
        if (target.getRawUserInfo() != null) return Optional.of("the address carries a login");
        String host = target.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare(host));
        } catch (UnknownHostException e) {
            return Optional.of(shown(host) + " does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress a : addresses) {
            Reach r = reach(a);
            String which = literal(host) ? shown(host) : shown(host) + " is " + a.getHostAddress() + ", and that";
            if (r == Reach.METADATA || r == Reach.UNUSABLE) return Optional.of(which + " is " + r.words);
            if (r != Reach.PUBLIC && !registry.contains(r)) {
                return Optional.of(which + " is " + r.words + " and the registry is not on one");
            }
            allLoopback &= r == Reach.LOOPBACK;
        }
        String path = target.normalize().getPath() == null ? "" : target.normalize().getPath();
        if (METADATA_PATH.matcher(path.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of(shown(path) + " is an instance metadata path, which gantry never asks");
        }
        if (scheme.equals("http") && !allLoopback) return Optional.of("it is plain HTTP to a host not on this machine");
        return Optional.empty();
    }

    /** {@code scheme://host:port}, the port made explicit: what a credential is bound to. */
    static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** host[:port] of {@code u}, for messages. */
    static String hostPort(URI u) {
        return shown(String.valueOf(u.getHost()) + (u.getPort() != -1 ? ":" + u.getPort() : ""));
    }

    static Reach reach(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            byte[] v4 = embeddedV4(b);
            if (v4 != null) return reach4(v4);
            if (METADATA.contains(a.getHostAddress().replaceAll("%.*", ""))) return Reach.METADATA;
            if (a.isLoopbackAddress() || a.isAnyLocalAddress()) return Reach.LOOPBACK;
            if (a.isMulticastAddress()) return Reach.UNUSABLE;
            // fd00:ec2::/64 is where Nitro instances reach the metadata service, DNS and NTP.
            boolean ec2 = (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                    && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0;
            if (a.isLinkLocalAddress() || ec2) return Reach.LINK_LOCAL;
            if ((b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress()) return Reach.PRIVATE;
            return Reach.PUBLIC;
        }
        return reach4(b);
    }

    private static Reach reach4(byte[] b) {
        int o0 = b[0] & 0xff, o1 = b[1] & 0xff;
        String text = o0 + "." + o1 + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        if (METADATA.contains(text)) return Reach.METADATA;
        if (o0 == 127 || o0 == 0) return Reach.LOOPBACK; // 0.0.0.0/8 reaches this machine too
        if (o0 == 169 && o1 == 254) return Reach.LINK_LOCAL;
        if (o0 >= 224) return Reach.UNUSABLE;
        if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168) || (o0 == 100 && o1 >= 64 && o1 <= 127)) {
            return Reach.PRIVATE;
        }
        return Reach.PUBLIC;
    }

    /**
     * The IPv4 address an IPv6 one carries, by which it reaches that IPv4 host: mapped
     * (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::).
     */
    private static byte[] embeddedV4(byte[] b) {
        boolean zero10 = true;
        for (int i = 0; i < 10; i++) zero10 &= b[i] == 0;
        boolean mapped = zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zero10 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) nat64 = b[i] == 0;
        if (mapped || compatible || nat64) return new byte[] {b[12], b[13], b[14], b[15]};
        if (b[0] == 0x20 && b[1] == 0x02) return new byte[] {b[2], b[3], b[4], b[5]};
        return null;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean literal(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    /** Text from a registry, made safe to print (control characters escaped, at most 200 characters). */
    static String shown(String s) {
        return dev.gantry.text.Untrusted.text(s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }
}

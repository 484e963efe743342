package dev.gantry.resources.edge;

import dev.gantry.plan.Address;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic AWS names for the edge resources, within ELB's 32-character limit. */
final class EdgeNames {
    static final int ELB_NAME_MAX = 32;

    private EdgeNames() {}

    /** {@code APP-alb}: the spec's 28-character app limit keeps this within 32. */
    static String loadBalancer(String app) { return cut(app, ELB_NAME_MAX - 4) + "-alb"; }

    /**
     * {@code APP-tg-PORT}: the port is in the name so a port change creates the new group beside
     * the old one (names are unique per region) instead of colliding with it.
     */
    static String targetGroup(String app, int port) {
        String suffix = "-tg-" + port;
        return cut(app, ELB_NAME_MAX - suffix.length()) + suffix;
    }

    /** ACM's IdempotencyToken (\w{1,32}), stable across runs for one app and address. */
    static String idempotencyToken(String app, Object what) { return sha256(app + "|" + what).substring(0, 32); }

    /** The TXT record next to the alias that says which gantry app owns it. */
    static String ownerRecord(String record) { return "_gantry." + stripDot(record); }

    static String ownerValue(String app) { return "\"gantry:app=" + app + "\""; }

    static String stripDot(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String cut(String s, int max) {
        String c = s.length() <= max ? s : s.substring(0, max);
        while (c.endsWith("-")) c = c.substring(0, c.length() - 1);
        return c;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

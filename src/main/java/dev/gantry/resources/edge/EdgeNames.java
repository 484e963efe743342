package dev.gantry.resources.edge;

import dev.gantry.plan.Address;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic AWS names for the edge resources, within ELB's 32-character limit. */
final class EdgeNames {

    private EdgeNames() {}

    /** {@code APP-alb} ({@link dev.gantry.spec.DerivedNames#loadBalancer}). */
    static String loadBalancer(String app) { return dev.gantry.spec.DerivedNames.loadBalancer(app); }

    /** {@code APP-tg-PORT}, or a shortened name with a hash of the app's ({@link dev.gantry.spec.DerivedNames#targetGroup}). */
    static String targetGroup(String app, int port) { return dev.gantry.spec.DerivedNames.targetGroup(app, port); }

    /** ACM's IdempotencyToken (\w{1,32}), stable across runs for one app and address. */
    static String idempotencyToken(String app, Object what) { return sha256(app + "|" + what).substring(0, 32); }

    /** The TXT record next to the alias that says which gantry app owns it. */
    static String ownerRecord(String record) { return "_gantry." + stripDot(record); }

    static String ownerValue(String app) { return "\"gantry:app=" + app + "\""; }

    static String stripDot(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

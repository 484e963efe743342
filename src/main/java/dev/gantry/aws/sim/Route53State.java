package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated Route53 state: plain serialisable fields, and the queries other simulated services
 * need. (No no-argument getX()/isX() methods here: Jackson would take them for properties.)
 *
 * <p>Names are stored as Route53 returns them: lower case, with the trailing dot.
 */
public final class Route53State {

    /** By zone id (without the /hostedzone/ prefix, as the SDK hands ids to callers). */
    public Map<String, ZoneRec> zones = new TreeMap<>();
    /** By change id (without /change/). */
    public Map<String, ChangeRec> changes = new TreeMap<>();

    public static final class ZoneRec {
        public String id;
        public String name;
        public String callerReference;
        public String comment;
        public boolean privateZone;
        public List<String> nameServers = new ArrayList<>();
        public List<RecordRec> records = new ArrayList<>();
    }

    public static final class RecordRec {
        public String name;
        public String type;
        public Long ttl;
        public List<String> values = new ArrayList<>();
        public String aliasZoneId;
        public String aliasDnsName;
        public Boolean aliasEvaluateTargetHealth;
        /** When the record (in its current form) was written: ACM validates some time after. */
        public long writtenAtMillis;
    }

    public static final class ChangeRec {
        public String id;
        public long submittedAtMillis;
        public long insyncAtMillis;
        public String comment;
    }

    /**
     * Makes sure a public hosted zone for {@code name} exists and returns its id. The zone's id is
     * derived from its name, so repeated calls and separate runs agree. {@code gantry apply
     * --simulate} calls this for the spec's {@code dns.zone}: in a real account the zone is created
     * (and delegated) by the owner of the domain, never by gantry.
     */
    public String ensureZone(String name) {
        String fqdn = fqdn(name);
        for (ZoneRec z : zones.values()) {
            if (z.name.equals(fqdn) && !z.privateZone) return z.id;
        }
        String id = zoneIdFor(fqdn);
        while (zones.containsKey(id)) id = zoneIdFor(id + fqdn);
        ZoneRec z = newZone(id, fqdn, "gantry-simulate-" + fqdn, null, false, 0);
        zones.put(id, z);
        return id;
    }

    /** Whether a public zone of the account holds {@code name} (its apex or below it). */
    public boolean hasPublicZoneFor(String name) {
        String fqdn = fqdn(name);
        return zones.values().stream().anyMatch(z -> !z.privateZone && inZone(fqdn, z.name));
    }

    /** Whether any zone of the account holds a record of this name and type with this value. */
    public boolean hasRecord(String name, String type, String value) { return recordWrittenAt(name, type, value) != null; }

    /** When the matching record was written, or null when there is none. */
    public Instant recordWrittenAt(String name, String type, String value) {
        String fqdn = fqdn(name);
        for (ZoneRec z : zones.values()) {
            if (z.privateZone || !inZone(fqdn, z.name)) continue;
            for (RecordRec r : z.records) {
                if (r.name.equals(fqdn) && r.type.equals(type)
                        && r.values.stream().anyMatch(v -> sameValue(type, v, value))) {
                    return Instant.ofEpochMilli(r.writtenAtMillis);
                }
            }
        }
        return null;
    }

    // ---- helpers shared with SimRoute53 ----

    static ZoneRec newZone(String id, String fqdn, String callerReference, String comment, boolean privateZone, long atMillis) {
        ZoneRec z = new ZoneRec();
        z.id = id;
        z.name = fqdn;
        z.callerReference = callerReference;
        z.comment = comment;
        z.privateZone = privateZone;
        int h = Math.abs(fqdn.hashCode());
        z.nameServers = List.of("ns-" + (h % 512) + ".awsdns-" + (h % 64) + ".com.", "ns-" + (h % 1024 + 512) + ".awsdns-" + (h % 64) + ".net.",
                "ns-" + (h % 1024 + 1024) + ".awsdns-" + (h % 64) + ".org.", "ns-" + (h % 1024 + 1536) + ".awsdns-" + (h % 64) + ".co.uk.");
        RecordRec ns = new RecordRec();
        ns.name = fqdn;
        ns.type = "NS";
        ns.ttl = 172800L;
        ns.values = new ArrayList<>(z.nameServers);
        ns.writtenAtMillis = atMillis;
        RecordRec soa = new RecordRec();
        soa.name = fqdn;
        soa.type = "SOA";
        soa.ttl = 900L;
        soa.values = new ArrayList<>(List.of(z.nameServers.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
        soa.writtenAtMillis = atMillis;
        z.records = new ArrayList<>(List.of(ns, soa));
        return z;
    }

    static String zoneIdFor(String seed) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        long h = seed.hashCode() * 0x9E3779B97F4A7C15L;
        long g = (seed + "#").hashCode() * 0xC2B2AE3D27D4EB4FL;
        StringBuilder sb = new StringBuilder("Z0");
        for (int i = 0; i < 19; i++) {
            long src = i < 10 ? h : g;
            sb.append(alphabet.charAt((int) Math.floorMod(src >>> (i % 10 * 6), 36L)));
        }
        return sb.toString();
    }

    static String fqdn(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    static boolean inZone(String fqdn, String zoneName) { return fqdn.equals(zoneName) || fqdn.endsWith("." + zoneName); }

    static boolean sameValue(String type, String a, String b) {
        if (type.equals("CNAME") || type.equals("NS")) return fqdn(a).equals(fqdn(b));
        return a.equals(b);
    }

    /** Route53's listing order: labels reversed (www.example.com. sorts as com.example.www), then type. */
    static final Comparator<String> NAME_ORDER = Comparator.comparing(Route53State::reversed);

    static String reversed(String fqdn) {
        String[] labels = fqdn(fqdn).split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            sb.append(labels[i]);
            if (i > 0) sb.append('.');
        }
        return sb.toString();
    }
}

package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Route53 reads shared by the hosted-zone, certificate and dns-record handlers. */
final class Zones {
    private Zones() {}

    /** The account's public zone of exactly this name; two of them is an error, since either could be the live one. */
    static Optional<HostedZone> publicZone(ResourceContext ctx, String name) {
        String fqdn = fqdn(name);
        // The hosted zone's lookup and the DNS record's refresh both need it: one read per refresh.
        List<HostedZone> matches = ctx.reads().get("route53:public-zones:" + fqdn, () ->
                ctx.aws().route53().listHostedZonesByName(b -> b.dnsName(fqdn).maxItems("20")).hostedZones().stream()
                        .filter(z -> z.name().equalsIgnoreCase(fqdn))
                        .filter(z -> z.config() == null || !Boolean.TRUE.equals(z.config().privateZone()))
                        .toList());
        if (matches.size() > 1) {
            throw new AwsFailure(AwsFailure.Kind.INVALID, "the account has " + matches.size() + " public hosted zones named " + name
                    + " (" + String.join(", ", matches.stream().map(z -> id(z.id())).toList()) + ")",
                    "delete the zone your domain's registrar does not point at (compare its NS records), then run the command again");
        }
        return matches.stream().findFirst();
    }

    static String zoneName(ResourceContext ctx, String zoneId) {
        return EdgeNames.stripDot(ctx.aws().route53().getHostedZone(b -> b.id(zoneId)).hostedZone().name());
    }

    /** Every record set with exactly this name (all types). */
    static List<ResourceRecordSet> recordsNamed(ResourceContext ctx, String zoneId, String name) {
        String fqdn = fqdn(name);
        List<ResourceRecordSet> out = new ArrayList<>();
        for (ResourceRecordSet r : listingFrom(ctx, zoneId, fqdn)) {
            if (!r.name().equalsIgnoreCase(fqdn)) break; // the listing is sorted: the rest are past the name
            out.add(r);
        }
        return out;
    }

    /**
     * Every record set from {@code first} through {@code last} in Route53's listing order (labels
     * reversed, so {@code _gantry.app.example.com} comes right after {@code app.example.com} and
     * its other subdomains): one call where {@link #recordsNamed} twice would take two.
     */
    static List<ResourceRecordSet> recordsFrom(ResourceContext ctx, String zoneId, String first, String last) {
        String end = listingKey(last);
        List<ResourceRecordSet> out = new ArrayList<>();
        for (ResourceRecordSet r : listingFrom(ctx, zoneId, fqdn(first))) {
            if (listingKey(r.name()).compareTo(end) > 0) break;
            out.add(r);
        }
        return out;
    }

    /**
     * The records from {@code name} through its owner record {@code _gantry.NAME}, read once per
     * refresh: the DNS record's alias and owner record, and the certificate's validation CNAMEs for
     * NAME ({@code _HEX.NAME}, which sort between the two), come from one listing.
     */
    static List<ResourceRecordSet> near(ResourceContext ctx, String zoneId, String name) {
        return ctx.reads().get("route53:near:" + id(zoneId) + ":" + fqdn(name),
                () -> recordsFrom(ctx, zoneId, name, EdgeNames.ownerRecord(name)));
    }

    /** One record: from the listing {@link #near} {@code anchor} when it lies there, else read by its name. */
    static Optional<ResourceRecordSet> record(ResourceContext ctx, String zoneId, String name, RRType type, String anchor) {
        String key = listingKey(name);
        if (anchor == null || key.compareTo(listingKey(anchor)) < 0 || key.compareTo(listingKey(EdgeNames.ownerRecord(anchor))) > 0) {
            return record(ctx, zoneId, name, type);
        }
        String fqdn = fqdn(name);
        return near(ctx, zoneId, anchor).stream().filter(r -> r.type() == type && r.name().equalsIgnoreCase(fqdn)).findFirst();
    }

    /** The zone's records in Route53's order from {@code fqdn} on; pages of 20 are read only as far as the caller iterates. */
    private static Iterable<ResourceRecordSet> listingFrom(ResourceContext ctx, String zoneId, String fqdn) {
        return ctx.aws().route53().listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId).startRecordName(fqdn).maxItems("20"))
                .resourceRecordSets();
    }

    /** Route53's sort key for a name: labels reversed, with the trailing dot (www.example.com → com.example.www.). */
    static String listingKey(String name) {
        String[] labels = EdgeNames.stripDot(name).split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) sb.append(labels[i]).append('.');
        return sb.toString();
    }

    static Optional<ResourceRecordSet> record(ResourceContext ctx, String zoneId, String name, RRType type) {
        return recordsNamed(ctx, zoneId, name).stream().filter(r -> r.type() == type).findFirst();
    }

    /**
     * Sends a batch of DELETEs. Sent again after a lost reply, the batch finds its records gone and
     * Route53 refuses all of it (InvalidChangeBatch, "… but it was not found"): read back, a batch
     * whose records are all gone (or hold other values now, so not what was deleted) is done.
     */
    static void deleteRecords(ResourceContext ctx, String zoneId, String comment, List<Change> deletes) {
        try {
            ctx.aws().route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.comment(comment).changes(deletes)));
        } catch (InvalidChangeBatchException e) {
            boolean allGone = deletes.stream().map(Change::resourceRecordSet)
                    .noneMatch(r -> record(ctx, zoneId, r.name(), r.type()).filter(r::equals).isPresent());
            if (!allGone) throw e;
        }
    }

    /** A zone covers a name when the name is the zone's apex or lies below it. */
    static boolean covers(String zone, String name) {
        String z = EdgeNames.stripDot(zone), n = EdgeNames.stripDot(name);
        if (n.startsWith("*.")) n = n.substring(2);
        return n.equals(z) || n.endsWith("." + z);
    }

    static String fqdn(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".") ? n : n + ".";
    }

    /** The SDK strips "/hostedzone/"; be tolerant of callers that kept it. */
    static String id(String zoneId) {
        int slash = zoneId.lastIndexOf('/');
        return slash >= 0 ? zoneId.substring(slash + 1) : zoneId;
    }
}

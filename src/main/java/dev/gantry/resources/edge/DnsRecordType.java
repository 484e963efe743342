package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dns-record.main}: an alias A record from {@code dns.record} to the load balancer. Records
 * cannot be tagged, so ownership is a TXT record {@code _gantry.<record>} holding
 * {@code "gantry:app=APP"} (as external-dns' TXT registry does): gantry only changes or deletes
 * an alias whose owner record names its app, and never takes over a record someone else made.
 */
final class DnsRecordType implements ResourceType {
    static final long OWNER_TTL = 300;
    static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<RRType> ADDRESS_TYPES = Set.of(RRType.A, RRType.AAAA, RRType.CNAME);

    @Override public String type() { return "dns-record"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.DNS; }

    @Override public String noun() { return "DNS record"; }

    @Override public int tier() { return 3; }

    @Override public Set<String> replaceOn() { return Set.of("zoneId", "name"); }

    /** Nothing unique in the way: the new one serves before the old one goes. */
    @Override public boolean createBeforeDestroy() { return true; }

    /**
     * Reads the record the plan names and every record the load balancer remembers pointing at it
     * (see {@link RecordLocations}). The planned one is {@code dns-record.main}; when it does not
     * exist yet, the first remembered one is, so a rename or zone change plans a replacement; any
     * other is {@code dns-record.previous-N}, to be deleted.
     */
    @Override
    public List<Observed> refresh(ResourceContext ctx) {
        Set<RecordLocations.Location> where = new java.util.LinkedHashSet<>();
        // Every planned record (one per public host with several services) by where it is wanted.
        Map<String, Address> wantedAt = new java.util.LinkedHashMap<>();
        String zoneName = ctx.wanted().str(Addresses.HOSTED_ZONE, "name");
        if (zoneName != null) {
            List<Desired> records = ctx.wanted().ofType(type());
            Optional<HostedZone> zone = records.isEmpty() ? Optional.empty() : Zones.publicZone(ctx, zoneName);
            if (zone.isPresent()) {
                for (Desired d : records) {
                    String record = Props.str(d.props(), "name");
                    if (record == null) continue;
                    RecordLocations.Location at = new RecordLocations.Location(Zones.id(zone.get().id()), record);
                    wantedAt.put(at.toString(), d.address());
                    where.add(at);
                }
            }
        }
        where.addAll(RecordLocations.known(ctx));
        List<Observed> found = new ArrayList<>();
        for (RecordLocations.Location at : where) read(ctx, at).ifPresent(found::add);
        List<Observed> out = new ArrayList<>();
        Set<Address> taken = new java.util.HashSet<>();
        for (Observed o : found) if (wantedAt.containsKey(o.id())) taken.add(wantedAt.get(o.id()));
        int previous = 0;
        for (Observed o : found) {
            Address a = wantedAt.get(o.id());
            if (a == null && !taken.contains(Addresses.DNS_RECORD)) a = Addresses.DNS_RECORD; // renamed: main moves
            if (a == null) a = Address.of(type(), "previous-" + previous++);
            taken.add(a);
            out.add(new Observed(a, o.id(), o.props(), o.outputs()));
        }
        return out;
    }

    /** The alias at one location, when the owner record there names this app. */
    private Optional<Observed> read(ResourceContext ctx, RecordLocations.Location at) {
        List<ResourceRecordSet> near;
        try {
            // The alias and its owner record sort next to each other: one listing reads both.
            near = Zones.near(ctx, at.zoneId(), at.name());
        } catch (NoSuchHostedZoneException gone) {
            return Optional.empty();
        }
        if (owner(ctx, named(near, EdgeNames.ownerRecord(at.name()), RRType.TXT)) != Owner.US) return Optional.empty();
        return named(near, at.name(), RRType.A).filter(r -> r.aliasTarget() != null)
                .map(r -> observed(Addresses.DNS_RECORD, at.zoneId(), r));
    }

    private static List<ResourceRecordSet> namedAll(List<ResourceRecordSet> records, String name) {
        String fqdn = Zones.fqdn(name);
        return records.stream().filter(r -> r.name().equalsIgnoreCase(fqdn)).toList();
    }

    private static Optional<ResourceRecordSet> named(List<ResourceRecordSet> records, String name, RRType type) {
        String fqdn = Zones.fqdn(name);
        return records.stream().filter(r -> r.type() == type && r.name().equalsIgnoreCase(fqdn)).findFirst();
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return upsert(ctx, desired, props);
    }

    @Override
    public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return upsert(ctx, desired, props);
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) {
        String zoneId = Props.str(current.props(), "zoneId");
        String name = Props.str(current.props(), "name");
        return () -> {
            List<Change> deletes = new ArrayList<>();
            try {
                if (ownedBy(ctx, zoneId, name) != Owner.US) return StepResult.done(current);
                // DELETE must repeat the current values exactly, so send what Route53 has now.
                Zones.record(ctx, zoneId, name, RRType.A).filter(r -> r.aliasTarget() != null)
                        .ifPresent(r -> deletes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(r).build()));
                Zones.record(ctx, zoneId, EdgeNames.ownerRecord(name), RRType.TXT).ifPresent(r -> deletes.add(ownerRemoval(ctx, r)));
                if (!deletes.isEmpty()) {
                    Zones.deleteRecords(ctx, zoneId, "gantry: remove " + name + " for app " + ctx.app(), deletes);
                }
            } catch (NoSuchHostedZoneException gone) {
                // the zone and its records are gone already
            }
            RecordLocations.remove(ctx, new RecordLocations.Location(zoneId, name));
            return StepResult.done(current);
        };
    }

    private Step upsert(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String zoneId = Props.str(props, "zoneId");
        String name = EdgeNames.stripDot(Props.str(props, "name"));
        return () -> {
            // The name's records and its owner record sort next to each other: one listing, read now.
            List<ResourceRecordSet> near = Zones.recordsFrom(ctx, zoneId, name, EdgeNames.ownerRecord(name));
            Optional<ResourceRecordSet> ownerRecord = named(near, EdgeNames.ownerRecord(name), RRType.TXT);
            Owner owner = owner(ctx, ownerRecord);
            if (owner == Owner.OTHER_APP) {
                throw new AwsFailure(AwsFailure.Kind.CONFLICT, "dns.record " + name + " belongs to another gantry app (see the TXT record "
                        + EdgeNames.ownerRecord(name) + ")", "choose another dns.record, or destroy the app that owns it first");
            }
            if (owner == Owner.SOMEONE) {
                throw new AwsFailure(AwsFailure.Kind.CONFLICT, "the TXT record " + EdgeNames.ownerRecord(name)
                        + " already exists with values gantry did not write", SOMEONES_TXT_FIX);
            }
            if (owner == Owner.NOBODY) {
                Optional<ResourceRecordSet> taken = namedAll(near, name).stream()
                        .filter(r -> ADDRESS_TYPES.contains(r.type())).findFirst();
                if (taken.isPresent()) {
                    throw new AwsFailure(AwsFailure.Kind.CONFLICT, "dns.record " + name + " already has a " + taken.get().typeAsString()
                            + " record that gantry did not create",
                            "delete that record in the Route53 console (after checking nothing depends on it), or choose another dns.record");
                }
            }
            // Owner first in the same batch: the alias never exists without it.
            List<Change> changes = List.of(ownerUpsert(ctx, name, ownerRecord),
                    Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(ResourceRecordSet.builder()
                            .name(name).type(RRType.A).aliasTarget(AliasTarget.builder()
                                    .hostedZoneId(Props.str(props, "aliasZoneId")).dnsName(Props.str(props, "aliasTarget"))
                                    .evaluateTargetHealth(true).build()).build()).build());
            // Remembered first: a record that exists is always one gantry can find again.
            RecordLocations.add(ctx, new RecordLocations.Location(zoneId, name));
            var change = ctx.aws().route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                    .changeBatch(cb -> cb.comment("gantry: " + name + " for app " + ctx.app()).changes(changes))).changeInfo();
            String changeId = change.id();
            // Route53 answers PENDING (or INSYNC at once): GetChange is asked only when there is something left to learn.
            boolean pending = change.status() != ChangeStatus.INSYNC;
            return (pending ? Poll.after(ctx, "Route53 to publish " + name, Duration.ZERO, SYNC_TIMEOUT,
                    "Route53 normally publishes within a minute; run 'gantry apply' again", () -> {
                        ChangeStatus s = ctx.aws().route53().getChange(b -> b.id(changeId)).changeInfo().status();
                        if (s != ChangeStatus.INSYNC) return Optional.empty();
                        return Zones.record(ctx, zoneId, name, RRType.A).map(r -> observed(desired.address(), zoneId, r));
                    }) : Poll.until(ctx, "Route53 to publish " + name, SYNC_TIMEOUT,
                    "Route53 normally publishes within a minute; run 'gantry apply' again", () -> {
                        ChangeStatus s = ctx.aws().route53().getChange(b -> b.id(changeId)).changeInfo().status();
                        if (s != ChangeStatus.INSYNC) return Optional.empty();
                        return Zones.record(ctx, zoneId, name, RRType.A).map(r -> observed(desired.address(), zoneId, r));
                    })).run();
        };
    }

    /**
     * The owner record names another gantry app, or nobody owns the name and it already has an
     * address record: either way the name is taken. Only a plain A record can be taken over (it
     * becomes gantry's alias); a CNAME or AAAA has to go first.
     */
    @Override
    public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String zoneId = Props.str(props, "zoneId");
        if (zoneId == null) return Optional.empty();
        String name = EdgeNames.stripDot(Props.str(props, "name"));
        // The listing the refresh read (the name through its owner record) answers both questions.
        List<ResourceRecordSet> near = Zones.near(ctx, zoneId, name);
        Optional<ResourceRecordSet> txt = named(near, EdgeNames.ownerRecord(name), RRType.TXT);
        Owner owner = owner(ctx, txt);
        if (owner == Owner.US) return Optional.empty();
        Optional<ResourceRecordSet> taken = namedAll(near, name).stream().filter(r -> ADDRESS_TYPES.contains(r.type())).findFirst();
        if (owner == Owner.OTHER_APP) {
            String other = txt.get().resourceRecords().stream().map(v -> v.value())
                    .filter(v -> v.startsWith("\"gantry:app=")).findFirst().map(v -> v.substring(12, v.length() - 1)).orElse("?");
            return Optional.of(new Claim(taken.map(r -> anyObserved(desired.address(), zoneId, r)).orElse(null),
                    "the DNS name " + name + " (its owner record " + EdgeNames.ownerRecord(name) + " names another app)",
                    Map.of(ResourceContext.TAG_APP, other), "dns.record"));
        }
        if (owner == Owner.SOMEONE) {
            // Someone's own TXT record at the owner name (a verification token, a note): writing
            // gantry's mark would overwrite it, and destroy would then delete it.
            return Optional.of(new Claim(taken.map(r -> anyObserved(desired.address(), zoneId, r)).orElse(null),
                    "the TXT record " + EdgeNames.ownerRecord(name) + " (with values gantry did not write; gantry marks the names it owns there)",
                    Map.of(), "dns.record", "writing gantry's mark would overwrite that record, and destroy would then delete it; "
                            + "remove it in Route53 first if it is not needed"));
        }
        return taken.map(r -> new Claim(anyObserved(desired.address(), zoneId, r),
                "the DNS " + r.typeAsString() + " record " + name + " → " + target(r), Map.of(), "dns.record",
                r.type() == RRType.A ? null : "gantry writes an alias A record, which cannot sit beside a " + r.typeAsString()
                        + "; delete that record in Route53 first"));
    }

    /** Writes the owner record: from then on the name is the app's, and the update writes the alias. */
    @Override
    public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            String zoneId = Props.str(existing.props(), "zoneId");
            String name = Props.str(existing.props(), "name");
            ctx.aws().route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb
                    .comment("gantry: " + ctx.app() + " takes over " + name).changes(ownerUpsert(ctx, name, Optional.empty()))));
            return StepResult.done(existing);
        };
    }

    static final String SOMEONES_TXT_FIX = "choose another dns.record, or remove or move that TXT record in Route53 if it is not needed";

    /** The app's mark, keeping any other value someone added to the owner record beside it. */
    private static Change ownerUpsert(ResourceContext ctx, String name, Optional<ResourceRecordSet> current) {
        List<String> values = new ArrayList<>();
        values.add(EdgeNames.ownerValue(ctx.app()));
        current.ifPresent(r -> r.resourceRecords().forEach(v -> { if (!values.contains(v.value())) values.add(v.value()); }));
        return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(ResourceRecordSet.builder()
                .name(EdgeNames.ownerRecord(name)).type(RRType.TXT).ttl(current.map(ResourceRecordSet::ttl).orElse(OWNER_TTL))
                .resourceRecords(values.stream().map(v -> software.amazon.awssdk.services.route53.model.ResourceRecord.builder().value(v).build()).toList())
                .build()).build();
    }

    /** Deletes the owner record, or only the app's value in it when someone added values of their own. */
    private static Change ownerRemoval(ResourceContext ctx, ResourceRecordSet txt) {
        var others = txt.resourceRecords().stream().filter(v -> !v.value().equals(EdgeNames.ownerValue(ctx.app()))).toList();
        if (others.isEmpty()) return Change.builder().action(ChangeAction.DELETE).resourceRecordSet(txt).build();
        return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(txt.toBuilder().resourceRecords(others).build()).build();
    }

    private static String target(ResourceRecordSet r) {
        if (r.aliasTarget() != null) return "alias " + EdgeNames.stripDot(r.aliasTarget().dnsName());
        return String.join(", ", r.resourceRecords().stream().map(v -> v.value()).toList());
    }

    /** A record in the props' shape whatever it points at (a plain A record shows its address as the target). */
    private static Observed anyObserved(Address address, String zoneId, ResourceRecordSet r) {
        if (r.aliasTarget() != null) return observed(address, zoneId, r);
        String name = EdgeNames.stripDot(r.name());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("zoneId", zoneId);
        props.put("name", name);
        props.put("aliasTarget", target(r));
        props.put("aliasZoneId", null);
        return new Observed(address, zoneId + "/" + name, props, Map.of("id", zoneId + "/" + name, "fqdn", name));
    }

    /** Whose the name is, by its owner record: this app, another gantry app, someone's own TXT values, or no owner record. */
    private enum Owner { US, OTHER_APP, SOMEONE, NOBODY }

    private static Owner ownedBy(ResourceContext ctx, String zoneId, String name) {
        return owner(ctx, Zones.record(ctx, zoneId, EdgeNames.ownerRecord(name), RRType.TXT));
    }

    private static Owner owner(ResourceContext ctx, Optional<ResourceRecordSet> txt) {
        if (txt.isEmpty() || !txt.get().hasResourceRecords()) return Owner.NOBODY;
        boolean gantry = false;
        for (var v : txt.get().resourceRecords()) {
            if (v.value().equals(EdgeNames.ownerValue(ctx.app()))) return Owner.US;
            if (v.value().startsWith("\"gantry:app=")) gantry = true;
        }
        return gantry ? Owner.OTHER_APP : Owner.SOMEONE;
    }

    private static Observed observed(Address address, String zoneId, ResourceRecordSet r) {
        String name = EdgeNames.stripDot(r.name());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("zoneId", zoneId);
        props.put("name", name);
        props.put("aliasTarget", EdgeNames.stripDot(r.aliasTarget().dnsName()));
        props.put("aliasZoneId", r.aliasTarget().hostedZoneId());
        return new Observed(address, zoneId + "/" + name, props, Map.of("id", zoneId + "/" + name, "fqdn", name));
    }
}

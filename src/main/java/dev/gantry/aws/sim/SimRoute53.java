package dev.gantry.aws.sim;

import dev.gantry.aws.sim.Route53State.ChangeRec;
import dev.gantry.aws.sim.Route53State.RecordRec;
import dev.gantry.aws.sim.Route53State.ZoneRec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Simulated Route53: hosted zones and record sets with AWS's change-batch rules. Ids are returned
 * without the {@code /hostedzone/} and {@code /change/} prefixes, as the real SDK's
 * Route53IdInterceptor hands them to callers; requests accept either form.
 */
public final class SimRoute53 implements Route53Client {
    /** How long a change stays PENDING before Route53 reports it INSYNC on all its name servers. */
    static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final Set<String> TYPES = Set.of("A", "AAAA", "CAA", "CNAME", "DS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "TXT");
    private static final Pattern LABELS = Pattern.compile("(\\*\\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+");

    private final SimWorld world;

    public SimRoute53(SimWorld world) { this.world = world; }

    private Route53State st() { return world.state.route53; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "NoSuchHostedZone" -> NoSuchHostedZoneException.builder();
            case "InvalidChangeBatch" -> InvalidChangeBatchException.builder().messages(message);
            case "InvalidInput" -> InvalidInputException.builder();
            case "NoSuchChange" -> NoSuchChangeException.builder();
            case "HostedZoneAlreadyExists" -> HostedZoneAlreadyExistsException.builder();
            case "InvalidDomainName" -> InvalidDomainNameException.builder();
            default -> Route53Exception.builder();
        };
        return SimErrors.error(b, "Route53", status, code, message);
    }

    private RuntimeException bad(String code, String message) { return err(400, code, message); }

    // ---------------------------------------------------------------- zones

    @Override
    public CreateHostedZoneResponse createHostedZone(CreateHostedZoneRequest r) {
        return world.mutate("route53:CreateHostedZone", this::err, () -> {
            if (r.callerReference() == null || r.callerReference().isEmpty() || r.callerReference().length() > 128) {
                throw bad("InvalidInput", "CallerReference is required and may be up to 128 characters");
            }
            String fqdn = checkedName(r.name());
            for (ZoneRec z : st().zones.values()) {
                if (r.callerReference().equals(z.callerReference)) {
                    throw bad("HostedZoneAlreadyExists", "A hosted zone has already been created with the specified caller reference.");
                }
            }
            boolean priv = r.vpc() != null || (r.hostedZoneConfig() != null && Boolean.TRUE.equals(r.hostedZoneConfig().privateZone()));
            String id = Route53State.zoneIdFor(fqdn + "/" + r.callerReference());
            while (st().zones.containsKey(id)) id = Route53State.zoneIdFor(id);
            ZoneRec z = Route53State.newZone(id, fqdn, r.callerReference(),
                    r.hostedZoneConfig() == null ? null : r.hostedZoneConfig().comment(), priv, world.now().toEpochMilli());
            st().zones.put(id, z);
            return CreateHostedZoneResponse.builder().hostedZone(view(z)).changeInfo(newChange(null))
                    .delegationSet(DelegationSet.builder().nameServers(z.nameServers).build())
                    .location("https://route53.amazonaws.com/2013-04-01/hostedzone/" + id).build();
        });
    }

    @Override
    public GetHostedZoneResponse getHostedZone(GetHostedZoneRequest r) {
        return world.read("route53:GetHostedZone", this::err, () -> {
            ZoneRec z = zone(r.id());
            return GetHostedZoneResponse.builder().hostedZone(view(z))
                    .delegationSet(DelegationSet.builder().nameServers(z.nameServers).build()).build();
        });
    }

    @Override
    public ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest r) {
        return world.read("route53:ListHostedZonesByName", this::err, () -> {
            if (r.hostedZoneId() != null && r.dnsName() == null) {
                throw bad("InvalidInput", "The DNS name is required when a hosted zone ID is specified");
            }
            int max = maxItems(r.maxItems(), 100);
            List<ZoneRec> sorted = new ArrayList<>(st().zones.values());
            sorted.sort(Comparator.comparing((ZoneRec z) -> Route53State.reversed(z.name)).thenComparing(z -> z.id));
            List<ZoneRec> from = new ArrayList<>();
            String start = r.dnsName() == null ? null : Route53State.reversed(r.dnsName());
            for (ZoneRec z : sorted) {
                if (start != null) {
                    int c = Route53State.reversed(z.name).compareTo(start);
                    if (c < 0) continue;
                    if (c == 0 && r.hostedZoneId() != null && z.id.compareTo(strip(r.hostedZoneId())) < 0) continue;
                }
                from.add(z);
            }
            boolean truncated = from.size() > max;
            ListHostedZonesByNameResponse.Builder b = ListHostedZonesByNameResponse.builder()
                    .hostedZones(from.stream().limit(max).map(this::view).toList())
                    .dnsName(r.dnsName()).hostedZoneId(r.hostedZoneId()).isTruncated(truncated).maxItems(String.valueOf(max));
            if (truncated) b.nextDNSName(from.get(max).name).nextHostedZoneId(from.get(max).id);
            return b.build();
        });
    }

    @Override
    public ListHostedZonesResponse listHostedZones(ListHostedZonesRequest r) {
        return world.read("route53:ListHostedZones", this::err, () -> ListHostedZonesResponse.builder()
                .hostedZones(st().zones.values().stream().map(this::view).toList()).isTruncated(false)
                .maxItems("100").build());
    }

    @Override
    public ListHostedZonesResponse listHostedZones() { return listHostedZones(ListHostedZonesRequest.builder().build()); }

    // ---------------------------------------------------------------- records

    @Override
    public ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest r) {
        return world.read("route53:ListResourceRecordSets", this::err, () -> {
            ZoneRec z = zone(r.hostedZoneId());
            if (r.startRecordTypeAsString() != null && r.startRecordName() == null) {
                throw bad("InvalidInput", "The input is not valid: StartRecordType requires StartRecordName");
            }
            int max = maxItems(r.maxItems(), 300);
            List<RecordRec> sorted = sorted(z.records);
            List<RecordRec> from = new ArrayList<>();
            String startName = r.startRecordName() == null ? null : Route53State.reversed(r.startRecordName());
            for (RecordRec rec : sorted) {
                if (startName != null) {
                    int c = Route53State.reversed(rec.name).compareTo(startName);
                    if (c < 0) continue;
                    if (c == 0 && r.startRecordTypeAsString() != null && rec.type.compareTo(r.startRecordTypeAsString()) < 0) continue;
                }
                from.add(rec);
            }
            boolean truncated = from.size() > max;
            ListResourceRecordSetsResponse.Builder b = ListResourceRecordSetsResponse.builder()
                    .resourceRecordSets(from.stream().limit(max).map(SimRoute53::view).toList())
                    .isTruncated(truncated).maxItems(String.valueOf(max));
            if (truncated) b.nextRecordName(from.get(max).name).nextRecordType(from.get(max).type);
            return b.build();
        });
    }

    @Override
    public ChangeResourceRecordSetsResponse changeResourceRecordSets(ChangeResourceRecordSetsRequest r) {
        return world.mutate("route53:ChangeResourceRecordSets", this::err, () -> {
            ZoneRec z = zone(r.hostedZoneId());
            if (r.changeBatch() == null || !r.changeBatch().hasChanges() || r.changeBatch().changes().isEmpty()) {
                throw bad("InvalidInput", "1 validation error detected: Value null at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            // Certificates whose validation already completed keep their state, whatever this batch removes.
            AcmCertificates.of(world).settle();
            long now = world.now().toEpochMilli();
            List<RecordRec> next = new ArrayList<>(z.records);
            List<String> problems = new ArrayList<>();
            for (Change c : r.changeBatch().changes()) {
                RecordRec rec = record(c.resourceRecordSet(), c.actionAsString(), now);
                String where = "[name='" + rec.name + "', type='" + rec.type + "']";
                if (!Route53State.inZone(rec.name, z.name)) {
                    problems.add("RRSet with DNS name " + rec.name + " is not permitted in zone " + z.name);
                    continue;
                }
                RecordRec current = find(next, rec.name, rec.type);
                switch (c.actionAsString()) {
                    case "CREATE" -> {
                        if (current != null) { problems.add("Tried to create resource record set " + where + " but it already exists"); continue; }
                        String conflict = conflict(next, rec, z);
                        if (conflict != null) { problems.add(conflict); continue; }
                        next.add(rec);
                    }
                    case "UPSERT" -> {
                        String conflict = conflict(next, rec, z);
                        if (conflict != null) { problems.add(conflict); continue; }
                        if (current != null && sameContent(current, rec)) continue; // unchanged: keeps its age
                        if (current != null) next.remove(current);
                        next.add(rec);
                    }
                    case "DELETE" -> {
                        if (current == null) { problems.add("Tried to delete resource record set " + where + " but it was not found"); continue; }
                        if (!sameContent(current, rec)) {
                            problems.add("Tried to delete resource record set " + where + " but the values provided do not match the current values");
                            continue;
                        }
                        if (rec.name.equals(z.name) && (rec.type.equals("SOA") || rec.type.equals("NS"))) {
                            problems.add("A HostedZone must contain exactly one SOA record and at least one NS record at its apex");
                            continue;
                        }
                        next.remove(current);
                    }
                    default -> throw bad("InvalidInput", "Invalid change action " + c.actionAsString());
                }
            }
            if (!problems.isEmpty()) throw bad("InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
            z.records = next;
            return ChangeResourceRecordSetsResponse.builder().changeInfo(newChange(r.changeBatch().comment())).build();
        });
    }

    @Override
    public GetChangeResponse getChange(GetChangeRequest r) {
        return world.read("route53:GetChange", this::err, () -> {
            ChangeRec c = st().changes.get(strip(r.id()));
            if (c == null) throw err(404, "NoSuchChange", "A change with the specified change ID does not exist.");
            return GetChangeResponse.builder().changeInfo(changeView(c)).build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}

    // ---------------------------------------------------------------- rules

    private RecordRec record(ResourceRecordSet s, String action, long now) {
        if (s == null || s.name() == null || s.typeAsString() == null) throw bad("InvalidInput", "A resource record set needs a name and a type");
        if (!TYPES.contains(s.typeAsString())) throw bad("InvalidInput", "Invalid type " + s.typeAsString());
        RecordRec rec = new RecordRec();
        rec.name = checkedName(s.name());
        rec.type = s.typeAsString();
        rec.writtenAtMillis = now;
        boolean alias = s.aliasTarget() != null;
        boolean plain = s.ttl() != null || (s.hasResourceRecords() && !s.resourceRecords().isEmpty());
        String label = "Change with [Action=" + action + ", Name=" + rec.name + ", Type=" + rec.type + ", SetIdentifier=null]";
        if (alias && plain) {
            throw bad("InvalidInput", "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in " + label);
        }
        if (alias) {
            AliasTarget a = s.aliasTarget();
            if (a.hostedZoneId() == null || a.dnsName() == null || a.evaluateTargetHealth() == null) {
                throw bad("InvalidInput", "Invalid request: an alias target needs HostedZoneId, DNSName and EvaluateTargetHealth in " + label);
            }
            rec.aliasZoneId = strip(a.hostedZoneId());
            rec.aliasDnsName = Route53State.fqdn(a.dnsName());
            if (ElbViews.isLoadBalancerZone(rec.aliasZoneId) && !rec.aliasDnsName.endsWith(".elb.amazonaws.com.")) {
                throw bad("InvalidChangeBatch", "[Tried to create an alias that targets " + rec.aliasDnsName + ", type " + rec.type
                        + " in zone " + rec.aliasZoneId + ", but the alias target name does not lie within the target zone]");
            }
            rec.aliasEvaluateTargetHealth = a.evaluateTargetHealth();
            return rec;
        }
        if (s.ttl() == null || !s.hasResourceRecords() || s.resourceRecords().isEmpty()) {
            throw bad("InvalidInput", "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in " + label);
        }
        rec.ttl = s.ttl();
        for (ResourceRecord rr : s.resourceRecords()) {
            String v = rr.value();
            if (rec.type.equals("TXT") && !(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\""))) {
                throw bad("InvalidChangeBatch", "[Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '" + v + "'']");
            }
            if (rec.type.equals("A") && !v.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw bad("InvalidChangeBatch", "[Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '" + v + "'']");
            }
            rec.values.add(v);
        }
        if (rec.type.equals("CNAME") && rec.values.size() > 1) {
            throw bad("InvalidChangeBatch", "[RRSet of type CNAME with DNS name " + rec.name + " is not permitted because it has more than one value]");
        }
        return rec;
    }

    /** DNS forbids a CNAME next to any other record of the same name, and at the zone apex. */
    private static String conflict(List<RecordRec> records, RecordRec rec, ZoneRec z) {
        if (rec.type.equals("CNAME") && rec.name.equals(z.name)) {
            return "RRSet of type CNAME with DNS name " + rec.name + " is not permitted at apex in zone " + z.name;
        }
        for (RecordRec other : records) {
            if (!other.name.equals(rec.name) || other.type.equals(rec.type)) continue;
            if (rec.type.equals("CNAME")) {
                return "RRSet of type CNAME with DNS name " + rec.name + " is not permitted as it conflicts with other records with the same DNS name in zone " + z.name;
            }
            if (other.type.equals("CNAME")) {
                return "RRSet of type " + rec.type + " with DNS name " + rec.name + " is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone " + z.name;
            }
        }
        return null;
    }

    private static boolean sameContent(RecordRec a, RecordRec b) {
        if (!Objects.equals(a.ttl, b.ttl) || !Objects.equals(a.aliasZoneId, b.aliasZoneId)
                || !Objects.equals(a.aliasDnsName, b.aliasDnsName) || !Objects.equals(a.aliasEvaluateTargetHealth, b.aliasEvaluateTargetHealth)
                || a.values.size() != b.values.size()) {
            return false;
        }
        for (String v : b.values) {
            if (a.values.stream().noneMatch(x -> Route53State.sameValue(a.type, x, v))) return false;
        }
        return true;
    }

    private static RecordRec find(List<RecordRec> records, String name, String type) {
        return records.stream().filter(r -> r.name.equals(name) && r.type.equals(type)).findFirst().orElse(null);
    }

    private static List<RecordRec> sorted(List<RecordRec> records) {
        List<RecordRec> out = new ArrayList<>(records);
        out.sort(Comparator.comparing((RecordRec r) -> Route53State.reversed(r.name)).thenComparing(r -> r.type));
        return out;
    }

    private String checkedName(String name) {
        if (name == null || name.isEmpty()) throw bad("InvalidInput", "A DNS name is required");
        String fqdn = Route53State.fqdn(name);
        if (fqdn.length() > 255 || !LABELS.matcher(fqdn).matches()) {
            throw bad("InvalidDomainName", "DNS name " + name + " is not valid");
        }
        return fqdn;
    }

    private int maxItems(String maxItems, int cap) {
        if (maxItems == null) return cap;
        try {
            int n = Integer.parseInt(maxItems);
            if (n >= 1) return Math.min(n, cap);
        } catch (NumberFormatException ignored) { /* reported below */ }
        throw bad("InvalidInput", "MaxItems must be a positive integer");
    }

    private ZoneRec zone(String id) {
        ZoneRec z = id == null ? null : st().zones.get(strip(id));
        if (z == null) throw err(404, "NoSuchHostedZone", "No hosted zone found with ID: " + (id == null ? "" : strip(id)));
        return z;
    }

    private static String strip(String id) {
        if (id == null) return null;
        int slash = id.lastIndexOf('/');
        return slash >= 0 ? id.substring(slash + 1) : id;
    }

    private ChangeInfo newChange(String comment) {
        ChangeRec c = new ChangeRec();
        c.id = "C" + Route53State.zoneIdFor("change-" + world.newId("c")).substring(1);
        c.submittedAtMillis = world.now().toEpochMilli();
        c.insyncAtMillis = world.now().plus(PROPAGATION).toEpochMilli();
        c.comment = comment;
        // Route53 forgets changes after a while; so does the saved state, which would otherwise only grow.
        long dayAgo = world.now().minus(Duration.ofDays(1)).toEpochMilli();
        st().changes.values().removeIf(old -> old.insyncAtMillis < dayAgo);
        st().changes.put(c.id, c);
        return changeView(c);
    }

    private ChangeInfo changeView(ChangeRec c) {
        boolean insync = world.now().toEpochMilli() >= c.insyncAtMillis;
        return ChangeInfo.builder().id(c.id).status(insync ? ChangeStatus.INSYNC : ChangeStatus.PENDING)
                .submittedAt(Instant.ofEpochMilli(c.submittedAtMillis)).comment(c.comment).build();
    }

    private HostedZone view(ZoneRec z) {
        return HostedZone.builder().id(z.id).name(z.name).callerReference(z.callerReference)
                .config(HostedZoneConfig.builder().comment(z.comment).privateZone(z.privateZone).build())
                .resourceRecordSetCount((long) z.records.size()).build();
    }

    private static ResourceRecordSet view(RecordRec r) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(r.name).type(r.type);
        if (r.aliasDnsName != null) {
            b.aliasTarget(AliasTarget.builder().hostedZoneId(r.aliasZoneId).dnsName(r.aliasDnsName)
                    .evaluateTargetHealth(r.aliasEvaluateTargetHealth).build());
        } else {
            b.ttl(r.ttl).resourceRecords(r.values.stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
        }
        return b.build();
    }
}

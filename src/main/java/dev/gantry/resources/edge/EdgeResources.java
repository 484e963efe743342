package dev.gantry.resources.edge;

import dev.gantry.plan.Address;
import static dev.gantry.resources.Addresses.*;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Ref;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.network.NetworkResources;
import dev.gantry.resources.Routing;
import dev.gantry.spec.AppService;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.PublicAccess;
import dev.gantry.spec.Spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The edge resources: their handlers, and how a spec expands into them. */
public final class EdgeResources {

    private EdgeResources() {}

    public static List<ResourceType> types() {
        return List.of(new HostedZoneType(), new CertificateType(), new LoadBalancerType(), new TargetGroupType(),
                new ListenerType(), new ListenerRuleType(), new DnsRecordType());
    }

    /**
     * The listener the service's target group is reached through: an ECS service with a target
     * group needs it attached to a load balancer, so {@code service.main} depends on this one.
     */
    public static Address forwardingListener(Spec spec) { return Routing.forwardingListener(spec); }

    /** {@code dns-record.main} for the primary service's first host (version 1's record), {@code dns-record.HOST-WITH-DASHES} for others. */
    static Address dnsRecord(Spec spec, String host) {
        List<String> primary = spec.primaryService().hosts();
        if (!primary.isEmpty() && primary.get(0).equals(host)) return DNS_RECORD;
        return Address.of("dns-record", host.replace('.', '-'));
    }

    public static void expand(Spec spec, List<Desired> out) {
        if (!spec.hasLoadBalancer()) return;
        var lb = spec.loadBalancer();
        boolean several = spec.publicServices().size() > 1;

        for (AppService a : spec.publicServices()) {
            PublicAccess pub = a.publicAccess();
            String base = dev.gantry.spec.DerivedNames.serviceBase(spec.app(), a.name());
            out.add(Desired.managed(Addresses.ServiceAddresses.of(spec.app(), a.name()).targetGroup(), Piece.LOAD_BALANCER,
                    "Target group" + (several ? " of " + a.name() : "") + ": the list of running tasks the load balancer sends requests to, checked at "
                            + pub.healthCheckPath() + " to keep unhealthy ones out",
                    Props.pairs("name", EdgeNames.targetGroup(base, a.task().port()), "port", a.task().port(),
                            "vpcId", Ref.to(Addresses.VPC, "id"), "healthCheckPath", pub.healthCheckPath(),
                            "deregistrationDelay", pub.deregistrationDelay(), "healthCheckInterval", pub.healthCheckInterval(),
                            "healthCheckTimeout", pub.healthCheckTimeout(), "healthyThreshold", pub.healthyThreshold()), Set.of()));
        }

        out.add(Desired.managed(LOAD_BALANCER, Piece.LOAD_BALANCER,
                "Load balancer: the public entry point that spreads requests over your tasks",
                Props.pairs("name", EdgeNames.loadBalancer(spec.app()), "vpcId", Ref.to(Addresses.VPC, "id"),
                        "subnets", List.copyOf(NetworkResources.publicSubnetRefs(spec)),
                        "securityGroups", List.of(Ref.to(Addresses.LB_SG, "id")), "idleTimeout", lb.idleTimeout()),
                Set.of()).guard());

        Ref lbArn = Ref.to(LOAD_BALANCER, "arn");
        AppService fallback = Routing.defaultService(spec);
        Object defaultAction = ListenerType.forward(Ref.to(Addresses.ServiceAddresses.of(spec.app(), fallback.name()).targetGroup(), "arn"));
        String forwards = "forwards to your tasks" + (several ? " (to " + fallback.name() + " where no route matches)" : "");
        String forwardsThem = "forwards them to your tasks" + (several ? " (to " + fallback.name() + " where no route matches)" : "");
        if (spec.hasCertificate()) {
            out.add(Desired.managed(HTTP_LISTENER, Piece.LOAD_BALANCER,
                    "HTTP listener: answers http:// on port 80 with a permanent redirect to https://",
                    Props.pairs("loadBalancerArn", lbArn, "port", 80, "protocol", "HTTP", "defaultAction", ListenerType.redirectToHttps()),
                    Set.of()));
            out.add(Desired.managed(HTTPS_LISTENER, Piece.LOAD_BALANCER,
                    "HTTPS listener: decrypts https:// on port 443 with your certificate (TLS 1.2 and 1.3) and " + forwards,
                    Props.pairs("loadBalancerArn", lbArn, "port", 443, "protocol", "HTTPS", "certificateArn", Ref.to(CERTIFICATE, "arn"),
                            "defaultAction", defaultAction), Set.of()));
        } else {
            out.add(Desired.managed(HTTP_LISTENER, Piece.LOAD_BALANCER,
                    "HTTP listener: takes requests on port 80 and " + forwardsThem,
                    Props.pairs("loadBalancerArn", lbArn, "port", 80, "protocol", "HTTP", "defaultAction", defaultAction),
                    Set.of()));
        }
        Address listener = Routing.forwardingListener(spec);
        for (Routing.RuleSpec r : Routing.rules(spec)) {
            out.add(Desired.managed(r.address(), Piece.LOAD_BALANCER, "Listener rule: sends " + (r.route().host() == null ? "any host" : r.route().host())
                            + (r.route().path() == null ? "" : " " + r.route().path()) + " to " + r.service().name(),
                    Props.pairs("listenerArn", Ref.to(listener, "arn"), "priority", r.priority(),
                            "host", r.route().host() == null ? "" : r.route().host().toLowerCase(), "path", r.route().path() == null ? "" : r.route().path(),
                            "targetGroupArn", Ref.to(Addresses.ServiceAddresses.of(spec.app(), r.service().name()).targetGroup(), "arn")),
                    Set.of()));
        }

        if (spec.hasDns()) {
            out.add(Desired.data(HOSTED_ZONE, Piece.DNS,
                    "Hosted zone: your existing public DNS zone " + spec.dns().zone() + " (looked up, never changed by gantry except for the records below)",
                    Props.pairs("name", EdgeNames.stripDot(spec.dns().zone()))));
        }

        if (spec.hasCertificate()) {
            Certificate c = spec.certificate();
            if (c.existing()) {
                List<String> covers = !spec.hasDns() ? List.of() : spec.isVersion2()
                        ? spec.publicHosts().stream().map(EdgeNames::stripDot).toList() : List.of(EdgeNames.stripDot(spec.dns().record()));
                out.add(Desired.data(CERTIFICATE, Piece.CERTIFICATE,
                        "Certificate: your existing TLS certificate, checked to be issued and to cover the app's name",
                        Props.pairs("arn", c.arn(), "covers", covers)));
            } else {
                Map<String, Object> p = Props.pairs("domain", c.domain().toLowerCase(),
                        "alternativeNames", c.alternativeNames().stream().map(String::toLowerCase).sorted().toList());
                boolean zoneCovers = spec.hasDns() && Zones.covers(spec.dns().zone(), c.domain());
                if (zoneCovers) {
                    p.put("zoneId", Ref.to(HOSTED_ZONE, "id"));
                    p.put("validationRecords", CertificateType.RECORDS_PRESENT);
                }
                out.add(Desired.managed(CERTIFICATE, Piece.CERTIFICATE,
                        "Certificate: a free TLS certificate from AWS for " + String.join(", ", c.names())
                                + (zoneCovers ? ", proved by records gantry writes into " + spec.dns().zone()
                                : ", proved by DNS records you create (gantry prints them)"),
                        p, Set.of()));
            }
        }

        if (spec.hasDns()) {
            // One record per host (version 1: dns.record, which is the service's one host).
            List<String> hosts = spec.isVersion2() ? spec.publicHosts() : List.of(spec.dns().record());
            for (String host : hosts) {
                out.add(Desired.managed(dnsRecord(spec, host), Piece.DNS,
                        "DNS record: points " + host + " at the load balancer (plus a TXT record marking it as gantry's)",
                        Props.pairs("zoneId", Ref.to(HOSTED_ZONE, "id"), "name", EdgeNames.stripDot(host),
                                "aliasTarget", Ref.to(LOAD_BALANCER, "dnsName"), "aliasZoneId", Ref.to(LOAD_BALANCER, "canonicalHostedZoneId")),
                        // The name resolves to the load balancer only once it serves that name (its certificate in place).
                        Set.of(forwardingListener(spec))));
            }
        }
    }
}

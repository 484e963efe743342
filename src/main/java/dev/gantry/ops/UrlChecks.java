package dev.gantry.ops;

import dev.gantry.plan.Address;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.Certificate;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the app's URL reaches it: the DNS record exists and points at the app's load balancer,
 * and the certificate the load balancer serves covers the name. Either failing means visitors do
 * not get the app, however healthy its tasks are.
 */
final class UrlChecks {
    private UrlChecks() {}

    /** {@code servedNames}: the names on the certificate the HTTPS listener serves; null when unknown. */
    static List<String> problems(Spec spec, Map<Address, Observed> observed, List<String> servedNames) {
        List<String> out = new ArrayList<>();
        if (!spec.hasLoadBalancer() || !spec.hasDns()) return out;
        String host = strip(spec.dns().record());
        Observed record = observed.get(Addresses.DNS_RECORD);
        Observed lb = observed.get(Addresses.LOAD_BALANCER);
        if (record == null || !host.equals(strip(String.valueOf(record.props().get("name"))))) {
            out.add(host + " has no DNS record yet: run 'gantry apply'");
        } else if (lb != null && lb.output("dnsName") != null && !pointsAt(record, lb.output("dnsName"))) {
            out.add(host + " points at " + dev.gantry.text.Untrusted.text(String.valueOf(record.props().get("aliasTarget")))
                    + ", not at the app's load balancer: run 'gantry apply'");
        }
        if (spec.hasCertificate() && servedNames != null && servedNames.stream().noneMatch(n -> Certificate.covers(n, host))) {
            out.add("the load balancer's certificate (" + String.join(", ", servedNames) + ") does not cover " + host
                    + ": browsers refuse the connection; run 'gantry apply'");
        }
        return out;
    }

    private static boolean pointsAt(Observed record, String lbDnsName) {
        String target = strip(String.valueOf(record.props().get("aliasTarget")));
        String lb = strip(lbDnsName);
        return target.equals(lb) || target.equals("dualstack." + lb);
    }

    private static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}

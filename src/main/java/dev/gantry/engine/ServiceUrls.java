package dev.gantry.engine;

import dev.gantry.plan.Address;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.AppService;
import dev.gantry.spec.Route;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each public service of a version-2 app answers: one URL per route (a route's path
 * without its wildcard; a route without a host answers on the load balancer's own name).
 */
public final class ServiceUrls {
    private ServiceUrls() {}

    /** The URLs of one public service, in its routes' order, each once; none for a service the load balancer does not reach. */
    public static List<String> of(Spec spec, AppService service, Map<Address, Observed> outputs) {
        if (!spec.hasLoadBalancer() || !service.isPublic()) return List.of();
        String scheme = spec.hasCertificate() ? "https://" : "http://";
        Observed lb = outputs.get(Addresses.LOAD_BALANCER);
        String lbName = lb == null ? null : lb.output("dnsName");
        List<String> out = new ArrayList<>();
        for (Route r : service.publicAccess().routes()) {
            String host = r.host() != null ? r.host().toLowerCase(java.util.Locale.ROOT) : lbName;
            if (host == null) continue;
            String path = r.path() == null ? "" : r.prefix() ? r.path().substring(0, r.path().length() - 1) : r.path();
            String url = scheme + host + path;
            if (!out.contains(url)) out.add(url);
        }
        return out;
    }

    /**
     * apply's closing line for several services: "web answers at https://www.example.com; api at
     * https://api.example.com and https://www.example.com/api/"; null when no service is public.
     */
    public static String sentence(Spec spec, Map<Address, Observed> outputs) {
        StringBuilder b = new StringBuilder();
        for (AppService s : spec.publicServices()) {
            List<String> urls = of(spec, s, outputs);
            if (urls.isEmpty()) continue;
            b.append(b.length() == 0 ? s.name() + " answers at " : "; " + s.name() + " at ");
            for (int i = 0; i < urls.size(); i++) {
                b.append(i == 0 ? "" : i == urls.size() - 1 ? " and " : ", ").append(urls.get(i));
            }
        }
        return b.length() == 0 ? null : b.toString();
    }
}

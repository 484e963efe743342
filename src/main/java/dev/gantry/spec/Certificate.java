package dev.gantry.spec;

import java.util.ArrayList;
import java.util.List;

/** A TLS certificate: requested by gantry for {@code domain}, or an existing one by {@code arn}. */
public record Certificate(String domain, List<String> alternativeNames, String arn) {
    public Certificate {
        alternativeNames = alternativeNames == null ? List.of() : List.copyOf(alternativeNames);
    }
    public boolean existing() { return arn != null; }

    /** Every name the certificate covers (domain first). */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        if (domain != null) all.add(domain);
        all.addAll(alternativeNames);
        return all;
    }

    /** Whether a certificate name covers a host name, with ACM's one-level wildcard rule. */
    public static boolean covers(String certName, String host) {
        String c = certName.toLowerCase(), h = host.toLowerCase();
        if (c.equals(h)) return true;
        if (c.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(c.substring(2));
        }
        return false;
    }
}

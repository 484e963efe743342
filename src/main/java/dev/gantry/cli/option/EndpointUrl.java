package dev.gantry.cli.option;

import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.edge.Failures;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Checks --endpoint-url and AWS_ENDPOINT_URL before any client is built: the SDK's own answer to a
 * value that is not a URL is Java's parser text ("The URI scheme of endpointOverride must not be
 * null", "Expected authority at index 7"), exit 1. A bad value is the person's input: exit 2,
 * naming where it came from and what a good one looks like.
 */
public final class EndpointUrl {
    private EndpointUrl() {}

    static final String EXAMPLE = "http://localhost:4566";
    private static final String NO_HOST = "it names no host, or its host or port is not valid";

    /**
     * Throws the exit-2 failure when the endpoint gantry would use is not an http(s) URL with a
     * host. {@code option}: the --endpoint-url given, or null; {@code env}: AWS_ENDPOINT_URL.
     */
    public static void check(String option, String env) {
        boolean fromOption = option != null;
        String value = fromOption ? option : env;
        if (value == null || (!fromOption && value.isBlank())) return;
        String why = problem(value);
        if (why == null) return;
        String shown = value.contains("@") ? "(not shown: it holds an @, perhaps a login)" : "'" + printable(value) + "'";
        String message = (fromOption ? "--endpoint-url " : "AWS_ENDPOINT_URL ") + shown + " is not an endpoint gantry can send AWS calls to: " + why;
        String fix = fromOption
                ? "give the endpoint's full address, e.g. --endpoint-url " + EXAMPLE + ", or leave the option out to use AWS itself"
                : "set AWS_ENDPOINT_URL to the endpoint's full address (e.g. " + EXAMPLE + "), or unset it to use AWS itself";
        throw new CommandFailure(ExitCode.INVALID_INPUT, List.of(new CommandFailure.Line(Failures.SUBJECT, message, fix)));
    }

    /** Why {@code value} is not usable, or null. */
    static String problem(String value) {
        if (value.isBlank()) return "it is empty";
        URI u;
        try {
            u = new URI(value.strip());
        } catch (URISyntaxException e) {
            if (value.strip().toLowerCase(Locale.ROOT).matches("https?://.*")) return NO_HOST;
            int i = e.getIndex();
            String v = value.strip();
            return i >= 0 && i < v.length() ? "it is not a URL ('" + printable(v.substring(i, i + 1)) + "' at position " + (i + 1) + " is out of place)"
                    : "it is not a URL";
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return u.getScheme() == null ? "it does not start with http:// or https://" : "it starts with " + printable(u.getScheme()) + ":, not http:// or https://";
        }
        if (u.getHost() == null) return NO_HOST;
        if (u.getRawUserInfo() != null) return "it holds a login; AWS calls are signed with your credentials, not a login in the URL";
        if (u.getRawQuery() != null || u.getRawFragment() != null) return "it has a ?query or #fragment; an endpoint is a scheme, a host, a port and a path only";
        if (u.getPort() > 65535) return "the port " + u.getPort() + " is not a port (1-65535)";
        return null;
    }

    private static String printable(String s) {
        return dev.gantry.text.Untrusted.text(s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }
}

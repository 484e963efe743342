package dev.gantry.cli;

import java.util.Map;

/** Who holds the apply lock, as shown to anyone who finds it taken. */
final class Holder {
    private Holder() {}

    static String describe(Map<String, String> env) {
        String user = env.getOrDefault("USER", "someone");
        String host = env.getOrDefault("HOSTNAME", "");
        if (host.isEmpty()) {
            try { host = java.net.InetAddress.getLocalHost().getHostName(); } catch (Exception e) { host = "unknown host"; }
        }
        return user + "@" + host + " (pid " + ProcessHandle.current().pid() + ")";
    }
}

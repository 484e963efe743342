package dev.gantry.cli;

import java.util.Map;

/** Who holds the apply lock, as shown to anyone who finds it taken. */
final class Holder {
    private Holder() {}

    /** A holder written by {@link #describe} on this machine whose process no longer runs. */
    static boolean deadHere(String holder, Map<String, String> env) {
        String me = describe(env);
        String myHost = me.substring(me.indexOf('@') + 1, me.indexOf(" (pid "));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@(.+) \\(pid (\\d+)\\)").matcher(holder);
        if (!m.find() || !m.group(1).equals(myHost)) return false;
        long pid = Long.parseLong(m.group(2));
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    static String describe(Map<String, String> env) {
        String user = env.getOrDefault("USER", "someone");
        String host = env.getOrDefault("HOSTNAME", "");
        if (host.isEmpty()) {
            try { host = java.net.InetAddress.getLocalHost().getHostName(); } catch (Exception e) { host = "unknown host"; }
        }
        return user + "@" + host + " (pid " + ProcessHandle.current().pid() + ")";
    }
}

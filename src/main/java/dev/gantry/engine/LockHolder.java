package dev.gantry.engine;

import dev.gantry.text.Untrusted;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an app's apply lock, as written into the lock: a random run id (unique even between
 * two runs with the same pid in two containers) and what it takes to prove the run dead.
 */
public record LockHolder(String runId, String command, String user, String host, String bootId, String pidNamespace, long pid,
                         Instant processStart, Instant since) {
    private static final String MAGIC = "gantry-lock/1";

    /** This run of {@code command} ("apply", "secrets set DB"), taking the lock now. */
    public static LockHolder of(Machine m, Instant now, String command) {
        return new LockHolder(UUID.randomUUID().toString(), command, m.user(), m.host(), m.bootId(), m.pidNamespace(), m.pid(),
                m.startOf(m.pid()).orElse(null), now);
    }

    /**
     * Dead beyond doubt: it ran on this host, in this boot, in this PID namespace (so its pid means
     * the same here), and no process has that pid now, or one with another start time does. Anything
     * else (another machine, container or boot, or no way to tell) is not proof.
     */
    public boolean provablyDeadOn(Machine m) {
        if (bootId == null || pidNamespace == null || processStart == null) return false;
        if (!host.equals(m.host()) || !bootId.equals(m.bootId()) || !pidNamespace.equals(m.pidNamespace())) return false;
        Optional<Instant> now = m.startOf(pid);
        return now.isEmpty() || !now.get().equals(processStart);
    }

    /** Running beyond doubt: on this host, in this boot and PID namespace, with its pid started when the lock says. */
    public boolean provablyAliveOn(Machine m) {
        if (bootId == null || pidNamespace == null || processStart == null) return false;
        if (!host.equals(m.host()) || !bootId.equals(m.bootId()) || !pidNamespace.equals(m.pidNamespace())) return false;
        return m.startOf(pid).map(processStart::equals).orElse(false);
    }

    /** For people: who, where, since when. */
    public String describe() {
        // Every field is what the lock's writer put there: shown with control characters escaped.
        return "gantry " + Untrusted.text(command) + " (run " + Untrusted.text(runId.substring(0, Math.min(8, runId.length()))) + ") by "
                + Untrusted.text(user) + " on " + Untrusted.text(host) + " (pid " + pid + ") since " + since;
    }

    public String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run", runId);
        m.put("command", command);
        m.put("user", user);
        m.put("host", host);
        m.put("boot", bootId);
        m.put("pidns", pidNamespace);
        m.put("pid", Long.toString(pid));
        m.put("start", processStart == null ? null : processStart.toString());
        m.put("since", since.toString());
        StringBuilder b = new StringBuilder(MAGIC);
        m.forEach((k, v) -> { if (v != null) b.append(' ').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)); });
        return b.toString();
    }

    /** A lock value gantry wrote, or empty for anything else (whose content is then never shown). */
    static Optional<LockHolder> parse(String value) {
        if (value == null || !value.startsWith(MAGIC + " ")) return Optional.empty();
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : value.substring(MAGIC.length() + 1).split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) m.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (m.get("run") == null || m.get("since") == null) return Optional.empty();
        try {
            return Optional.of(new LockHolder(m.get("run"), m.getOrDefault("command", "run"), m.getOrDefault("user", "someone"), m.getOrDefault("host", "unknown host"),
                    m.get("boot"), m.get("pidns"), Long.parseLong(m.get("pid")),
                    m.get("start") == null ? null : Instant.parse(m.get("start")), Instant.parse(m.get("since"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

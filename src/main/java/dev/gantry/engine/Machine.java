package dev.gantry.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What identifies this process well enough to prove, later, that a lock holder is dead: host, boot
 * (a reboot reuses pids), PID namespace (two containers share pid numbers and often the hostname),
 * pid and the process's start time (pids are reused). An interface so tests can stand in for
 * another machine or container.
 */
public interface Machine {
    String user();
    String host();
    /** /proc/sys/kernel/random/boot_id, or null where there is none (not Linux). */
    String bootId();
    /** The target of /proc/self/ns/pid ("pid:[4026531836]"), or null where unknown. */
    String pidNamespace();
    long pid();
    /** When process {@code pid} of this PID namespace started, or empty when no such process runs. */
    Optional<Instant> startOf(long pid);

    static Machine local(Map<String, String> env) {
        String user = env.getOrDefault("USER", "someone");
        String host = env.getOrDefault("HOSTNAME", "");
        if (host.isEmpty()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown host";
            }
        }
        String boot = read(() -> Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim());
        String ns = read(() -> Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        String h = host;
        return new Machine() {
            @Override public String user() { return user; }
            @Override public String host() { return h; }
            @Override public String bootId() { return boot; }
            @Override public String pidNamespace() { return ns; }
            @Override public long pid() { return ProcessHandle.current().pid(); }
            @Override public Optional<Instant> startOf(long pid) {
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .map(p -> p.info().startInstant().orElse(Instant.EPOCH));
            }
        };
    }

    private static String read(java.util.concurrent.Callable<String> r) {
        try {
            String v = r.call();
            return v == null || v.isBlank() ? null : v;
        } catch (Exception e) {
            return null;
        }
    }
}

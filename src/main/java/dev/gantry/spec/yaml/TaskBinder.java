package dev.gantry.spec.yaml;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Fargate;
import dev.gantry.spec.ImageRef;
import dev.gantry.spec.Logs;
import dev.gantry.spec.RegistryCredentials;
import dev.gantry.spec.Rules;
import dev.gantry.spec.SecretRef;
import dev.gantry.spec.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code task} section: image, size, port, command, environment, secrets and logs. */
final class TaskBinder {
    static final List<String> TASK_KEYS = List.of("image", "cpu", "memory", "architecture", "port", "command",
            "environment", "secrets", "logs", "registryCredentials", "stopTimeout");
    static final List<String> REGISTRY_KEYS = List.of("secret");
    static final List<String> SECRET_KEYS = List.of("parameter");
    static final List<String> LOGS_KEYS = List.of("retentionDays");

    private final Report report;
    /** Used in suggested parameter names; a placeholder when the app name itself is wrong. */
    private final String app;

    TaskBinder(Report report, String app) {
        this.report = report;
        this.app = app == null || Rules.appName(app) != null ? "APP" : app;
    }

    Task bind(MapReader root) {
        MapReader s = root.section("task", TASK_KEYS);
        if (s == null) {
            if (!root.has("task")) {
                root.required("task", "add a task section with at least an image, e.g. task: {image: public.ecr.aws/nginx/nginx:1.27}");
            }
            return null;
        }
        String image = s.string("image");
        if (!s.has("image")) s.required("image", "e.g. image: public.ecr.aws/nginx/nginx:1.27");
        else if (image != null && s.check("image", Rules.image(image))) {
            Rules.Problem w = ImageRef.warning(image);
            if (w != null) report.warning(s.valueLine("image"), s.valueColumn("image"), s.field("image"), w.message(), w.fix());
        }

        Long cpu = s.integer("cpu");
        boolean cpuOk = cpu == null ? !s.has("cpu") : s.check("cpu", Rules.cpu(cpu));
        int cpuValue = cpu == null ? Task.DEFAULT_CPU : cpu.intValue();
        Long memory = s.integer("memory");
        int memoryValue;
        if (memory != null) {
            memoryValue = memory.intValue();
            if (cpuOk) s.check("memory", Rules.memoryForCpu(cpuValue, memory));
        } else {
            // The contract's default is 512 (for the default cpu); a larger cpu gets its smallest memory,
            // since 512 would be rejected there anyway.
            List<Integer> valid = Fargate.validMemories(cpuValue);
            memoryValue = valid.isEmpty() ? Task.DEFAULT_MEMORY : valid.get(0);
        }

        Architecture arch = architecture(s);

        Long port = s.integer("port");
        if (port != null) s.check("port", Rules.port(port));

        List<String> command = s.strings("command", "[\"npm\", \"start\"]");

        Map<String, String> environment = environment(s);
        Map<String, SecretRef> secrets = secrets(s);
        List<String> secretNames = s.has("secrets") && s.entry("secrets").value() instanceof Node.MapNode sm
                ? List.copyOf(sm.entries().keySet()) : List.of();
        for (String name : secretNames) {
            Node.Entry env = s.has("environment") && s.entry("environment").value() instanceof Node.MapNode m ? m.get(name) : null;
            if (env != null) {
                report.error(env.line(), env.column(), "task.environment." + name,
                        name + " is also in task.secrets; a variable comes from one place only",
                        "remove it from environment (keep it in secrets if it is sensitive)");
            }
        }
        Logs logs = logs(s);
        RegistryCredentials registry = registryCredentials(s);
        Long stop = s.integer("stopTimeout");
        int stopTimeout = stop != null && s.check("stopTimeout", Rules.inRange(Rules.STOP_TIMEOUT, stop, "seconds"))
                ? stop.intValue() : Task.DEFAULT_STOP_TIMEOUT;

        return new Task(image, cpuValue, memoryValue, arch, port == null ? null : port.intValue(), command,
                environment, secrets, logs, registry, stopTimeout);
    }

    /** Other tools' names for the two architectures, which edit distance would map wrongly (amd64 → arm64). */
    private Architecture architecture(MapReader s) {
        String text = s.has("architecture") && s.entry("architecture").value() instanceof Node.ScalarNode sc
                && sc.kind() == Node.Kind.STRING ? sc.text().toLowerCase() : null;
        String meant = text == null ? null : switch (text) {
            case "amd64", "x64", "x86-64", "x86", "intel" -> "x86_64";
            case "aarch64", "arm", "graviton", "arm64v8" -> "arm64";
            default -> null;
        };
        if (meant != null) {
            report.error(s.valueLine("architecture"), s.valueColumn("architecture"), s.field("architecture"),
                    "must be x86_64 or arm64, got '" + sc(s) + "'", "use " + meant);
            return null;
        }
        return s.enumeration("architecture", Architecture.class);
    }

    private static String sc(MapReader s) { return ((Node.ScalarNode) s.entry("architecture").value()).text(); }

    private Map<String, String> environment(MapReader s) {
        Node.MapNode m = s.map("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (m == null) return env;
        for (Node.Entry e : m.entries().values()) {
            String field = "task.environment." + e.key();
            Rules.Problem p = Rules.envName(e.key());
            if (p != null) report.error(e.line(), e.column(), field, p);
            Node v = e.value();
            boolean secretLooking = Rules.looksSecret(e.key());
            if (v instanceof Node.ScalarNode sc && sc.kind() == Node.Kind.STRING) {
                env.put(e.key(), sc.text());
                if (sc.text().indexOf('\0') >= 0) {
                    // A process's environment is a list of NUL-terminated strings: no value can hold one.
                    report.error(v.line(), v.column(), field, "contains a NUL character (\\0), which no environment variable can hold",
                            "remove the \\0 from the value");
                }
            } else if (v instanceof Node.ScalarNode sc && sc.kind() != Node.Kind.NULL) {
                // YAML reads 8080, 1.5, true/yes/on as non-text; ECS wants text, and the user meant text.
                String shown = secretLooking ? "…" : sc.text();
                report.error(v.line(), v.column(), field, "environment values are text, but this is " + sc.describe(),
                        "quote it: " + e.key() + ": \"" + shown + "\"");
            } else if (v instanceof Node.ScalarNode) {
                report.error(v.line(), v.column(), field, "has no value", "write " + e.key() + ": \"\" for an empty value, or remove it");
            } else {
                report.error(v.line(), v.column(), field, "environment values are text, got " + v.describe(),
                        "write one NAME: \"value\" per line");
            }
            if (p == null && secretLooking) {
                report.warning(e.line(), e.column(), field,
                        e.key() + " looks like a secret; environment values are stored in plain text in the task definition",
                        "move it to task.secrets: " + e.key() + ": {parameter: /" + app + "/" + e.key().toLowerCase().replace('_', '-') + "}");
            }
        }
        return env;
    }

    private Map<String, SecretRef> secrets(MapReader s) {
        Node.MapNode m = s.map("secrets");
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        if (m == null) return secrets;
        for (Node.Entry e : m.entries().values()) {
            String field = "task.secrets." + e.key();
            Rules.Problem p = Rules.envName(e.key());
            if (p != null) report.error(e.line(), e.column(), field, p);
            Node v = e.value();
            if (v instanceof Node.MapNode entry) {
                MapReader sec = new MapReader(entry, field, e.line(), e.column(), report, SECRET_KEYS);
                String parameter = sec.string("parameter");
                if (!sec.has("parameter")) {
                    sec.required("parameter", "e.g. parameter: /" + app + "/" + e.key().toLowerCase().replace('_', '-'));
                } else if (parameter != null && sec.check("parameter", Rules.parameterName(parameter))) {
                    secrets.put(e.key(), new SecretRef(parameter));
                }
            } else {
                // Never echo the value: a user who wrote one here may have pasted the real secret.
                boolean looksLikeParameter = v instanceof Node.ScalarNode sc && sc.kind() == Node.Kind.STRING
                        && (sc.text().startsWith("/") || sc.text().startsWith("arn:"));
                report.error(v.line(), v.column(), field,
                        "a secret names an SSM parameter, never a value: expected a map with 'parameter', got " + v.describe(),
                        looksLikeParameter
                                ? "write " + e.key() + ": {parameter: " + ((Node.ScalarNode) v).text() + "}"
                                : "write " + e.key() + ": {parameter: /" + app + "/" + e.key().toLowerCase().replace('_', '-')
                                + "} and give the value at apply time (--secret, GANTRY_SECRET_" + e.key() + " or the prompt)");
            }
        }
        return secrets;
    }

    /** {@code registryCredentials: {secret: NAME or ARN}}: the login for a private registry, never the login itself. */
    private RegistryCredentials registryCredentials(MapReader s) {
        MapReader r = s.section("registryCredentials", REGISTRY_KEYS);
        if (r == null) return null;
        String secret = r.string("secret");
        if (!r.has("secret")) {
            r.required("secret", "e.g. secret: " + app + "/registry (a Secrets Manager secret gantry creates; its value is given at apply)");
            return null;
        }
        return secret != null && r.check("secret", Rules.secretName(secret)) ? new RegistryCredentials(secret) : null;
    }

    private Logs logs(MapReader s) {
        MapReader l = s.section("logs", LOGS_KEYS);
        if (l == null) return null;
        Long days = l.integer("retentionDays");
        if (days == null) return null;
        l.check("retentionDays", Rules.retentionDays(days));
        return new Logs(days.intValue());
    }
}

package dev.gantry.wizard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code environments:} section as written: per environment, what the file already said that
 * no question asks (secret parameters, {@code default}, autoscaling, …) kept as it was, plus each
 * asked answer only where it differs from the body, so nothing inherited is copied and editing
 * one environment (or the body) leaves the other environments' entries as they were.
 */
final class EnvironmentOverrides {
    private EnvironmentOverrides() {}

    static Map<String, Object> section(WizardFlow k) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> names = EnvironmentQuestions.names(k);
        List<String> inFile = EnvironmentQuestions.inFile(k);
        boolean anyDefault = false;
        for (String env : names) {
            Map<String, Object> entry = copy(k.draft().value(EnvironmentQuestions.SECTION + "." + env));
            // An entry that names only its record (or only its certificate) keeps naming only that.
            boolean hadCert = get(entry, "certificate.domain") != null, hadRecord = get(entry, "dns.record") != null;
            boolean either = !inFile.contains(env) || hadCert == hadRecord;
            for (String key : List.of("account", "certificate.domain", "dns.record", "task.cpu", "task.memory", "service.desiredCount", "network.natGateways")) {
                remove(entry, key);
            }
            String account = EnvironmentQuestions.blankToNull(k.get(EnvironmentQuestions.id(env, EnvironmentQuestions.ACCOUNT)));
            Map<String, Object> own = new LinkedHashMap<>();
            if (account != null) own.put("account", account);
            if (EnvironmentQuestions.hasDomain(k)) {
                String domain = k.get(EnvironmentQuestions.id(env, EnvironmentQuestions.DOMAIN));
                if (domain != null && !domain.equals(k.get(EnvironmentQuestions.bodyDomainId(k)))) {
                    if (k.is("certificate", "new") && (either || hadCert)) put(entry, "certificate.domain", domain);
                    if (k.is("dns", "yes") && (either || hadRecord)) put(entry, "dns.record", domain);
                }
            }
            String size = k.get(EnvironmentQuestions.id(env, EnvironmentQuestions.SIZE));
            if (size != null && !size.equals(k.get("task.size")) && size.contains("/")) {
                put(entry, "task.cpu", TaskSizes.cpu(size));
                put(entry, "task.memory", TaskSizes.memory(size));
            }
            String count = k.get(EnvironmentQuestions.id(env, EnvironmentQuestions.COUNT));
            if (count != null && !count.equals(k.get("service.desiredCount"))) put(entry, "service.desiredCount", Integer.parseInt(count.strip()));
            if (k.is("network.vpc", "new")) {
                String nat = k.get(EnvironmentQuestions.id(env, EnvironmentQuestions.NAT));
                if (nat != null && !nat.equals(k.get("network.natGateways"))) put(entry, "network.natGateways", nat);
            }
            if (!env.equals(names.get(0)) && !inFile.contains(env)) ownSecrets(k, env, account, entry);
            anyDefault |= Boolean.TRUE.equals(entry.get("default"));
            own.putAll(entry);
            out.put(env, own);
        }
        // staging + production made here: plan, status and logs read staging when no --env is given.
        if (!anyDefault && EnvironmentQuestions.STAGING_PRODUCTION.equals(k.get(EnvironmentQuestions.PRESET))
                && !inFile.contains("staging") && out.get("staging") instanceof Map<?, ?> staging) {
            @SuppressWarnings("unchecked") Map<String, Object> s = (Map<String, Object>) staging;
            Map<String, Object> withDefault = new LinkedHashMap<>();
            if (s.containsKey("account")) withDefault.put("account", s.get("account"));
            withDefault.put("default", true);
            withDefault.putAll(s);
            out.put("staging", withDefault);
        }
        return out;
    }

    /**
     * A new environment in the same account as the first would share its managed secrets'
     * parameters, which the spec refuses: it gets its own under /APP-ENV/ (values given at its
     * apply, as for any secret).
     */
    private static void ownSecrets(WizardFlow k, String env, String account, Map<String, Object> entry) {
        String first = EnvironmentQuestions.names(k).get(0);
        if (!Objects.equals(account, EnvironmentQuestions.blankToNull(k.get(EnvironmentQuestions.id(first, EnvironmentQuestions.ACCOUNT))))) return;
        AnswerText.pairs(k.get("task.secrets")).forEach((name, param) -> {
            if (param == null || param.startsWith("arn:") || get(entry, "task.secrets." + name) != null) return;
            String base = param.substring(param.lastIndexOf('/') + 1);
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("parameter", "/" + k.get("app") + "-" + env + "/" + base);
            put(entry, "task.secrets." + name, ref);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object v) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) m.forEach((key, x) -> out.put(String.valueOf(key), x instanceof Map<?, ?> ? copy(x) : x));
        return out;
    }

    private static Object get(Map<String, Object> m, String path) {
        Object at = m;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> x)) return null;
            at = x.get(part);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> m, String path, Object v) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = m;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(at.get(parts[i]) instanceof Map<?, ?>)) at.put(parts[i], new LinkedHashMap<String, Object>());
            at = (Map<String, Object>) at.get(parts[i]);
        }
        at.put(parts[parts.length - 1], v);
    }

    /** Removes a key, and the maps it leaves empty (task: {} after the size goes back to the body's). */
    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> m, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            m.remove(path);
            return;
        }
        String head = path.substring(0, dot);
        if (m.get(head) instanceof Map<?, ?> sub) {
            remove((Map<String, Object>) sub, path.substring(dot + 1));
            if (sub.isEmpty()) m.remove(head);
        }
    }
}

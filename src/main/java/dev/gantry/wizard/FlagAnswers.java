package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags → answers, through the same questions and validators as the screens, so a
 * scripted {@code gantry init} and an interactive one produce the same spec.
 */
final class FlagAnswers {
    private FlagAnswers() {}

    static List<String> apply(WizardFlow flow, Map<String, List<String>> flags) {
        List<String> errors = new ArrayList<>();
        // --dockerfile says what to build, so it answers --build too (and contradicts --no-build).
        if (flags.containsKey("--dockerfile") && !flags.containsKey("--build")) {
            Map<String, List<String>> implied = new java.util.LinkedHashMap<>();
            flags.forEach((flag, v) -> {
                if (flag.equals("--no-build") || flag.equals("--dockerfile")) implied.putIfAbsent("--build", List.of("true"));
                implied.put(flag, v);
            });
            flags = implied;
        }
        List<String> cpu = flags.get("--cpu"), memory = flags.get("--memory");
        if (cpu != null || memory != null) {
            String e = size(flow, last(cpu), last(memory));
            if (e != null) errors.add(e);
        }
        // Set everything first, then check: --max-percent is judged against --min-healthy whatever their order.
        Map<Question, String> given = new java.util.LinkedHashMap<>();
        Map<Question, String> opposites = new java.util.HashMap<>();
        for (Map.Entry<String, List<String>> f : flags.entrySet()) {
            String flag = f.getKey();
            if (flag.equals("--cpu") || flag.equals("--memory") || f.getValue() == null || f.getValue().isEmpty()) continue;
            Question q = Questions.byFlag(flag).orElseThrow(() -> new IllegalArgumentException("no question for " + flag));
            String value;
            String switched = Questions.switchAnswer(flag);
            if (switched != null) {
                String other = opposites.put(q, flag);
                if (other != null) {
                    errors.add(other + " and " + flag + " say opposite things; give one of them");
                    continue;
                }
                value = switched;
            }
            else if (q.kind() == Kind.PAIRS) value = String.join("\n", f.getValue());
            else if (q.kind() == Kind.LIST) value = AnswerText.joinList(f.getValue().stream().flatMap(v -> AnswerText.list(v).stream()).toList());
            else value = last(f.getValue());
            flow.set(q.id(), value);
            given.put(q, flag + (switched != null ? "" : " " + shown(f.getValue())));
        }
        given.forEach((q, shown) -> {
            String e = flow.error(q);
            if (e != null) errors.add(shown + ": " + e);
            // --domain also names the DNS record when the certificate is given by ARN, so it is never "unused".
            else if (!q.applies(flow) && !q.id().equals("certificate.domain")) {
                errors.add(shown + ": " + q.field() + ": applies only with " + q.needs() + "; drop the flag or change the answer it depends on");
            }
        });
        return errors;
    }

    /** --cpu alone takes its smallest memory; --memory alone the smallest cpu that accepts it. */
    private static String size(WizardFlow flow, String cpuText, String memText) {
        int cpu, mem;
        try {
            cpu = cpuText == null ? -1 : Integer.parseInt(cpuText.trim());
            mem = memText == null ? -1 : Integer.parseInt(memText.trim());
        } catch (NumberFormatException e) {
            return (cpuText != null ? "--cpu " + cpuText : "--memory " + memText) + ": task.cpu/task.memory: must be whole numbers";
        }
        if (cpu < 0) {
            int m = mem;
            cpu = TaskSizes.CPUS.stream().filter(c -> TaskSizes.memoriesFor(c).contains(m)).findFirst().orElse(-1);
            if (cpu < 0) return "--memory " + memText + ": task.memory: Fargate does not offer " + mem + " MiB with any cpu (see gantry schema)";
        }
        if (!TaskSizes.CPUS.contains(cpu)) return "--cpu " + cpuText + ": task.cpu: " + TaskSizes.checkCpu(cpu);
        if (mem < 0) mem = TaskSizes.memoriesFor(cpu).get(0);
        String e = TaskSizes.check(cpu, mem);
        if (e != null) return "--cpu " + cpu + " --memory " + mem + ": task.memory: " + e;
        flow.set("task.size", TaskSizes.value(cpu, mem));
        return null;
    }

    private static String last(List<String> values) { return values == null || values.isEmpty() ? null : values.get(values.size() - 1); }

    private static String shown(List<String> values) { return String.join(" ", values); }
}

package dev.gantry.wizard;

import dev.gantry.spec.Fargate;
import dev.gantry.spec.Rules;

import java.util.ArrayList;
import java.util.List;

/** The CPU/memory combinations Fargate accepts, asked as one choice so an invalid pair cannot be picked. */
public final class TaskSizes {
    private TaskSizes() {}

    public static List<Integer> memoriesFor(int cpu) { return Fargate.validMemories(cpu); }

    public static final List<Integer> CPUS = Fargate.CPUS;

    /** "256/512" — the value of the task.size answer. */
    public static String value(int cpu, int memory) { return cpu + "/" + memory; }

    public static int cpu(String value) { return Integer.parseInt(value.substring(0, value.indexOf('/'))); }

    public static int memory(String value) { return Integer.parseInt(value.substring(value.indexOf('/') + 1)); }

    public static List<Choice> choices() {
        List<Choice> out = new ArrayList<>();
        for (int cpu : CPUS) {
            for (int mem : memoriesFor(cpu)) {
                out.add(new Choice(value(cpu, mem), label(cpu, mem), null));
            }
        }
        return out;
    }

    public static String label(int cpu, int memory) {
        return Fargate.sizeLabel(cpu, memory) + " (" + cpu + "/" + memory + ")";
    }

    /** The spec's message for a cpu Fargate does not offer; null when offered. */
    public static String checkCpu(int cpu) {
        Rules.Problem p = Rules.cpu(cpu);
        return p == null ? null : p.text();
    }

    /** The spec's message for a pair Fargate refuses; null when accepted. */
    public static String check(int cpu, int memory) {
        Rules.Problem p = Rules.memoryForCpu(cpu, memory);
        return p == null ? null : p.text();
    }

    /** --cpu alone takes its smallest memory; --memory alone the smallest cpu that accepts it. */
    static Question.FlagReading fromFlags(String cpuText, String memText) {
        int cpu, mem;
        try {
            cpu = cpuText == null ? -1 : Integer.parseInt(cpuText.trim());
            mem = memText == null ? -1 : Integer.parseInt(memText.trim());
        } catch (NumberFormatException e) {
            return Question.FlagReading.error((cpuText != null ? "--cpu " + cpuText : "--memory " + memText) + ": task.cpu/task.memory: must be whole numbers");
        }
        if (cpu < 0) {
            int m = mem;
            cpu = CPUS.stream().filter(c -> memoriesFor(c).contains(m)).findFirst().orElse(-1);
            if (cpu < 0) return Question.FlagReading.error("--memory " + memText + ": task.memory: Fargate does not offer " + mem + " MiB with any cpu (see gantry schema)");
        }
        if (!CPUS.contains(cpu)) return Question.FlagReading.error("--cpu " + cpuText + ": task.cpu: " + checkCpu(cpu));
        if (mem < 0) mem = memoriesFor(cpu).get(0);
        String e = check(cpu, mem);
        if (e != null) return Question.FlagReading.error("--cpu " + cpu + " --memory " + mem + ": task.memory: " + e);
        return Question.FlagReading.answer(value(cpu, mem));
    }
}

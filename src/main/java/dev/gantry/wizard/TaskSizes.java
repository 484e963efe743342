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
}

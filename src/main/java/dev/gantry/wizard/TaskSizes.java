package dev.gantry.wizard;

import java.util.ArrayList;
import java.util.List;

/** The CPU/memory combinations Fargate accepts, asked as one choice so an invalid pair cannot be picked. */
public final class TaskSizes {
    private TaskSizes() {}

    public static List<Integer> memoriesFor(int cpu) {
        List<Integer> out = new ArrayList<>();
        switch (cpu) {
            case 256 -> out.addAll(List.of(512, 1024, 2048));
            case 512 -> range(out, 1024, 4096, 1024);
            case 1024 -> range(out, 2048, 8192, 1024);
            case 2048 -> range(out, 4096, 16384, 1024);
            case 4096 -> range(out, 8192, 30720, 1024);
            case 8192 -> range(out, 16384, 61440, 4096);
            case 16384 -> range(out, 32768, 122880, 8192);
            default -> { }
        }
        return out;
    }

    public static final List<Integer> CPUS = List.of(256, 512, 1024, 2048, 4096, 8192, 16384);

    private static void range(List<Integer> out, int from, int to, int step) {
        for (int m = from; m <= to; m += step) out.add(m);
    }

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
        String vcpu = cpu % 1024 == 0 ? String.valueOf(cpu / 1024) : String.valueOf(cpu / 1024.0);
        String gb = memory % 1024 == 0 ? String.valueOf(memory / 1024) : String.valueOf(memory / 1024.0);
        return vcpu + " vCPU, " + gb + " GB  (cpu " + cpu + ", memory " + memory + ")";
    }

    /** The spec-style message for a pair Fargate refuses; null when accepted. */
    public static String check(int cpu, int memory) {
        if (!CPUS.contains(cpu)) return "cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384, not " + cpu;
        List<Integer> ok = memoriesFor(cpu);
        if (ok.contains(memory)) return null;
        return memory + " MiB is not a combination Fargate accepts for cpu " + cpu + "; use "
                + (ok.size() <= 4 ? String.join(", ", ok.stream().map(String::valueOf).toList())
                : ok.get(0) + "–" + ok.get(ok.size() - 1) + " in steps of " + (ok.get(1) - ok.get(0)));
    }
}

package dev.gantry.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The cpu/memory pairs Fargate accepts (Linux), from the ECS task definition parameters page. */
public final class Fargate {
    private Fargate() {}

    public static final List<Integer> CPUS = List.of(256, 512, 1024, 2048, 4096, 8192, 16384);

    /** Every memory size (MiB) Fargate accepts for a cpu value; empty for an unknown cpu. */
    public static List<Integer> validMemories(int cpu) {
        return switch (cpu) {
            case 256 -> List.of(512, 1024, 2048);
            case 512 -> steps(1024, 4096, 1024);
            case 1024 -> steps(2048, 8192, 1024);
            case 2048 -> steps(4096, 16384, 1024);
            case 4096 -> steps(8192, 30720, 1024);
            case 8192 -> steps(16384, 61440, 4096);
            case 16384 -> steps(32768, 122880, 8192);
            default -> List.of();
        };
    }

    /** "0.25 vCPU, 0.5 GB": a size as people read it. */
    public static String sizeLabel(int cpu, int memory) {
        String vcpu = cpu % 1024 == 0 ? String.valueOf(cpu / 1024) : String.valueOf(cpu / 1024.0);
        String gb = memory % 1024 == 0 ? String.valueOf(memory / 1024) : String.valueOf(memory / 1024.0);
        return vcpu + " vCPU, " + gb + " GB";
    }

    public static boolean accepts(int cpu, int memory) { return validMemories(cpu).contains(memory); }

    /** The smallest cpu that can have this much memory, or null if none can. */
    public static Integer smallestCpuFor(int memory) {
        for (int cpu : CPUS) if (validMemories(cpu).contains(memory)) return cpu;
        return null;
    }

    static String listMemories(int cpu) {
        return validMemories(cpu).stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static List<Integer> steps(int from, int to, int step) {
        List<Integer> out = new ArrayList<>();
        for (int m = from; m <= to; m += step) out.add(m);
        return List.copyOf(out);
    }
}

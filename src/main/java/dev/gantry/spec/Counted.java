package dev.gantry.spec;

/** A count with its noun in the right number: "1 task", "2 tasks", "1 day". */
public final class Counted {
    private Counted() {}

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is exactly one. */
    public static String of(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}

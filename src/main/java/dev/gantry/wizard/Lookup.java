package dev.gantry.wizard;

/**
 * The result of one live look-up: a value, or why there is none (offline, timed out, denied), which
 * the screens show next to a plain text field so the person can type the value instead.
 */
public record Lookup<T>(T value, String unavailable) {
    public static <T> Lookup<T> found(T value) { return new Lookup<>(value, null); }

    public static <T> Lookup<T> unavailable(String why) { return new Lookup<>(null, why); }

    public boolean ok() { return unavailable == null; }
}

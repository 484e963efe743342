package dev.gantry.wizard;

/** Which answer each switch flag (one without a value, such as --no-dns) gives. */
public final class FlagSwitches {
    private FlagSwitches() {}

    /** The answer {@code flag} gives by being present; null for a flag that takes a value. */
    public static String value(String flag) { return Questions.switchAnswer(flag); }
}

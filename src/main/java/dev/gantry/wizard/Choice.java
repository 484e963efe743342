package dev.gantry.wizard;

/**
 * One option of a closed question: the value written to the spec, a short label, and what picking
 * it means (security, availability, cost), shown next to the list.
 */
public record Choice(String value, String label, String meaning) {
    public static Choice of(String value, String meaning) { return new Choice(value, value, meaning); }
}

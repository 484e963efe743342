package dev.gantry.plan;

/** What apply will do to one resource. Symbols follow terraform's, which many users already read. */
public enum Action {
    CREATE("+"), UPDATE("~"), REPLACE("-/+"), DELETE("-"), NOOP(" "), READ("<=");

    private final String symbol;
    Action(String symbol) { this.symbol = symbol; }
    public String symbol() { return symbol; }
    public boolean mutates() { return this != NOOP && this != READ; }
}

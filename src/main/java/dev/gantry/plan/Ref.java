package dev.gantry.plan;

/**
 * A property whose value is another resource's output, known only once that resource exists
 * (a subnet's VPC id, a listener's certificate ARN). The engine resolves it just before the call.
 */
public record Ref(Address address, String attribute) {
    public static Ref to(Address a, String attribute) { return new Ref(a, attribute); }
    @Override public String toString() { return "${" + address + "." + attribute + "}"; }
}

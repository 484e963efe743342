package dev.gantry.plan;

/** A resource's stable name inside one app: {@code type.name}, e.g. {@code subnet.public-0}. */
public record Address(String type, String name) implements Comparable<Address> {
    public static Address of(String type, String name) { return new Address(type, name); }

    public static Address parse(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0) throw new IllegalArgumentException("not an address: " + s);
        return new Address(s.substring(0, dot), s.substring(dot + 1));
    }

    @Override public String toString() { return type + "." + name; }

    @Override public int compareTo(Address o) { return toString().compareTo(o.toString()); }
}

package dev.gantry.aws.sim;

/** An IPv4 CIDR block, for the simulated EC2's containment and overlap rules. */
record Ipv4Cidr(long base, int prefix) {

    /** Null when {@code text} is not a valid block (AWS also rejects host bits set: 10.0.0.1/16). */
    static Ipv4Cidr parse(String text) {
        if (text == null) return null;
        String[] parts = text.split("/");
        if (parts.length != 2) return null;
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) return null;
        try {
            long addr = 0;
            for (String o : octets) {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255 || !o.equals(Integer.toString(v))) return null;
                addr = (addr << 8) | v;
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > 32) return null;
            Ipv4Cidr c = new Ipv4Cidr(addr, prefix);
            return (addr & ~c.mask() & 0xFFFFFFFFL) == 0 ? c : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    long mask() { return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL; }

    long size() { return 1L << (32 - prefix); }

    long last() { return base + size() - 1; }

    boolean contains(Ipv4Cidr other) { return other.base >= base && other.last() <= last(); }

    boolean overlaps(Ipv4Cidr other) { return base <= other.last() && other.base <= last(); }

    /** The address {@code offset} places into the block. */
    String address(long offset) { return toDotted(base + offset); }

    static String toDotted(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    @Override public String toString() { return toDotted(base) + "/" + prefix; }
}

package dev.gantry.spec;

import java.util.regex.Pattern;

/** An IPv4 CIDR block, parsed strictly (no leading zeros, which some tools read as octal). */
public record Cidr(long address, int prefix) {
    private static final Pattern FORM = Pattern.compile(
            "^(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})/(0|[1-9]\\d?)$");

    /** Null when the text is not an IPv4 CIDR. */
    public static Cidr parse(String text) {
        if (text == null) return null;
        var m = FORM.matcher(text.trim());
        if (!m.matches()) return null;
        long addr = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) return null;
            addr = (addr << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) return null;
        return new Cidr(addr, prefix);
    }

    public long mask() { return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL; }

    /** True when no host bits are set, as AWS requires for VPC and security-group blocks. */
    public boolean aligned() { return (address & ~mask() & 0xFFFFFFFFL) == 0; }

    /** The same block with host bits cleared: 10.0.1.0/16 becomes 10.0.0.0/16. */
    public Cidr alignedForm() { return new Cidr(address & mask(), prefix); }

    /** Whether this whole block lies inside {@code outer}. */
    public boolean within(Cidr outer) {
        return prefix >= outer.prefix && (address & outer.mask()) == (outer.address & outer.mask());
    }

    @Override public String toString() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255) + "/" + prefix;
    }
}

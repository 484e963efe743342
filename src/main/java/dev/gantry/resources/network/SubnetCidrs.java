package dev.gantry.resources.network;

/**
 * Carves a VPC's CIDR into eight equal blocks: public subnets take blocks 0-3, private ones 4-7,
 * so a /16 gives /19 subnets and a /24 gives /27s, and a third zone fits without renumbering.
 */
final class SubnetCidrs {
    static final int BLOCKS = 8;

    private SubnetCidrs() {}

    static String publicCidr(String vpcCidr, int zone) { return block(vpcCidr, zone); }

    static String privateCidr(String vpcCidr, int zone) { return block(vpcCidr, BLOCKS / 2 + zone); }

    /** Block {@code n} of eight; the VPC CIDR has been validated by the spec (RFC 1918, /16 to /24). */
    static String block(String vpcCidr, int n) {
        String[] parts = vpcCidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        long base = 0;
        for (String o : parts[0].split("\\.")) base = (base << 8) | Integer.parseInt(o);
        int sub = prefix + 3;
        long addr = base + ((long) n << (32 - sub));
        return ((addr >> 24) & 255) + "." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "." + (addr & 255) + "/" + sub;
    }
}

package dev.gantry.spec;

/** network.natGateways: none (public subnets, cheapest), single (one shared), perAz (highest availability). */
public enum NatMode implements YamlEnum {
    NONE("none"), SINGLE("single"), PER_AZ("perAz");

    private final String yaml;
    NatMode(String yaml) { this.yaml = yaml; }
    @Override public String yaml() { return yaml; }
}

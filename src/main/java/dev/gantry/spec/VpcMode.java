package dev.gantry.spec;

/** network.vpc: build a new VPC, use the account's default one, or use one the user already has. */
public enum VpcMode implements YamlEnum {
    NEW("new"), DEFAULT("default"), EXISTING("existing");

    private final String yaml;
    VpcMode(String yaml) { this.yaml = yaml; }
    @Override public String yaml() { return yaml; }
}

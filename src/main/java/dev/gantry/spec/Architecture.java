package dev.gantry.spec;

/** task.architecture, spelled as the spec (and ECS's runtimePlatform) spell it. */
public enum Architecture implements YamlEnum {
    X86_64("x86_64"), ARM64("arm64");

    private final String yaml;
    Architecture(String yaml) { this.yaml = yaml; }
    @Override public String yaml() { return yaml; }
    /** ECS CpuArchitecture value. */
    public String ecs() { return this == X86_64 ? "X86_64" : "ARM64"; }
    /** The OCI platform's architecture, as builders spell it ({@code --platform linux/amd64}). */
    public String platform() { return this == X86_64 ? "amd64" : "arm64"; }
}

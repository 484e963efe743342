package dev.gantry.cli;

import picocli.CommandLine.Option;

/**
 * Options every command accepts, as a picocli mixin ({@code @Mixin GlobalOptions global;}).
 * They only carry values; building AWS clients from them happens in {@code Main}.
 */
public final class GlobalOptions {
    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile from ~/.aws/config (default: the SDK's usual chain).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region, overriding the spec's (e.g. eu-west-1).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send AWS calls to this endpoint (e.g. a local emulator).")
    String endpointUrl;

    @Option(names = "--simulate", description = "Run against gantry's simulated AWS: nothing real is created or needed.")
    boolean simulate;

    @Option(names = "--no-color", description = "Plain output without colors (also: the NO_COLOR environment variable).")
    boolean noColor;

    public String profile() { return profile; }
    public String region() { return region; }
    public String endpointUrl() { return endpointUrl; }
    public boolean simulate() { return simulate; }
    public boolean noColor() { return noColor; }
}

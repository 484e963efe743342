package dev.gantry.cli.option;

import picocli.CommandLine.Option;

/** Options every AWS-facing command takes ({@link AppOptions} adds --env to those that act on one spec's app). */
public class GlobalOptions {
    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile from ~/.aws/config (default: the SDK's default chain).")
    public String profile;

    @Option(names = "--region", paramLabel = "CODE", description = "AWS region; must match the spec's region when a spec is read.")
    public String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send AWS calls to this endpoint (an emulator such as moto). Also AWS_ENDPOINT_URL.")
    public String endpointUrl;

    @Option(names = "--simulate", description = "Use gantry's built-in simulated AWS (state in ~/.gantry/simulated/) instead of a real account.")
    public boolean simulate;

    /** {@code --env} ({@link AppOptions}: init has an --env of its own, an environment variable). */
    public String env;

    /** The environment {@link SpecFile#load} chose (null: the spec names none); its account picks the profile. */
    public dev.gantry.spec.Environment environment;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set).")
    public boolean noColor;

    @Option(names = "--plain", description = "No full-screen view: plain lines, as in CI.")
    public boolean plain;

    /**
     * The options that decide which spec and which AWS a command works on, exactly as given (" -f
     * x.yaml --simulate --profile p"): every command gantry suggests next repeats them, so it acts on
     * the same app in the same account.
     */
    public String given(java.nio.file.Path file) {
        return " -f " + ShellWords.quote(file.toString()) + givenAccount();
    }

    /** {@link #given} without the spec: for a command that names its spec another way (a saved plan). */
    public String givenAccount() {
        StringBuilder b = new StringBuilder();
        if (simulate) b.append(" --simulate");
        if (profile != null) b.append(" --profile ").append(ShellWords.quote(profile));
        if (region != null) b.append(" --region ").append(ShellWords.quote(region));
        if (endpointUrl != null) b.append(" --endpoint-url ").append(ShellWords.quote(endpointUrl));
        if (environment != null) b.append(" --env ").append(ShellWords.quote(environment.name()));
        return b.toString();
    }

    /** The same options for another environment of the spec (status --all, promote). */
    public AppOptions forEnvironment(String name) {
        AppOptions c = new AppOptions();
        c.profile = profile;
        c.region = region;
        c.endpointUrl = endpointUrl;
        c.simulate = simulate;
        c.noColor = noColor;
        c.plain = plain;
        c.env = name;
        return c;
    }

    public String profile() { return profile; }
    public dev.gantry.spec.Environment environment() { return environment; }
    public String region() { return region; }
    public String endpointUrl() { return endpointUrl; }
    public boolean simulate() { return simulate; }
    public boolean noColor() { return noColor; }
}

package dev.gantry.ui;

/**
 * Which run a view shows: {@code command} is {@code apply} or {@code destroy}. The events do not
 * carry this, and the header and summary word things differently for each.
 */
public record Operation(String command, String app, String region, String options) {
    public Operation(String command, String app, String region) { this(command, app, region, ""); }

    public Operation {
        options = options == null ? "" : options;
    }

    public static Operation apply(String app, String region) { return new Operation("apply", app, region); }

    public static Operation destroy(String app, String region) { return new Operation("destroy", app, region); }

    /**
     * The same run, with the options every suggested next command repeats as given (" -f x.yaml
     * --simulate --profile p"), so a suggestion copied from the summary works as it stands.
     */
    public Operation withOptions(String given) { return new Operation(command, app, region, given); }

    /** {@code gantry VERB} followed by the options that were given. */
    public String suggest(String verb) { return "gantry " + verb + options; }

    /** A text of the core's with the commands it suggests completed by this run's options ({@link NextCommands}). */
    public String words(String text) { return NextCommands.complete(text, options); }

    public dev.gantry.engine.ApplyEvent words(dev.gantry.engine.ApplyEvent event) { return NextCommands.complete(event, options); }

    public dev.gantry.diagnose.Diagnosis words(dev.gantry.diagnose.Diagnosis d) { return NextCommands.complete(d, options); }

    public boolean isDestroy() { return "destroy".equals(command); }

    /**
     * Whether the run is on the simulated AWS: its durations are of AWS's simulated time (a NAT
     * gateway's 95 s passes in a few real seconds), so they are labelled as such.
     */
    public boolean simulated() { return (options + " ").contains(" --simulate "); }

    /** A duration of this run as shown: "4m39s", or "4m39s of simulated time". */
    public String took(java.time.Duration d) { return Durations.format(d) + (simulated() ? " of simulated time" : ""); }

    public String title() {
        StringBuilder b = new StringBuilder("gantry ").append(command);
        if (app != null && !app.isBlank()) b.append(" · ").append(app);
        if (region != null && !region.isBlank()) b.append(" · ").append(region);
        return b.toString();
    }
}

package dev.gantry.ui;

/**
 * Which run a view shows: {@code command} is {@code apply} or {@code destroy}. The events do not
 * carry this, and the header and summary word things differently for each.
 */
public record Operation(String command, String app, String region) {
    public static Operation apply(String app, String region) { return new Operation("apply", app, region); }

    public static Operation destroy(String app, String region) { return new Operation("destroy", app, region); }

    public boolean isDestroy() { return "destroy".equals(command); }

    public String title() {
        StringBuilder b = new StringBuilder("gantry ").append(command);
        if (app != null && !app.isBlank()) b.append(" · ").append(app);
        if (region != null && !region.isBlank()) b.append(" · ").append(region);
        return b.toString();
    }
}

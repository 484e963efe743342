package dev.gantry.ops;

import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plan's changes as drift, said the way a person on call reads it: what, what happened to it,
 * and what {@code gantry apply} does about it. gantry cannot tell an edit of gantry.yaml since the
 * last apply from a change made in the console, so a difference names both.
 */
public final class DriftWords {
    private DriftWords() {}

    public static List<StatusReport.Drift> of(Plan plan) {
        List<StatusReport.Drift> out = new ArrayList<>();
        for (Change c : plan.mutating()) out.add(of(c));
        return out;
    }

    static StatusReport.Drift of(Change c) {
        String subject = subject(c);
        String fields = String.join(", ", c.fields().stream().map(Change.FieldChange::field).toList());
        String summary, fix;
        if (c.address().type().equals("image") && c.action() == dev.gantry.plan.Action.CREATE) {
            // The built image is found by what the folder holds now: not found means the folder changed.
            // Several services: whose image (its desired props name the services that run it).
            Object services = c.desired() == null ? null : c.desired().props().get("services");
            String whose = services instanceof java.util.List<?> l && !l.isEmpty()
                    ? "the image of " + String.join(", ", l.stream().map(String::valueOf).toList()) + ": " : "";
            return new StatusReport.Drift(c.address().toString(), "create", subject,
                    whose + "no image in the repository was built from the folder as it is now: its files changed since the running image was built",
                    "'gantry apply' builds it and deploys it by digest", c.fields());
        }
        switch (c.action()) {
            case CREATE -> {
                summary = subject + ": missing (deleted outside gantry, or never created)";
                fix = "'gantry apply' recreates it";
            }
            case UPDATE -> {
                if (fields.equals("rollout")) {
                    // Not drift: the service's latest deployment has not finished (in progress, or failed).
                    summary = subject + ": its latest rollout has not finished: " + c.fields().get(0).before();
                    fix = "'gantry apply' watches a rollout in progress to its end, and starts a failed one again";
                    break;
                }
                summary = subject + ": differs from gantry.yaml (" + fields + "), changed outside gantry or gantry.yaml was edited since the last apply";
                fix = "'gantry apply' sets it back to what gantry.yaml says";
            }
            case REPLACE -> {
                summary = subject + ": differs from gantry.yaml (" + fields + ") in a way that cannot be changed in place";
                fix = "'gantry apply' replaces it";
            }
            case DELETE -> {
                summary = subject + ": exists, but gantry.yaml no longer asks for it";
                fix = "'gantry apply' deletes it";
            }
            default -> {
                summary = subject + ": " + c.reason();
                fix = "run 'gantry apply'";
            }
        }
        return new StatusReport.Drift(c.address().toString(), c.action().name().toLowerCase(Locale.ROOT), subject, summary, fix, c.fields());
    }

    /**
     * What the resource is, without the explanation a plan adds for newcomers: "Load balancer: the
     * public entry point…" reads "Load balancer", "log group /gantry/hello (30 days)" reads
     * "log group /gantry/hello".
     */
    static String subject(Change c) {
        String d = c.description() == null || c.description().isBlank() ? c.address().toString() : c.description();
        int colon = d.indexOf(": ");
        String trimmed = (colon > 0 ? d.substring(0, colon) : d).replaceFirst("\\s*\\([^)]*\\)\\s*$", "");
        return trimmed.isBlank() ? d : trimmed;
    }
}

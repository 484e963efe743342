package dev.gantry.spec;

import java.util.regex.Pattern;

/**
 * One environment of a spec ({@code environments:} in gantry.yaml, or a preview made from one with
 * {@code --from}). {@code account} is an AWS profile name or a 12-digit account id (null: the
 * credentials given). The first environment listed keeps the app's own names; every other one
 * (and every preview) is named {@code APP-ENV} in AWS.
 */
public record Environment(String name, String account, boolean isDefault, boolean first, String previewFrom) {
    /** The tag every resource of an app with environments carries: which environment it belongs to. */
    public static final String TAG = "gantry:env";
    /** On a preview environment's resources: the environment of the file it was made from. */
    public static final String TAG_FROM = "gantry:env-from";

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$");
    private static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9]{12}$");

    /** An environment's name becomes part of AWS names and a DNS label: the app name's alphabet. */
    public static Rules.Problem checkName(String name) {
        if (name == null || name.isEmpty()) return new Rules.Problem("an environment needs a name", "e.g. staging");
        if (!NAME.matcher(name).matches()) {
            return new Rules.Problem("an environment's name must start with a lowercase letter and contain only lowercase letters,"
                    + " digits and '-', not ending in '-' (it becomes part of AWS names and of a host name), got '" + name + "'",
                    "e.g. staging, production, pr-123");
        }
        return null;
    }

    /** True when {@code account} is an account id (to check against the credentials), not a profile name. */
    public boolean accountIsId() { return account != null && ACCOUNT_ID.matcher(account).matches(); }

    /** The AWS profile this environment's account is reached with, or null when the credentials given decide. */
    public String profile() { return account != null && !accountIsId() ? account : null; }

    public boolean preview() { return previewFrom != null; }

    /** The name gantry gives the app in AWS for this environment: the app's own for the first, else APP-ENV. */
    public String appName(String app) { return first && !preview() ? app : app + "-" + name; }
}

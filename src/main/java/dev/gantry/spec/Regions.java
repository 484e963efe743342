package dev.gantry.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The AWS region codes gantry knows. A list rather than a pattern so a typo such as
 * {@code us-east1} or {@code eu-west-4} is caught before any AWS call, with a suggestion.
 */
public final class Regions {
    private Regions() {}

    public static final List<String> KNOWN = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1",
            "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
            "us-gov-east-1", "us-gov-west-1",
            "cn-north-1", "cn-northwest-1");

    private static final Pattern AZ = Pattern.compile("^([a-z]{2}(?:-[a-z]+)+-\\d)[a-z]$");

    public static boolean isKnown(String region) { return KNOWN.contains(region); }

    /** Null when valid, otherwise what is wrong and the likely intended region. */
    public static Rules.Problem check(String region) {
        if (region == null || region.isBlank()) {
            return new Rules.Problem("a region is required", "set it to the region to deploy to, e.g. us-east-1");
        }
        if (isKnown(region)) return null;
        String lower = region.toLowerCase(Locale.ROOT).trim();
        if (isKnown(lower)) {
            return new Rules.Problem("region codes are lowercase: '" + region + "'", "use " + lower);
        }
        var az = AZ.matcher(lower);
        if (az.matches() && isKnown(az.group(1))) {
            return new Rules.Problem("'" + region + "' is an availability zone, not a region", "use " + az.group(1));
        }
        String near = Suggest.nearest(lower, KNOWN);
        return new Rules.Problem("'" + region + "' is not an AWS region",
                near != null ? "did you mean " + near + "?" : "use a region code such as us-east-1 or eu-west-1 (aws ec2 describe-regions lists yours)");
    }
}

package dev.gantry.aws.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The simulated Application Auto Scaling state: scalable targets and CPU target-tracking policies per resource id. */
public final class ScalingState {
    public static final class TargetRec {
        public String resourceId;
        public int min;
        public int max;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public Map<String, TargetRec> targets = new TreeMap<>();
    /** resourceId → policy name → CPU target. */
    public Map<String, Map<String, Double>> policies = new TreeMap<>();
}

package dev.gantry.aws.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated EventBridge default bus: rules with their event patterns and targets. Events
 * sent to the bus are matched and delivered by {@link EventDelivery}.
 */
public final class EventsState {
    public static final class RuleRec {
        public String name;
        public String arn;
        public String eventPattern;
        public String state = "ENABLED";
        public String description;
        public Map<String, String> tags = new LinkedHashMap<>();
        /** Target id → ARN. */
        public Map<String, String> targets = new TreeMap<>();
    }

    public Map<String, RuleRec> rules = new TreeMap<>();
}

package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated CloudWatch alarms. Their state is computed by {@link AlarmEvaluator} from metrics
 * derived from the simulated load balancer and ECS, one datapoint per period on virtual time.
 */
public final class CloudWatchState {
    public static final class AlarmRec {
        public String name;
        public String arn;
        public String description;
        public String namespace;
        public String metricName;
        public String statistic;
        public String extendedStatistic;
        public Map<String, String> dimensions = new TreeMap<>();
        public int period;
        public int evaluationPeriods;
        public int datapointsToAlarm;
        public double threshold;
        public String comparison;
        public String treatMissingData = "missing";
        public boolean actionsEnabled = true;
        public List<String> alarmActions = new ArrayList<>();
        public List<String> okActions = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public String state = "INSUFFICIENT_DATA";
        public String stateReason = "Unchecked: Initial alarm creation";
        public long stateUpdatedAt;
        public long configurationUpdatedAt;
        /** The last period evaluated (its end), epoch millis. */
        public long evaluatedUntil;
        /** The last instant sampled, epoch millis; the metric is sampled every {@code AlarmEvaluator.SAMPLE} within a period. */
        public long sampledUntil;
        /** This period's samples so far (null: no datapoint at that instant). */
        public List<Double> samples = new ArrayList<>();
        /** Recent datapoints, newest last: true breaching, false not, null missing. */
        public List<Boolean> recent = new ArrayList<>();
    }

    public Map<String, AlarmRec> alarms = new TreeMap<>();
}

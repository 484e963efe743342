package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated EventBridge Scheduler: schedule groups (the only taggable resource of the
 * service), schedules keyed by {@code group/name}, and each schedule's invocations so far. Read by
 * {@link SchedulerInvocations}, which fires due schedules into the simulated ECS.
 */
public final class SchedulerState {
    public static final class GroupRec {
        public String name;
        public String arn;
        public String state = "ACTIVE";
        public long createdAt;
        public long modifiedAt;
        /** Deleting a group is asynchronous: it reads DELETING until then. */
        public long goneAt;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    /** The ECS part of a schedule's target (EcsParameters). */
    public static final class EcsTarget {
        public String taskDefinitionArn;
        public int taskCount = 1;
        public String launchType;
        public List<String> subnets = new ArrayList<>();
        public List<String> securityGroups = new ArrayList<>();
        public boolean assignPublicIp;
        public String group;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class ScheduleRec {
        public String name;
        public String groupName;
        public String arn;
        public String expression;
        public String timezone;
        public String state = "ENABLED";
        public String description;
        public String flexibleMode = "OFF";
        public Integer flexibleMinutes;
        public String targetArn;
        public String roleArn;
        public String input;
        public EcsTarget ecs;
        public long createdAt;
        public long modifiedAt;
        /** Where a rate counts from: its creation or last update (no StartDate: the first invocation is then). */
        public long anchor;
        /** Occurrences up to here have been invoked (or failed to be). */
        public long evaluatedUpTo;
        public List<Invocation> invocations = new ArrayList<>();
    }

    /** One invocation: when, and the task it started or why it could not. */
    public static final class Invocation {
        public long at;
        public String taskArn;
        public String error;
    }

    public Map<String, GroupRec> groups = new TreeMap<>();
    public Map<String, ScheduleRec> schedules = new TreeMap<>();

    static String key(String group, String name) { return group + "/" + name; }

    /** Every invocation of the schedule {@code name} in {@code group} so far (tests and rehearsals look at them). */
    public List<Invocation> invocations(String group, String name) {
        ScheduleRec s = schedules.get(key(group, name));
        return s == null ? List.of() : List.copyOf(s.invocations);
    }
}

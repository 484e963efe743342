package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Simulated EventBridge Scheduler (https://docs.aws.amazon.com/scheduler/latest/APIReference/):
 * schedule groups with tags (schedules themselves cannot be tagged), schedules with AWS's
 * validation (names, the group existing, expressions and time zones, a flexible time window and a
 * target with a role), ConflictException for a name taken, and the group's deletion, which is
 * asynchronous (DELETING) and takes its schedules with it. The {@code default} group always
 * exists and cannot be deleted. Schedules fire on virtual time into the simulated ECS
 * ({@link SchedulerInvocations}).
 */
public final class SimScheduler implements SchedulerClient {
    private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z-_.]{1,64}$");
    /** How long a deleted group reads DELETING. */
    static final Duration GROUP_DELETION = Duration.ofSeconds(10);
    private final SimWorld world;

    public SimScheduler(SimWorld world) { this.world = world; }

    @Override public String serviceName() { return "scheduler"; }

    @Override public void close() {}

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ConflictException" -> ConflictException.builder();
            case "ValidationException" -> ValidationException.builder();
            default -> SchedulerException.builder();
        };
        return SimErrors.error(b, "Scheduler", status, code, message);
    }

    private RuntimeException invalid(String message) { return err(400, "ValidationException", message); }

    private SchedulerState st() { return world.state.scheduler; }

    private long now() { return world.now().toEpochMilli(); }

    private String arn(String what) { return "arn:aws:scheduler:" + world.region() + ":" + world.accountId() + ":" + what; }

    private void purge() {
        long now = now();
        st().groups.values().removeIf(g -> g.goneAt != 0 && g.goneAt <= now);
    }

    /** The group, ACTIVE; "default" always is. */
    private SchedulerState.GroupRec group(String name) {
        purge();
        String n = name == null ? "default" : name;
        if (n.equals("default")) {
            return st().groups.computeIfAbsent("default", k -> {
                SchedulerState.GroupRec g = new SchedulerState.GroupRec();
                g.name = "default";
                g.arn = arn("schedule-group/default");
                return g;
            });
        }
        SchedulerState.GroupRec g = st().groups.get(n);
        if (g == null || !"ACTIVE".equals(g.state)) throw err(404, "ResourceNotFoundException", "Schedule group " + n + " does not exist.");
        return g;
    }

    private static void checkName(String name, String what, RuntimeException e) {
        if (name == null || !NAME.matcher(name).matches()) throw e;
    }

    @Override public CreateScheduleGroupResponse createScheduleGroup(CreateScheduleGroupRequest req) {
        return world.mutate("scheduler:CreateScheduleGroup", this::err, () -> {
            purge();
            checkName(req.name(), "group", invalid("1 validation error detected: Value '" + req.name() + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$"));
            if (req.name().equals("default") || st().groups.containsKey(req.name())) {
                throw err(409, "ConflictException", "Schedule group " + req.name() + " already exists.");
            }
            SchedulerState.GroupRec g = new SchedulerState.GroupRec();
            g.name = req.name();
            g.arn = arn("schedule-group/" + req.name());
            g.createdAt = g.modifiedAt = now();
            if (req.hasTags()) TagRules.put(g.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(),
                    (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.SCHEDULER);
            st().groups.put(g.name, g);
            return CreateScheduleGroupResponse.builder().scheduleGroupArn(g.arn).build();
        });
    }

    @Override public GetScheduleGroupResponse getScheduleGroup(GetScheduleGroupRequest req) {
        return world.read("scheduler:GetScheduleGroup", this::err, () -> {
            purge();
            SchedulerState.GroupRec g = "default".equals(req.name()) ? group("default") : st().groups.get(req.name());
            if (g == null) throw err(404, "ResourceNotFoundException", "Schedule group " + req.name() + " does not exist.");
            return GetScheduleGroupResponse.builder().name(g.name).arn(g.arn).state(g.state)
                    .creationDate(Instant.ofEpochMilli(g.createdAt)).lastModificationDate(Instant.ofEpochMilli(g.modifiedAt)).build();
        });
    }

    @Override public ListScheduleGroupsResponse listScheduleGroups(ListScheduleGroupsRequest req) {
        return world.read("scheduler:ListScheduleGroups", this::err, () -> {
            group("default");
            List<ScheduleGroupSummary> out = st().groups.values().stream()
                    .filter(g -> req.namePrefix() == null || g.name.startsWith(req.namePrefix()))
                    .map(g -> ScheduleGroupSummary.builder().name(g.name).arn(g.arn).state(g.state)
                            .creationDate(Instant.ofEpochMilli(g.createdAt)).lastModificationDate(Instant.ofEpochMilli(g.modifiedAt)).build()).toList();
            return ListScheduleGroupsResponse.builder().scheduleGroups(out).build();
        });
    }

    @Override public DeleteScheduleGroupResponse deleteScheduleGroup(DeleteScheduleGroupRequest req) {
        return world.mutate("scheduler:DeleteScheduleGroup", this::err, () -> {
            if ("default".equals(req.name())) throw invalid("Deleting the default schedule group is not allowed.");
            SchedulerState.GroupRec g = group(req.name());
            g.state = "DELETING";
            g.goneAt = world.now().plus(GROUP_DELETION).toEpochMilli();
            st().schedules.values().removeIf(s -> s.groupName.equals(g.name));
            return DeleteScheduleGroupResponse.builder().build();
        });
    }

    @Override public CreateScheduleResponse createSchedule(CreateScheduleRequest req) {
        return world.mutate("scheduler:CreateSchedule", this::err, () -> {
            SchedulerState.ScheduleRec s = new SchedulerState.ScheduleRec();
            s.name = req.name();
            s.groupName = req.groupName() == null ? "default" : req.groupName();
            validate(req.name(), req.scheduleExpression(), req.scheduleExpressionTimezone(), req.flexibleTimeWindow(), req.target());
            group(s.groupName);
            if (st().schedules.containsKey(SchedulerState.key(s.groupName, s.name))) {
                throw err(409, "ConflictException", "Schedule " + s.name + " already exists.");
            }
            s.arn = arn("schedule/" + s.groupName + "/" + s.name);
            s.createdAt = now();
            fill(s, req.scheduleExpression(), req.scheduleExpressionTimezone(), req.stateAsString(), req.description(), req.flexibleTimeWindow(), req.target());
            st().schedules.put(SchedulerState.key(s.groupName, s.name), s);
            return CreateScheduleResponse.builder().scheduleArn(s.arn).build();
        });
    }

    @Override public UpdateScheduleResponse updateSchedule(UpdateScheduleRequest req) {
        return world.mutate("scheduler:UpdateSchedule", this::err, () -> {
            validate(req.name(), req.scheduleExpression(), req.scheduleExpressionTimezone(), req.flexibleTimeWindow(), req.target());
            SchedulerState.ScheduleRec s = schedule(req.groupName(), req.name());
            // UpdateSchedule replaces every field: what the request leaves out goes back to its default.
            fill(s, req.scheduleExpression(), req.scheduleExpressionTimezone(), req.stateAsString(), req.description(), req.flexibleTimeWindow(), req.target());
            return UpdateScheduleResponse.builder().scheduleArn(s.arn).build();
        });
    }

    private void validate(String name, String expression, String timezone, FlexibleTimeWindow window, Target target) {
        checkName(name, "schedule", invalid("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$"));
        if (window == null || window.mode() == null) throw invalid("1 validation error detected: Value null at 'flexibleTimeWindow' failed to satisfy constraint: Member must not be null");
        if (target == null || target.arn() == null || target.roleArn() == null) throw invalid("1 validation error detected: Value null at 'target' failed to satisfy constraint: Member must not be null");
        try {
            dev.gantry.time.ScheduleExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (RuntimeException e) {
                throw invalid("Invalid timezone " + timezone + ".");
            }
        }
        if (target.arn().startsWith("arn:aws:ecs:") && (target.ecsParameters() == null || target.ecsParameters().taskDefinitionArn() == null)) {
            throw invalid("EcsParameters are required for an ECS target.");
        }
    }

    private void fill(SchedulerState.ScheduleRec s, String expression, String timezone, String state, String description, FlexibleTimeWindow window, Target target) {
        s.expression = expression;
        s.timezone = timezone;
        s.state = state == null ? "ENABLED" : state;
        s.description = description;
        s.flexibleMode = window.modeAsString();
        s.flexibleMinutes = window.maximumWindowInMinutes();
        s.targetArn = target.arn();
        s.roleArn = target.roleArn();
        s.input = target.input();
        s.ecs = null;
        EcsParameters p = target.ecsParameters();
        if (p != null) {
            SchedulerState.EcsTarget e = new SchedulerState.EcsTarget();
            e.taskDefinitionArn = p.taskDefinitionArn();
            e.taskCount = p.taskCount() == null ? 1 : p.taskCount();
            e.launchType = p.launchTypeAsString();
            e.group = p.group();
            if (p.networkConfiguration() != null && p.networkConfiguration().awsvpcConfiguration() != null) {
                AwsVpcConfiguration v = p.networkConfiguration().awsvpcConfiguration();
                e.subnets = new ArrayList<>(v.subnets());
                e.securityGroups = new ArrayList<>(v.securityGroups());
                e.assignPublicIp = v.assignPublicIp() == AssignPublicIp.ENABLED;
            }
            if (p.hasTags()) p.tags().forEach(m -> e.tags.putAll(m));
            s.ecs = e;
        }
        s.modifiedAt = s.anchor = now();
        s.evaluatedUpTo = s.anchor - 1;
    }

    private SchedulerState.ScheduleRec schedule(String groupName, String name) {
        String g = groupName == null ? "default" : groupName;
        SchedulerState.ScheduleRec s = st().schedules.get(SchedulerState.key(g, name));
        if (s == null) throw err(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
        return s;
    }

    @Override public GetScheduleResponse getSchedule(GetScheduleRequest req) {
        return world.read("scheduler:GetSchedule", this::err, () -> {
            SchedulerState.ScheduleRec s = schedule(req.groupName(), req.name());
            Target.Builder t = Target.builder().arn(s.targetArn).roleArn(s.roleArn).input(s.input);
            if (s.ecs != null) {
                t.ecsParameters(EcsParameters.builder().taskDefinitionArn(s.ecs.taskDefinitionArn).taskCount(s.ecs.taskCount)
                        .launchType(s.ecs.launchType).group(s.ecs.group).tags(s.ecs.tags.isEmpty() ? List.of() : List.of(Map.copyOf(s.ecs.tags)))
                        .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                                .subnets(s.ecs.subnets).securityGroups(s.ecs.securityGroups)
                                .assignPublicIp(s.ecs.assignPublicIp ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build()).build()).build());
            }
            return GetScheduleResponse.builder().name(s.name).groupName(s.groupName).arn(s.arn).scheduleExpression(s.expression)
                    .scheduleExpressionTimezone(s.timezone).state(s.state).description(s.description)
                    .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(s.flexibleMode).maximumWindowInMinutes(s.flexibleMinutes).build())
                    .target(t.build()).creationDate(Instant.ofEpochMilli(s.createdAt)).lastModificationDate(Instant.ofEpochMilli(s.modifiedAt)).build();
        });
    }

    @Override public ListSchedulesResponse listSchedules(ListSchedulesRequest req) {
        return world.read("scheduler:ListSchedules", this::err, () -> {
            List<ScheduleSummary> out = st().schedules.values().stream()
                    .filter(s -> req.groupName() == null || s.groupName.equals(req.groupName()))
                    .filter(s -> req.namePrefix() == null || s.name.startsWith(req.namePrefix()))
                    .filter(s -> req.state() == null || s.state.equals(req.stateAsString()))
                    .map(s -> ScheduleSummary.builder().name(s.name).groupName(s.groupName).arn(s.arn).state(s.state)
                            .target(TargetSummary.builder().arn(s.targetArn).build())
                            .creationDate(Instant.ofEpochMilli(s.createdAt)).lastModificationDate(Instant.ofEpochMilli(s.modifiedAt)).build()).toList();
            return ListSchedulesResponse.builder().schedules(out).build();
        });
    }

    @Override public DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest req) {
        return world.mutate("scheduler:DeleteSchedule", this::err, () -> {
            SchedulerState.ScheduleRec s = schedule(req.groupName(), req.name());
            st().schedules.remove(SchedulerState.key(s.groupName, s.name));
            return DeleteScheduleResponse.builder().build();
        });
    }

    /** Only schedule groups carry tags. */
    private SchedulerState.GroupRec taggable(String arn) {
        purge();
        return st().groups.values().stream().filter(g -> g.arn.equals(arn)).findFirst()
                .orElseThrow(() -> err(404, "ResourceNotFoundException", "Resource " + arn + " does not exist."));
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("scheduler:ListTagsForResource", this::err, () -> ListTagsForResourceResponse.builder()
                .tags(taggable(req.resourceArn()).tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build());
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("scheduler:TagResource", this::err, () -> {
            SchedulerState.GroupRec g = taggable(req.resourceArn());
            // Scheduler TagResource answers a broken tag rule with ValidationException.
            TagRules.put(g.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.SCHEDULER);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public UntagResourceResponse untagResource(UntagResourceRequest req) {
        return world.mutate("scheduler:UntagResource", this::err, () -> {
            SchedulerState.GroupRec g = taggable(req.resourceArn());
            req.tagKeys().forEach(g.tags::remove);
            return UntagResourceResponse.builder().build();
        });
    }
}

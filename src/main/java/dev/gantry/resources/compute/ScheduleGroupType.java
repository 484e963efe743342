package dev.gantry.resources.compute;

import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.plan.Piece;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code schedule-group.main}: the app's EventBridge Scheduler group, named after the app. It is
 * what makes the app's schedules the app's: schedules cannot be tagged, the group can. Deleting it
 * deletes its schedules too (asynchronously: it reads DELETING for a while).
 */
final class ScheduleGroupType implements ResourceType {
    @Override public String type() { return "schedule-group"; }
    @Override public String noun() { return "schedule group"; }
    @Override public Piece piece() { return Piece.JOBS; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static Optional<Map<String, String>> tagsOf(ResourceContext ctx, String name) {
        GetScheduleGroupResponse g;
        try {
            g = ctx.aws().scheduler().getScheduleGroup(b -> b.name(name));
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
        if (!"ACTIVE".equals(g.stateAsString())) return Optional.empty();
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        ctx.aws().scheduler().listTagsForResource(b -> b.resourceArn(g.arn())).tags().forEach(t -> tags.put(t.key(), t.value()));
        tags.put("__arn", g.arn());
        return Optional.of(tags);
    }

    /** Whether the app's group exists (the app's schedules are the ones in it). */
    static boolean owned(ResourceContext ctx) {
        if (ctx.aws().scheduler() == null) return false;
        return appGroup(ctx).flatMap(t -> ctx.ownAddress(t, "schedule-group")).isPresent();
    }

    /** The group named after the app, read once per refresh (the schedules' refresh asks too). */
    private static Optional<Map<String, String>> appGroup(ResourceContext ctx) {
        return ctx.reads().get("scheduler:group:" + ctx.app(), () -> tagsOf(ctx, ctx.app()));
    }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (ctx.aws().scheduler() == null) return List.of();
        Optional<Map<String, String>> tags = appGroup(ctx);
        if (tags.isEmpty() || ctx.ownAddress(tags.get(), "schedule-group").isEmpty()) return List.of();
        return List.of(observed(ctx.app(), tags.get().get("__arn")));
    }

    private static Observed observed(String name, String arn) {
        return new Observed(Addresses.SCHEDULE_GROUP, name, Props.props().put("name", name).build(), Map.of("id", name, "arn", arn, "name", name));
    }

    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return tagsOf(ctx, name).map(t -> {
            Map<String, String> tags = new java.util.LinkedHashMap<>(t);
            String arn = tags.remove("__arn");
            return new Claim(observed(name, arn), "the schedule group " + name, tags, "app");
        });
    }

    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().scheduler().tagResource(b -> b.resourceArn(existing.output("arn")).tags(tags(ctx, desired)));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tags(ResourceContext ctx, Desired desired) {
        return ctx.tags(desired.address()).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> {
            String name = Props.str(props, "name");
            try {
                String arn = ctx.aws().scheduler().createScheduleGroup(b -> b.name(name).tags(tags(ctx, desired))).scheduleGroupArn();
                return StepResult.done(observed(name, arn));
            } catch (software.amazon.awssdk.services.scheduler.model.ConflictException e) {
                // Sent again after a lost reply: the group there counts as made only when it carries the app's tags.
                Map<String, String> there = tagsOf(ctx, name).orElseThrow(() -> e);
                if (ctx.ownAddress(there, type()).isEmpty()) throw e;
                return StepResult.done(observed(name, there.get("__arn")));
            }
        };
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            // AWS deletes a group's schedules with it: a person's schedule in the app's group would go too.
            List<String> others;
            try {
                others = ScheduleType.others(ctx);
            } catch (ResourceNotFoundException gone) {
                return StepResult.done(current);
            }
            if (!others.isEmpty()) {
                throw new dev.gantry.aws.AwsFailure(dev.gantry.aws.AwsFailure.Kind.OTHER, "schedule group " + current.id()
                        + " also holds schedules gantry did not make (" + String.join(", ", others)
                        + "), and deleting the group would delete them: gantry leaves it",
                        "move or delete those schedules yourself, then run 'gantry destroy' again");
            }
            try {
                ctx.aws().scheduler().deleteScheduleGroup(b -> b.name(current.id()));
            } catch (ResourceNotFoundException gone) {
                return StepResult.done(current);
            }
            return Poll.until(ctx, "schedule group " + current.id() + " to be deleted", Duration.ofMinutes(5),
                    "check it in the EventBridge Scheduler console, then run 'gantry destroy' again",
                    () -> {
                        try {
                            ctx.aws().scheduler().getScheduleGroup(b -> b.name(current.id()));
                            return Optional.empty();
                        } catch (ResourceNotFoundException gone) {
                            return Optional.of(current);
                        }
                    }).run();
        };
    }
}

package dev.gantry.ops;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.spec.Job;
import dev.gantry.spec.Spec;
import dev.gantry.text.Untrusted;
import dev.gantry.time.ScheduleExpression;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What status says of each scheduled job: its schedule as EventBridge Scheduler holds it, the next
 * run (computed from the expression in its time zone), and its last run, from the tasks ECS shows
 * in the job's task group {@code job:NAME} (ECS keeps a stopped task for about an hour).
 */
final class JobRuns {
    private JobRuns() {}

    static List<StatusReport.JobStatus> of(AwsClients aws, Spec spec, Instant now) {
        if (spec.jobs().isEmpty() || aws.scheduler() == null) return List.of();
        List<Task> tasks = jobTasks(aws, spec);
        List<StatusReport.JobStatus> out = new ArrayList<>();
        for (Job job : spec.jobs().values()) {
            GetScheduleResponse s;
            try {
                s = aws.scheduler().getSchedule(b -> b.groupName(spec.app()).name(job.name()));
            } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException none) {
                out.add(new StatusReport.JobStatus(job.name(), job.schedule(), job.timezone() == null ? "UTC" : job.timezone(), false, false, null, last(tasks, job)));
                continue;
            } catch (RuntimeException e) {
                throw AwsErrors.translate("reading the schedule of job " + job.name(), e);
            }
            String zone = s.scheduleExpressionTimezone() == null ? "UTC" : s.scheduleExpressionTimezone();
            boolean enabled = "ENABLED".equals(s.stateAsString());
            Instant next = null;
            if (enabled) {
                try {
                    Instant anchor = s.lastModificationDate() != null ? s.lastModificationDate() : s.creationDate();
                    next = ScheduleExpression.parse(s.scheduleExpression()).next(anchor, now, ZoneId.of(zone));
                } catch (RuntimeException unreadable) {
                    next = null;
                }
            }
            out.add(new StatusReport.JobStatus(job.name(), Untrusted.text(s.scheduleExpression()), zone, true, enabled, next, last(tasks, job)));
        }
        return out;
    }

    private static List<Task> jobTasks(AwsClients aws, Spec spec) {
        String cluster = spec.cluster().name();
        List<String> arns = new ArrayList<>();
        try {
            arns.addAll(aws.ecs().listTasks(b -> b.cluster(cluster).desiredStatus(DesiredStatus.STOPPED)).taskArns());
            arns.addAll(aws.ecs().listTasks(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).taskArns());
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException none) {
            return List.of();
        }
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> page = arns.subList(i, Math.min(arns.size(), i + 100));
            aws.ecs().describeTasks(b -> b.cluster(cluster).tasks(page)).tasks().stream()
                    .filter(t -> t.group() != null && t.group().startsWith("job:")).forEach(out::add);
        }
        return out;
    }

    private static StatusReport.JobRun last(List<Task> tasks, Job job) {
        Task t = tasks.stream().filter(x -> ("job:" + job.name()).equals(x.group()))
                .max(Comparator.comparing(Task::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))).orElse(null);
        if (t == null) return null;
        String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
        Integer exit = JobTimeouts.exitCode(t);
        boolean running = !"STOPPED".equals(t.lastStatus());
        return new StatusReport.JobRun(id, t.createdAt(), t.startedAt(), t.stoppedAt(), running, exit,
                t.stoppedReason() == null ? null : Untrusted.text(t.stoppedReason()), JobTimeouts.timedOut(t),
                job.timeout() == null ? null : Job.duration(job.timeout()));
    }

    /** The problem a job's last run is, in plain words, or null when it went well (or is still running). */
    static String problem(StatusReport.JobStatus j) {
        if (!j.deployed()) return "job " + j.name() + " has no schedule: 'gantry apply' creates it";
        StatusReport.JobRun r = j.lastRun();
        if (r == null || r.running() || Integer.valueOf(0).equals(r.exitCode())) return null;
        String when = r.createdAt() == null ? "" : " (" + r.createdAt() + ")";
        if (r.timedOut()) {
            return "job " + j.name() + "'s last run" + when + " " + r.timedOutWords() + ": ECS stopped it; raise timeout in gantry.yaml if it needs longer, "
                    + "'gantry logs --task " + r.taskId().substring(0, Math.min(8, r.taskId().length())) + "' shows how far it got";
        }
        if (r.exitCode() != null) {
            return "job " + j.name() + "'s last run" + when + " failed: its command exited with code " + r.exitCode()
                    + "; 'gantry logs --task " + r.taskId().substring(0, Math.min(8, r.taskId().length())) + "' shows why";
        }
        return "job " + j.name() + "'s last run" + when + " never started its command: " + (r.stoppedReason() == null ? "ECS gave no reason" : r.stoppedReason());
    }
}

package dev.gantry.diagnose;

import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

import java.time.Duration;
import java.util.Optional;

/**
 * How an ECS service's rollout stands, judged in this one place for everyone who asks: apply (the
 * service's {@code rollout} prop, a re-run's decision to watch or start again, the rollout watch),
 * status, and the day-two commands' watch ({@code ops.RolloutWait}). Two questions have a verdict:
 * {@link #latest} (the service's newest deployment at a glance, from one DescribeServices) and
 * {@link #watched} (one deployment gantry watches, with its stopped tasks).
 */
public sealed interface RolloutVerdict {
    /** The words of a finished rollout: what the spec always wants the {@code rollout} prop to read. */
    String COMPLETED = "completed";

    /** The deployment judged; null when the service has none. */
    String deploymentId();

    /** Its tasks; null when ECS no longer lists the deployment. */
    Tasks tasks();

    /** Plain words, as plan shows the {@code rollout} prop: "in progress (hello:4, 1 of 2 tasks running)". */
    String words();

    /** ECS completed it, with the tasks it wants running (or no deployment to judge). */
    record Completed(String deploymentId, Tasks tasks) implements RolloutVerdict {
        @Override public String words() { return COMPLETED; }
    }

    /** ECS is still rolling it out and nothing of it has failed yet. */
    record InProgress(String deploymentId, Tasks tasks) implements RolloutVerdict {
        @Override public String words() { return "in progress (" + tasks.words() + ")"; }
    }

    /** Not in progress by ECS's account, yet none of its wanted tasks runs (and none failed). */
    record NotRunning(String deploymentId, Tasks tasks) implements RolloutVerdict {
        @Override public String words() { return "not running (" + tasks.words() + ")"; }
    }

    /** Its tasks fail and none runs, while ECS goes on trying; {@code why} is the first failure explained, once read. */
    record Failing(String deploymentId, Tasks tasks, Diagnosis why) implements RolloutVerdict {
        @Override public String words() { return "failing (" + tasks.words() + ")"; }
    }

    /**
     * Over and not done: ECS failed it (circuit breaker), or the watch saw a task of it fail, or
     * it gave up waiting; {@code why} says which, once read.
     */
    record Failed(String deploymentId, Tasks tasks, Diagnosis why) implements RolloutVerdict {
        @Override public String words() { return tasks == null ? "failed" : "failed (" + tasks.words() + ")"; }
    }

    /** One deployment's tasks and the revision they run. */
    record Tasks(String revision, int desired, int running, int failed) {
        public String words() {
            return revision + ", " + running + " of " + desired + " task" + (desired == 1 ? "" : "s") + " running"
                    + (failed > 0 ? ", " + failed + " failed" : "");
        }
    }

    /** Whether apply starts this rollout again (a new deployment of the same revision) rather than watching it. */
    default boolean startAgain() { return this instanceof Failed || this instanceof Failing; }

    /**
     * Whether a {@code rollout} prop read in the plan (the {@link #words} of a {@link #latest}
     * verdict) is one apply starts again: the plan carries the words, not the verdict.
     */
    static boolean startsAgain(String words) { return words.startsWith("failed") || words.startsWith("failing"); }

    /**
     * The service's latest (PRIMARY) deployment: Completed when ECS completed it and, if any task is
     * wanted, some run; Failed when ECS's circuit breaker failed it; Failing when its tasks failed and
     * none runs; InProgress while ECS rolls it out; NotRunning when it wants tasks and runs none.
     * Emulators without rollout states count as done once tasks run. {@code why} is not read here.
     */
    static RolloutVerdict latest(Service s) {
        Deployment d = s.deployments().stream().filter(x -> "PRIMARY".equals(x.status())).findFirst().orElse(null);
        if (d == null) return new Completed(null, null);
        Tasks t = new Tasks(revision(d.taskDefinition()), n(d.desiredCount()), n(d.runningCount()), n(d.failedTasks()));
        String state = d.rolloutStateAsString();
        if ("FAILED".equals(state)) return new Failed(d.id(), t, null);
        if (t.failed() > 0 && t.running() == 0 && t.desired() > 0) return new Failing(d.id(), t, null);
        if ("IN_PROGRESS".equals(state)) return new InProgress(d.id(), t);
        if (t.desired() > 0 && t.running() == 0) return new NotRunning(d.id(), t);
        return new Completed(d.id(), t);
    }

    /**
     * {@code deploymentId} as a watch sees it in {@code snap}: Failed at the first of its tasks that
     * failed (explained), or when ECS failed it or no longer lists it (the circuit breaker's words);
     * Completed when ECS completed it with all its tasks running and no other deployment left;
     * else InProgress. A watch that runs out of time says so with {@link #timedOut}.
     */
    static RolloutVerdict watched(RolloutSnapshot snap, String deploymentId, Explainer.Context explain) {
        RolloutSnapshot.Deployment d = RolloutWatcher.find(snap, deploymentId);
        Tasks t = d == null ? null : new Tasks(d.taskDefinitionRevision(), d.desired(), d.running(), d.failed());
        Optional<RolloutSnapshot.StoppedTask> failed = RolloutWatcher.firstFailure(snap);
        if (failed.isPresent()) return new Failed(deploymentId, t, Explainer.explain(failed.get(), snap.events(), explain));
        if (d == null || "FAILED".equals(d.rolloutState())) return new Failed(deploymentId, t, Explainer.circuitBreaker(snap, explain));
        if ("COMPLETED".equals(d.rolloutState()) && d.running() == d.desired() && snap.deployments().size() == 1) return new Completed(deploymentId, t);
        return new InProgress(deploymentId, t);
    }

    /** A watch that waited {@code waited} without an end. */
    static Failed timedOut(RolloutSnapshot snap, String deploymentId, Duration waited, Explainer.Context explain) {
        RolloutSnapshot.Deployment d = RolloutWatcher.find(snap, deploymentId);
        Tasks t = d == null ? null : new Tasks(d.taskDefinitionRevision(), d.desired(), d.running(), d.failed());
        return new Failed(deploymentId, t, Explainer.timedOut(snap, waited, explain));
    }

    /**
     * Why a rollout in trouble is: its first failed task in {@code snap}, explained; else, when ECS
     * failed it, the circuit breaker's words; else nothing yet (it still tries).
     */
    static Optional<Diagnosis> why(RolloutVerdict verdict, RolloutSnapshot snap, Explainer.Context explain) {
        Optional<RolloutSnapshot.StoppedTask> failed = RolloutWatcher.firstFailure(snap);
        if (failed.isPresent()) return Optional.of(Explainer.explain(failed.get(), snap.events(), explain));
        if (verdict instanceof Failed) return Optional.of(Explainer.circuitBreaker(snap, explain));
        return Optional.empty();
    }

    private static String revision(String taskDefinitionArn) {
        return taskDefinitionArn == null ? "nothing" : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    private static int n(Integer i) { return i == null ? 0 : i; }
}

package dev.gantry.resources;

import dev.gantry.plan.Address;
import dev.gantry.plan.Observed;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A delete that meets "still in use" waits for AWS to let go, up to 15 minutes, and nothing else. */
class PollWhileInUseTest {
    final VirtualScheduler time = new VirtualScheduler();
    boolean stopping;
    final ProgressSink sink = new ProgressSink() {
        @Override public void rollout(dev.gantry.diagnose.RolloutSnapshot snapshot) {}
        @Override public void info(String message) {}
        @Override public boolean stopping() { return stopping; }
    };
    final ResourceContext ctx = new ResourceContext(null, null, "123456789012", time, SecretValues.none(), sink);
    final Observed gone = new Observed(Address.of("security-group", "service"), "sg-1", Map.of(), Map.of("id", "sg-1"));
    final List<String> waits = new ArrayList<>();

    static Ec2Exception error(String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(400).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("resource sg-1 has a dependent object").build()).build();
    }

    /** Runs the step as the executor does: each wait on the virtual clock, until it ends. */
    Observed run(Step step) throws Exception {
        while (true) {
            StepResult r = step.run();
            if (r instanceof StepResult.Done d) return d.result();
            StepResult.Wait w = (StepResult.Wait) r;
            waits.add(w.waitingFor());
            time.advance(w.after());
            step = w.next();
        }
    }

    @Test void a_delete_still_in_use_is_tried_again_until_aws_lets_go() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Step delete = () -> {
            if (calls.incrementAndGet() <= 3) throw error("DependencyViolation");
            return StepResult.done(gone);
        };
        var start = time.now();

        assertThat(run(Poll.whileInUse(ctx, delete))).isEqualTo(gone);
        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Poll.IN_USE, Poll.IN_USE, Poll.IN_USE);
        assertThat(Duration.between(start, time.now())).isEqualTo(Duration.ofSeconds(15));
    }

    @Test void after_fifteen_minutes_the_answer_stands() {
        AtomicInteger calls = new AtomicInteger();
        Step delete = () -> {
            calls.incrementAndGet();
            throw error("DependencyViolation");
        };
        var start = time.now();

        assertThatThrownBy(() -> run(Poll.whileInUse(ctx, delete))).isInstanceOf(Ec2Exception.class).hasMessageContaining("DependencyViolation");
        assertThat(Duration.between(start, time.now())).isEqualTo(Poll.IN_USE_PATIENCE);
        assertThat(calls).hasValue((int) (Poll.IN_USE_PATIENCE.toSeconds() / 5) + 1);
    }

    @Test void any_other_failure_ends_it_at_once() {
        Step delete = () -> { throw error("UnauthorizedOperation"); };
        assertThatThrownBy(() -> run(Poll.whileInUse(ctx, delete))).hasMessageContaining("UnauthorizedOperation");
        assertThat(waits).isEmpty();
    }

    @Test void a_run_asked_to_stop_does_not_wait() {
        stopping = true;
        Step delete = () -> { throw error("DependencyViolation"); };
        assertThatThrownBy(() -> run(Poll.whileInUse(ctx, delete))).hasMessageContaining("DependencyViolation");
        assertThat(waits).isEmpty();
    }

    @Test void the_deletes_own_waits_pass_through_and_share_the_patience() throws Exception {
        // Deleting (a wait of its own), then "in use" once the call is made again: the clock started at the first refusal.
        AtomicInteger calls = new AtomicInteger();
        Step[] delete = new Step[1];
        delete[0] = () -> {
            int n = calls.incrementAndGet();
            if (n == 1) throw error("DependencyViolation");
            if (n == 2) return StepResult.waitThen(Duration.ofMinutes(14), "the tasks to stop", delete[0]);
            throw error("DependencyViolation");
        };
        var start = time.now();
        assertThatThrownBy(() -> run(Poll.whileInUse(ctx, delete[0]))).hasMessageContaining("DependencyViolation");
        assertThat(waits.get(1)).isEqualTo("the tasks to stop");
        // 5 s, 14 min, then every 5 s from 14:05 until 15:00.
        assertThat(waits).hasSize(1 + 1 + 11);
        assertThat(Duration.between(start, time.now())).isEqualTo(Poll.IN_USE_PATIENCE);
    }
}

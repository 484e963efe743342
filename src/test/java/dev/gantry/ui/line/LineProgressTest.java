package dev.gantry.ui.line;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.Fixtures;
import dev.gantry.ui.Operation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.gantry.ui.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class LineProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String text() { return bytes.toString(StandardCharsets.UTF_8); }

    @Test
    void printsOneStampedLinePerEventThenTheSummary() {
        LineProgress p = new LineProgress(Operation.apply("hello", "us-east-1"), out, Ansi.NONE, new Fixtures.Clock());
        p.on(new ApplyEvent.Planned(s(0), plan()));
        p.on(new ApplyEvent.Started(s(1), VPC));
        p.on(new ApplyEvent.Done(s(3), VPC, s(2)));
        p.on(new ApplyEvent.Started(s(4), NAT));
        p.on(new ApplyEvent.Waiting(s(5), NAT, "waiting for NAT gateway to become available"));
        p.on(new ApplyEvent.Retrying(s(6), LB, "Rate exceeded", 2));
        p.on(new ApplyEvent.Failed(s(65), LB, "TooManyLoadBalancers: the account's limit is reached", "ask AWS for a higher quota"));
        p.on(new ApplyEvent.Skipped(s(65), SERVICE, "depends on load-balancer.main, which failed"));
        p.on(new ApplyEvent.Info(s(66), "waiting for calls in flight"));
        p.on(new ApplyEvent.Finished(s(100), failedResult(s(100))));

        assertThat(text()).isEqualTo("""
                [     0s] Plan: 7 to add, 1 to change, 0 to replace, 0 to destroy.
                [     1s] + vpc.main  VPC: your private network … creating
                [     3s] + vpc.main  VPC: your private network … created (2s)
                [     4s] + nat-gateway.nat-0  NAT gateway: lets tasks reach the internet … creating
                [     5s] + nat-gateway.nat-0  NAT gateway: lets tasks reach the internet … waiting for NAT gateway to become available
                [     6s] + load-balancer.main  Load balancer: takes your users' traffic … retrying (attempt 2): Rate exceeded
                [  1m05s] + load-balancer.main  Load balancer: takes your users' traffic … failed: TooManyLoadBalancers: the account's limit is reached
                            fix: ask AWS for a higher quota
                [  1m05s] + service.main  ECS service: keeps your tasks running … skipped: depends on load-balancer.main, which failed
                [  1m06s] waiting for calls in flight
                [  1m40s] ✗ failed after 1m40s: 1 failed, 2 skipped

                ✗ Apply failed after 1m40s.

                What failed:
                  ✗ load-balancer.main  Load balancer: takes your users' traffic
                      TooManyLoadBalancers: the account's limit is reached
                      fix: ask AWS for a higher quota

                What was left:
                  3 created, 1 updated, 0 replaced, 0 destroyed
                  1 failed: load-balancer.main
                  1 not started because something it needs failed: service.main (needs load-balancer.main)
                  1 still in progress when gantry stopped: nat-gateway.nat-0
                  4 not started: subnet.public-0, security-group.service, task-definition.main, scaling-target.main

                Fix the problem above, then continue with:
                  gantry apply
                """);
    }

    @Test
    void coloursOnlyWhenAskedAndTheEnvironmentAllows() {
        LineProgress p = new LineProgress(Operation.apply("hello", "us-east-1"), out, new Ansi(true), new Fixtures.Clock());
        p.on(new ApplyEvent.Done(s(3), VPC, s(2)));
        assertThat(text()).isEqualTo("\u001b[2m[     3s] \u001b[0m\u001b[32m+\u001b[0m vpc.main  VPC: your private network … "
                + "\u001b[32mcreated\u001b[0m (2s)\n");

        assertThat(Ansi.detect(Map.of("TERM", "xterm-256color"), true).enabled()).isTrue();
        assertThat(Ansi.detect(Map.of("TERM", "xterm-256color", "NO_COLOR", "1"), true).enabled()).isFalse();
        assertThat(Ansi.detect(Map.of("TERM", "dumb"), true).enabled()).isFalse();
        assertThat(Ansi.detect(Map.of("TERM", "xterm"), false).enabled()).isFalse();
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        LineProgress p = new LineProgress(Operation.apply("hello", "us-east-1"), out, Ansi.NONE, new Fixtures.Clock());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            fs.add(pool.submit(() -> p.on(new ApplyEvent.Failed(s(1), LB, "boom", "fix it"))));
        }
        for (var f : fs) f.get();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        String[] lines = text().split("\n");
        assertThat(lines).hasSize(800);
        for (int i = 0; i < lines.length; i += 2) {
            assertThat(lines[i]).endsWith("failed: boom");
            assertThat(lines[i + 1]).isEqualTo("            fix: ask AWS".substring(0, 12) + "fix: fix it");
        }
    }
}

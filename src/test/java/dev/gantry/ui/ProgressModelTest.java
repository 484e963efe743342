package dev.gantry.ui;

import dev.gantry.engine.ApplyEvent;
import dev.gantry.plan.Piece;
import dev.gantry.ui.ProgressModel.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.gantry.ui.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProgressModelTest {
    private final Fixtures.Clock clock = new Fixtures.Clock();
    private final ProgressModel model = new ProgressModel(clock);

    @Test
    void aFreshPlanIsAllWaitingAndTheEstimateIsItsCriticalPath() {
        model.on(new ApplyEvent.Planned(s(0), plan()));
        ProgressModel.Snapshot s = model.snapshot();

        assertThat(s.counts()).isEqualTo(new ProgressModel.Counts(8, 8, 0, 0, 0, 0));
        // vpc 2 + subnet 2 + load balancer 185 + service 90 + scaling 2; the NAT path (2+2+95+90+2) is shorter
        assertThat(s.remaining()).isEqualTo(s(281));
    }

    @Test
    void theEstimateSubtractsWhatRunningRowsHaveSpentAndIgnoresFinishedOnes() {
        model.on(new ApplyEvent.Planned(s(0), plan()));
        for (var c : List.of(VPC, SUBNET, SG, TASK)) {
            model.on(new ApplyEvent.Started(s(1), c));
            model.on(new ApplyEvent.Done(s(3), c, s(2)));
        }
        model.on(new ApplyEvent.Started(s(10), LB));
        model.on(new ApplyEvent.Started(s(10), NAT));
        clock.advance(s(60)); // 60 s after the first event, which was at 0

        ProgressModel.Snapshot s = model.snapshot();
        assertThat(s.elapsed()).isEqualTo(s(60));
        // load balancer: 185 - 50 spent = 135, then service 90 and scaling 2
        assertThat(s.remaining()).isEqualTo(s(227));
        assertThat(s.counts()).isEqualTo(new ProgressModel.Counts(8, 2, 2, 4, 0, 0));
    }

    @Test
    void aLaterPlanOfTheSameRunStartsItsRowsAfresh() {
        model.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("hello", List.of(VPC, SUBNET), List.of())));
        var deleteVpc = new dev.gantry.plan.Change(VPC.address(), dev.gantry.plan.Action.DELETE, VPC.piece(), VPC.description(),
                null, null, List.of(), "destroy", java.util.Set.of());
        model.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("hello", List.of(deleteVpc), List.of())));
        model.on(new ApplyEvent.Started(s(1), deleteVpc));
        model.on(new ApplyEvent.Done(s(2), deleteVpc, s(1)));
        assertThat(model.snapshot().rows()).filteredOn(r -> r.change().address().equals(VPC.address())).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(State.DONE));
        // The rebuild: the VPC is to be made again, so its row waits again, as a create.
        model.on(new ApplyEvent.Planned(s(2), new dev.gantry.plan.Plan("hello", List.of(VPC), List.of())));
        assertThat(model.snapshot().rows()).filteredOn(r -> r.change().address().equals(VPC.address())).singleElement()
                .satisfies(r -> {
                    assertThat(r.state()).isEqualTo(State.PENDING);
                    assertThat(r.change().action()).isEqualTo(dev.gantry.plan.Action.CREATE);
                });
    }

    @Test
    void aRowRunningLongerThanTypicalCostsNothingMore() {
        model.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("hello", List.of(NAT), List.of())));
        model.on(new ApplyEvent.Started(s(0), NAT));
        clock.advance(s(300));
        assertThat(model.snapshot().remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void rowsBehindAFailureDropOutOfTheEstimate() {
        model.on(new ApplyEvent.Planned(s(0), plan()));
        for (var c : List.of(VPC, SUBNET, SG, TASK)) model.on(new ApplyEvent.Done(s(3), c, s(2)));
        model.on(new ApplyEvent.Started(s(3), LB));
        model.on(new ApplyEvent.Failed(s(5), LB, "TooManyLoadBalancers", "ask AWS for a higher quota"));

        // only the NAT gateway can still run; the service and its scaling wait on the failed load balancer
        assertThat(model.snapshot().remaining()).isEqualTo(s(95));
    }

    @Test
    void rowsFollowTheirEventsAndGroupByPieceInEnumOrder() {
        model.on(new ApplyEvent.Planned(s(0), plan()));
        model.on(new ApplyEvent.Started(s(1), NAT));
        model.on(new ApplyEvent.Waiting(s(2), NAT, "waiting for NAT gateway to become available"));
        model.on(new ApplyEvent.Started(s(1), LB));
        model.on(new ApplyEvent.Failed(s(4), LB, "TooManyLoadBalancers", "raise the quota"));
        model.on(new ApplyEvent.Skipped(s(4), SERVICE, "depends on load-balancer.main, which failed"));

        ProgressModel.Snapshot s = model.snapshot();
        ProgressModel.Row nat = s.rows().stream().filter(r -> r.change() == NAT).findFirst().orElseThrow();
        assertThat(nat.state()).isEqualTo(State.RUNNING);
        assertThat(nat.waitingFor()).isEqualTo("waiting for NAT gateway to become available");
        assertThat(nat.startedAt()).isEqualTo(s(1));
        ProgressModel.Row lb = s.rows(State.FAILED).get(0);
        assertThat(lb.message()).isEqualTo("TooManyLoadBalancers");
        assertThat(lb.fix()).isEqualTo("raise the quota");
        assertThat(lb.elapsed(s.elapsed())).isEqualTo(s(3));
        assertThat(s.rows(State.SKIPPED)).extracting(ProgressModel.Row::change).containsExactly(SERVICE);
        assertThat(s.groups().keySet()).containsExactly(Piece.NETWORK.title(), Piece.SECURITY.title(), Piece.LOAD_BALANCER.title(),
                Piece.TASK.title(), Piece.SERVICE.title());
        assertThat(s.counts().fraction()).isEqualTo(2.0 / 8);
    }

    /** Several services (spec version 2): each service's own rows under its name first, then what they share by piece. */
    @Test
    void severalServicesAreGroupedByServiceThenTheSharedPieces() {
        var web = create("service.web", Piece.SERVICE, "ECS service shop-web");
        var webTask = create("task-definition.web", Piece.TASK, "web: nginx");
        var webRule = create("listener-rule.web-0", Piece.LOAD_BALANCER, "Listener rule: sends www.example.com to web");
        var api = create("service.api", Piece.SERVICE, "ECS service shop-api");
        var apiAlarm = create("alarm.api-cpu-high", Piece.ALERTS, "alarm shop-api-cpu-high");
        var lbAlarm = create("alarm.5xx-app", Piece.ALERTS, "alarm shop-5xx-app");
        model.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("shop", List.of(VPC, LB, web, webTask, webRule, api, apiAlarm, lbAlarm), List.of())));
        var groups = model.snapshot().groups();
        assertThat(groups.keySet()).containsExactly("Service api", "Service web", Piece.NETWORK.title(), Piece.LOAD_BALANCER.title(), Piece.ALERTS.title());
        assertThat(groups.get("Service web")).extracting(r -> r.change().address().toString())
                .containsExactlyInAnyOrder("service.web", "task-definition.web", "listener-rule.web-0");
        assertThat(groups.get("Service api")).extracting(r -> r.change().address().toString()).containsExactlyInAnyOrder("service.api", "alarm.api-cpu-high");
        assertThat(groups.get(Piece.ALERTS.title())).extracting(r -> r.change().address().toString()).containsExactly("alarm.5xx-app");
    }

    @Test
    void elapsedTicksBetweenEventsAndStopsAtFinished() {
        clock.advance(s(5));
        model.on(new ApplyEvent.Planned(s(2), plan())); // the run began 2 s before this event
        clock.advance(s(10));
        assertThat(model.snapshot().elapsed()).isEqualTo(s(12));

        model.on(new ApplyEvent.Finished(s(20), success(s(20))));
        clock.advance(s(100));
        ProgressModel.Snapshot s = model.snapshot();
        assertThat(s.elapsed()).isEqualTo(s(20));
        assertThat(s.remaining()).isEqualTo(Duration.ZERO);
        assertThat(s.finished()).isTrue();
    }

    @Test
    void theLogHasOneStampedLinePerEventAndSaysEachRolloutChangeOnce() {
        model.on(new ApplyEvent.Planned(s(0), plan()));
        model.on(new ApplyEvent.Done(s(65), VPC, s(2)));
        model.on(new ApplyEvent.Failed(s(66), LB, "TooManyLoadBalancers", "raise the quota"));
        model.on(new ApplyEvent.Rollout(s(70), rollout()));
        int afterFirstRollout = model.snapshot().log().size();
        model.on(new ApplyEvent.Rollout(s(75), rollout()));

        List<String> log = model.snapshot().log();
        assertThat(log.size()).isEqualTo(afterFirstRollout);
        assertThat(log.subList(0, 4)).containsExactly(
                "[     0s] Plan: 7 to add, 1 to change, 0 to replace, 0 to destroy.",
                "[  1m05s] + vpc.main  VPC: your private network … created (2s)",
                "[  1m06s] + load-balancer.main  Load balancer: takes your users' traffic … failed: TooManyLoadBalancers",
                "            fix: raise the quota");
        assertThat(log.get(4)).startsWith("[  1m10s] rollout hello: rev 4 PRIMARY IN_PROGRESS, 0/2 running");
        assertThat(log.subList(5, 8)).containsExactly(
                "            ECS: (service hello) registered 2 targets in (target-group hello).",
                "            ECS: (service hello) has started 1 tasks: (task 0123abcd).",
                "            task 0123abcdef987654 stopped: TaskFailedToStart: ResourceInitializationError: unable to pull secrets");
    }

    @Test
    void concurrentEventsAreAllCounted() throws Exception {
        List<dev.gantry.plan.Change> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) many.add(create("subnet.s-" + i, Piece.NETWORK, "subnet " + i));
        model.on(new ApplyEvent.Planned(s(0), new dev.gantry.plan.Plan("hello", many, List.of())));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (var c : many) {
            pool.submit(() -> {
                go.await();
                model.on(new ApplyEvent.Started(s(1), c));
                model.snapshot();
                model.on(new ApplyEvent.Done(s(2), c, s(1)));
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(model.snapshot().counts().done()).isEqualTo(200);
        assertThat(model.snapshot().log()).hasSize(401);
    }
}

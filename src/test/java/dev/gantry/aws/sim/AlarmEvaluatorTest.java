package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch's alarm evaluation on its own: CloudWatch's, ECS's, ELB's, EC2's and SNS's state, an
 * ECS scheduler of its own and an account, no world. The alarm watches an ECS service that runs
 * no task, so every period has no datapoint: what the alarm does then is its treatMissingData
 * ("Configuring how CloudWatch alarms treat missing data", CloudWatch User Guide).
 */
class AlarmEvaluatorTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final StandaloneAccount account = new StandaloneAccount(clock, SimLatency.realistic());
    private final CloudWatchState cloudWatch = new CloudWatchState();
    private final EcsState ecs = new EcsState();
    private final LogsState logs = new LogsState();
    private final SnsState sns = new SnsState();
    private final FakeNeighbours net = FakeNeighbours.ready();
    private final EcsScheduler scheduler = new EcsScheduler(ecs, net,
            new EcsTaskLaunch(ecs, net, new EcsTaskFailures.Sources(new IamState(), region -> new SsmState(), new SecretsState(), logs, new EcrState()), account),
            new LogsWriter(logs), new EventDelivery(new EventsState(), sns), account, now -> {});
    private final AlarmEvaluator alarms = new AlarmEvaluator(cloudWatch, ecs, scheduler, new ElbState(), new Ec2State(), sns, account);

    /** CPU above 80% in 3 of 3 one-minute periods, for a service with no task, as PutMetricAlarm stores it. */
    private CloudWatchState.AlarmRec cpuAlarm(String treatMissingData) {
        CloudWatchState.AlarmRec a = new CloudWatchState.AlarmRec();
        a.name = "hello-cpu-" + treatMissingData;
        a.namespace = "AWS/ECS";
        a.metricName = "CPUUtilization";
        a.statistic = "Average";
        a.dimensions.put("ClusterName", "hello");
        a.dimensions.put("ServiceName", "hello");
        a.period = 60;
        a.evaluationPeriods = 3;
        a.datapointsToAlarm = 3;
        a.threshold = 80;
        a.comparison = "GreaterThanThreshold";
        a.treatMissingData = treatMissingData;
        long now = clock.now().toEpochMilli();
        a.stateUpdatedAt = now;
        a.evaluatedUntil = now;
        a.sampledUntil = now;
        cloudWatch.alarms.put(a.name, a);
        return a;
    }

    @Test void missingDataTreatedAsBreachingRaisesTheAlarmAfterThreePeriods() {
        CloudWatchState.AlarmRec a = cpuAlarm("breaching");
        clock.advance(Duration.ofSeconds(179));
        alarms.catchUp(clock.now());
        assertThat(a.recent).containsExactly(true, true);
        assertThat(a.state).as("2 breaching datapoints of the 3 it needs").isNotEqualTo("ALARM");

        clock.advance(Duration.ofSeconds(1));
        alarms.catchUp(clock.now());
        assertThat(a.state).isEqualTo("ALARM");
        assertThat(a.stateUpdatedAt).isEqualTo(clock.now().toEpochMilli());
        assertThat(a.stateReason).isEqualTo("Threshold Crossed: 3 out of the last 3 datapoints were missing (treated as breaching)");
    }

    @Test void missingDataTreatedAsMissingLeavesTheAlarmWithInsufficientData() {
        CloudWatchState.AlarmRec a = cpuAlarm("missing");
        clock.advance(Duration.ofMinutes(10));
        alarms.catchUp(clock.now());
        assertThat(a.state).isEqualTo("INSUFFICIENT_DATA");
        assertThat(a.recent).containsExactly(null, null, null);
        assertThat(a.evaluatedUntil).isEqualTo(clock.now().toEpochMilli());
    }
}

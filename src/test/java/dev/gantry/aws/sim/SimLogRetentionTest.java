package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.spec.Logs;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spec's retention list against CloudWatch's own (the simulated AWS keeps a separate copy). */
class SimLogRetentionTest {
    AwsClients aws = new SimWorld(new SimState(), new VirtualScheduler(), SimLatency.instant()).clients();

    @Test void everyRetentionTheSpecAcceptsIsOneCloudWatchAccepts() {
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello").tags(Map.of("gantry:app", "hello")));
        for (int days : Logs.ALLOWED_RETENTION) {
            aws.logs().putRetentionPolicy(b -> b.logGroupName("/gantry/hello").retentionInDays(days));
            assertThat(aws.logs().describeLogGroups(b -> b.logGroupNamePrefix("/gantry/")).logGroups().get(0).retentionInDays())
                    .as("retention %d", days).isEqualTo(days);
        }
        assertThat(Logs.ALLOWED_RETENTION).isEqualTo(SimLogs.RETENTION_DAYS);
    }

    @Test void aRetentionOutsideTheEnumIsRefused() {
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello"));
        assertThatThrownBy(() -> aws.logs().putRetentionPolicy(b -> b.logGroupName("/gantry/hello").retentionInDays(365 * 2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("enum value set");
    }
}

package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimStsTest {
    @Test
    void callerIdentityIsTheWorldsAccount() {
        SimState state = new SimState();
        state.accountId = "210987654321";
        SimWorld world = new SimWorld(state, new VirtualScheduler(), SimLatency.instant());
        var id = new SimSts(world).getCallerIdentity(GetCallerIdentityRequest.builder().build());
        assertThat(id.account()).isEqualTo("210987654321");
        assertThat(id.arn()).isEqualTo("arn:aws:iam::210987654321:user/gantry");
    }

    @Test
    void aDeniedCallFailsWithTheSdksException() {
        SimWorld world = new SimWorld(new VirtualScheduler());
        dev.gantry.aws.sim.SimFaults.of(world).deny("sts:GetCallerIdentity");
        assertThatThrownBy(() -> new SimSts(world).getCallerIdentity(GetCallerIdentityRequest.builder().build()))
                .isInstanceOf(StsException.class);
    }
}

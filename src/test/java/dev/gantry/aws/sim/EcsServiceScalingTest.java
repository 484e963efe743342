package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Application Auto Scaling's effect on ECS on its own: ECS's state, no world. */
class EcsServiceScalingTest {
    private final EcsState ecs = new EcsState();
    private final EcsServiceScaling scaling = new EcsServiceScaling(ecs);

    private EcsState.ServiceRec service(String status) {
        EcsState.ServiceRec s = new EcsState.ServiceRec();
        s.cluster = "hello";
        s.name = "hello";
        s.status = status;
        s.desiredCount = 2;
        EcsState.DeploymentRec d = new EcsState.DeploymentRec();
        d.desiredCount = 2;
        s.deployments.add(d);
        ecs.services.put("hello/hello", s);
        return s;
    }

    @Test
    void anActiveServiceTakesTheNewCountAndItsSchedulerActsOnItThen() {
        EcsState.ServiceRec s = service("ACTIVE");
        scaling.scaleService("hello", "hello", 4, 5000);
        assertThat(s.desiredCount).isEqualTo(4);
        assertThat(s.deployments.get(0).desiredCount).isEqualTo(4);
        assertThat(s.reconcileAt).isEqualTo(5000);
    }

    @Test
    void aDrainingServiceKeepsItsCount() {
        EcsState.ServiceRec s = service("DRAINING");
        scaling.scaleService("hello", "hello", 4, 5000);
        assertThat(s.desiredCount).isEqualTo(2);
        assertThat(s.reconcileAt).isZero();
    }
}

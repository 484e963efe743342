package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ECS reads a secret from a parameter in another region when the task names it by ARN: gantry looks it up there. */
class SecretInAnotherRegionTest {
    static final String ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shared/api-key";

    @Test void a_secret_arn_in_another_region_is_found_read_and_left_alone() {
        Spec spec = Crowd.spec("""
                version: 1
                app: far
                region: us-east-1
                network: {vpc: default}
                task:
                  image: public.ecr.aws/nginx/nginx:1.27
                  secrets:
                    API_KEY: {parameter: %s}
                service: {desiredCount: 1}
                """.formatted(ARN));
        SimHarness h = new SimHarness().prepare(spec); // the account holds the parameter in eu-west-1
        assertThat(h.world.state.ssm.params).doesNotContainKey("/shared/api-key");

        ApplyResult applied = h.apply(spec);
        assertThat(applied.exitCode()).as("%s", applied.failures()).isZero();
        assertThat(h.plan(spec).hasChanges()).isFalse();
        // The execution role may read exactly that ARN, and the running task got it.
        String policy = java.net.URLDecoder.decode(h.aws.iam().getRolePolicy(b -> b.roleName("far-execution").policyName("gantry-secrets"))
                .policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(policy).contains(ARN);
        assertThat(h.aws.ecs().listTasks(b -> b.cluster("far")).taskArns()).isNotEmpty();

        assertThat(h.destroy(spec).exitCode()).isZero();
        assertThat(h.world.state.ssmIn("eu-west-1").params).containsKey("/shared/api-key");
    }
}

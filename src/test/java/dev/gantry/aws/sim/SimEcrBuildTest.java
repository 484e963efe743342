package dev.gantry.aws.sim;

import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated ECR's rules a build relies on: tag immutability, lifecycle policies, authorization tokens. */
class SimEcrBuildTest {
    final VirtualScheduler time = new VirtualScheduler();
    final SimWorld world = new SimWorld(new SimState(), time, SimLatency.instant());
    final EcrClient ecr = world.clients().ecr();

    static String manifest(int n) { return "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + n + "\"},\"layers\":[]}"; }

    @Test void an_immutable_tag_never_moves() {
        ecr.createRepository(b -> b.repositoryName("shop").imageTagMutability(ImageTagMutability.IMMUTABLE));
        ecr.putImage(b -> b.repositoryName("shop").imageTag("v1").imageManifest(manifest(1)));
        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("shop").imageTag("v1").imageManifest(manifest(2))))
                .isInstanceOf(ImageTagAlreadyExistsException.class).hasMessageContaining("cannot be overwritten because the repository is immutable");
        // A mutable repository moves the tag, as ECR's default does.
        ecr.createRepository(b -> b.repositoryName("other"));
        ecr.putImage(b -> b.repositoryName("other").imageTag("v1").imageManifest(manifest(1)));
        ecr.putImage(b -> b.repositoryName("other").imageTag("v1").imageManifest(manifest(2)));
        assertThat(world.state.ecr.repositories.get("other").byTag("v1").manifest).isEqualTo(manifest(2));
    }

    @Test void a_lifecycle_policy_is_checked_as_ecr_checks_it_and_keeps_the_newest_images() {
        ecr.createRepository(b -> b.repositoryName("shop"));
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(b -> b.repositoryName("shop"))).isInstanceOf(LifecyclePolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(b -> b.repositoryName("shop").lifecyclePolicyText("{\"rules\":[]}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("length between 100 and 30720");
        String noAction = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"keep\"}}]}";
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(b -> b.repositoryName("shop").lifecyclePolicyText(noAction)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("action type must be expire");
        String policy = noAction.replace("\"keep\"", "\"expire\"");
        ecr.putLifecyclePolicy(b -> b.repositoryName("shop").lifecyclePolicyText(policy));
        assertThat(ecr.getLifecyclePolicy(b -> b.repositoryName("shop")).lifecyclePolicyText()).isEqualTo(policy);
        for (int i = 1; i <= 3; i++) {
            int n = i;
            time.advance(java.time.Duration.ofMinutes(1));
            ecr.putImage(b -> b.repositoryName("shop").imageTag("v" + n).imageManifest(manifest(n)));
        }
        assertThat(world.state.ecr.repositories.get("shop").images.values()).extracting(i -> i.tags.get(0)).containsExactlyInAnyOrder("v2", "v3");
    }

    @Test void an_authorization_token_is_a_login_for_this_accounts_registry() {
        var data = ecr.getAuthorizationToken(b -> {}).authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()));
        assertThat(decoded).startsWith("AWS:").hasSizeGreaterThan(20);
        assertThat(data.proxyEndpoint()).isEqualTo("https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(data.expiresAt()).isEqualTo(world.now().plus(java.time.Duration.ofHours(12)));
        // Reading a token changes nothing: a no-op apply that asked for one would still make no change.
        assertThat(world.mutatingCalls()).isZero();
    }
}

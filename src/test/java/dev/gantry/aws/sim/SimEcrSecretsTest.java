package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimEcrSecretsTest {
    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.instant());
    AwsClients aws = world.clients();

    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";

    @Test void repositoriesHoldImagesByDigestWithMutableTags() {
        var repo = aws.ecr().createRepository(b -> b.repositoryName("shop/api")).repository();
        assertThat(repo.repositoryUri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api");
        assertThat(repo.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/shop/api");
        assertThatThrownBy(() -> aws.ecr().createRepository(b -> b.repositoryName("shop/api"))).isInstanceOf(RepositoryAlreadyExistsException.class);
        assertThatThrownBy(() -> aws.ecr().createRepository(b -> b.repositoryName("Shop"))).isInstanceOf(InvalidParameterException.class);

        String first = aws.ecr().putImage(b -> b.repositoryName("shop/api").imageTag("1.0").imageManifest(MANIFEST)).image().imageId().imageDigest();
        assertThat(first).startsWith("sha256:").hasSize(71);
        String second = aws.ecr().putImage(b -> b.repositoryName("shop/api").imageTag("1.0").imageManifest(MANIFEST.replace("[]", "[ ]")))
                .image().imageId().imageDigest();
        var got = aws.ecr().batchGetImage(b -> b.repositoryName("shop/api").imageIds(i -> i.imageTag("1.0"), i -> i.imageTag("9.9")));
        assertThat(got.images()).singleElement().satisfies(i -> assertThat(i.imageId().imageDigest()).isEqualTo(second));
        assertThat(got.failures()).singleElement().satisfies(f -> assertThat(f.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND));
        // The moved tag left the first image untagged, still there by digest.
        assertThat(aws.ecr().describeImages(b -> b.repositoryName("shop/api").imageIds(i -> i.imageDigest(first))).imageDetails())
                .singleElement().satisfies(d -> assertThat(d.imageTags()).isEmpty());
        assertThatThrownBy(() -> aws.ecr().describeImages(b -> b.repositoryName("shop/api").imageIds(i -> i.imageTag("9.9"))))
                .isInstanceOf(ImageNotFoundException.class);
        assertThatThrownBy(() -> aws.ecr().batchGetImage(b -> b.registryId("999999999999").repositoryName("shop/api").imageIds(i -> i.imageTag("1.0"))))
                .isInstanceOf(RepositoryNotFoundException.class).hasMessageContaining("999999999999");
        assertThatThrownBy(() -> aws.ecr().deleteRepository(b -> b.repositoryName("shop/api"))).isInstanceOf(RepositoryNotEmptyException.class);
        aws.ecr().deleteRepository(b -> b.repositoryName("shop/api").force(true));
        assertThatThrownBy(() -> aws.ecr().describeRepositories(b -> b.repositoryNames("shop/api"))).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test void secretsHaveSuffixedArnsTagsAndARecoveryWindow() {
        var created = aws.secretsManager().createSecret(b -> b.name("hello/registry").secretString("{}").clientRequestToken("t1")
                .tags(t -> t.key("gantry:app").value("hello")));
        assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:hello/registry-[A-Za-z0-9]{6}");
        // The same request retried is the same secret; another is refused.
        assertThat(aws.secretsManager().createSecret(b -> b.name("hello/registry").secretString("{}").clientRequestToken("t1")).arn()).isEqualTo(created.arn());
        assertThatThrownBy(() -> aws.secretsManager().createSecret(b -> b.name("hello/registry").secretString("{}")))
                .isInstanceOf(ResourceExistsException.class);
        // Found by name, full ARN, and ARN without the suffix (as IAM policies write it).
        assertThat(aws.secretsManager().getSecretValue(b -> b.secretId(created.arn())).secretString()).isEqualTo("{}");
        assertThat(aws.secretsManager().describeSecret(b -> b.secretId(created.arn().substring(0, created.arn().length() - 7))).name()).isEqualTo("hello/registry");
        assertThat(aws.secretsManager().listSecrets(b -> b.filters(Filter.builder().key(FilterNameStringType.TAG_KEY).values("gantry:app").build()))
                .secretList()).hasSize(1);
        assertThat(aws.secretsManager().listSecrets(b -> b.filters(Filter.builder().key(FilterNameStringType.TAG_VALUE).values("other").build()))
                .secretList()).isEmpty();

        aws.secretsManager().deleteSecret(b -> b.secretId("hello/registry").recoveryWindowInDays(7L));
        assertThatThrownBy(() -> aws.secretsManager().getSecretValue(b -> b.secretId("hello/registry"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> aws.secretsManager().createSecret(b -> b.name("hello/registry").secretString("{}")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("scheduled for deletion");
        assertThat(aws.secretsManager().listSecrets().secretList()).isEmpty();
        clock.advance(Duration.ofDays(8));
        assertThatThrownBy(() -> aws.secretsManager().describeSecret(b -> b.secretId("hello/registry"))).isInstanceOf(ResourceNotFoundException.class);
        aws.secretsManager().createSecret(b -> b.name("hello/registry").secretString("{}"));
        aws.secretsManager().deleteSecret(b -> b.secretId("hello/registry").forceDeleteWithoutRecovery(true));
        assertThatThrownBy(() -> aws.secretsManager().getSecretValue(b -> b.secretId("hello/registry"))).isInstanceOf(ResourceNotFoundException.class);
    }
}

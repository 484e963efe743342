package dev.gantry.image;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A private ECR repository, asked through the SDK with the credentials gantry runs with
 * ({@code BatchGetImage} for the manifest, {@code DescribeImages} for the tags that exist), in the
 * spec's region. ECR serves the same manifests as any registry; the platform of a single-platform
 * image sits in a config blob the SDK does not fetch, so only multi-platform indexes name theirs.
 */
public final class EcrRegistry implements RegistryClient {
    private static final int TAGS_SHOWN = 20;
    private final EcrClient ecr;

    public EcrRegistry(EcrClient ecr) { this.ecr = ecr; }

    @Override public RegistryAnswer look(ImageName image, Credentials ignored) {
        ImageIdentifier id = image.digest() != null ? ImageIdentifier.builder().imageDigest(image.digest()).build()
                : ImageIdentifier.builder().imageTag(image.tag()).build();
        try {
            BatchGetImageResponse r = ecr.batchGetImage(b -> b.registryId(image.ecrAccount()).repositoryName(image.repository())
                    .imageIds(id).acceptedMediaTypes(HttpRegistry.ACCEPT.split(", ")));
            if (r.images().isEmpty()) return new RegistryAnswer.NoSuchTag(tags(image));
            var found = r.images().get(0);
            return new RegistryAnswer.Found(found.imageId().imageDigest(), Platform.listedIn(found.imageManifest()));
        } catch (RepositoryNotFoundException e) {
            return new RegistryAnswer.NoSuchRepository(image.display());
        } catch (AwsServiceException e) {
            String given = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            // Never an empty or "null" code: some endpoints answer with a status alone.
            String code = given == null || given.isBlank() ? "HTTP " + e.statusCode() : given;
            if (e.statusCode() == 403 || "AccessDeniedException".equals(code)) {
                return new RegistryAnswer.Unauthorized("ECR answered " + code + " to ecr:BatchGetImage", false);
            }
            return new RegistryAnswer.Unreachable("ECR answered " + code + ": " + e.getMessage());
        } catch (SdkException e) {
            return new RegistryAnswer.Unreachable("ECR did not answer (" + e.getMessage() + ")");
        }
    }

    /** The newest tags first, as a person looking for the right one would want them. */
    private List<String> tags(ImageName image) {
        List<ImageDetail> details = new ArrayList<>();
        ecr.describeImagesPaginator(b -> b.registryId(image.ecrAccount()).repositoryName(image.repository()))
                .imageDetails().forEach(details::add);
        return details.stream().sorted(Comparator.comparing(ImageDetail::imagePushedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .flatMap(d -> d.imageTags().stream()).limit(TAGS_SHOWN).toList();
    }
}

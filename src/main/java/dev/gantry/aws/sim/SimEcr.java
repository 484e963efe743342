package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Simulated ECR (private registry of the account): repositories with tags, images pushed as
 * manifests (digest = sha256 of the manifest, tags mutable), BatchGetImage with per-image
 * failures, DescribeImages and ListImages. Only this account's registry exists: any other
 * registryId answers RepositoryNotFound, as it does for a caller the other account does not trust.
 */
public final class SimEcr implements EcrClient {
    private static final Pattern NAME = Pattern.compile("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    private final SimWorld world;

    public SimEcr(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "RepositoryNotFoundException" -> RepositoryNotFoundException.builder();
            case "RepositoryAlreadyExistsException" -> RepositoryAlreadyExistsException.builder();
            case "RepositoryNotEmptyException" -> RepositoryNotEmptyException.builder();
            case "ImageNotFoundException" -> ImageNotFoundException.builder();
            case "ImageAlreadyExistsException" -> ImageAlreadyExistsException.builder();
            case "InvalidParameterException" -> InvalidParameterException.builder();
            case "ImageDigestDoesNotMatchException" -> ImageDigestDoesNotMatchException.builder();
            default -> EcrException.builder();
        };
        return SimErrors.error(b, "ECR", status, code, message);
    }

    private EcrState st() { return world.state.ecr; }

    private String registryId(String asked) { return asked == null ? world.accountId() : asked; }

    private EcrState.RepoRec repo(String registryId, String name) {
        EcrState.RepoRec r = registryId(registryId).equals(world.accountId()) ? st().repositories.get(name) : null;
        if (r == null) {
            throw err(400, "RepositoryNotFoundException", "The repository with name '" + name + "' does not exist in the registry with id '"
                    + registryId(registryId) + "'");
        }
        return r;
    }

    private Repository toRepository(EcrState.RepoRec r) {
        return Repository.builder().repositoryName(r.name).repositoryArn(r.arn).registryId(world.accountId())
                .repositoryUri(EcrState.registry(world.accountId(), world.region()) + "/" + r.name)
                .createdAt(Instant.ofEpochMilli(r.createdAt)).imageTagMutability(ImageTagMutability.MUTABLE).build();
    }

    @Override public CreateRepositoryResponse createRepository(CreateRepositoryRequest req) {
        return world.mutate("ecr:CreateRepository", this::err, () -> {
            String name = req.repositoryName();
            if (name == null || name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
                throw err(400, "InvalidParameterException", "Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                        + "'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
            }
            if (st().repositories.containsKey(name)) {
                throw err(400, "RepositoryAlreadyExistsException", "The repository with name '" + name + "' already exists in the registry with id '"
                        + world.accountId() + "'");
            }
            EcrState.RepoRec r = new EcrState.RepoRec();
            r.name = name;
            r.arn = EcrState.repositoryArn(world.accountId(), world.region(), name);
            r.createdAt = world.now().toEpochMilli();
            if (req.tags() != null) req.tags().forEach(t -> r.tags.put(t.key(), t.value()));
            st().repositories.put(name, r);
            return CreateRepositoryResponse.builder().repository(toRepository(r)).build();
        });
    }

    @Override public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest req) {
        return world.read("ecr:DescribeRepositories", this::err, () -> {
            List<Repository> out = new ArrayList<>();
            if (req.hasRepositoryNames()) {
                for (String n : req.repositoryNames()) out.add(toRepository(repo(req.registryId(), n)));
            } else if (registryId(req.registryId()).equals(world.accountId())) {
                st().repositories.values().forEach(r -> out.add(toRepository(r)));
            }
            return DescribeRepositoriesResponse.builder().repositories(out).build();
        });
    }

    @Override public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest req) {
        return world.mutate("ecr:DeleteRepository", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            if (!r.images.isEmpty() && !Boolean.TRUE.equals(req.force())) {
                throw err(400, "RepositoryNotEmptyException", "The repository with name '" + r.name + "' in registry with id '"
                        + world.accountId() + "' cannot be deleted because it still contains images");
            }
            st().repositories.remove(r.name);
            return DeleteRepositoryResponse.builder().repository(toRepository(r)).build();
        });
    }

    /** A push, as `docker push` ends one: the manifest (its layers are not modelled), with a tag. */
    @Override public PutImageResponse putImage(PutImageRequest req) {
        return world.mutate("ecr:PutImage", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            if (req.imageManifest() == null || req.imageManifest().isBlank()) {
                throw err(400, "InvalidParameterException", "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'Member must have length greater than or equal to 1'");
            }
            String digest = EcrState.digest(req.imageManifest());
            if (req.imageDigest() != null && !req.imageDigest().equals(digest)) {
                throw err(400, "ImageDigestDoesNotMatchException", "Invalid parameter at 'imageDigest' failed to satisfy constraint: the digest does not match the manifest");
            }
            EcrState.ImageRec img = r.images.get(digest);
            if (img != null && (req.imageTag() == null || img.tags.contains(req.imageTag()))) {
                throw err(400, "ImageAlreadyExistsException", "Image with digest '" + digest + "' and tag '" + req.imageTag() + "' already exists in the repository with name '"
                        + r.name + "' in registry with id '" + world.accountId() + "'");
            }
            if (img == null) {
                img = new EcrState.ImageRec();
                img.digest = digest;
                img.manifest = req.imageManifest();
                img.mediaType = req.imageManifestMediaType() != null ? req.imageManifestMediaType() : mediaTypeOf(req.imageManifest());
                r.images.put(digest, img);
            }
            img.pushedAt = world.now().toEpochMilli();
            if (req.imageTag() != null) {
                r.images.values().forEach(i -> i.tags.remove(req.imageTag()));
                img.tags.add(req.imageTag());
            }
            return PutImageResponse.builder().image(toImage(r, img, req.imageTag())).build();
        });
    }

    private static String mediaTypeOf(String manifest) {
        var m = java.util.regex.Pattern.compile("\"mediaType\"\\s*:\\s*\"([^\"]+)\"").matcher(manifest);
        return m.find() ? m.group(1) : "application/vnd.docker.distribution.manifest.v2+json";
    }

    private Image toImage(EcrState.RepoRec r, EcrState.ImageRec i, String tag) {
        return Image.builder().registryId(world.accountId()).repositoryName(r.name).imageManifest(i.manifest).imageManifestMediaType(i.mediaType)
                .imageId(ImageIdentifier.builder().imageDigest(i.digest).imageTag(tag).build()).build();
    }

    @Override public BatchGetImageResponse batchGetImage(BatchGetImageRequest req) {
        return world.read("ecr:BatchGetImage", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            List<Image> images = new ArrayList<>();
            List<ImageFailure> failures = new ArrayList<>();
            for (ImageIdentifier id : req.imageIds()) {
                EcrState.ImageRec i = id.imageDigest() != null ? r.images.get(id.imageDigest()) : r.byTag(id.imageTag());
                if (i != null && id.imageDigest() != null && id.imageTag() != null && !i.tags.contains(id.imageTag())) i = null;
                if (i == null) {
                    failures.add(ImageFailure.builder().imageId(id).failureCode(ImageFailureCode.IMAGE_NOT_FOUND)
                            .failureReason("Requested image not found").build());
                } else {
                    images.add(toImage(r, i, id.imageTag()));
                }
            }
            return BatchGetImageResponse.builder().images(images).failures(failures).build();
        });
    }

    @Override public DescribeImagesResponse describeImages(DescribeImagesRequest req) {
        return world.read("ecr:DescribeImages", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            List<EcrState.ImageRec> chosen = new ArrayList<>();
            if (req.hasImageIds()) {
                for (ImageIdentifier id : req.imageIds()) {
                    EcrState.ImageRec i = id.imageDigest() != null ? r.images.get(id.imageDigest()) : r.byTag(id.imageTag());
                    if (i == null) {
                        throw err(400, "ImageNotFoundException", "The image with imageId {imageDigest:'" + id.imageDigest() + "', imageTag:'"
                                + id.imageTag() + "'} does not exist within the repository with name '" + r.name + "' in the registry with id '"
                                + world.accountId() + "'");
                    }
                    chosen.add(i);
                }
            } else {
                chosen.addAll(r.images.values());
            }
            return DescribeImagesResponse.builder().imageDetails(chosen.stream().map(i -> ImageDetail.builder()
                    .registryId(world.accountId()).repositoryName(r.name).imageDigest(i.digest).imageTags(i.tags)
                    .imagePushedAt(Instant.ofEpochMilli(i.pushedAt)).imageManifestMediaType(i.mediaType)
                    .imageSizeInBytes((long) i.manifest.length()).build()).toList()).build();
        });
    }

    @Override public ListImagesResponse listImages(ListImagesRequest req) {
        return world.read("ecr:ListImages", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            List<ImageIdentifier> ids = new ArrayList<>();
            for (EcrState.ImageRec i : r.images.values()) {
                if (i.tags.isEmpty()) ids.add(ImageIdentifier.builder().imageDigest(i.digest).build());
                i.tags.forEach(t -> ids.add(ImageIdentifier.builder().imageDigest(i.digest).imageTag(t).build()));
            }
            return ListImagesResponse.builder().imageIds(ids).build();
        });
    }

    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest req) {
        return world.read("ecr:ListTagsForResource", this::err, () -> {
            EcrState.RepoRec r = st().repositories.values().stream().filter(x -> x.arn.equals(req.resourceArn())).findFirst()
                    .orElseThrow(() -> err(400, "InvalidParameterException", "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'"));
            return ListTagsForResourceResponse.builder().tags(r.tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}

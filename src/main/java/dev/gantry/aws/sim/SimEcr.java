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
            case "ImageTagAlreadyExistsException" -> ImageTagAlreadyExistsException.builder();
            case "LifecyclePolicyNotFoundException" -> LifecyclePolicyNotFoundException.builder();
            case "InvalidTagParameterException" -> InvalidTagParameterException.builder();
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
                .createdAt(Instant.ofEpochMilli(r.createdAt)).imageTagMutability(r.tagMutability)
                .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(r.scanOnPush).build()).build();
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
            if (req.imageTagMutability() != null) r.tagMutability = mutability(req.imageTagMutabilityAsString());
            if (req.imageScanningConfiguration() != null) r.scanOnPush = Boolean.TRUE.equals(req.imageScanningConfiguration().scanOnPush());
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
            EcrState.ImageRec holder = req.imageTag() == null ? null : r.byTag(req.imageTag());
            if ("IMMUTABLE".equals(r.tagMutability) && holder != null && holder != img) {
                // https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
                throw err(400, "ImageTagAlreadyExistsException", "The image tag '" + req.imageTag() + "' already exists in the '" + r.name
                        + "' repository and cannot be overwritten because the repository is immutable.");
            }
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
            expire(r);
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

    private static String mutability(String asked) {
        // ECR also knows the *_WITH_EXCLUSION forms; gantry asks for the two plain ones only.
        return "IMMUTABLE".equals(asked) ? "IMMUTABLE" : "MUTABLE";
    }

    @Override public PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest req) {
        return world.mutate("ecr:PutImageTagMutability", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            r.tagMutability = mutability(req.imageTagMutabilityAsString());
            return PutImageTagMutabilityResponse.builder().repositoryName(r.name).registryId(world.accountId()).imageTagMutability(r.tagMutability).build();
        });
    }

    @Override public PutImageScanningConfigurationResponse putImageScanningConfiguration(PutImageScanningConfigurationRequest req) {
        return world.mutate("ecr:PutImageScanningConfiguration", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            r.scanOnPush = req.imageScanningConfiguration() != null && Boolean.TRUE.equals(req.imageScanningConfiguration().scanOnPush());
            return PutImageScanningConfigurationResponse.builder().repositoryName(r.name).registryId(world.accountId())
                    .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(r.scanOnPush).build()).build();
        });
    }

    /**
     * The policy's JSON is checked as ECR checks it: rules with a unique rulePriority, a selection
     * with tagStatus and countType, action type expire. Only "imageCountMoreThan" is evaluated
     * (the one gantry writes); others are stored. Length 100–30720: the PutLifecyclePolicy API
     * reference (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html);
     * the rules' shape: https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html.
     */
    @Override public PutLifecyclePolicyResponse putLifecyclePolicy(PutLifecyclePolicyRequest req) {
        return world.mutate("ecr:PutLifecyclePolicy", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            String text = req.lifecyclePolicyText();
            if (text == null || text.length() < 100 || text.length() > 30720) {
                throw err(400, "InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Member must have length between 100 and 30720'");
            }
            try {
                var root = JSON.readTree(text);
                java.util.Set<Integer> priorities = new java.util.HashSet<>();
                if (!root.path("rules").isArray() || root.path("rules").isEmpty()) throw new IllegalArgumentException("rules is required");
                for (var rule : root.path("rules")) {
                    if (!rule.path("rulePriority").canConvertToInt() || !priorities.add(rule.path("rulePriority").asInt())) {
                        throw new IllegalArgumentException("rulePriority must be a unique integer");
                    }
                    var sel = rule.path("selection");
                    if (!sel.has("tagStatus") || !sel.has("countType") || !sel.has("countNumber")) throw new IllegalArgumentException("selection needs tagStatus, countType and countNumber");
                    if (!"expire".equals(rule.path("action").path("type").asText())) throw new IllegalArgumentException("action type must be expire");
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw err(400, "InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: " + e.getMessage() + "'");
            }
            r.lifecyclePolicy = text;
            return PutLifecyclePolicyResponse.builder().repositoryName(r.name).registryId(world.accountId()).lifecyclePolicyText(text).build();
        });
    }

    @Override public GetLifecyclePolicyResponse getLifecyclePolicy(GetLifecyclePolicyRequest req) {
        return world.read("ecr:GetLifecyclePolicy", this::err, () -> {
            EcrState.RepoRec r = repo(req.registryId(), req.repositoryName());
            if (r.lifecyclePolicy == null) {
                throw err(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name '" + r.name
                        + "' in the registry with id '" + world.accountId() + "'");
            }
            return GetLifecyclePolicyResponse.builder().repositoryName(r.name).registryId(world.accountId()).lifecyclePolicyText(r.lifecyclePolicy).build();
        });
    }

    /**
     * ECR expires what a count rule selects within 24 hours of the push that crossed it (the user
     * guide's "Lifecycle policies": images are expired within 24 hours of meeting the criteria); the
     * simulation does it at that push, so a rehearsal sees the count kept at once.
     */
    private void expire(EcrState.RepoRec r) {
        if (r.lifecyclePolicy == null) return;
        try {
            for (var rule : JSON.readTree(r.lifecyclePolicy).path("rules")) {
                var sel = rule.path("selection");
                if (!"imageCountMoreThan".equals(sel.path("countType").asText()) || !"any".equals(sel.path("tagStatus").asText())) continue;
                int keep = sel.path("countNumber").asInt();
                List<EcrState.ImageRec> newestFirst = new ArrayList<>(r.images.values());
                newestFirst.sort(java.util.Comparator.comparingLong((EcrState.ImageRec i) -> i.pushedAt).reversed());
                for (EcrState.ImageRec old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) r.images.remove(old.digest);
            }
        } catch (java.io.IOException e) {
            // checked when put
        }
    }

    /**
     * An ECR authorization token: base64 of "AWS:password", valid 12 hours, for this account's
     * registry (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html).
     */
    @Override public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest req) {
        return world.read("ecr:GetAuthorizationToken", this::err, () -> {
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            String password = java.util.Base64.getEncoder().encodeToString(secret);
            String token = java.util.Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return GetAuthorizationTokenResponse.builder().authorizationData(AuthorizationData.builder().authorizationToken(token)
                    .expiresAt(world.now().plus(java.time.Duration.ofHours(12)))
                    .proxyEndpoint("https://" + EcrState.registry(world.accountId(), world.region())).build()).build();
        });
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("ecr:TagResource", this::err, () -> {
            EcrState.RepoRec r = byArn(req.resourceArn());
            // ECR TagResource, Errors: InvalidTagParameterException, TooManyTagsException.
            TagRules.put(r.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.ECR);
            return TagResourceResponse.builder().build();
        });
    }

    private EcrState.RepoRec byArn(String arn) {
        return st().repositories.values().stream().filter(x -> x.arn.equals(arn)).findFirst()
                .orElseThrow(() -> err(400, "InvalidParameterException", "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'"));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}

package dev.gantry.e2e;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The simulated ECR with the registry side of a push: what the fake builder "pushed" (a file per
 * image in its pushed folder: the reference, then the image's id and platform) arrives in the
 * repository before each read, as a real push would have put it there. Also remembers the
 * passwords it handed out, so a test can look for them where they must never be.
 */
final class PushReceivingEcr implements EcrClient {
    private final EcrClient sim;
    private final Path pushed;
    final List<String> passwords = new ArrayList<>();

    PushReceivingEcr(EcrClient sim, Path pushed) {
        this.sim = sim;
        this.pushed = pushed;
    }

    private void receive() {
        try (Stream<Path> files = Files.list(pushed)) {
            for (Path f : files.toList()) {
                List<String> lines = Files.readAllLines(f);
                String ref = lines.get(0);
                String[] image = lines.get(1).split(" ");
                String repository = ref.substring(ref.indexOf('/') + 1, ref.lastIndexOf(':'));
                String tag = ref.substring(ref.lastIndexOf(':') + 1);
                String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\""
                        + image[0] + "\"},\"layers\":[],\"annotations\":{\"platform\":\"" + image[1] + "\"}}";
                sim.putImage(b -> b.repositoryName(repository).imageTag(tag).imageManifest(manifest));
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest r) {
        GetAuthorizationTokenResponse t = sim.getAuthorizationToken(r);
        String decoded = new String(Base64.getDecoder().decode(t.authorizationData().get(0).authorizationToken()));
        passwords.add(decoded.substring(decoded.indexOf(':') + 1));
        return t;
    }

    @Override public DescribeImagesResponse describeImages(DescribeImagesRequest r) { receive(); return sim.describeImages(r); }
    @Override public ListImagesResponse listImages(ListImagesRequest r) { receive(); return sim.listImages(r); }
    @Override public BatchGetImageResponse batchGetImage(BatchGetImageRequest r) { receive(); return sim.batchGetImage(r); }
    @Override public CreateRepositoryResponse createRepository(CreateRepositoryRequest r) { return sim.createRepository(r); }
    @Override public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest r) { return sim.describeRepositories(r); }
    @Override public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest r) { return sim.deleteRepository(r); }
    @Override public PutImageResponse putImage(PutImageRequest r) { return sim.putImage(r); }
    @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) { return sim.listTagsForResource(r); }
    @Override public TagResourceResponse tagResource(TagResourceRequest r) { return sim.tagResource(r); }
    @Override public PutLifecyclePolicyResponse putLifecyclePolicy(PutLifecyclePolicyRequest r) { return sim.putLifecyclePolicy(r); }
    @Override public GetLifecyclePolicyResponse getLifecyclePolicy(GetLifecyclePolicyRequest r) { return sim.getLifecyclePolicy(r); }
    @Override public PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest r) { return sim.putImageTagMutability(r); }
    @Override public PutImageScanningConfigurationResponse putImageScanningConfiguration(PutImageScanningConfigurationRequest r) {
        return sim.putImageScanningConfiguration(r);
    }
    @Override public String serviceName() { return SERVICE_NAME; }
    @Override public void close() {}
}

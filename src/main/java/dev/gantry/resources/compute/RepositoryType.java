package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code repository.main}: the ECR repository the images of {@code task.build} go to, named after
 * the app ({@code repository.NAME}, {@code APP-NAME}, for another service of a version-2 spec). Scan on push, immutable tags (a tag names one build forever, so a digest found by tag
 * is the image that was built), and a lifecycle policy that keeps the last N images. Deleting it
 * deletes its images ({@code force}); {@code destroy --keep-images} keeps it.
 * Looked for only while the spec builds: an app that deploys a registry's image asks ECR nothing.
 */
final class RepositoryType implements ResourceType {
    @Override public String type() { return "repository"; }
    // What main's ResourceType asks of every type (noun, piece), declared here for the merge; Planner and TypicalDurations say the same on this branch.
    public String noun() { return "ECR repository"; }
    public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.IMAGE; }
    @Override public int tier() { return 0; }
    @Override public Set<String> replaceOn() { return Set.of("name"); }

    static String lifecyclePolicy(int keep) {
        return "{\"rules\":[{\"rulePriority\":1,\"description\":\"gantry: keep the last " + keep + " images\","
                + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":" + keep + "},"
                + "\"action\":{\"type\":\"expire\"}}]}";
    }

    private static final Pattern KEEP = Pattern.compile("\"countType\"\\s*:\\s*\"imageCountMoreThan\"\\s*,\\s*\"countNumber\"\\s*:\\s*(\\d+)");

    /** The repository, read once per refresh: the image's refresh needs it too. */
    static Optional<Repository> find(ResourceContext ctx, String name) {
        return ctx.reads().get("ecr:repository:" + name, () -> {
            try {
                return ctx.aws().ecr().describeRepositories(b -> b.repositoryNames(name)).repositories().stream().findFirst();
            } catch (RepositoryNotFoundException e) {
                return Optional.<Repository>empty();
            }
        });
    }

    /**
     * Each wanted repository (one per service that builds), looked for by its name, and that of a
     * service just removed from the spec (APP-NAME), so it goes with the service.
     */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (ctx.aws().ecr() == null) return List.of();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Desired d : ctx.wanted().ofType(type())) names.add(Props.str(d.props(), "name"));
        if (!ctx.wanted().ofType("service").isEmpty()) {
            for (String removed : LogGroupType.removedServiceNames(ctx)) names.add(dev.gantry.spec.DerivedNames.repository(ctx.app(), removed));
        }
        List<Observed> out = new java.util.ArrayList<>();
        for (String name : names) {
            Optional<Repository> r = find(ctx, name);
            if (r.isEmpty()) continue;
            ctx.ownAddress(tags(ctx, r.get()), type()).ifPresent(a -> out.add(observed(ctx, a, r.get())));
        }
        return out;
    }

    private static Map<String, String> tags(ResourceContext ctx, Repository r) {
        Map<String, String> m = new LinkedHashMap<>();
        ctx.aws().ecr().listTagsForResource(b -> b.resourceArn(r.repositoryArn())).tags().forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    private static Observed observed(ResourceContext ctx, Address a, Repository r) {
        EcrClient ecr = ctx.aws().ecr();
        Integer keep = null;
        try {
            Matcher m = KEEP.matcher(ecr.getLifecyclePolicy(b -> b.repositoryName(r.repositoryName())).lifecyclePolicyText());
            if (m.find()) keep = Integer.valueOf(m.group(1));
        } catch (LifecyclePolicyNotFoundException e) {
            // none: the update puts gantry's
        }
        int images = ecr.listImagesPaginator(b -> b.repositoryName(r.repositoryName())).imageIds().stream()
                .map(i -> i.imageDigest()).collect(java.util.stream.Collectors.toSet()).size();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("id", r.repositoryName());
        outputs.put("name", r.repositoryName());
        outputs.put("arn", r.repositoryArn());
        outputs.put("uri", r.repositoryUri());
        outputs.put("description", "ECR repository " + r.repositoryName() + " and the " + images + (images == 1 ? " image" : " images")
                + " in it (destroy --keep-images keeps them)");
        return new Observed(a, r.repositoryName(), Props.props().put("name", r.repositoryName())
                .put("scanOnPush", r.imageScanningConfiguration() != null && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush()))
                .put("immutableTags", r.imageTagMutability() == ImageTagMutability.IMMUTABLE)
                .put("keepImages", keep).build(), outputs);
    }

    /** A repository of the app's name that refresh did not find as the app's: made by hand, or another app's. */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return find(ctx.withFreshReads(), name).map(r -> new Claim(observed(ctx, desired.address(), r),
                "the ECR repository " + name, tags(ctx, r), "app"));
    }

    /** Gives it the app's tags; the update that follows sets scanning, tag immutability and the lifecycle policy. */
    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ecr().tagResource(b -> b.resourceArn(existing.output("arn")).tags(tagList(ctx, desired.address())));
            return StepResult.done(existing);
        };
    }

    private static List<Tag> tagList(ResourceContext ctx, Address a) {
        return ctx.tags(a).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String name = Props.str(props, "name");
        return () -> {
            EcrClient ecr = ctx.aws().ecr();
            try {
                ecr.createRepository(b -> b.repositoryName(name).tags(tagList(ctx, desired.address()))
                        .imageTagMutability(Props.bool(props, "immutableTags") ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)
                        .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(Props.bool(props, "scanOnPush")).build()));
            } catch (RepositoryAlreadyExistsException e) {
                // Ours when a create was cut short after ECR made it (it carries our tags from the create call).
                Repository r = find(ctx.withFreshReads(), name).orElseThrow(() -> e);
                if (ctx.ownAddress(tags(ctx, r), type()).isEmpty()) {
                    throw new AwsFailure(AwsFailure.Kind.CONFLICT, "the ECR repository " + name + " was created by someone else while gantry was applying",
                            "run 'gantry plan' to see it, then take it over with 'gantry apply --adopt " + desired.address() + "' or remove it");
                }
            }
            return settle(ctx, desired.address(), name, props);
        };
    }

    private StepResult settle(ResourceContext ctx, Address a, String name, Map<String, Object> props) {
        ctx.aws().ecr().putLifecyclePolicy(b -> b.repositoryName(name).lifecyclePolicyText(lifecyclePolicy(Props.integer(props, "keepImages"))));
        Repository r = find(ctx.withFreshReads(), name).orElseThrow(() -> new IllegalStateException("ECR repository " + name + " vanished right after it was created"));
        return StepResult.done(observed(ctx, a, r));
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> {
            EcrClient ecr = ctx.aws().ecr();
            String name = current.id();
            if (Props.bool(props, "scanOnPush") != Props.bool(current.props(), "scanOnPush")) {
                ecr.putImageScanningConfiguration(b -> b.repositoryName(name)
                        .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(Props.bool(props, "scanOnPush")).build()));
            }
            if (Props.bool(props, "immutableTags") != Props.bool(current.props(), "immutableTags")) {
                ecr.putImageTagMutability(b -> b.repositoryName(name)
                        .imageTagMutability(Props.bool(props, "immutableTags") ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE));
            }
            if (java.util.Objects.equals(Props.integer(props, "keepImages"), Props.integer(current.props(), "keepImages"))) {
                Repository r = find(ctx.withFreshReads(), name).orElseThrow();
                return StepResult.done(observed(ctx, desired.address(), r));
            }
            return settle(ctx, desired.address(), name, props);
        };
    }

    /** With its images ({@code force}): the plan and destroy's question say so; {@code --keep-images} keeps it. */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().ecr().deleteRepository(b -> b.repositoryName(current.id()).force(true));
            } catch (RepositoryNotFoundException e) {
                // already gone
            }
            return StepResult.done(current);
        };
    }
}

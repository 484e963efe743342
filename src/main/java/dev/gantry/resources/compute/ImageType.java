package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.image.BuildFailure;
import dev.gantry.image.ImageBuild;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import dev.gantry.spec.Architecture;
import dev.gantry.spec.Build;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code image.main}: the image built from {@code task.build}, found in the app's repository by
 * the tag its context gives ({@link dev.gantry.image.BuildSource}). Found, it is what the task
 * definition runs (by digest) and nothing is built; not found, creating it is the build and the
 * push. Every other change of the run waits for it, so a build that fails changes nothing in AWS
 * (only the repository may have been created first). Deleting it deletes nothing: the images go
 * with their repository.
 */
final class ImageType implements ResourceType {
    @Override public String type() { return "image"; }
    // What main's ResourceType asks of every type (noun, piece, typicalDuration), declared here for the merge; Planner and TypicalDurations say the same on this branch.
    public String noun() { return "built image"; }
    public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.IMAGE; }
    /** A build and push: minutes for a first build, seconds with a warm cache; a middle guess. */
    public java.time.Duration typicalDuration() { return java.time.Duration.ofSeconds(60); }
    @Override public int tier() { return 1; }

    /**
     * Inputs (never compared: AWS holds neither): what to build ({@code task.build}, its tag worked
     * out before planning) and for which platform. Typed values of the spec's vocabulary, held in
     * memory only: saved plans are planned again, never read back.
     */
    static final String BUILD = "build", ARCHITECTURE = "architecture";
    /** Inputs too: the repository's name (where refresh looks) and the services that run the image (what the build's lines and failures name). */
    static final String REPOSITORY_NAME = "repositoryName", SERVICES = "services";

    @Override public Set<String> inputs() { return Set.of(BUILD, ARCHITECTURE, REPOSITORY_NAME, SERVICES); }

    /** Each wanted image, looked for by its tag in its service's repository. */
    @Override public List<Observed> refresh(ResourceContext ctx) {
        if (ctx.aws().ecr() == null) return List.of();
        List<Observed> out = new java.util.ArrayList<>();
        for (Desired d : ctx.wanted().ofType(type())) {
            String tag = Props.str(d.props(), "tag");
            String name = d.props().get(REPOSITORY_NAME) instanceof String n ? n : ctx.app();
            if (tag == null || tag.isEmpty()) continue;
            Optional<Repository> repo = RepositoryType.find(ctx, name);
            if (repo.isEmpty()) continue;
            try {
                List<ImageDetail> found = ctx.aws().ecr().describeImages(b -> b.repositoryName(repo.get().repositoryName())
                        .imageIds(ImageIdentifier.builder().imageTag(tag).build())).imageDetails();
                if (!found.isEmpty()) out.add(observed(d.address(), repo.get().repositoryUri(), tag, found.get(0).imageDigest()));
            } catch (ImageNotFoundException | RepositoryNotFoundException e) {
                // not built yet
            }
        }
        return out;
    }

    static Observed observed(Address a, String repositoryUri, String tag, String digest) {
        return new Observed(a, digest, Props.props().put("repository", repositoryUri).put("tag", tag).build(),
                Map.of("id", digest, "digest", digest, "reference", repositoryUri + "@" + digest, "tag", tag));
    }

    /** Before anything changes: the builder must be there, its daemon up, and able to build for the task's platform. */
    @Override public List<String> preflight(ResourceContext ctx, Change change) {
        if (change.desired() == null) return List.of();
        if (ctx.builds() == null) return List.of("task.build: no builder was given to this run; build elsewhere and deploy with 'gantry apply --image REF'");
        return ctx.builds().machineProblems((Architecture) change.desired().props().get(ARCHITECTURE));
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return () -> build(ctx, desired.address(), props);
    }

    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return () -> build(ctx, desired.address(), props);
    }

    private StepResult build(ResourceContext ctx, Address a, Map<String, Object> props) {
        ImageBuild builds = ctx.builds();
        if (builds == null) {
            throw new AwsFailure(AwsFailure.Kind.INVALID, "task.build: this run has no builder", "install docker, podman or finch, or deploy a built image with 'gantry apply --image REF'");
        }
        String uri = Props.str(props, "repository");
        String tag = Props.str(props, "tag");
        Build build = (Build) props.get(BUILD);
        String of = whose(props);
        try {
            ImageBuild.Pushed pushed = builds.buildAndPush(ctx.aws().ecr(), uri, build, (Architecture) props.get(ARCHITECTURE), tag, labelled(ctx.progress().build(), of));
            return StepResult.done(observed(a, uri, tag, pushed.digest()));
        } catch (BuildFailure f) {
            AwsFailure.Kind kind = f.kind() == BuildFailure.Kind.PUSH_DENIED ? AwsFailure.Kind.PERMISSION
                    : f.kind().machine() ? AwsFailure.Kind.MACHINE : AwsFailure.Kind.OTHER;
            String where = of.isEmpty() ? "" : "the image of " + of + " (context " + contextShown(build) + "): ";
            throw new AwsFailure(kind, where + f.getMessage(), f.fix());
        }
    }

    /** The services that run the image, as a sentence names them ("web", "api and worker"); "" for an app of one service. */
    private static String whose(Map<String, Object> props) {
        List<String> names = Props.strings(props, SERVICES);
        if (names == null || names.isEmpty()) return "";
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** The context folder as gantry.yaml's folder sees it ("./api"). */
    private static String contextShown(Build b) {
        String rel = java.nio.file.Path.of(b.root()).relativize(b.contextPath()).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel.startsWith("..") ? b.contextPath().toString() : "./" + rel;
    }

    /** The build's start and end say whose image it is, so the build pane and the lines name the service being built. */
    private static ImageBuild.Progress labelled(ImageBuild.Progress p, String of) {
        if (of.isEmpty()) return p;
        return new ImageBuild.Progress() {
            @Override public void started(String what) { p.started(of + ": " + what); }
            @Override public void step(String step) { p.step(step); }
            @Override public void line(String line) { p.line(line); }
            @Override public void ended(boolean ok, String summary) { p.ended(ok, of + ": " + summary); }
        };
    }

    /** The images go with the repository (or stay with it: destroy --keep-images). */
    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> StepResult.done(current);
    }
}

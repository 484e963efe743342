package dev.gantry.engine;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.AwsErrors;
import dev.gantry.image.ImageCheck;
import dev.gantry.image.RegistryClient;
import dev.gantry.image.RegistryLogin;
import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.RegistryCredentials;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The app's images for the engine: the spec's image checked with its registry, each build's tag
 * resolved from what it is made from, and the story of which image a plan runs and why.
 */
final class AppImages {
    private final AwsClients aws;
    private final SecretValues secrets;
    private final Supplier<String> account;
    private ImageCheck images;
    private dev.gantry.image.ImageBuild builds;
    /** What each build of the plan is made from, by the service that builds it. */
    private final Map<String, dev.gantry.image.BuildSource> sources = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, String> buildEnv;

    AppImages(AwsClients aws, SecretValues secrets, Supplier<String> account) {
        this.aws = aws;
        this.secrets = secrets;
        this.account = account;
    }

    /** The registry check {@link #checkImage} runs (none unless set). */
    void checking(ImageCheck check) {
        this.images = check;
    }

    /** See {@link Engine#sourcesIn}. */
    void sourcesIn(Map<String, String> env) {
        this.buildEnv = env;
    }

    /** See {@link Engine#building}. */
    void building(dev.gantry.image.ImageBuild builds) {
        this.builds = builds;
    }

    /** The builder for task.build, or null. */
    dev.gantry.image.ImageBuild builds() {
        return builds;
    }

    private String accountId() {
        return account.get();
    }

    /**
     * What the image's registry says about the spec's image; empty without a check. The login
     * for a private registry is the value given for this run, else the stored secret's.
     */
    Optional<ImageCheck.Report> checkImage(Spec spec) {
        if (images == null) return Optional.empty();
        return Optional.of(images.check(spec, this::accountId, registryLogin(spec)));
    }

    private RegistryClient.Credentials registryLogin(Spec spec) {
        RegistryCredentials rc = spec.task().registryCredentials();
        if (rc == null) return null;
        // The primary service's image is the one checked, so its login (REGISTRY_CREDENTIALS_NAME for a service not named like the app).
        Optional<char[]> given = secrets.value(spec.registryLoginValueName(spec.primaryService().name()));
        if (given.isPresent()) return RegistryLogin.parse(given.get()).orElse(null);
        if (aws.secretsManager() == null) return null;
        try {
            String stored = aws.secretsManager().getSecretValue(b -> b.secretId(rc.secret())).secretString();
            return stored == null ? null : RegistryLogin.parse(stored.toCharArray()).orElse(null);
        } catch (software.amazon.awssdk.core.exception.SdkException notThereOrNotReadable) {
            // An endpoint that does not answer would fail the refresh next, after the same wait again.
            if (dev.gantry.aws.RetryPolicy.noAnswer(notThereOrNotReadable)) {
                throw AwsErrors.translate("reading the registry login " + rc.secret(), notThereOrNotReadable);
            }
            // Not created yet, or not readable with these credentials: the check goes on without it.
            return null;
        }
    }

    /**
     * The spec with the tag its build would have now (its context's commit or hash): what refresh
     * looks for in the repository, and what a build pushes.
     */
    Spec resolved(Spec spec) {
        if (!spec.builds() || builds == null && buildEnv == null) return spec;
        Spec out = spec;
        for (dev.gantry.spec.AppService a : spec.services().values()) {
            var task = a.task();
            if (!task.builds()) continue;
            // Services of the same build share its source (and tag): worked out once, for the one that builds it.
            String by = spec.imageBuiltBy(a.name());
            var build = task.build();
            dev.gantry.image.BuildSource source = by.equals(a.name()) || !sources.containsKey(by)
                    ? builds != null ? builds.source(build, task.architecture()) : dev.gantry.image.BuildSource.of(build, task.architecture(), buildEnv)
                    : sources.get(by);
            sources.put(by, source);
            out = out.withTaskOf(a.name(), task.withBuild(build.withTag(source.tag())));
        }
        return out;
    }

    /**
     * Which image the plan runs, and why, in one line per build: built (from what), unchanged (no
     * build), or given with --image. Empty for a spec that names its images.
     */
    Optional<String> imageStory(Spec given, Plan plan) {
        boolean several = given.services().size() > 1;
        List<String> lines = new ArrayList<>();
        for (dev.gantry.spec.AppService a : given.services().values()) {
            if (a.task().build() == null || !a.name().equals(given.imageBuiltBy(a.name()))) continue;
            List<String> sharing = given.services().keySet().stream().filter(n -> a.name().equals(given.imageBuiltBy(n))).toList();
            String label = several ? "image of " + words(sharing) + ": " : "image: ";
            lines.add(imageStory(given, plan, a, label));
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    private static String words(List<String> names) {
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private String imageStory(Spec given, Plan plan, dev.gantry.spec.AppService a, String label) {
        var task = a.task();
        Addresses.ServiceAddresses at = Addresses.ServiceAddresses.of(given.app(), a.name());
        // The image that runs now, when this plan replaces it: a person's apply after CI's --image (or the
        // other way round) says whose image it takes the place of, never silently.
        String replaces = plan.changes().stream().filter(c -> c.address().equals(at.taskDefinition()))
                .flatMap(c -> c.fields().stream()).filter(f -> f.field().equals("image") && f.before() != null)
                .map(f -> "; it replaces the running " + f.before()).findFirst().orElse("");
        if (!task.builds()) {
            return label + task.image() + ", given with --image (not built from " + task.build().dockerfileShown() + ")" + replaces;
        }
        Change image = plan.changes().stream().filter(c -> c.address().equals(at.image())).findFirst().orElse(null);
        String repo = dev.gantry.spec.DerivedNames.repository(given.app(), a.name());
        boolean newRepository = plan.changes().stream().anyMatch(c -> c.address().equals(at.repository()) && c.action() == Action.CREATE);
        boolean first = plan.changes().stream().noneMatch(c -> c.address().equals(at.taskDefinition()) && c.observed() != null);
        dev.gantry.image.BuildSource source = sources.get(a.name());
        String from = source == null ? "" : first ? " (first build: " + source.describe() + ")"
                : " (context changed: " + changedSinceRunning(task.build(), plan, at.taskDefinition()).map(n -> n + (n == 1 ? " file" : " files")
                + " since the running image; ").orElse("") + source.describe() + ")";
        if (image == null || image.action() == Action.NOOP || image.action() == Action.DELETE) {
            String found = source == null ? "" : "tag " + source.tag() + " is already in the repository " + repo;
            return replaces.isEmpty() ? label + "unchanged, no build: " + found
                    : label + "no build (" + found + "), deployed by digest" + replaces;
        }
        return label + "built from " + task.build().dockerfileShown() + from + " → pushed to the ECR repository " + repo
                + ", deployed by digest" + (newRepository ? "; the repository is created first, and stays if the build fails" : "") + replaces;
    }

    /**
     * How many files of the context differ from the commit the running image was built from (its
     * tag in the repository says which), when git and ECR can say.
     */
    private Optional<Integer> changedSinceRunning(dev.gantry.spec.Build build, Plan plan, Address taskDefinition) {
        String running = plan.changes().stream().filter(c -> c.address().equals(taskDefinition) && c.observed() != null)
                .map(c -> String.valueOf(c.observed().props().get("image"))).findFirst().orElse(null);
        if (running == null || !running.contains("@sha256:") || aws.ecr() == null) return Optional.empty();
        try {
            String repo = running.substring(running.indexOf('/') + 1, running.indexOf('@'));
            String digest = running.substring(running.indexOf('@') + 1);
            var details = aws.ecr().describeImages(b -> b.repositoryName(repo)
                    .imageIds(software.amazon.awssdk.services.ecr.model.ImageIdentifier.builder().imageDigest(digest).build())).imageDetails();
            String commit = details.stream().flatMap(d -> d.imageTags().stream()).filter(t -> t.matches("[0-9a-f]{12}(-.*)?"))
                    .map(t -> t.substring(0, 12)).findFirst().orElse(null);
            if (commit == null) return Optional.empty();
            java.util.OptionalInt n = builds != null ? builds.filesChangedSince(build, commit)
                    : buildEnv != null ? dev.gantry.image.BuildSource.filesChangedSince(build, commit, buildEnv) : java.util.OptionalInt.empty();
            return n.isPresent() ? Optional.of(n.getAsInt()) : Optional.empty();
        } catch (RuntimeException e) {
            // Not the app's repository, or no longer there: the plan says less, and is still true.
            return Optional.empty();
        }
    }
}

package dev.gantry.image;

import dev.gantry.spec.RegistryCredentials;
import dev.gantry.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether the spec's image can be pulled, asked of its registry before anything changes: the tag
 * or digest exists, the repository is there and readable, and it has a manifest for the task's
 * architecture. Problems stop plan and apply (exit 2); a registry gantry cannot reach from this
 * machine is only a note (the tasks' network may still reach it).
 */
public final class ImageCheck {
    /**
     * {@code digest}: what the reference resolves to now, when the registry said; {@code checked}:
     * whether the registry answered about the image at all (false: unreachable, a redirect not
     * followed, ECR in another region), so no one reads the absence of problems as a pass.
     */
    public record Report(List<String> problems, List<String> notes, String digest, boolean unauthorized, boolean checked) {
        public Report {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        public boolean ok() { return problems.isEmpty(); }
    }

    private static final int TAGS_SHOWN = 10;

    private final RegistryClient registry;
    private final RegistryClient ecr;

    /** {@code registry} answers for every registry but private ECR, which {@code ecr} answers for. */
    public ImageCheck(RegistryClient registry, RegistryClient ecr) {
        this.registry = registry;
        this.ecr = ecr;
    }

    /**
     * {@code account}: who gantry's credentials belong to (asked only for an ECR image);
     * {@code login}: the registry login from task.registryCredentials when gantry could read it.
     */
    public Report check(Spec spec, Supplier<String> account, RegistryClient.Credentials login) {
        String ref = spec.task().image();
        // A build's image is checked by building it; the digest it is deployed by comes from the push.
        if (ref == null) return new Report(List.of(), List.of(), null, false, false);
        ImageName image = ImageName.parse(ref);
        List<String> problems = new ArrayList<>(), notes = new ArrayList<>();
        String what = "task.image " + ref;
        RegistryAnswer answer;
        String otherAccount = null;
        if (image.ecr()) {
            if (!image.ecrRegion().equals(spec.region())) {
                notes.add(what + " is in ECR in " + image.ecrRegion() + "; gantry reads ECR in the spec's region " + spec.region()
                        + " only, so the image was not checked");
                return new Report(problems, notes, null, false, false);
            }
            if (!image.ecrAccount().equals(account.get())) otherAccount = image.ecrAccount();
            answer = ecr.look(image, null);
        } else {
            answer = registry.look(image, login);
        }
        String digest = null;
        boolean unauthorized = false;
        if (answer instanceof RegistryAnswer.Found f) {
            digest = f.digest();
            platformProblem(spec, what, f).ifPresent(problems::add);
            if (otherAccount != null) {
                notes.add(what + " is in another AWS account's ECR (" + otherAccount + "): its repository policy must let this account's"
                        + " execution role pull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer)");
            }
        } else if (answer instanceof RegistryAnswer.NoSuchTag t) {
            problems.add(noSuchTag(what, image, t));
        } else if (answer instanceof RegistryAnswer.NoSuchRepository) {
            problems.add(otherAccount != null ? otherAccount(what, image, otherAccount)
                    : what + ": the registry " + image.registry() + " has no repository " + image.repository()
                    + "\n  fix: check the name" + (image.ecr() ? ", or create it and push the image: aws ecr create-repository --repository-name "
                    + image.repository() + " --region " + spec.region() : " (copy it from the registry's page)"));
        } else if (answer instanceof RegistryAnswer.Unauthorized u) {
            unauthorized = true;
            String p = unauthorized(spec, what, image, u, login, otherAccount);
            if (p.startsWith("note: ")) notes.add(p.substring(6)); else problems.add(p);
        } else if (answer instanceof RegistryAnswer.Unreachable u) {
            notes.add("could not check " + what + ": " + u.why()
                    + " (the tasks' network may still reach it; --skip-image-check skips this look-up)");
        } else if (answer instanceof RegistryAnswer.NotFollowed n) {
            notes.add("could not check " + what + ": " + n.why() + ". The image was not checked: ECS will be the first to pull it"
                    + " (--skip-image-check skips this look-up)");
        }
        boolean checked = !(answer instanceof RegistryAnswer.Unreachable || answer instanceof RegistryAnswer.NotFollowed);
        return new Report(problems, notes, digest, unauthorized, checked);
    }

    private static java.util.Optional<String> platformProblem(Spec spec, String what, RegistryAnswer.Found f) {
        String arch = spec.task().architecture().yaml();
        String wanted = Platform.registryArchitecture(arch);
        if (f.platforms().isEmpty() || f.platforms().stream().anyMatch(p -> "linux".equals(p.os()) && wanted.equals(p.architecture()))) {
            return java.util.Optional.empty();
        }
        List<String> has = f.platforms().stream().map(Platform::toString).distinct().toList();
        String other = f.platforms().stream().map(Platform::taskArchitecture).filter(a -> a != null && !a.equals(arch)).findFirst().orElse(null);
        String fix = other != null
                ? "set task.architecture: " + other + ", or build and push the image for linux/" + wanted
                + " too (docker buildx build --platform linux/amd64,linux/arm64 …)"
                : "build and push the image for linux/" + wanted + " (docker buildx build --platform linux/" + wanted + " …)";
        return java.util.Optional.of(what + " has no manifest for linux/" + wanted + " (architecture: " + arch + "); it has "
                + String.join(", ", has) + "\n  fix: " + fix);
    }

    private static String noSuchTag(String what, ImageName image, RegistryAnswer.NoSuchTag t) {
        String missing = image.digest() != null ? "the digest " + image.digest() : "the tag " + image.tag();
        String has = t.tags().isEmpty() ? "" : " (tags it has: " + String.join(", ", t.tags().subList(0, Math.min(TAGS_SHOWN, t.tags().size())))
                + (t.tags().size() > TAGS_SHOWN ? ", …" : "") + ")";
        return what + ": " + missing + " does not exist in " + image.registry() + "/" + image.repository() + has
                + "\n  fix: use a tag that exists, or push " + (image.digest() != null ? "the image" : image.tag()) + " first";
    }

    private static String otherAccount(String what, ImageName image, String account) {
        return what + " is in another AWS account's ECR (" + account + "), and your credentials cannot read its repository "
                + image.repository() + "\n  fix: in account " + account + ", give the repository a policy that lets this account pull"
                + " (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:BatchCheckLayerAvailability), or push the image to ECR in this account";
    }

    /** A problem, or a string starting "note: " when the login exists but gantry could not use it to look. */
    private static String unauthorized(Spec spec, String what, ImageName image, RegistryAnswer.Unauthorized u,
                                                           RegistryClient.Credentials login, String otherAccount) {
        if (otherAccount != null) return otherAccount(what, image, otherAccount);
        if (image.ecr()) {
            return (what + ": your credentials may not read the ECR repository " + image.repository() + " (" + u.detail() + ")"
                    + "\n  fix: allow ecr:BatchGetImage and ecr:DescribeImages on it, or run with --skip-image-check");
        }
        RegistryCredentials rc = spec.task().registryCredentials();
        String valueName = spec.registryLoginValueName(spec.primaryService().name());
        if (rc != null && login == null) {
            return ("note: " + image.registry() + " wants a login to read " + image.repository()
                    + "; gantry could not read the secret " + rc.secret() + " to check with it, so ECS will be the first to use it");
        }
        if (rc != null) {
            return (what + ": " + image.registry() + " refused the login in the secret " + rc.secret() + " (" + u.detail() + ")"
                    + "\n  fix: store a working login: --secret " + valueName + "=@FILE with {\"username\": …, \"password\": …}"
                    + (rc.managed() ? "" : " in the secret " + rc.secret()));
        }
        return (what + ": " + image.registry() + " answered \"unauthorized\" (" + u.detail() + "): the repository "
                + image.repository() + " does not exist or is private"
                + "\n  fix: check the name; for a private image add task.registryCredentials: {secret: " + spec.app() + "/registry}"
                + " and give the login at apply with --secret " + valueName + "=@FILE (a file holding"
                + " {\"username\": …, \"password\": …} or user:password)");
    }
}

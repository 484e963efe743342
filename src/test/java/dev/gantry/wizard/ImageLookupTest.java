package dev.gantry.wizard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Task screen asks for a registry login only when the registry said "unauthorized", and offers pinning when it gave a digest. */
class ImageLookupTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);

    /** Found look-ups, plus a registry that knows two images. */
    static final class Registry implements Lookups {
        final FoundLookups found = new FoundLookups();
        @Override public Identity identity() { return found.identity(); }
        @Override public Lookup<java.util.List<String>> availabilityZones(String region) { return found.availabilityZones(region); }
        @Override public Lookup<java.util.List<Choice>> vpcs(String region) { return found.vpcs(region); }
        @Override public Lookup<java.util.List<SubnetInfo>> subnets(String region, String vpcId) { return found.subnets(region, vpcId); }
        @Override public Lookup<java.util.List<String>> hostedZones() { return found.hostedZones(); }
        @Override public Lookup<java.util.List<Choice>> certificates(String region, String domain) { return found.certificates(region, domain); }
        @Override public Lookup<java.util.List<String>> parameters(String region, String prefix) { return found.parameters(region, prefix); }
        @Override public Lookup<ImageLook> image(String region, String image) {
            if (image.contains("private")) return Lookup.found(new ImageLook(null, true));
            return Lookup.found(new ImageLook(DIGEST, false));
        }
    }

    WizardFlow flow(String image) {
        WizardFlow f = new WizardFlow(new LookupResults(new Registry(), "us-east-1"));
        f.set("app", "hello");
        f.set("task.image", image);
        return f;
    }

    static boolean asked(WizardFlow f, String id) { return f.questions(WizardScreen.TASK).stream().anyMatch(q -> q.id().equals(id)); }

    @Test void an_unauthorized_registry_brings_the_login_question_and_the_spec_gets_the_secret() {
        WizardFlow f = flow("ghcr.io/acme/private-api:1.0");
        assertThat(asked(f, "task.registryCredentials")).isTrue();
        assertThat(asked(f, "task.pinDigest")).isFalse();
        assertThat(f.get("task.registryCredentials")).isEqualTo("hello/registry");
        assertThat(f.set("task.registryCredentials", "my login")).contains("not a valid secret name");
        assertThat(f.set("task.registryCredentials", "acme/ghcr")).isNull();
        assertThat(f.tryBuild().task().registryCredentials().secret()).isEqualTo("acme/ghcr");
    }

    @Test void a_public_image_is_not_asked_for_a_login_and_may_be_pinned() {
        WizardFlow f = flow("public.ecr.aws/nginx/nginx:1.27");
        assertThat(asked(f, "task.registryCredentials")).isFalse();
        assertThat(f.tryBuild().task().registryCredentials()).isNull();
        assertThat(f.tryBuild().task().image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
        f.set("task.pinDigest", "true");
        assertThat(f.tryBuild().task().image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27@" + DIGEST);
    }
}

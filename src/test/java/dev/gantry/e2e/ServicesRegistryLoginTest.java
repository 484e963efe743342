package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry login per service of a version-2 spec: each login is a secret of its own (by name, one
 * secret for the services naming the same one), given under its service's value name, and only the
 * execution roles of the services naming it may read it; the tasks pull their private images.
 */
class ServicesRegistryLoginTest {
    static final String SPEC = """
            version: 2
            app: shop
            region: us-east-1
            network:
              vpc: default
            services:
              web:
                task:
                  image: public.ecr.aws/nginx/nginx:1.27
                  port: 80
                public: {}
              api:
                task:
                  image: ghcr.io/acme/private-api:1.0
                  port: 8080
                  registryCredentials:
                    secret: shop/api-registry
                internal: true
              worker:
                task:
                  image: ghcr.io/acme/private-worker:1.0
                  registryCredentials:
                    secret: WORKER_SECRET
              reports:
                task:
                  image: ghcr.io/acme/private-reports:1.0
                  registryCredentials:
                    secret: shop/api-registry
            """;

    static Spec spec(String workerSecret) throws Exception {
        return SpecLoader.load("gantry.yaml", SPEC.replace("WORKER_SECRET", workerSecret));
    }

    static List<SecretListEntry> secrets(SimHarness h) { return h.aws.secretsManager().listSecrets(b -> {}).secretList(); }

    static String secretArn(SimHarness h, String name) {
        return secrets(h).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().arn();
    }

    /** What IAM's policy simulator says of the role reading the secret (as ECS's agent would). */
    static boolean reads(SimHarness h, String role, String secret) {
        String arn = h.aws.iam().getRole(b -> b.roleName(role)).role().arn();
        return h.aws.iam().simulatePrincipalPolicy(b -> b.policySourceArn(arn).actionNames("secretsmanager:GetSecretValue")
                .resourceArns(secretArn(h, secret))).evaluationResults().get(0).evalDecision() == PolicyEvaluationDecisionType.ALLOWED;
    }

    static String value(SimHarness h, String name) {
        return h.aws.secretsManager().getSecretValue(b -> b.secretId(name)).secretString();
    }

    @Test void each_login_is_read_only_by_the_services_that_name_it() throws Exception {
        Spec spec = spec("shop/worker-registry");
        SimHarness h = new SimHarness().prepare(spec);
        // Each managed login is given under its service's name; the api's, shared by reports, once.
        assertThat(spec.registryLoginValueNames()).containsExactly("REGISTRY_CREDENTIALS_API", "REGISTRY_CREDENTIALS_WORKER");
        h.secrets = name -> Optional.of(switch (name) {
            case "REGISTRY_CREDENTIALS_API" -> "api-robot:pw1";
            case "REGISTRY_CREDENTIALS_WORKER" -> "worker-robot:pw2";
            default -> "s3cret-" + name;
        }).map(String::toCharArray);
        ApplyResult r = h.apply(spec);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();

        assertThat(secrets(h)).extracting(s -> s.name() + " " + s.tags().stream().filter(t -> t.key().equals("gantry:component")).findFirst().orElseThrow().value())
                .containsExactlyInAnyOrder("shop/api-registry secret.api-registry", "shop/worker-registry secret.worker-registry");
        assertThat(value(h, "shop/api-registry")).contains("api-robot").doesNotContain("worker-robot");
        assertThat(value(h, "shop/worker-registry")).contains("worker-robot");

        assertThat(reads(h, "shop-api-execution", "shop/api-registry")).isTrue();
        assertThat(reads(h, "shop-reports-execution", "shop/api-registry")).isTrue();
        assertThat(reads(h, "shop-worker-execution", "shop/worker-registry")).isTrue();
        assertThat(reads(h, "shop-api-execution", "shop/worker-registry")).isFalse();
        assertThat(reads(h, "shop-worker-execution", "shop/api-registry")).isFalse();
        assertThat(reads(h, "shop-web-execution", "shop/api-registry")).isFalse();
        assertThat(reads(h, "shop-web-execution", "shop/worker-registry")).isFalse();

        // Every service's tasks pulled their image and run.
        for (String service : List.of("shop-web", "shop-api", "shop-worker", "shop-reports")) {
            var svc = h.aws.ecs().describeServices(b -> b.cluster("shop").services(service)).services().get(0);
            assertThat(svc.runningCount()).as(service).isEqualTo(svc.desiredCount());
        }

        h.secrets = name -> Optional.empty();
        h.world.resetCounters();
        assertThat(h.apply(spec).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(h.world.mutatingCalls()).isZero();

        // The worker's login removed from the spec: its secret goes, the others stay.
        Spec without = SpecLoader.load("gantry.yaml", SPEC.replace("""
                      registryCredentials:
                        secret: WORKER_SECRET
                """, "").replace("ghcr.io/acme/private-worker:1.0", "public.ecr.aws/docker/library/busybox:1.36"));
        ApplyResult removed = h.apply(without);
        assertThat(removed.exitCode()).as(removed.failures().toString()).isZero();
        assertThat(secrets(h)).extracting(SecretListEntry::name).containsExactly("shop/api-registry");
        assertThat(h.plan(without).hasChanges()).isFalse();

        // Both services naming the api's login taken out of the spec: the login goes with them.
        String text = SPEC.replace("WORKER_SECRET", "shop/worker-registry");
        String onlyWeb = text.substring(0, text.indexOf("  api:\n"));
        Spec web = SpecLoader.load("gantry.yaml", onlyWeb);
        assertThat(web.services().keySet()).containsExactly("web");
        ApplyResult gone = h.apply(web);
        assertThat(gone.exitCode()).as(gone.failures().toString()).isZero();
        assertThat(secrets(h)).isEmpty();
        assertThat(h.plan(web).hasChanges()).isFalse();
    }
}

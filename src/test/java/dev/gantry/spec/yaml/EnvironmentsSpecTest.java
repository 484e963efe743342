package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Environment;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentsSpecTest {
    static final String BODY = """
            version: 1
            app: hello
            region: us-east-1
            tags:
              team: web
            task:
              image: public.ecr.aws/nginx/nginx:1.27
              cpu: 512
              memory: 1024
              port: 80
              environment:
                MODE: live
                COLOUR: blue
              secrets:
                DB_PASSWORD:
                  parameter: /hello/db-password
            service:
              desiredCount: 3
            loadBalancer:
              healthCheckPath: /
            certificate:
              domain: hello.example.com
            dns:
              zone: example.com
              record: hello.example.com
            """;

    static final String ENVS = """
            environments:
              production:
                default: true
              staging:
                account: staging
                task:
                  cpu: 256
                  environment:
                    MODE: test
                service:
                  desiredCount: 1
                certificate:
                  domain: staging.example.com
                dns:
                  record: staging.example.com
            """;

    @Test
    void anEnvironmentIsItsEntryMergedOverTheBody() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", BODY + ENVS, "staging", null);
        assertThat(r.errors()).isEmpty();
        Spec s = r.spec();
        assertThat(s.app()).isEqualTo("hello-staging");
        assertThat(s.task().cpu()).isEqualTo(256);
        assertThat(s.task().memory()).isEqualTo(1024);
        // Maps merge key by key.
        assertThat(s.task().environment()).containsEntry("MODE", "test").containsEntry("COLOUR", "blue");
        assertThat(s.service().desiredCount()).isEqualTo(1);
        assertThat(s.dns().record()).isEqualTo("staging.example.com");
        assertThat(s.tags()).containsEntry("team", "web").containsEntry(Environment.TAG, "staging");
        assertThat(r.environment().profile()).isEqualTo("staging");
        assertThat(r.environments().names()).containsExactly("production", "staging");
        assertThat(r.environments().defaultOne().orElseThrow().name()).isEqualTo("production");
    }

    @Test
    void theFirstEnvironmentKeepsTheAppsNames() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", BODY + ENVS, "production", null);
        assertThat(r.errors()).isEmpty();
        assertThat(r.spec().app()).isEqualTo("hello");
        assertThat(r.spec().task().cpu()).isEqualTo(512);
        assertThat(r.spec().tags()).containsEntry(Environment.TAG, "production");
    }

    @Test
    void aFileWithoutEnvironmentsGetsNoEnvironmentTag() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", BODY);
        assertThat(r.spec().tags()).doesNotContainKey(Environment.TAG);
        assertThat(r.environments().defined()).isFalse();
    }

    @Test
    void listsReplace() {
        String text = BODY.replace("  port: 80\n", "  port: 80\n  command: [a, b]\n") + """
                environments:
                  production: {}
                  staging:
                    account: staging
                    task: {command: [c]}
                    dns: {record: staging.example.com}
                    certificate: {domain: staging.example.com}
                    tags: {}
                """;
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text, "staging", null);
        assertThat(r.errors()).isEmpty();
        assertThat(r.spec().task().command()).containsExactly("c");
    }

    @Test
    void aProblemInAnEnvironmentNamesItsLineAndPath() {
        String text = BODY + ENVS.replace("      cpu: 256", "      cpu: 300");
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text);
        assertThat(r.valid()).isFalse();
        int line = List.of(text.split("\n")).indexOf("      cpu: 300") + 1;
        Diagnostic d = r.errors().get(0);
        assertThat(d.render()).startsWith("gantry.yaml:" + line + ":12: environments.staging.task.cpu: ");
        assertThat(d.fix()).isNotBlank();
    }

    @Test
    void unknownKeysInAnEnvironmentAreNamedWithTheirEnvironment() {
        String text = BODY + ENVS.replace("    service:\n", "    servce:\n");
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text);
        assertThat(r.errors()).extracting(Diagnostic::field).contains("environments.staging.servce");
        assertThat(r.errors().get(0).fix()).contains("service");
    }

    @Test
    void badEnvironmentInputIsRefusedWithItsField() {
        String text = BODY + """
                environments:
                  Prod:
                    default: true
                  staging:
                    default: true
                    account: 1234
                    app: other
                """;
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(Diagnostic::field).contains("environments.Prod", "environments.staging.default",
                "environments.staging.account", "environments.staging.app");
        assertThat(r.errors()).allSatisfy(d -> assertThat(d.line()).isPositive());
        assertThat(r.errors()).filteredOn(d -> d.field().equals("environments.Prod")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("lowercase"));
    }

    @Test
    void twoEnvironmentsInOneAccountMayNotShareANameTheSpecGives() {
        String text = BODY + """
                environments:
                  production: {}
                  staging:
                    dns: {record: staging.example.com}
                    certificate: {domain: staging.example.com}
                """;
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("/hello/db-password"));
        assertThat(r.errors().get(0).fix()).contains("/hello-staging/db-password");
    }

    @Test
    void theEnvironmentsAppNameMustFitTheAppNamesLimit() {
        String text = BODY.replace("app: hello", "app: a-rather-long-app-name") + """
                environments:
                  production: {}
                  staging-europe:
                    account: eu
                """;
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors().get(0).render()).contains("environments.staging-europe: ").contains("a-rather-long-app-name-staging-europe")
                .contains("fix: shorten");
    }

    @Test
    void aPreviewTakesItsSettingsFromAnotherEnvironment() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", BODY + ENVS, "pr-123", "staging");
        assertThat(r.errors()).isEmpty();
        Spec s = r.spec();
        assertThat(s.app()).isEqualTo("hello-pr-123");
        assertThat(s.dns().record()).isEqualTo("pr-123.example.com");
        assertThat(s.certificate().domain()).isEqualTo("pr-123.example.com");
        assertThat(s.network().natGateways()).isEqualTo(NatMode.NONE);
        assertThat(s.task().cpu()).isEqualTo(256);
        assertThat(s.task().secrets().get("DB_PASSWORD").parameter()).isEqualTo("/hello-pr-123/hello/db-password");
        assertThat(s.tags()).containsEntry(Environment.TAG, "pr-123").containsEntry(Environment.TAG_FROM, "staging");
        assertThat(r.environment().preview()).isTrue();
        assertThat(r.environment().profile()).isEqualTo("staging");
    }
}

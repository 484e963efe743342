package dev.gantry.resources.compute;

import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec the guard stores loads back as the same environment: its names and its gantry:env. */
class GuardsStoredSpecTest {
    private static final String FILE = """
            version: 1
            app: hello
            region: us-east-1
            tags: {team: web}
            task: {image: public.ecr.aws/nginx/nginx:1.27, port: 80}
            loadBalancer: {healthCheckPath: /}
            guard: {every: 5m}
            environments:
              production: {}
              staging:
                service: {desiredCount: 1}
            """;

    private static Spec env(String text, String name) {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text, name, null);
        assertThat(r.errors()).isEmpty();
        return r.spec();
    }

    @Test void each_environments_stored_spec_loads_back_with_its_names_and_tags() throws Exception {
        for (String name : java.util.List.of("production", "staging")) {
            Spec spec = env(FILE, name);
            Spec back = SpecLoader.load("ssm:/gantry/guard/" + spec.app() + "/spec", Guards.stored(spec));
            assertThat(back.app()).as(name).isEqualTo(spec.app());
            assertThat(back.tags()).as(name).isEqualTo(spec.tags()).containsEntry("gantry:env", name);
            assertThat(back.service().desiredCount()).as(name).isEqualTo(spec.service().desiredCount());
        }
        assertThat(env(FILE, "staging").app()).isEqualTo("hello-staging");
    }

    @Test void a_spec_without_environments_is_stored_without_them() throws Exception {
        Spec spec = SpecLoader.load("gantry.yaml", FILE.substring(0, FILE.indexOf("environments:")));
        String stored = Guards.stored(spec);
        assertThat(stored).doesNotContain("environments").doesNotContain("gantry:");
        assertThat(SpecLoader.load("ssm", stored).tags()).isEqualTo(spec.tags());
    }
}

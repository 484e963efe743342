package dev.gantry.e2e;

import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app named APP-NAME in an account where app APP has a service NAME (or the other way round):
 * their AWS names meet. The file alone cannot tell; ownership refuses at plan time, naming the
 * owner, and nothing is changed.
 */
class ServiceNameCollisionTest {
    static Spec shop() throws Exception { return SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/web-api-worker.yaml"))); }

    static Spec shopWeb() throws Exception {
        return SpecLoader.load("gantry.yaml", Files.readString(Path.of("templates/worker.yaml")).replace("app: worker", "app: shop-web"));
    }

    @Test void an_app_named_like_another_apps_service_is_refused_and_touches_nothing() throws Exception {
        SimHarness h = new SimHarness().prepare(shop());
        assertThat(h.apply(shop()).exitCode()).isZero();
        h.world.resetCounters();
        ApplyResult r = h.apply(shopWeb());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("log-group.main").contains("belongs to the gantry app 'shop'"));
    }

    @Test void a_service_named_like_another_app_is_refused_and_touches_nothing() throws Exception {
        SimHarness h = new SimHarness().prepare(shop()); // the account has shop's zone
        assertThat(h.apply(shopWeb()).exitCode()).isZero();
        h.world.resetCounters();
        ApplyResult r = h.apply(shop());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(h.world.mutatingCalls()).isZero();
        assertThat(r.failures()).anySatisfy(f -> assertThat(f).contains("belongs to the gantry app 'shop-web'"));
    }
}

package dev.gantry.cli.command;

import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * secrets on templates/web-api-worker.yaml, where DB_PASSWORD is one parameter read by api and
 * worker: set deploys every service that reads it (or only --service NAME's), list says who reads what.
 */
class ServicesSecretsTest {
    private final Spec spec = AppContextWorld.template("web-api-worker.yaml");

    private static List<String> running(AppContextWorld w, String service) {
        return w.aws.ecs().listTasks(b -> b.cluster("shop").serviceName(service).desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    @Test
    void setDeploysEveryServiceThatReadsTheSecretAndNoOther() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        List<String> api = running(w, "shop-api"), worker = running(w, "shop-worker"), web = running(w, "shop-web");

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", "n3w-value".toCharArray(), false, new CompletableFuture<>()));

        assertThat(code).as(w.err()).isZero();
        assertThat(w.out()).contains("Stored a new value for DB_PASSWORD in /shop/db-password")
                .contains("Started a new deployment of shop-api").contains("Started a new deployment of shop-worker")
                .doesNotContain("shop-web").doesNotContain("n3w-value");
        assertThat(running(w, "shop-api")).hasSize(2).doesNotContainAnyElementsOf(api);
        assertThat(running(w, "shop-worker")).hasSize(1).doesNotContainAnyElementsOf(worker);
        assertThat(running(w, "shop-web")).containsExactlyInAnyOrderElementsOf(web);
    }

    @Test
    void setWithServiceDeploysOnlyThatOneAndSaysWhoKeepsTheOldValue() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        List<String> api = running(w, "shop-api"), worker = running(w, "shop-worker");

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", "n3w-value".toCharArray(), false, new CompletableFuture<>(), "worker"));

        assertThat(code).as(w.err()).isZero();
        assertThat(w.out()).contains("api reads DB_PASSWORD too and keeps the old value until its next deployment")
                .contains("Started a new deployment of shop-worker").doesNotContain("deployment of shop-api");
        assertThat(running(w, "shop-worker")).doesNotContainAnyElementsOf(worker);
        assertThat(running(w, "shop-api")).containsExactlyInAnyOrderElementsOf(api);
    }

    @Test
    void aServiceThatDoesNotReadTheSecretIsExit2AndNothingIsStored() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        long before = w.aws.ssm().getParameter(b -> b.name("/shop/db-password")).parameter().version();
        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", "n3w-value".toCharArray(), false, new CompletableFuture<>(), "web"));
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(w.err()).contains("service web does not read DB_PASSWORD; api, worker do");
        assertThat(w.aws.ssm().getParameter(b -> b.name("/shop/db-password")).parameter().version()).isEqualTo(before);
    }

    @Test
    void listShowsEachSecretOnceWithWhoReadsItAndNarrowsToAService() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        assertThat(w.run(spec, d -> SecretsListCommand.run(d, null))).isZero();
        assertThat(w.out()).contains("READ BY").containsOnlyOnce("DB_PASSWORD").contains("api,worker");
        assertThat(w.run(spec, d -> SecretsListCommand.run(d, "web"))).isZero();
        assertThat(w.out()).contains("Service web reads no secrets");
    }
}

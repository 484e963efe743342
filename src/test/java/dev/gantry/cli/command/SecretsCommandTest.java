package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsCommandTest {
    static final String VALUE = "n3w-s3cret-value";
    final Spec spec = AppContextWorld.template("web-https.yaml");

    private static Service service(AppContextWorld w) {
        return w.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
    }

    private static List<String> runningTasks(AppContextWorld w) {
        return w.aws.ecs().listTasks(b -> b.cluster("hello").serviceName("hello").desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    private static Parameter parameter(AppContextWorld w) {
        return w.aws.ssm().getParameter(b -> b.name("/hello/db-password").withDecryption(true)).parameter();
    }

    @Test void set_writes_a_securestring_then_replaces_every_task_and_watches_it() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        String before = service(w).deployments().get(0).id();
        List<String> oldTasks = runningTasks(w);
        char[] value = VALUE.toCharArray();

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", value, false, new CompletableFuture<>()));

        assertThat(code).as(w.err()).isZero();
        Parameter p = parameter(w);
        assertThat(p.value()).isEqualTo(VALUE);
        assertThat(p.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(p.version()).isEqualTo(2L);
        Service s = service(w);
        assertThat(s.deployments()).singleElement().satisfies(dep -> {
            assertThat(dep.id()).isNotEqualTo(before);
            assertThat(dep.rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(dep.runningCount()).isEqualTo(2);
        });
        assertThat(runningTasks(w)).hasSize(2).doesNotContainAnyElementsOf(oldTasks);
        assertThat(w.out()).contains("Stored a new value for DB_PASSWORD in /hello/db-password (SecureString, version 2).")
                .contains("Started a new deployment so the tasks read it")
                .containsPattern("\\[ *\\d+s] rollout hello: ")
                .contains("✓ DB_PASSWORD is in use: 2 tasks run with the new value")
                .doesNotContain("has reached a steady state.\n[     2s]");
        // only this deployment's story: the tasks apply started are mentioned once, when they stop
        for (String arn : oldTasks) {
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            assertThat(w.out().split(java.util.regex.Pattern.quote(id), -1)).hasSize(2);
        }
        assertThat(w.out() + w.err()).doesNotContain(VALUE);
        assertThat(value).containsOnly('\0');
        assertThat(w.world.state.ssm.params).doesNotContainKey("/gantry/locks/hello");
    }

    @Test void a_running_apply_holds_the_lock_and_nothing_changes() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        new dev.gantry.engine.Lock(w.aws.ssm(), "hello").acquire(new dev.gantry.engine.LockHolder("0123456789abcdef", "apply", "ci", "runner",
                "boot-1", "pid:[1]", 7, java.time.Instant.EPOCH, w.time.now()));
        String before = service(w).deployments().get(0).id();

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), false, new CompletableFuture<>()));

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.err()).contains("another gantry run holds the lock /gantry/locks/hello: gantry apply (run 01234567) by ci on runner (pid 7) since").contains("fix: wait");
        assertThat(parameter(w).version()).isEqualTo(1L);
        assertThat(service(w).deployments().get(0).id()).isEqualTo(before);
        assertThat(w.world.state.ssm.params).containsKey("/gantry/locks/hello");
    }

    @Test void a_run_alive_on_this_machine_is_waited_for_never_force_unlocked() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        // This very process holds it (as another gantry on this machine would): it is provably alive.
        new dev.gantry.engine.Lock(w.aws.ssm(), "hello").acquire(dev.gantry.engine.LockHolder.of(dev.gantry.engine.Machine.local(Map.of()), w.time.now(), "apply"));

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), false, new CompletableFuture<>()));

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.err()).contains("still going on this machine, pid " + ProcessHandle.current().pid()).doesNotContain("--force-unlock");
    }

    @Test void a_failed_deployment_exits_1_with_the_diagnosis() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        // Someone removed the execution role's permission to read the secret in the console.
        w.aws.iam().deleteRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets"));

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), false, new CompletableFuture<>()));

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.err()).contains("✗ The new deployment failed: ")
                .contains("ssm:GetParameters")
                .contains("fix: ")
                .contains("The new value is stored (version 2). The previous tasks keep running with the old value");
        // status agrees: the old tasks serve, the new deployment is failing, and why
        w.streams.clear();
        assertThat(w.run(spec, d -> StatusCommand.run(d, false, true))).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.out()).contains("2 desired · 2 running")
                .contains("✗ the latest deployment (hello:1) is not coming up: 2 of its tasks failed; the previous tasks keep serving meanwhile")
                .contains("Why: The task's execution role hello-execution is not allowed to read the secret DB_PASSWORD");
        assertThat(w.out() + w.err()).doesNotContain(VALUE);
        assertThat(parameter(w).value()).isEqualTo(VALUE);
    }

    @Test void no_deploy_only_stores_the_value() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        String before = service(w).deployments().get(0).id();

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), true, new CompletableFuture<>()));

        assertThat(code).isZero();
        assertThat(parameter(w).version()).isEqualTo(2L);
        assertThat(service(w).deployments()).singleElement().satisfies(dep -> assertThat(dep.id()).isEqualTo(before));
        assertThat(w.out()).contains("Running tasks keep the old value until the next deployment");
    }

    @Test void without_a_service_the_value_waits_for_apply() {
        AppContextWorld w = new AppContextWorld();
        // As apply leaves it before the service exists: gantry's own parameter, tagged for the app.
        w.aws.ssm().putParameter(b -> b.name("/hello/db-password").type(ParameterType.SECURE_STRING).value("old")
                .tags(Tag.builder().key("gantry:app").value("hello").build(), Tag.builder().key("gantry:component").value("parameter.DB_PASSWORD").build()));

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), false, new CompletableFuture<>()));

        assertThat(code).as(w.err()).isZero();
        assertThat(parameter(w).value()).isEqualTo(VALUE);
        assertThat(w.out()).contains("There is no running service hello yet");
    }

    @Test void a_look_alike_parameter_is_never_written() {
        for (String owner : new String[]{null, "rival"}) {
            AppContextWorld w = new AppContextWorld();
            w.aws.ssm().putParameter(b -> {
                b.name("/hello/db-password").type(ParameterType.SECURE_STRING).value("theirs");
                if (owner != null) b.tags(Tag.builder().key("gantry:app").value(owner).build());
            });

            int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), true, new CompletableFuture<>()));

            // A name gantry.yaml wants that something else holds: a conflict, exit 2, as apply's.
            assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(parameter(w).value()).isEqualTo("theirs");
            assertThat(parameter(w).version()).isEqualTo(1L);
            assertThat(w.err()).contains("gantry did not create it for app hello").doesNotContain(VALUE).doesNotContain("theirs")
                    .contains(owner == null ? "--adopt parameter.DB_PASSWORD" : "belongs to the gantry app 'rival'");
        }
    }

    @Test void a_parameter_that_does_not_exist_yet_points_at_apply() {
        AppContextWorld w = new AppContextWorld();

        int code = w.run(spec, d -> SecretsSetCommand.run(d, "DB_PASSWORD", VALUE.toCharArray(), false, new CompletableFuture<>()));

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(w.err()).contains("gantry: the parameter /hello/db-password does not exist yet").contains("fix: run 'gantry apply' first");
        assertThat(w.aws.ssm().describeParameters(b -> { }).parameters()).isEmpty();
    }

    @Test void list_shows_names_parameters_and_versions_never_values() {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);

        assertThat(w.run(spec, SecretsListCommand::run)).isZero();

        assertThat(w.out()).contains("NAME").contains("DB_PASSWORD").contains("/hello/db-password")
                .contains("SecureString version 1, changed 2026-01-01").doesNotContain("first-DB_PASSWORD");
    }

    // ---- through the CLI: what is refused before AWS is touched ----

    private Captured io;

    private int cli(Path home, Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("GANTRY_HOME", home.toString());
        io = new Captured(all);
        return io.gantry(args);
    }

    @Test void an_unknown_name_exits_2_listing_the_managed_secrets(@TempDir Path home) {
        int code = cli(home, Map.of(), "secrets", "set", "DB_PASWORD", "-f", "templates/web-https.yaml", "--simulate");
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("gantry.yaml has no secret DB_PASWORD (managed secrets: DB_PASSWORD)");
        assertThat(home.resolve("simulated")).doesNotExist();
    }

    @Test void a_secret_given_by_arn_is_not_gantrys_to_set(@TempDir Path home) throws Exception {
        Path file = home.resolve("gantry.yaml");
        Files.writeString(file, Files.readString(Path.of("templates/web-https.yaml")).replace("""
                    DB_PASSWORD:
                      parameter: /hello/db-password
                """, """
                    DB_PASSWORD:
                      parameter: /hello/db-password
                    API_KEY:
                      parameter: arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key
                """));
        int code = cli(home, Map.of(), "secrets", "set", "API_KEY", "-f", file.toString(), "--simulate");
        assertThat(code).as(io.err()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("API_KEY refers to an existing parameter by ARN").contains("does not manage");
    }

    @Test void a_plain_value_argument_is_refused_and_not_echoed(@TempDir Path home) {
        int code = cli(home, Map.of(), "secrets", "set", "DB_PASSWORD", "hunter2", "-f", "templates/web-https.yaml", "--simulate");
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("ps").contains("shell history").contains("--value-file").doesNotContain("hunter2");
        assertThat(home.resolve("simulated")).doesNotExist();
    }

    @Test void no_value_and_no_terminal_exits_2(@TempDir Path home) {
        int code = cli(home, Map.of("TERM", "dumb"), "secrets", "set", "DB_PASSWORD", "-f", "templates/web-https.yaml", "--simulate");
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(io.err()).contains("no value for DB_PASSWORD").contains("GANTRY_SECRET_DB_PASSWORD");
    }

    @Test void the_cli_sets_a_value_from_the_environment_on_the_saved_simulated_account(@TempDir Path home) {
        AppContextWorld w = new AppContextWorld();
        w.applied(spec);
        w.world.save(home.resolve("simulated").resolve("us-east-1.json"));

        int code = cli(home, Map.of("GANTRY_SECRET_DB_PASSWORD", VALUE, "TERM", "dumb", "GANTRY_SIM_SPEED", "2000"),
                "secrets", "set", "DB_PASSWORD", "-f", "templates/web-https.yaml", "--simulate");

        assertThat(code).as(io.err()).isZero();
        assertThat(io.out()).contains("✓ DB_PASSWORD is in use").doesNotContain(VALUE);
        var reloaded = dev.gantry.aws.sim.SimWorld.load(home.resolve("simulated").resolve("us-east-1.json"), w.time,
                dev.gantry.aws.sim.SimLatency.realistic());
        assertThat(reloaded.state.ssm.params.get("/hello/db-password").version).isEqualTo(2L);
    }
}

package dev.gantry.cli.command;

import dev.gantry.cli.wiring.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --env and GANTRY_ENV on the command line, on the simulated AWS. */
class EnvironmentsCommandTest {
    static final String FILE = """
            version: 1
            app: hello
            region: us-east-1
            network: {vpc: default}
            task:
              image: public.ecr.aws/nginx/nginx:1.27
              port: 80
              secrets:
                DB_PASSWORD: {parameter: /hello/db-password}
            service: {desiredCount: 1}
            loadBalancer: {healthCheckPath: /}
            dns: {zone: example.com, record: hello.example.com}
            environments:
              production: {}
              staging:
                default: true
                account: staging
                dns: {record: staging.example.com}
            """;

    @TempDir Path dir;

    Path file(String text) throws Exception {
        Path f = dir.resolve("gantry.yaml");
        Files.writeString(f, text);
        return f;
    }

    CliRun gantry(Map<String, String> env, String... args) { return CliRun.gantry(dir.resolve("home"), env, args); }

    CliRun gantry(String... args) { return gantry(Map.of(), args); }

    @Test void a_command_that_changes_aws_refuses_without_an_environment_and_names_them() throws Exception {
        Path f = file(FILE);
        CliRun r = gantry("apply", "-f", f.toString(), "--simulate", "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("names environments (production, staging): say which one this command changes")
                .contains("fix: add --env production (or set GANTRY_ENV)");
        assertThat(dir.resolve("home/simulated")).doesNotExist();
    }

    @Test void an_unknown_environment_is_refused_with_a_suggestion() throws Exception {
        Path f = file(FILE);
        CliRun r = gantry("plan", "-f", f.toString(), "--simulate", "--env", "prod");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--env prod: " + f + " names no environment prod (it names production, staging)")
                .contains("fix: did you mean --env production?");
        CliRun typo = gantry(Map.of("GANTRY_ENV", "stagign"), "status", "-f", f.toString(), "--simulate");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("GANTRY_ENV=stagign").contains("did you mean --env staging?");
    }

    @Test void bad_environment_input_is_exit_2_naming_the_file_line_and_field_before_any_aws_call() throws Exception {
        Path f = file(FILE.replace("    dns: {record: staging.example.com}\n", "    dns: {record: staging.example.com}\n    service: {desiredCount: -1}\n"));
        int line = java.util.List.of(Files.readString(f).split("\n")).indexOf("    service: {desiredCount: -1}") + 1;
        CliRun r = gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--env", "production");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":" + line + ":").contains("environments.staging.service.desiredCount: ").contains("fix: ");
        assertThat(dir.resolve("home/simulated")).doesNotExist();
        CliRun validate = gantry("validate", f.toString());
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err() + validate.out()).contains("environments.staging.service.desiredCount");
    }

    @Test void init_edits_one_environment_and_leaves_the_other_and_the_body_as_they_were() throws Exception {
        Path f = file(FILE);
        var before = dev.gantry.spec.yaml.SpecTree.read("gantry.yaml", FILE);
        var production = dev.gantry.spec.yaml.SpecLoader.check(f, "production", null).spec();
        var staging = dev.gantry.spec.yaml.SpecLoader.check(f, "staging", null).spec();
        CliRun r = gantry("init", "-f", f.toString(), "--env-count", "staging=3", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(f);
        var after = dev.gantry.spec.yaml.SpecTree.read("gantry.yaml", text);
        // The environments' entries: production's untouched, staging's with only the count added.
        assertThat(((java.util.Map<?, ?>) after.get("environments")).get("production")).isEqualTo(java.util.Map.of());
        var stagingBefore = new java.util.LinkedHashMap<Object, Object>((java.util.Map<?, ?>) ((java.util.Map<?, ?>) before.get("environments")).get("staging"));
        stagingBefore.put("service", java.util.Map.of("desiredCount", 3));
        assertThat(((java.util.Map<?, ?>) after.get("environments")).get("staging")).isEqualTo(stagingBefore);
        // The body and production as specs: exactly as before; staging: only its count moved.
        assertThat(dev.gantry.spec.yaml.SpecLoader.check(f, "production", null).spec()).isEqualTo(production);
        var stagingAfter = dev.gantry.spec.yaml.SpecLoader.check(f, "staging", null).spec();
        assertThat(stagingAfter.service().desiredCount()).isEqualTo(3);
        assertThat(stagingAfter.withService(staging.service())).isEqualTo(staging);
        assertThat(text).contains("# Environments: each is the settings above");
    }

    @Test void a_file_without_environments_refuses_an_environment() throws Exception {
        Path f = file(FILE.substring(0, FILE.indexOf("environments:")));
        CliRun r = gantry("plan", "-f", f.toString(), "--simulate", "--env", "staging");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("names no environments");
    }

    @Test void each_environment_deploys_into_its_own_account_and_read_only_commands_use_the_default() throws Exception {
        Path f = file(FILE);
        CliRun prod = gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "production");
        assertThat(prod.code()).as(prod.err() + prod.out()).isZero();
        CliRun staging = gantry(Map.of("GANTRY_ENV", "staging"), "apply", "-f", f.toString(), "--simulate", "--yes", "--plain");
        assertThat(staging.code()).as(staging.err() + staging.out()).isZero();
        // staging's account: staging is a profile, a simulated account of its own.
        assertThat(dir.resolve("home/simulated/us-east-1.json")).exists();
        assertThat(dir.resolve("home/simulated/staging/us-east-1.json")).exists();
        assertThat(Files.readString(dir.resolve("home/simulated/staging/us-east-1.json"))).contains(Session.simulatedAccount("staging"))
                .doesNotContain("\"hello\"");

        for (String env : new String[]{"production", "staging"}) {
            CliRun plan = gantry("plan", "-f", f.toString(), "--simulate", "--env", env);
            assertThat(plan.code()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("No changes");
        }
        CliRun status = gantry("status", "-f", f.toString(), "--simulate");
        assertThat(status.code()).as(status.err() + status.out()).isZero();
        assertThat(status.out()).startsWith("hello-staging · us-east-1 · ✓ healthy");

        CliRun destroy = gantry("destroy", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "staging");
        assertThat(destroy.code()).as(destroy.err() + destroy.out()).isZero();
        CliRun after = gantry("plan", "-f", f.toString(), "--simulate", "--env", "production");
        assertThat(after.out()).contains("No changes");
    }

    @Test void an_account_id_that_is_not_the_credentials_account_is_refused_before_any_change() throws Exception {
        Path f = file(FILE.replace("account: staging", "account: \"210987654321\""));
        CliRun r = gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--env", "staging");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("environment staging is in account 210987654321 (its account:), and these credentials are for account 123456789012")
                .contains("fix: use credentials of account 210987654321");
    }

    private static String digest(String statusAllLine) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sha256:[0-9a-f]{12}").matcher(statusAllLine);
        assertThat(m.find()).as(statusAllLine).isTrue();
        return m.group();
    }

    private static String lineOf(String out, String env) {
        return out.lines().filter(l -> l.startsWith(env + " ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test void status_all_says_an_environment_not_deployed_costs_nothing_yet() throws Exception {
        Path f = file(FILE);
        assertThat(gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "staging").code()).isZero();
        CliRun all = gantry("status", "-f", f.toString(), "--simulate", "--all");
        assertThat(lineOf(all.out(), "production")).contains("not deployed · - · - · once deployed about $");
        assertThat(lineOf(all.out(), "staging")).contains("✓ healthy").contains(" · no drift · about $");
    }

    @Test void promotion_deploys_the_digest_staging_runs_and_is_refused_after_a_failed_staging_rollout() throws Exception {
        Path f = file(FILE.replace("  production: {}", "  production: {task: {image: public.ecr.aws/nginx/nginx:1.26}}"));
        assertThat(gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "production").code()).isZero();
        assertThat(gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "staging").code()).isZero();
        CliRun before = gantry("status", "-f", f.toString(), "--simulate", "--all");
        assertThat(before.code()).as(before.err()).isZero();
        String stagingDigest = digest(lineOf(before.out(), "staging"));
        assertThat(digest(lineOf(before.out(), "production"))).isNotEqualTo(stagingDigest);

        CliRun promote = gantry("promote", "-f", f.toString(), "--simulate", "--yes", "--plain", "--from", "staging", "--to", "production");
        assertThat(promote.code()).as(promote.err() + promote.out()).isZero();
        assertThat(promote.err()).contains("Promoting staging's running image public.ecr.aws/nginx/nginx:1.27@" + stagingDigest);
        // Only the image changes: the task definition and the service that runs it.
        assertThat(promote.out()).contains("Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.");
        CliRun after = gantry("status", "-f", f.toString(), "--simulate", "--all");
        assertThat(digest(lineOf(after.out(), "production"))).isEqualTo(stagingDigest);
        assertThat(lineOf(after.out(), "production")).contains("✓ healthy");
        CliRun history = gantry("history", "-f", f.toString(), "--simulate", "--env", "production");
        assertThat(history.out().lines().filter(l -> l.contains("image")).findFirst().orElseThrow()).contains("nginx:1.27@" + stagingDigest);
        assertThat(Files.readString(f)).doesNotContain("sha256");

        Files.writeString(f, Files.readString(f).replace("    account: staging\n", "    account: staging\n    task: {image: public.ecr.aws/nginx/nginx:1.27-crash}\n"));
        CliRun otherService = gantry("promote", "-f", f.toString(), "--simulate", "--yes", "--from", "staging", "--to", "production", "--service", "web");
        assertThat(otherService.code()).isEqualTo(2);
        assertThat(otherService.err()).contains("gantry.yaml has one service, hello, not web");
        CliRun failed = gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "staging");
        assertThat(failed.code()).isEqualTo(1);
        CliRun refused = gantry("promote", "-f", f.toString(), "--simulate", "--yes", "--plain", "--from", "staging", "--to", "production");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("staging's last rollout").contains("did not succeed").contains("nothing was changed");
        CliRun historyAfter = gantry("history", "-f", f.toString(), "--simulate", "--env", "production");
        assertThat(historyAfter.out()).isEqualTo(history.out());
    }

    @Test void a_preview_environment_is_created_from_staging_listed_and_destroyed() throws Exception {
        Path f = file(FILE);
        assertThat(gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "staging").code()).isZero();
        CliRun planned = gantry("plan", "-f", f.toString(), "--simulate", "--env", "pr-7", "--from", "staging");
        assertThat(planned.code()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("hello-pr-7").containsPattern("Plan: \\d+ to add, 0 to change");
        CliRun made = gantry("apply", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "pr-7", "--from", "staging");
        assertThat(made.code()).as(made.err() + made.out()).isZero();
        assertThat(made.out()).contains("http://pr-7.example.com");
        // In staging's account (its profile), beside staging.
        assertThat(Files.readString(dir.resolve("home/simulated/staging/us-east-1.json"))).contains("hello-pr-7");

        CliRun envs = gantry("envs", "-f", f.toString(), "--simulate");
        assertThat(envs.code()).as(envs.err()).isZero();
        assertThat(envs.out()).contains("staging *").containsPattern("pr-7 +hello-pr-7 +staging +\\d+m +about \\$");
        CliRun status = gantry("status", "-f", f.toString(), "--simulate", "--env", "pr-7");
        assertThat(status.out()).as(status.err()).startsWith("hello-pr-7 · us-east-1 · ✓ healthy");

        CliRun gone = gantry("destroy", "-f", f.toString(), "--simulate", "--yes", "--plain", "--env", "pr-7");
        assertThat(gone.code()).as(gone.err() + gone.out()).isZero();
        assertThat(gantry("envs", "-f", f.toString(), "--simulate").out()).contains("No preview environments");
        CliRun staging = gantry("plan", "-f", f.toString(), "--simulate", "--env", "staging");
        assertThat(staging.out()).contains("No changes");
        CliRun unknown = gantry("status", "-f", f.toString(), "--simulate", "--env", "pr-7");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no preview environment of that name was found");
    }
}

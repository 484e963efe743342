package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Job;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jobs:} in gantry.yaml: read, checked with file, line and field, written back. */
class JobsSpecTest {
    private static final String HEAD = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n";

    @Test void a_job_is_read_with_its_defaults() throws Exception {
        Spec spec = SpecLoader.load("g.yaml", HEAD + "jobs:\n  nightly-report:\n    schedule: cron(0 3 * * ? *)\n    timezone: Europe/Paris\n"
                + "    command: [bin/report, --daily]\n    environment:\n      MODE: full\n");
        assertThat(spec.jobs()).containsExactly(Map.entry("nightly-report", new Job("nightly-report", "cron(0 3 * * ? *)", "Europe/Paris",
                List.of("bin/report", "--daily"), null, null, null, Map.of("MODE", "full"))));
        assertThat(SpecLoader.load("g.yaml", HEAD).jobs()).isEmpty();
        assertThat(dev.gantry.spec.SpecSummary.describe(spec)).contains("1 scheduled job (nightly-report on cron(0 3 * * ? *)) on EventBridge Scheduler.");
    }

    private static Diagnostic first(String jobs) {
        return SpecLoader.check("g.yaml", HEAD + "jobs:\n" + jobs).errors().get(0);
    }

    @Test void mistakes_name_the_line_field_and_fix() {
        Diagnostic both = first("  r:\n    schedule: cron(0 3 * * * *)\n    command: [x]\n");
        assertThat(both.line()).isEqualTo(8);
        assertThat(both.field()).isEqualTo("jobs.r.schedule");
        assertThat(both.message()).contains("day-of-month").contains("day-of-week");

        Diagnostic words = first("  r:\n    schedule: every night\n    command: [x]\n");
        assertThat(words.message()).startsWith("'every night' is not an EventBridge Scheduler expression");
        assertThat(words.fix()).contains("cron(0 3 * * ? *)");

        Diagnostic missing = first("  r:\n    command: [x]\n");
        assertThat(missing.field()).isEqualTo("jobs.r.schedule");
        assertThat(missing.line()).isEqualTo(7);

        assertThat(first("  Report:\n    schedule: rate(1 hour)\n    command: [x]\n").field()).isEqualTo("jobs.Report");
        assertThat(first("  r:\n    schedule: rate(1 hour)\n    timezone: Mars/Olympus\n    command: [x]\n").field()).isEqualTo("jobs.r.timezone");
        assertThat(first("  r:\n    schedule: rate(1 hour)\n    command: [x]\n    cpu: 512\n").message()).contains("cpu and memory together");
        assertThat(first("  r:\n    schedule: rate(1 hour)\n    command: [x]\n    cpu: 256\n    memory: 4096\n").field()).isEqualTo("jobs.r.memory");
        assertThat(first("  r:\n    schedule: rate(1 hour)\n    comand: [x]\n").field()).isIn("jobs.r.comand", "jobs.r.command");
    }

    @Test void the_writer_writes_them_back() throws Exception {
        Spec spec = SpecLoader.load("g.yaml", HEAD + "jobs:\n  cleanup:\n    schedule: rate(1 hour)\n    command: [sh, \"-c\", \"bin/clean && echo ok\"]\n"
                + "    image: nginx:1.28\n    cpu: 512\n    memory: 1024\n");
        String yaml = SpecWriter.write(spec);
        assertThat(yaml).contains("# " + OwnComments.JOBS + "\njobs:\n  cleanup:\n");
        assertThat(SpecLoader.load("g.yaml", yaml)).isEqualTo(spec);
    }

    private static final String SECRETS = "  secrets:\n    DB_PASSWORD: {parameter: /hello/db}\n    API_TOKEN: {parameter: /hello/api}\n";

    @Test void a_timeout_and_the_secrets_a_job_gets_are_read_and_written_back() throws Exception {
        Spec spec = SpecLoader.load("g.yaml", HEAD + SECRETS + "jobs:\n  r:\n    schedule: rate(1 hour)\n    command: [x]\n    timeout: 30m\n"
                + "    secrets: [DB_PASSWORD]\n  s:\n    schedule: rate(1 hour)\n    command: [y]\n    timeout: 2h\n");
        assertThat(spec.jobs().get("r").timeout()).isEqualTo(1800);
        assertThat(spec.jobs().get("r").secrets()).containsExactly("DB_PASSWORD");
        assertThat(spec.jobs().get("s").timeout()).isEqualTo(7200);
        assertThat(spec.jobs().get("s").secrets()).as("all of the service's, as before").isNull();
        String yaml = SpecWriter.write(spec);
        assertThat(yaml).contains("    timeout: 30m\n    secrets: [DB_PASSWORD]\n").contains("    timeout: 2h\n");
        assertThat(SpecLoader.load("g.yaml", yaml)).isEqualTo(spec);
    }

    @Test void a_bad_timeout_or_a_secret_the_service_lacks_names_the_line_field_and_fix() {
        Diagnostic words = first("  r:\n    schedule: rate(1 hour)\n    command: [x]\n    timeout: half an hour\n");
        assertThat(words.line()).isEqualTo(10);
        assertThat(words.field()).isEqualTo("jobs.r.timeout");
        assertThat(words.message()).isEqualTo("'half an hour' is not a duration");
        assertThat(words.fix()).contains("timeout: 30m");
        Diagnostic shortOne = first("  r:\n    schedule: rate(1 hour)\n    command: [x]\n    timeout: 30s\n");
        assertThat(shortOne.field()).isEqualTo("jobs.r.timeout");
        assertThat(shortOne.fix()).contains("at least 1m");

        var unknown = SpecLoader.check("g.yaml", HEAD + SECRETS + "jobs:\n  r:\n    schedule: rate(1 hour)\n    command: [x]\n"
                + "    secrets:\n      - DB_PASSWORD\n      - DB_PASWORD\n").errors().get(0);
        assertThat(unknown.line()).isEqualTo(15);
        assertThat(unknown.field()).isEqualTo("jobs.r.secrets[1]");
        assertThat(unknown.message()).isEqualTo("the service has no secret DB_PASWORD");
        assertThat(unknown.fix()).isEqualTo("the service's secrets: API_TOKEN, DB_PASSWORD");
        assertThat(first("  r:\n    schedule: rate(1 hour)\n    command: [x]\n    secrets: [DB_PASSWORD]\n").fix()).contains("task.secrets");
    }
}

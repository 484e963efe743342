package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.cli.InitCommand;
import dev.gantry.cli.InitIo;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Lookups;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's edit matrix: apply A, edit to B the way a user would ({@code gantry init --yes -f FILE
 * --flag…} where a flag exists, else the file), the plan lists the expected actions, apply exits 0
 * and the next plan is empty; then B back to A the same. Where the row is not marked downtime, the
 * simulated AWS's per-second check finds https://RECORD answering for the whole of both applies.
 */
class EditMatrixTest {
    @TempDir Path dir;

    /** An edit: init flags (null when there is none for it) or a change to the file's text. */
    record Edit(List<String> flags, UnaryOperator<String> text) {
        static Edit flags(String... f) { return new Edit(List.of(f), null); }
        static Edit file(String from, String to) { return new Edit(null, t -> { assertThat(t).contains(from); return t.replace(from, to); }); }

        /** Puts back the template as it was (for edits a flag makes but none undoes). */
        static Edit template() {
            return new Edit(null, t -> {
                try {
                    return Files.readString(Path.of("templates", "web-https.yaml"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        /** Deletes the line {@code "KEY:"} (at two spaces) and the lines indented under it. */
        static Edit removeBlock(String key) {
            return new Edit(null, t -> {
                String out = t.replaceAll("(?m)^  " + key + ":\\n(    .*\\n)*", "");
                assertThat(out).isNotEqualTo(t);
                return out;
            });
        }
    }

    /** {@code there} and {@code back}: the expected plan, "ACTION address" lines, in any order. */
    record Row(String name, Edit toB, Edit toA, List<String> there, List<String> back, boolean servedThroughout) {
        @Override public String toString() { return name; }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("natGateways single -> perAz", Edit.flags("--nat", "perAz"), Edit.flags("--nat", "single"),
                        List.of("CREATE eip.nat-1", "CREATE nat-gateway.nat-1", "CREATE route-table.private-0", "CREATE route-table.private-1",
                                "DELETE route-table.private"),
                        List.of("CREATE route-table.private", "DELETE eip.nat-1", "DELETE nat-gateway.nat-1", "DELETE route-table.private-0",
                                "DELETE route-table.private-1"), true),
                new Row("domain and record hello -> www", Edit.flags("--domain", "www.example.com", "--record", "www.example.com"),
                        Edit.flags("--domain", "hello.example.com", "--record", "hello.example.com"),
                        List.of("REPLACE certificate.main", "UPDATE listener.https", "REPLACE dns-record.main"),
                        List.of("REPLACE certificate.main", "UPDATE listener.https", "REPLACE dns-record.main"), false),
                new Row("task cpu 256 -> 512", Edit.flags("--cpu", "512", "--memory", "1024"), Edit.flags("--cpu", "256", "--memory", "512"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("log retention 30 -> 14", Edit.flags("--log-retention", "14"), Edit.flags("--log-retention", "30"),
                        List.of("UPDATE log-group.main"), List.of("UPDATE log-group.main"), true),
                new Row("service count 2 -> 3", Edit.flags("--count", "3"), Edit.flags("--count", "2"),
                        List.of("UPDATE service.main"), List.of("UPDATE service.main"), true),
                new Row("health path / -> /healthz", Edit.flags("--health-path", "/healthz"), Edit.flags("--health-path", "/"),
                        List.of("UPDATE target-group.main"), List.of("UPDATE target-group.main"), true),
                new Row("idle timeout 60 -> 120", Edit.file("idleTimeout: 60", "idleTimeout: 120"), Edit.file("idleTimeout: 120", "idleTimeout: 60"),
                        List.of("UPDATE load-balancer.main"), List.of("UPDATE load-balancer.main"), true),
                new Row("app tags team web -> api", Edit.file("team: web", "team: api"), Edit.file("team: api", "team: web"),
                        List.of(), List.of(), true),
                new Row("natGateways single -> none", Edit.flags("--nat", "none"), Edit.flags("--nat", "single"),
                        List.of("UPDATE service.main", "DELETE eip.nat-0", "DELETE nat-gateway.nat-0", "DELETE route-table.private",
                                "DELETE subnet.private-0", "DELETE subnet.private-1"),
                        List.of("CREATE eip.nat-0", "CREATE nat-gateway.nat-0", "CREATE route-table.private", "CREATE subnet.private-0",
                                "CREATE subnet.private-1", "UPDATE service.main"), true),
                new Row("availability zones 2 -> 3", Edit.flags("--azs", "3"), Edit.flags("--azs", "2"),
                        List.of("CREATE subnet.public-2", "CREATE subnet.private-2", "UPDATE route-table.public", "UPDATE route-table.private",
                                "UPDATE load-balancer.main", "UPDATE service.main"),
                        List.of("DELETE subnet.public-2", "DELETE subnet.private-2", "UPDATE route-table.public", "UPDATE route-table.private",
                                "UPDATE load-balancer.main", "UPDATE service.main"), true),
                new Row("allowed CIDRs everyone -> 10/8", Edit.flags("--allow-cidr", "10.0.0.0/8"), Edit.flags("--allow-cidr", "0.0.0.0/0"),
                        List.of("UPDATE security-group.load-balancer"), List.of("UPDATE security-group.load-balancer"), true),
                new Row("environment APP_ENV production -> staging", Edit.file("APP_ENV: production", "APP_ENV: staging"),
                        Edit.file("APP_ENV: staging", "APP_ENV: production"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("architecture x86_64 -> arm64", Edit.flags("--arch", "arm64"), Edit.flags("--arch", "x86_64"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("secret parameter path moved", Edit.file("parameter: /hello/db-password", "parameter: /hello/db-pass"),
                        Edit.file("parameter: /hello/db-pass", "parameter: /hello/db-password"),
                        List.of("REPLACE parameter.DB_PASSWORD", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main"),
                        List.of("REPLACE parameter.DB_PASSWORD", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("rollback on -> off", Edit.flags("--no-rollback"), Edit.file("rollbackOnFailure: false", "rollbackOnFailure: true"),
                        List.of("UPDATE service.main"), List.of("UPDATE service.main"), true),
                new Row("minimum healthy 100 -> 50", Edit.flags("--min-healthy", "50"), Edit.flags("--min-healthy", "100"),
                        List.of("UPDATE service.main"), List.of("UPDATE service.main"), true),
                new Row("deregistration delay 30 -> 10", Edit.file("deregistrationDelay: 30", "deregistrationDelay: 10"),
                        Edit.file("deregistrationDelay: 10", "deregistrationDelay: 30"),
                        List.of("UPDATE target-group.main"), List.of("UPDATE target-group.main"), true),
                new Row("autoscaling off -> on", Edit.flags("--autoscale", "2:4:60"), Edit.removeBlock("autoscaling"),
                        List.of("CREATE scaling-target.main", "CREATE scaling-policy.cpu"),
                        List.of("DELETE scaling-target.main", "DELETE scaling-policy.cpu"), true),
                new Row("image 1.27 -> 1.28", Edit.flags("--image", "public.ecr.aws/nginx/nginx:1.28"), Edit.flags("--image", "public.ecr.aws/nginx/nginx:1.27"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("memory 512 -> 1024", Edit.flags("--memory", "1024"), Edit.flags("--memory", "512"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("command added", Edit.file("  port: 80  # the port the container listens on\n", "  port: 80  # the port the container listens on\n  command: [nginx, -g, daemon off;]\n"),
                        Edit.file("  command: [nginx, -g, daemon off;]\n", ""),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("secret added", Edit.file("      parameter: /hello/db-password\n", "      parameter: /hello/db-password\n    API_KEY:\n      parameter: /hello/api-key\n"),
                        Edit.file("    API_KEY:\n      parameter: /hello/api-key\n", ""),
                        List.of("CREATE parameter.API_KEY", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main"),
                        List.of("DELETE parameter.API_KEY", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("container insights off -> on", Edit.flags("--container-insights"), Edit.file("containerInsights: true", "containerInsights: false"),
                        List.of("UPDATE cluster.main"), List.of("UPDATE cluster.main"), true),
                new Row("maximum percent 200 -> 150", Edit.flags("--max-percent", "150"), Edit.flags("--max-percent", "200"),
                        List.of("UPDATE service.main"), List.of("UPDATE service.main"), true),
                new Row("container port 80 -> 8080 (new target group; the service is replaced)", Edit.flags("--port", "8080"), Edit.flags("--port", "80"),
                        List.of("UPDATE security-group.service", "UPDATE task-definition.main", "REPLACE target-group.main", "UPDATE listener.https",
                                "REPLACE service.main"),
                        List.of("UPDATE security-group.service", "UPDATE task-definition.main", "REPLACE target-group.main", "UPDATE listener.https",
                                "REPLACE service.main"), false),
                new Row("load balancer off and on (web -> worker -> web)", Edit.flags("--no-load-balancer"), Edit.template(),
                        List.of("UPDATE security-group.service", "DELETE certificate.main", "DELETE dns-record.main", "DELETE listener.http",
                                "DELETE listener.https", "DELETE load-balancer.main", "DELETE security-group.load-balancer", "DELETE target-group.main",
                                "REPLACE service.main"),
                        List.of("CREATE security-group.load-balancer", "UPDATE security-group.service", "CREATE certificate.main", "CREATE load-balancer.main",
                                "CREATE target-group.main", "CREATE listener.https", "REPLACE service.main", "CREATE listener.http",
                                "CREATE dns-record.main"), false),
                new Row("dns removed and added back", Edit.file("dns:\n  zone: example.com\n  record: hello.example.com\n", ""),
                        Edit.file("# A record in your Route53 zone that points at the load balancer.\n",
                                "# A record in your Route53 zone that points at the load balancer.\ndns:\n  zone: example.com\n  record: hello.example.com\n"),
                        List.of("DELETE dns-record.main"), List.of("CREATE dns-record.main"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void every_edit_converges_both_ways(Row row) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", "web-https.yaml"), file);
        SimHarness h = new SimHarness(deployed());

        Spec b = edit(file, row.toB());
        step(h, b, row.there(), row.servedThroughout(), row + ", A to B");
        Spec back = edit(file, row.toA());
        step(h, back, row.back(), row.servedThroughout(), row + ", B to A");
    }

    @org.junit.jupiter.api.Test
    void the_vpc_cidr_is_downtime_and_needs_allow_replace() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", "web-https.yaml"), file);
        SimHarness h = new SimHarness(deployed());
        Spec b = edit(file, Edit.flags("--cidr", "10.1.0.0/16"));
        Plan plan = h.plan(b);
        assertThat(plan.mutating()).filteredOn(c -> c.reason().contains("downtime")).extracting(c -> c.address().toString())
                .containsExactly("vpc.main");
        h.world.resetCounters();
        ApplyResult refused = h.apply(b);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.failures()).anySatisfy(f -> assertThat(f).contains("vpc.main").contains("--allow-replace"));
        assertThat(h.world.mutatingCalls()).isZero();
    }

    private static Path base;

    /** web-https.yaml applied once, saved; every row starts from a copy (the first apply is the costly part). */
    private static synchronized Path deployed() throws Exception {
        if (base != null) return base;
        Path saved = Files.createTempFile("gantry-edit-matrix", ".json");
        saved.toFile().deleteOnExit();
        Spec a = load(Path.of("templates", "web-https.yaml"));
        SimHarness h = new SimHarness().prepare(a);
        ApplyResult first = h.apply(a);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();
        h.world.save(saved);
        base = saved;
        return base;
    }

    private void step(SimHarness h, Spec spec, List<String> expected, boolean served, String what) {
        Plan plan = h.plan(spec);
        assertThat(plan.mutating()).as(what).extracting(c -> c.action() + " " + c.address()).containsExactlyInAnyOrderElementsOf(expected);
        for (Change c : plan.mutating()) assertThat(c.reason()).as(what).doesNotContain("downtime");
        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, "hello.example.com");
        if (served) recorder.start();
        ApplyResult r = h.apply(spec);
        recorder.stop();
        assertThat(r.exitCode()).as(what + ": " + r.failures()).isZero();
        if (served) {
            assertThat(recorder.samples()).as(what).isGreaterThan(0);
            assertThat(recorder.outages()).as(what + ": the URL stopped answering").isEmpty();
        }
        assertThat(h.plan(spec).mutating()).as(what + ": the next plan").extracting(c -> c.action() + " " + c.address()).isEmpty();
    }

    private Spec edit(Path file, Edit e) throws Exception {
        if (e.flags() != null) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            InitIo io = new InitIo(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("TERM", "dumb"), false,
                    (region, profile, endpoint) -> new Lookups.Offline("test: offline"));
            List<String> args = new java.util.ArrayList<>(List.of("-f", file.toString(), "--yes"));
            args.addAll(e.flags());
            int code = new CommandLine(new InitCommand(io)).execute(args.toArray(String[]::new));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        } else {
            Files.writeString(file, e.text().apply(Files.readString(file)));
        }
        return load(file);
    }

    private static Spec load(Path file) throws Exception {
        var result = SpecLoader.check(file);
        assertThat(result.errors()).isEmpty();
        return result.spec();
    }
}

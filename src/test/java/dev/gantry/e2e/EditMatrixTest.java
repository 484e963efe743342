package dev.gantry.e2e;

import dev.gantry.aws.sim.SimServing;
import dev.gantry.cli.command.InitCommand;
import dev.gantry.cli.wiring.SimAccount;
import dev.gantry.cli.edge.Captured;
import dev.gantry.engine.ApplyResult;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;
import dev.gantry.resources.SecretValues;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.wizard.Lookups;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        static Edit template() { return template(HTTPS); }

        static Edit template(String name) {
            return new Edit(null, t -> {
                try {
                    return Files.readString(Path.of("templates", name));
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

    static final String HTTPS = "web-https.yaml";
    /** The ARNs of things the account already has, that gantry only refers to (seeded by {@link SimAccount}, or below). */
    static final String CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    static final String PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/shared/db-password";

    /**
     * {@code there} and {@code back}: the expected plan, "ACTION address" lines, in any order. A row
     * starts from {@code template} applied, then {@code setup} (when not null) applied: that is its A.
     */
    record Row(String name, Edit toB, Edit toA, List<String> there, List<String> back, boolean servedThroughout, String template, Edit setup) {
        Row(String name, Edit toB, Edit toA, List<String> there, List<String> back, boolean servedThroughout) {
            this(name, toB, toA, there, back, servedThroughout, HTTPS, null);
        }

        Row on(String otherTemplate) { return new Row(name, toB, toA, there, back, servedThroughout, otherTemplate, setup); }

        Row from(Edit first) { return new Row(name, toB, toA, there, back, servedThroughout, template, first); }

        @Override public String toString() { return name; }
    }

    /** What a tag change of the web template updates (the field {@code tags} only). */
    static final List<String> RETAGGED_WEB = Stream.of("vpc.main", "subnet.public-0", "subnet.private-0", "subnet.public-1",
            "subnet.private-1", "internet-gateway.main", "route-table.public", "eip.nat-0", "nat-gateway.nat-0", "route-table.private",
            "security-group.load-balancer", "security-group.service", "log-group.main", "parameter.DB_PASSWORD", "role.execution",
            "role.task", "cluster.main", "task-definition.main", "certificate.main", "load-balancer.main", "target-group.main",
            "listener.https", "listener.http", "service.main").map(a -> "UPDATE " + a).toList();

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
                // The tags gantry manages are part of the plan: every resource it can tag in place is
                // tagged (scaling targets and DNS records cannot be), nothing replaced, while serving.
                new Row("app tags team web -> api", Edit.file("team: web", "team: api"), Edit.file("team: api", "team: web"),
                        RETAGGED_WEB, RETAGGED_WEB, true),
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
                new Row("secret renamed, same parameter (DB_PASSWORD -> DB_PASS)", Edit.file("    DB_PASSWORD:\n", "    DB_PASS:\n"),
                        Edit.file("    DB_PASS:\n", "    DB_PASSWORD:\n"),
                        List.of("UPDATE task-definition.main", "UPDATE service.main"), List.of("UPDATE task-definition.main", "UPDATE service.main"), true),
                new Row("secret renamed with its parameter", Edit.flags("--secret-param", "DB_PASS=/hello/db-pass"),
                        Edit.flags("--secret-param", "DB_PASSWORD=/hello/db-password"),
                        List.of("CREATE parameter.DB_PASS", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main",
                                "DELETE parameter.DB_PASSWORD"),
                        List.of("CREATE parameter.DB_PASSWORD", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main",
                                "DELETE parameter.DB_PASS"), true),
                new Row("secret managed -> existing ARN", Edit.flags("--secret-param", "DB_PASSWORD=" + PARAMETER_ARN),
                        Edit.flags("--secret-param", "DB_PASSWORD=/hello/db-password"),
                        List.of("UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main", "DELETE parameter.DB_PASSWORD-previous"),
                        List.of("CREATE parameter.DB_PASSWORD", "UPDATE role.execution", "UPDATE task-definition.main", "UPDATE service.main"), true),
                // Pointing at gantry's own parameter by ARN keeps it: deleting it would break the task.
                new Row("secret given by the ARN of its own parameter", Edit.flags("--secret-param", "DB_PASSWORD=arn:aws:ssm:us-east-1:123456789012:parameter/hello/db-password"),
                        Edit.flags("--secret-param", "DB_PASSWORD=/hello/db-password"), List.of(), List.of(), true),
                new Row("certificate managed -> existing ARN", Edit.flags("--certificate-arn", CERTIFICATE_ARN),
                        // No flag goes back (--domain with a certificate ARN names the DNS record): the file.
                        Edit.file("arn: " + CERTIFICATE_ARN, "domain: hello.example.com"),
                        List.of("UPDATE listener.https", "DELETE certificate.main-previous"), List.of("CREATE certificate.main", "UPDATE listener.https"), true),
                new Row("DNS zone example.com -> hello.example.com", Edit.flags("--zone", "hello.example.com"),
                        Edit.flags("--zone", "example.com"),
                        List.of("UPDATE certificate.main", "REPLACE dns-record.main"), List.of("UPDATE certificate.main", "REPLACE dns-record.main"), true),
                new Row("cluster renamed hello -> shared (a new cluster and service beside the old ones, in the same target group)",
                        Edit.flags("--cluster", "shared"), Edit.flags("--cluster", "hello"),
                        List.of("REPLACE cluster.main", "REPLACE service.main"), List.of("REPLACE cluster.main", "REPLACE service.main"), true),
                new Row("cluster renamed with autoscaling on", Edit.flags("--cluster", "shared"), Edit.flags("--cluster", "hello"),
                        List.of("REPLACE cluster.main", "REPLACE service.main", "REPLACE scaling-target.main", "REPLACE scaling-policy.cpu"),
                        List.of("REPLACE cluster.main", "REPLACE service.main", "REPLACE scaling-target.main", "REPLACE scaling-policy.cpu"), true)
                        .from(Edit.flags("--autoscale", "2:4:60")),
                new Row("autoscaling 2:4:60 -> 1:6:75", Edit.flags("--autoscale", "1:6:75"), Edit.flags("--autoscale", "2:4:60"),
                        List.of("UPDATE scaling-target.main", "UPDATE scaling-policy.cpu"),
                        List.of("UPDATE scaling-target.main", "UPDATE scaling-policy.cpu"), true).from(Edit.flags("--autoscale", "2:4:60")),
                new Row("certificate and DNS added to HTTP only", Edit.flags("--domain", "quick.example.com", "--zone", "example.com", "--record", "quick.example.com"),
                        Edit.template("web-http-quick.yaml"),
                        List.of("UPDATE security-group.load-balancer", "CREATE certificate.main", "CREATE listener.https", "UPDATE listener.http",
                                "CREATE dns-record.main"),
                        List.of("UPDATE security-group.load-balancer", "DELETE certificate.main", "DELETE listener.https", "UPDATE listener.http",
                                "DELETE dns-record.main"), false).on("web-http-quick.yaml"),
                new Row("rollback on -> off", Edit.flags("--no-rollback"), Edit.file("rollbackOnFailure: false", "rollbackOnFailure: true"),
                        List.of("UPDATE service.main"), List.of("UPDATE service.main"), true),
                new Row("minimum healthy 100 -> 50", Edit.flags("--min-healthy", "50"), Edit.flags("--min-healthy", "100"),
                        List.of("UPDATE service.main"), List.of("UPDATE service.main"), true),
                new Row("deregistration delay 15 -> 5", Edit.file("deregistrationDelay: 15", "deregistrationDelay: 5"),
                        Edit.file("deregistrationDelay: 5", "deregistrationDelay: 15"),
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
                new Row("container port 80 -> 8080 (same target group: the service rolls to the new port, the old port closes after)",
                        Edit.flags("--port", "8080"), Edit.flags("--port", "80"),
                        List.of("UPDATE security-group.service", "UPDATE task-definition.main", "UPDATE service.main"),
                        List.of("UPDATE security-group.service", "UPDATE task-definition.main", "UPDATE service.main"), true),
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
        Files.copy(Path.of("templates", row.template()), file);
        SimHarness h = new SimHarness(deployed(row.template()));
        // A person renaming or moving a secret gives no value for a parameter that exists; a new one gets one.
        h.secrets = new SecretValues() {
            @Override public Optional<char[]> value(String name) { return Optional.empty(); }
            @Override public Optional<char[]> forNew(String name) { return Optional.of(("s3cret-" + name).toCharArray()); }
        };
        if (row.setup() != null) {
            Spec a = edit(file, row.setup());
            SimAccount.prepare(h.world, a);
            ApplyResult r = h.apply(a);
            assertThat(r.exitCode()).as(row + ", setup: " + r.failures()).isZero();
        }

        Spec b = edit(file, row.toB());
        step(h, b, row.there(), row.servedThroughout(), row + ", A to B");
        Spec back = edit(file, row.toA());
        step(h, back, row.back(), row.servedThroughout(), row + ", B to A");
        // What the account had before gantry (SimAccount seeds it), and the spec only pointed at, is never deleted.
        if (row.name().startsWith("secret managed")) {
            assertThat(h.aws.ssm().getParameter(p -> p.name(PARAMETER_ARN)).parameter().name()).isEqualTo("/shared/db-password");
        }
        if (row.name().startsWith("certificate managed")) {
            assertThat(h.aws.acm().describeCertificate(c -> c.certificateArn(CERTIFICATE_ARN)).certificate().statusAsString()).isEqualTo("ISSUED");
        }
    }

    @org.junit.jupiter.api.Test
    void a_zone_change_moves_what_gantry_wrote_into_the_new_zone() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", HTTPS), file);
        SimHarness h = new SimHarness(deployed(HTTPS));
        assertThat(records(h, "example.com")).contains("CNAME", "A hello.example.com.");
        step(h, edit(file, Edit.flags("--zone", "hello.example.com")), List.of("UPDATE certificate.main", "REPLACE dns-record.main"), true, "zone");
        // The record, its owner TXT and the certificate's validation CNAME (ACM renews through it) all moved.
        assertThat(records(h, "example.com")).doesNotContain("CNAME", "A hello.example.com.", "TXT");
        assertThat(records(h, "hello.example.com")).contains("CNAME", "A hello.example.com.", "TXT");
    }

    /** "TYPE" for every record of the zone but its own SOA/NS, and "A NAME" for its aliases. */
    private static List<String> records(SimHarness h, String zone) {
        var r53 = h.aws.route53();
        String id = r53.listHostedZonesByName(b -> b.dnsName(zone)).hostedZones().stream()
                .filter(z -> z.name().equals(zone + ".")).findFirst().orElseThrow().id();
        List<String> out = new java.util.ArrayList<>();
        for (var rr : r53.listResourceRecordSets(b -> b.hostedZoneId(id)).resourceRecordSets()) {
            String type = rr.typeAsString();
            if (type.equals("SOA") || type.equals("NS")) continue;
            out.add(type);
            if (type.equals("A")) out.add("A " + rr.name());
        }
        return out;
    }

    @org.junit.jupiter.api.Test
    void the_vpc_cidr_is_downtime_and_needs_allow_replace() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", "web-https.yaml"), file);
        SimHarness h = new SimHarness(deployed(HTTPS));
        Spec b = edit(file, Edit.flags("--cidr", "10.1.0.0/16"));
        Plan plan = h.plan(b);
        assertThat(plan.mutating()).filteredOn(c -> c.reason().contains("downtime")).extracting(c -> c.address().toString())
                .containsExactlyInAnyOrder("vpc.main", "load-balancer.main");
        h.world.resetCounters();
        ApplyResult refused = h.apply(b);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.failures()).anySatisfy(f -> assertThat(f).contains("vpc.main").contains("--allow-replace"));
        assertThat(h.world.mutatingCalls()).isZero();

        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).startsWith("replacing load-balancer.main and vpc.main (with --allow-replace) first deletes them and what is built on them (")
                .contains("service.main").contains("the URL is down meanwhile"));
        ApplyResult replaced = h.engine().apply(b, dev.gantry.engine.TestOptions.allowingReplace("gantry apply"));
        assertThat(replaced.exitCode()).as(replaced.failures().toString()).isZero();
        assertThat(replaced.deleted()).as("the teardown is counted").isGreaterThan(10);
        assertThat(h.plan(b).mutating()).isEmpty();
        assertThat(h.world.state.ec2.vpcs.values()).extracting(v -> v.cidr).contains("10.1.0.0/16").doesNotContain("10.0.0.0/16");
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
        assertThat(h.world.state.acm.certificates).as("the certificate is not built on the network: kept").hasSize(1);

        Spec back = edit(file, Edit.flags("--cidr", "10.0.0.0/16"));
        ApplyResult again = h.engine().apply(back, dev.gantry.engine.TestOptions.allowingReplace("gantry apply"));
        assertThat(again.exitCode()).as(again.failures().toString()).isZero();
        assertThat(h.plan(back).mutating()).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
    }

    /**
     * A rename onto a name something else already holds (a cluster made by hand, a parameter of
     * someone else's) is a conflict the plan shows: apply changes nothing, and the look-alike keeps
     * what it had. Taking it over is refused, since the app's own would be left behind.
     */
    @org.junit.jupiter.api.Test
    void a_rename_onto_a_name_someone_else_holds_is_a_conflict_before_any_change() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", "web-https.yaml"), file);
        SimHarness h = new SimHarness(deployed(HTTPS));
        h.aws.ecs().createCluster(b -> b.clusterName("shared"));
        h.aws.ssm().putParameter(b -> b.name("/team/db-pass").type("SecureString").value("theirs"));

        for (Edit e : List.of(Edit.flags("--cluster", "shared"), Edit.file("parameter: /hello/db-password", "parameter: /team/db-pass"))) {
            Files.copy(Path.of("templates", "web-https.yaml"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Spec b = edit(file, e);
            Plan plan = h.plan(b);
            assertThat(plan.conflicts()).as(e.toString()).singleElement().satisfies(c -> assertThat(c.explain())
                    .contains("the app's own").contains("exists under its old name"));
            h.world.resetCounters();
            ApplyResult r = h.apply(b);
            assertThat(r.exitCode()).as(e.toString()).isEqualTo(2);
            assertThat(h.world.mutatingCalls()).as(e.toString()).isZero();
            ApplyResult adopting = h.engine().apply(b, dev.gantry.engine.TestOptions.yes("gantry apply").adopting(java.util.Set.of("all")));
            assertThat(adopting.exitCode()).as(e.toString()).isEqualTo(2);
            assertThat(h.world.mutatingCalls()).as(e.toString()).isZero();
        }
        assertThat(h.aws.ssm().getParameter(p -> p.name("/team/db-pass").withDecryption(true)).parameter().value()).isEqualTo("theirs");
        assertThat(h.aws.ecs().describeClusters(c -> c.clusters("shared")).clusters().get(0).status()).isEqualTo("ACTIVE");
    }

    /**
     * Moving to another VPC (its own ↔ the account's default) moves the load balancer, which cannot
     * change VPC: downtime, refused without --allow-replace; with it, everything in the old network
     * is deleted and made again in the new one, and the old network is gone afterwards.
     */
    @org.junit.jupiter.api.Test
    void moving_between_its_own_vpc_and_the_default_one_needs_allow_replace_and_leaves_nothing_behind() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", "web-https.yaml"), file);
        SimHarness h = new SimHarness(deployed(HTTPS));
        String ownVpc = h.world.state.ec2.vpcs.values().stream().filter(v -> "10.0.0.0/16".equals(v.cidr)).findFirst().orElseThrow().id;

        Spec toDefault = edit(file, Edit.flags("--vpc", "default"));
        assertThat(h.plan(toDefault).mutating()).filteredOn(c -> c.reason().contains("downtime")).extracting(c -> c.address().toString())
                .containsExactly("load-balancer.main");
        h.world.resetCounters();
        assertThat(h.apply(toDefault).exitCode()).isNotZero();
        assertThat(h.world.mutatingCalls()).isZero();
        ApplyResult moved = h.engine().apply(toDefault, dev.gantry.engine.TestOptions.allowingReplace("gantry apply"));
        assertThat(moved.exitCode()).as(moved.failures().toString()).isZero();
        assertThat(h.plan(toDefault).mutating()).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();
        assertThat(h.world.state.ec2.vpcs).as("its own VPC is deleted").doesNotContainKey(ownVpc);
        assertThat(h.world.state.ec2.natGateways.values()).allSatisfy(n -> assertThat(n.state).isIn("deleting", "deleted"));

        Spec back = edit(file, Edit.flags("--vpc", "new"));
        ApplyResult again = h.engine().apply(back, dev.gantry.engine.TestOptions.allowingReplace("gantry apply"));
        assertThat(again.exitCode()).as(again.failures().toString()).isZero();
        assertThat(h.plan(back).mutating()).isEmpty();
        assertThat(SimServing.blocked(h.world, "hello.example.com")).isEmpty();

        assertThat(h.destroy(back).exitCode()).isZero();
        assertThat(h.world.state.ec2.vpcs.values()).as("only the default VPC is left").allSatisfy(v -> assertThat(v.isDefault).isTrue());
        assertThat(h.world.state.elb.loadBalancers).isEmpty();
        assertThat(h.world.state.elb.targetGroups).isEmpty();
    }

    /**
     * The old port stays open until the service has rolled to the new one: when the new tasks fail,
     * the old ones keep serving on it, and the next apply (with a good image) closes it.
     */
    @org.junit.jupiter.api.Test
    void a_port_change_whose_new_tasks_fail_keeps_the_old_port_open_and_serving() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.copy(Path.of("templates", "web-https.yaml"), file);
        SimHarness h = new SimHarness(deployed(HTTPS));
        Spec broken = edit(file, Edit.flags("--port", "8080", "--image", "public.ecr.aws/nginx/nginx:unhealthy"));
        SimAccount.prepare(h.world, broken);
        SimServing.Recorder recorder = new SimServing.Recorder(h.world, h.time, "hello.example.com");
        recorder.start();
        ApplyResult failed = h.apply(broken);
        recorder.stop();
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.failures()).anySatisfy(f -> assertThat(f).startsWith("security-group.service: changed, but did not remove the rule for port 80 from sg-")
                .endsWith("because service.main did not finish"));
        assertThat(recorder.outages()).as("the old tasks keep answering on port 80").isEmpty();
        assertThat(servicePorts(h)).containsExactly(80, 8080);

        Spec fixed = edit(file, Edit.flags("--image", "public.ecr.aws/nginx/nginx:1.27"));
        ApplyResult r = h.apply(fixed);
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        assertThat(servicePorts(h)).containsExactly(8080);
        assertThat(h.plan(fixed).mutating()).isEmpty();
    }

    private static List<Integer> servicePorts(SimHarness h) {
        return h.world.state.ec2.securityGroups.values().stream().filter(g -> g.name.equals("hello-service"))
                .flatMap(g -> g.ingress.stream()).map(p -> p.fromPort).sorted().toList();
    }

    private static final Map<String, Path> bases = new java.util.HashMap<>();

    /** A template applied once, saved; every row starts from a copy (the first apply is the costly part). */
    private static synchronized Path deployed(String template) throws Exception {
        if (bases.containsKey(template)) return bases.get(template);
        Path saved = Files.createTempFile("gantry-edit-matrix", ".json");
        saved.toFile().deleteOnExit();
        Spec a = load(Path.of("templates", template));
        SimHarness h = new SimHarness().prepare(a);
        ApplyResult first = h.apply(a);
        assertThat(first.exitCode()).as(first.failures().toString()).isZero();
        h.world.save(saved);
        bases.put(template, saved);
        return saved;
    }

    private void step(SimHarness h, Spec spec, List<String> expected, boolean served, String what) {
        SimAccount.prepare(h.world, spec);
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
            Captured io = new Captured(Map.of("TERM", "dumb"));
            List<String> args = new java.util.ArrayList<>(List.of("-f", file.toString(), "--yes"));
            args.addAll(e.flags());
            int code = io.run(new InitCommand(io.context, (region, profile, endpoint) -> new Lookups.Offline("test: offline")),
                    args.toArray(String[]::new));
            assertThat(code).as(io.err()).isZero();
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

package dev.gantry.cli.command;

import dev.gantry.wizard.AnswerText;
import dev.gantry.wizard.Choice;
import dev.gantry.wizard.LookupResults;
import dev.gantry.wizard.Kind;
import dev.gantry.wizard.Question;
import dev.gantry.wizard.Questions;
import dev.gantry.wizard.WizardFlow;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Flags alone can give every answer each of its values, as {@code gantry init --yes} scripts need. */
class InitFlagsTest {
    private static final String CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab";
    private static final List<String> EXISTING_VPC = List.of("--vpc", "existing", "--vpc-id", "vpc-0123456789abcdef0",
            "--public-subnets", "subnet-0123456789abcdef0,subnet-0123456789abcdef1");
    private static final List<String> HTTPS = List.of("--domain", "www.example.com", "--zone", "example.com");

    /** A valid answer other than the default for each free-text question. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("app", "billing"), Map.entry("task.image", "nginx:1.27"), Map.entry("task.port", "8080"),
            Map.entry("network.cidr", "10.1.0.0/16"), Map.entry("network.vpcId", "vpc-0fedcba9876543210"),
            Map.entry("network.publicSubnets", "subnet-0123456789abcdef3, subnet-0123456789abcdef4"),
            Map.entry("network.privateSubnets", "subnet-0123456789abcdef2"), Map.entry("cluster.name", "shared"),
            Map.entry("task.environment", "LOG_LEVEL=debug\nMODE=api"), Map.entry("task.secrets", "DB_PASSWORD=/billing/db"),
            Map.entry("service.desiredCount", "3"), Map.entry("service.minimumHealthyPercent", "50"),
            Map.entry("service.maximumPercent", "150"), Map.entry("service.autoscaling", "2:6:60"),
            Map.entry("loadBalancer.healthCheckPath", "/healthz"), Map.entry("loadBalancer.allowedCidrs", "203.0.113.0/24"),
            Map.entry("loadBalancer.deregistrationDelay", "5"), Map.entry("service.healthCheckGracePeriod", "90"),
            Map.entry("certificate.domain", "api.example.com"), Map.entry("certificate.arn", CERT_ARN),
            Map.entry("dns.zone", "www.example.com"), Map.entry("dns.record", "example.com"),
            Map.entry("task.registryCredentials", "billing/registry"), Map.entry("task.build.dockerfile", "docker/Dockerfile.prod"),
            Map.entry("task.build.context", "examples/hello-build"),
            Map.entry("alerts.email", "ops@example.com, oncall@example.com"), Map.entry("guard.every", "15m"),
            Map.entry("environments.names", "production, qa"), Map.entry("environments.*.account", "staging=staging"),
            Map.entry("environments.*.certificate.domain", "staging=staging.example.com"), Map.entry("environments.*.task.size", "staging=512/1024"),
            Map.entry("environments.*.service.desiredCount", "staging=3"), Map.entry("environments.*.network.natGateways", "staging=single"),
            Map.entry("public.routes", "www.example.com/api/*, /static/*"));

    @Test
    void everyAnswerCanBeSetToEachOfItsValuesByFlagsAlone() {
        int checked = 0;
        for (Question q : Questions.all()) {
            List<String> values = q.kind() == Kind.CHOICE ? q.choices(new WizardFlow(LookupResults.offline())).stream().map(Choice::value).toList()
                    : List.of(sample(q));
            for (String v : values) {
                List<String> own = flagsFor(q, v);
                List<String> args = new ArrayList<>(context(q.id(), v));
                // The context never gives the flag under test itself.
                int at = args.indexOf(own.get(0));
                if (at >= 0) args.subList(at, at + 2).clear();
                args.addAll(own);
                WizardFlow flow = apply(args);
                assertThat(flow.get(q.id())).as(q.id() + " = " + v + " by " + args).isEqualTo(v);
                assertThat(flow.errors()).as(q.id() + " = " + v + " by " + args).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void aSwitchAndItsOppositeTogetherAreRefused() {
        var cmd = new InitCommand();
        new CommandLine(cmd).parseArgs("--app", "x1", "--load-balancer", "--no-load-balancer");
        List<String> errors = new WizardFlow(LookupResults.offline()).applyFlags(cmd.flags());
        assertThat(errors).containsExactly("--load-balancer and --no-load-balancer say opposite things; give one of them");
    }

    @Test
    void helpPrintsNoPicocliWarnings() {
        var err = new ByteArrayOutputStream();
        var saved = System.err;
        StringWriter out = new StringWriter();
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = new CommandLine(new InitCommand());
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(out));
            assertThat(cl.execute("--help")).isZero();
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(out.toString()).doesNotContain("WARN").contains("Minimum healthy during a deploy (%) (default: 100)")
                .contains("--no-container-insights").contains("--no-certificate").contains("--rollback").contains("--no-dns");
    }

    private static String sample(Question q) {
        String v = SAMPLES.get(q.id());
        assertThat(v).as("a sample answer for " + q.id() + " in InitFlagsTest.SAMPLES").isNotNull();
        return v;
    }

    /** The other flags a value needs to be meaningful (subnets need an existing VPC, a zone a domain). */
    private static List<String> context(String id, String value) {
        if (List.of("network.vpcId", "network.publicSubnets", "network.privateSubnets").contains(id)) return EXISTING_VPC;
        if (id.equals("network.vpc") && value.equals("existing")) return EXISTING_VPC.subList(2, EXISTING_VPC.size());
        if (id.equals("environments.*.certificate.domain")) return List.of("--env-preset", "staging-production", "--domain", "example.com", "--zone", "example.com");
        if (id.startsWith("environments.*.")) return List.of("--env-preset", "staging-production");
        if (id.equals("dns.zone")) return List.of("--domain", "www.example.com");
        // A second service's own questions: the file becomes version 2.
        if (id.equals("public.routes")) return List.of("--add-service", "api", "--port", "8080");
        // Another service builds a folder of its own (one of this project's, as the spec's check looks for it).
        if (id.equals("task.build.context")) return List.of("--add-service", "api", "--kind", "internal");
        if (id.equals("internal")) return List.of("--add-service", "api", "--kind", "internal", "--port", "8080");
        if (id.equals("dns.record")) return List.of("--domain", "example.com", "--zone", "example.com");
        if (id.equals("guard.every")) return List.of("--guard", "report");
        return List.of();
    }

    /** The flags that give {@code q} the value {@code v}. */
    private static List<String> flagsFor(Question q, String v) {
        for (String f : q.flags()) {
            String switched = dev.gantry.wizard.FlagSwitches.value(f);
            if (switched != null && switched.equals(v)) return List.of(f);
        }
        return switch (q.id()) {
            case "certificate" -> switch (v) {
                case "new" -> List.of("--domain", "www.example.com");
                case "existing" -> List.of("--certificate-arn", CERT_ARN);
                default -> List.of("--no-certificate");
            };
            case "dns" -> v.equals("yes") ? HTTPS : List.of("--no-dns");
            case "alerts" -> List.of("--alert-email", "ops@example.com");
            case "alerts.email" -> AnswerText.list(v).stream().flatMap(e -> java.util.stream.Stream.of("--alert-email", e)).toList();
            case "task.size" -> List.of("--cpu", v.substring(0, v.indexOf('/')), "--memory", v.substring(v.indexOf('/') + 1));
            case "task.environment", "task.secrets" -> v.lines().flatMap(l -> java.util.stream.Stream.of(q.flags().get(0), l)).toList();
            default -> List.of(q.flags().get(0), v);
        };
    }

    private static WizardFlow apply(List<String> args) {
        var cmd = new InitCommand();
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        WizardFlow flow = new WizardFlow(LookupResults.offline());
        if (!args.contains("--app")) flow.set("app", "hello");
        cmd.serviceFlags(flow);
        List<String> errors = flow.applyFlags(cmd.flags());
        assertThat(errors).as(String.join(" ", args)).isEmpty();
        if (!flow.given("app")) flow.set("app", "hello");
        return flow;
    }
}

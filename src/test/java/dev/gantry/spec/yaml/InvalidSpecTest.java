package dev.gantry.spec.yaml;

import dev.gantry.spec.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each case is one mistake; the loader must name the exact field and line, and say what is wrong.
 * Most cases append to a valid three-line head (version, app, region), so their text starts on line 4.
 */
class InvalidSpecTest {
    private static final String HEAD = "version: 1\napp: hello\nregion: us-east-1\n";
    private static final String TASK = "task:\n  image: nginx:1.27\n  port: 80\n"; // lines 4–6 after HEAD

    /** A case whose text follows HEAD (so its first line is line 4). */
    private static Arguments c(String name, String field, int line, String message, String body) {
        return arguments(name, HEAD + body, field, line, message);
    }

    /** A case that is the whole file. */
    private static Arguments whole(String name, String field, int line, String message, String text) {
        return arguments(name, text, field, line, message);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- YAML itself
                c("tab indentation", "", 5, "syntax error", "task:\n\timage: nginx:1.27\n"),
                c("colon inside a plain value", "", 4, "unexpected ':'", "task: image: nginx\n"),
                c("unclosed quote", "", 5, "quoted value is never closed", "task:\n  image: \"nginx:1.27\n"),
                c("indentation mismatch", "", 6, "indentation does not match", "task:\n  image: nginx:1.27\n cpu: 256\n"),
                c("unclosed flow list", "", 4, "list is never closed", "task: {image: nginx:1.27, command: [a, b\n"),
                whole("empty file", "", 1, "the file is empty", ""),
                whole("only comments", "", 1, "the file is empty", "# nothing here\n"),
                whole("root is a list", "", 1, "must be a map of fields", "- version: 1\n"),
                c("duplicate key", "app", 4, "duplicate key 'app' (first on line 2)", "app: again\n" + TASK),
                c("two documents", "", 8, "more than one YAML document", TASK + "---\nversion: 1\n"),
                c("alias", "task.image", 6, "aliases", "x: &img nginx:1.27\ntask:\n  image: *img\n"),
                // --- wrong types
                c("section is text", "task", 4, "expected a map of fields, got text", "task: nginx\n"),
                c("quoted number", "task.cpu", 7, "expected a whole number, got text", TASK + "  cpu: \"256\"\n"),
                c("hexadecimal number", "task.cpu", 7, "expected a whole number, got text", TASK + "  cpu: 0x100\n"),
                c("octal number", "task.cpu", 7, "expected a whole number, got text", TASK + "  cpu: 0o400\n"),
                c("number with underscores", "task.port", 6, "expected a whole number, got text", "task:\n  image: nginx:1.27\n  port: 8_0\n"),
                c("NUL byte", "", 5, "control character U+0000", "task:\n  image: ngi\u0000nx:1.27\n"),
                c("deep nesting", "", 5, "nested more than 1000 levels", "task:\n  command: " + "[".repeat(1100) + "]".repeat(1100) + "\n"),
                c("word for a number", "task.port", 6, "expected a whole number", "task:\n  image: nginx:1.27\n  port: eighty\n"),
                c("quoted boolean", "cluster.containerInsights", 8, "expected true or false", TASK + "cluster:\n  containerInsights: \"yes\"\n"),
                c("command as a string", "task.command", 7, "expected a list", TASK + "  command: npm start\n"),
                c("number in command", "task.command[1]", 7, "expected text, got a whole number", TASK + "  command: [sleep, 3600]\n"),
                c("number as env value", "task.environment.PORT", 8, "environment values are text", TASK + "  environment:\n    PORT: 8080\n"),
                c("yes as env value", "task.environment.DEBUG", 8, "true/false", TASK + "  environment:\n    DEBUG: yes\n"),
                c("env without value", "task.environment.EMPTY", 8, "has no value", TASK + "  environment:\n    EMPTY:\n"),
                c("number as tag value", "tags.cost", 5, "tag values are text", "tags:\n  cost: 42\n" + TASK),
                c("secret given as a value", "task.secrets.TOKEN", 8, "never a value", TASK + "  secrets:\n    TOKEN: hunter2\n"),
                c("registry login without a secret", "task.registryCredentials.secret", 7, "required", TASK + "  registryCredentials: {}\n"),
                c("registry login that is not a secret ARN", "task.registryCredentials.secret", 8, "is not a Secrets Manager secret ARN",
                        TASK + "  registryCredentials:\n    secret: arn:aws:ssm:us-east-1:123456789012:parameter/x\n"),
                c("registry login with a bad name", "task.registryCredentials.secret", 8, "is not a valid secret name",
                        TASK + "  registryCredentials:\n    secret: \"my login\"\n"),
                // --- version, app, region, tags
                whole("version missing", "version", 1, "version is required", "app: hello\nregion: us-east-1\n" + TASK),
                whole("version 2 shaped as version 1", "version", 1, "version 2 lists the app's services", "version: 2\napp: hello\nregion: us-east-1\n" + TASK),
                whole("version 3", "version", 1, "versions 1 and 2, got 3", "version: 3\napp: hello\nregion: us-east-1\n" + TASK),
                whole("app with capitals", "app", 2, "must start with a lowercase letter", "version: 1\napp: Hello_World\nregion: us-east-1\n" + TASK),
                whole("app too long", "app", 2, "must be 2–28 characters", "version: 1\napp: " + "a".repeat(29) + "\nregion: us-east-1\n" + TASK),
                whole("app ends with dash", "app", 2, "not ending in '-'", "version: 1\napp: hello-\nregion: us-east-1\n" + TASK),
                whole("app missing", "app", 1, "app is required", "version: 1\nregion: us-east-1\n" + TASK),
                whole("region typo", "region", 3, "'us-east1' is not an AWS region", "version: 1\napp: hello\nregion: us-east1\n" + TASK),
                whole("availability zone as region", "region", 3, "is an availability zone", "version: 1\napp: hello\nregion: eu-west-1b\n" + TASK),
                whole("region missing", "region", 1, "region is required", "version: 1\napp: hello\n" + TASK),
                c("aws: tag", "tags.aws:owner", 5, "reserved by AWS", "tags:\n  aws:owner: me\n" + TASK),
                c("gantry: tag", "tags.gantry:app", 5, "reserved", "tags:\n  gantry:app: other\n" + TASK),
                // --- network
                c("vpc enum", "network.vpc", 8, "must be one of new, default, existing, got 'News'", TASK + "network:\n  vpc: News\n"),
                c("public cidr", "network.cidr", 8, "not a private range", TASK + "network:\n  cidr: 8.8.0.0/16\n"),
                c("cidr too large", "network.cidr", 8, "outside /16 to /24", TASK + "network:\n  cidr: 10.0.0.0/12\n"),
                c("cidr too small", "network.cidr", 8, "outside /16 to /24", TASK + "network:\n  cidr: 10.0.0.0/25\n"),
                c("cidr misaligned", "network.cidr", 8, "a /16 block starts at 10.1.0.0/16", TASK + "network:\n  cidr: 10.1.2.0/16\n"),
                c("cidr garbage", "network.cidr", 8, "not an IPv4 CIDR block", TASK + "network:\n  cidr: 10.0.0/16\n"),
                c("one availability zone", "network.availabilityZones", 8, "must be 2 or 3, got 1", TASK + "network:\n  availabilityZones: 1\n"),
                c("natGateways enum", "network.natGateways", 8, "got 'perAZ'", TASK + "network:\n  natGateways: perAZ\n"),
                c("nat with default vpc", "network.natGateways", 9, "does not apply to vpc: default", TASK + "network:\n  vpc: default\n  natGateways: none\n"),
                c("existing without vpcId", "network.vpcId", 7, "vpcId is required",
                        TASK + "network:\n  vpc: existing\n  publicSubnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n"),
                c("bad vpc id", "network.vpcId", 9, "is not a VPC id",
                        TASK + "network:\n  vpc: existing\n  vpcId: vpc-123\n  publicSubnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n"),
                c("existing with one subnet", "network.publicSubnets", 10, "at least 2 public subnets",
                        TASK + "network:\n  vpc: existing\n  vpcId: vpc-0123456789abcdef0\n  publicSubnets: [subnet-0123456789abcdef0]\n"),
                c("bad subnet id", "network.publicSubnets[1]", 12, "is not a subnet id",
                        TASK + "network:\n  vpc: existing\n  vpcId: vpc-0123456789abcdef0\n  publicSubnets:\n    - subnet-0123456789abcdef0\n    - subnet-xyz\n"),
                c("duplicate subnet", "network.publicSubnets[1]", 10, "listed twice",
                        TASK + "network:\n  vpc: existing\n  vpcId: vpc-0123456789abcdef0\n  publicSubnets: [subnet-01234567, subnet-01234567]\n"),
                c("subnet public and private", "network.privateSubnets[0]", 11, "also in publicSubnets",
                        TASK + "network:\n  vpc: existing\n  vpcId: vpc-01234567\n  publicSubnets: [subnet-01234567, subnet-89abcdef]\n  privateSubnets: [subnet-01234567, subnet-0badcafe]\n"),
                c("cidr with existing vpc", "network.cidr", 11, "applies only to vpc: new",
                        TASK + "network:\n  vpc: existing\n  vpcId: vpc-01234567\n  publicSubnets: [subnet-01234567, subnet-89abcdef]\n  cidr: 10.0.0.0/16\n"),
                c("vpcId with new vpc", "network.vpcId", 8, "applies only to vpc: existing", TASK + "network:\n  vpcId: vpc-01234567\n"),
                // --- cluster
                c("cluster name", "cluster.name", 8, "1–255 letters, digits", TASK + "cluster:\n  name: my cluster\n"),
                // --- task
                c("image missing", "task.image", 4, "image is required", "task:\n  cpu: 256\n"),
                c("task missing", "task", 1, "task is required", "service:\n  desiredCount: 1\n"),
                c("image uppercase", "task.image", 5, "must be lowercase", "task:\n  image: MyOrg/App:1.0\n"),
                c("image bad digest", "task.image", 5, "digest", "task:\n  image: nginx@sha256:abc\n"),
                c("image bad tag", "task.image", 5, "the tag '-bad' is not valid", "task:\n  image: nginx:-bad\n"),
                c("image bad registry port", "task.image", 5, "registry port", "task:\n  image: registry.example.com:99999/app:1\n"),
                c("image spaces", "task.image", 5, "cannot contain spaces", "task:\n  image: \"nginx :1.27\"\n"),
                c("cpu not Fargate", "task.cpu", 7, "must be one of 256, 512, 1024", TASK + "  cpu: 300\n"),
                c("256 with 4096", "task.memory", 8, "4096 MiB of memory with cpu 256", TASK + "  cpu: 256\n  memory: 4096\n"),
                c("1024 with 1536", "task.memory", 8, "1536 MiB", TASK + "  cpu: 1024\n  memory: 1536\n"),
                c("512 with 512", "task.memory", 8, "512 MiB of memory with cpu 512", TASK + "  cpu: 512\n  memory: 512\n"),
                c("4096 with 31744", "task.memory", 8, "31744", TASK + "  cpu: 4096\n  memory: 31744\n"),
                c("8192 off the 4 GB step", "task.memory", 8, "18432", TASK + "  cpu: 8192\n  memory: 18432\n"),
                c("16384 off the 8 GB step", "task.memory", 8, "36864", TASK + "  cpu: 16384\n  memory: 36864\n"),
                c("16384 above 120 GB", "task.memory", 8, "131072", TASK + "  cpu: 16384\n  memory: 131072\n"),
                c("architecture amd64", "task.architecture", 7, "x86_64 or arm64, got 'amd64'", TASK + "  architecture: amd64\n"),
                c("architecture enum", "task.architecture", 7, "got 'risc-v'", TASK + "  architecture: risc-v\n"),
                c("port too high", "task.port", 6, "1–65535, got 70000", "task:\n  image: nginx:1.27\n  port: 70000\n"),
                c("port missing with load balancer", "task.port", 4, "port is required when loadBalancer is set",
                        "task:\n  image: nginx:1.27\nloadBalancer: {}\n"),
                c("env name", "task.environment.MY-VAR", 8, "not a valid variable name", TASK + "  environment:\n    MY-VAR: x\n"),
                c("env and secret", "task.environment.DB_PASSWORD", 8, "also in task.secrets",
                        TASK + "  environment:\n    DB_PASSWORD: x\n  secrets:\n    DB_PASSWORD: {parameter: /hello/db}\n"),
                c("parameter without slash", "task.secrets.DB.parameter", 9, "must start with '/'",
                        TASK + "  secrets:\n    DB:\n      parameter: hello/db\n"),
                c("parameter reserved", "task.secrets.DB.parameter", 9, "may not start with /aws or /ssm",
                        TASK + "  secrets:\n    DB:\n      parameter: /SSM/db\n"),
                c("parameter under gantry's own path", "task.secrets.DB.parameter", 9, "may not start with /gantry/",
                        TASK + "  secrets:\n    DB:\n      parameter: /gantry/locks/hello\n"),
                c("parameter empty part", "task.secrets.DB.parameter", 9, "not a valid parameter name",
                        TASK + "  secrets:\n    DB:\n      parameter: /hello//db\n"),
                c("parameter bad arn", "task.secrets.DB.parameter", 9, "not an SSM parameter ARN",
                        TASK + "  secrets:\n    DB:\n      parameter: arn:aws:ssm:us-east-1:1234:parameter/db\n"),
                c("secret unknown key", "task.secrets.DB.paramter", 9, "unknown key 'paramter'",
                        TASK + "  secrets:\n    DB:\n      paramter: /hello/db\n"),
                c("retention", "task.logs.retentionDays", 8, "does not accept 31 days", TASK + "  logs:\n    retentionDays: 31\n"),
                // --- service
                c("desiredCount range", "service.desiredCount", 8, "0–1000", TASK + "service:\n  desiredCount: 1001\n"),
                c("maximumPercent range", "service.maximumPercent", 8, "100–200", TASK + "service:\n  maximumPercent: 250\n"),
                c("minimumHealthyPercent range", "service.minimumHealthyPercent", 8, "0–100", TASK + "service:\n  minimumHealthyPercent: -5\n"),
                c("max not above min healthy", "service.maximumPercent", 9, "must be greater than minimumHealthyPercent",
                        TASK + "service:\n  minimumHealthyPercent: 100\n  maximumPercent: 100\n"),
                c("autoscaling min above max", "service.autoscaling.min", 10, "min (5) is greater than max (3)",
                        TASK + "service:\n  desiredCount: 3\n  autoscaling:\n    min: 5\n    max: 3\n"),
                c("default desiredCount below autoscaling min", "service.autoscaling", 8, "desiredCount (2, the default) is below autoscaling.min (3)",
                        TASK + "service:\n  autoscaling: {min: 3, max: 6}\n"),
                c("desiredCount above autoscaling max", "service.desiredCount", 8, "above autoscaling.max (4)",
                        TASK + "service:\n  desiredCount: 5\n  autoscaling: {min: 1, max: 4}\n"),
                c("cpuTarget range", "service.autoscaling.cpuTarget", 11, "10–90 percent, got 95",
                        TASK + "service:\n  autoscaling:\n    min: 2\n    max: 4\n    cpuTarget: 95\n"),
                c("autoscaling without max", "service.autoscaling.max", 8, "max is required", TASK + "service:\n  autoscaling:\n    min: 2\n"),
                // --- load balancer
                c("health check path", "loadBalancer.healthCheckPath", 8, "must start with '/'", TASK + "loadBalancer:\n  healthCheckPath: health\n"),
                c("deregistration delay", "loadBalancer.deregistrationDelay", 8, "0–3600 seconds", TASK + "loadBalancer:\n  deregistrationDelay: 4000\n"),
                c("idle timeout", "loadBalancer.idleTimeout", 8, "1–4000 seconds", TASK + "loadBalancer:\n  idleTimeout: 0\n"),
                c("allowed cidr not a cidr", "loadBalancer.allowedCidrs[1]", 8, "not an IPv4 CIDR", TASK + "loadBalancer:\n  allowedCidrs: [0.0.0.0/0, 1.2.3.4]\n"),
                c("allowed cidr misaligned", "loadBalancer.allowedCidrs[0]", 9, "starts at 203.0.113.0/24",
                        TASK + "loadBalancer:\n  allowedCidrs:\n    - 203.0.113.7/24\n"),
                c("allowed cidrs empty", "loadBalancer.allowedCidrs", 8, "nobody", TASK + "loadBalancer:\n  allowedCidrs: []\n"),
                // --- certificate
                c("certificate without load balancer", "certificate", 7, "requires a loadBalancer", TASK + "certificate:\n  domain: hello.example.com\n"),
                c("certificate domain and arn", "certificate.arn", 10, "either domain",
                        TASK + "loadBalancer: {}\ncertificate:\n  domain: hello.example.com\n  arn: arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\n"),
                c("certificate empty", "certificate", 8, "needs a domain", TASK + "loadBalancer: {}\ncertificate: {}\n"),
                c("certificate bad domain", "certificate.domain", 9, "not a valid DNS name", TASK + "loadBalancer: {}\ncertificate:\n  domain: hello..example.com\n"),
                c("certificate bad alt name", "certificate.alternativeNames[1]", 10, "not a full DNS name",
                        TASK + "loadBalancer: {}\ncertificate:\n  domain: hello.example.com\n  alternativeNames: [www.example.com, localhost]\n"),
                c("certificate bad arn", "certificate.arn", 9, "not an ACM certificate ARN", TASK + "loadBalancer: {}\ncertificate:\n  arn: arn:aws:acm:us-east-1:123:cert/x\n"),
                c("certificate in another region", "certificate.arn", 9, "is in eu-west-1 but the load balancer is in us-east-1",
                        TASK + "loadBalancer: {}\ncertificate:\n  arn: arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\n"),
                // --- dns
                c("dns without load balancer", "dns", 7, "requires a loadBalancer", TASK + "dns:\n  zone: example.com\n  record: example.com\n"),
                c("record outside zone", "dns.record", 10, "not inside the zone example.com",
                        TASK + "loadBalancer: {}\ndns:\n  zone: example.com\n  record: hello.example.org\n"),
                c("record not covered by certificate", "dns.record", 12, "not covered by the certificate",
                        TASK + "loadBalancer: {}\ncertificate:\n  domain: www.example.com\ndns:\n  zone: example.com\n  record: api.example.com\n"),
                c("wildcard covers one level only", "dns.record", 12, "not covered",
                        TASK + "loadBalancer: {}\ncertificate:\n  domain: \"*.example.com\"\ndns:\n  zone: example.com\n  record: a.b.example.com\n"),
                c("zone with trailing dot", "dns.zone", 9, "without the trailing dot", TASK + "loadBalancer: {}\ndns:\n  zone: example.com.\n  record: example.com\n"),
                // --- unknown keys
                c("unknown section, near", "servce", 7, "unknown key 'servce'", TASK + "servce:\n  desiredCount: 1\n"),
                c("unknown task key, near", "task.imag", 5, "unknown key 'imag' in task", "task:\n  imag: nginx:1.27\n  image: nginx:1.27\n"),
                c("unknown key, far", "network.colour", 8, "unknown key 'colour' in network", TASK + "network:\n  colour: blue\n"),
                // --- limits AWS enforces (issue 27, items 19 and 20)
                c("secrets beyond the role's policy size", "task.secrets", 7, "IAM allows 10240", TASK + "  secrets:\n" + manySecrets(201)),
                c("environment beyond 64 KiB", "task.environment.BIG", 8, "ECS allows 65536",
                        TASK + "  environment:\n    BIG: \"" + "x".repeat(70_000) + "\"\n"),
                c("NUL in an environment value", "task.environment.MODE", 8, "NUL character", TASK + "  environment:\n    MODE: \"a\\0b\"\n"),
                c("too many allowed CIDRs", "loadBalancer.allowedCidrs", 8, "AWS allows 60 per security group",
                        TASK + "loadBalancer:\n  allowedCidrs: [" + cidrs(61) + "]\n"),
                c("allowed CIDRs on two ports", "loadBalancer.allowedCidrs", 8, "on ports 80 and 443",
                        TASK + "loadBalancer:\n  allowedCidrs: [" + cidrs(31) + "]\ncertificate: {domain: hello.example.com}\n"),
                c("secret ARN under /gantry/", "task.secrets.API.parameter", 8, "may not be under /gantry/",
                        TASK + "  secrets:\n    API: {parameter: arn:aws:ssm:us-east-1:123456789012:parameter/gantry/locks/hello}\n"),
                c("shortened IPv4 registry", "task.image", 5, "not a host name or a full IPv4 address", "task:\n  image: 127.1:5000/app:1.0\n"),
                c("IPv4 registry out of range", "task.image", 5, "full IPv4 address", "task:\n  image: 300.1.1.1:5000/app:1.0\n")
        );
    }

    private static String manySecrets(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("    S").append(i).append(": {parameter: /hello/secret-").append(i).append("}\n");
        return b.toString();
    }

    private static String cidrs(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ", ").append("203.0.").append(i).append(".0/24");
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheFieldLineAndProblem(String name, String yaml, String field, int line, String message) {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", yaml);

        assertThat(r.valid()).as("spec should be invalid").isFalse();
        assertThat(r.errors())
                .as("errors were: %s", r.errors().stream().map(Diagnostic::render).toList())
                .anySatisfy(d -> {
                    assertThat(d.field()).isEqualTo(field);
                    assertThat(d.line()).isEqualTo(line);
                    assertThat(d.message()).contains(message);
                    assertThat(d.file()).isEqualTo("gantry.yaml");
                    assertThat(d.column()).isPositive();
                });
    }
}

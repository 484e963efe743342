package dev.gantry.spec.yaml;

import dev.gantry.spec.AppService;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Route;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Version 2: several services, read into the same model as version 1's one service. */
class ServicesSpecTest {
    private static final String HEAD = "version: 2\napp: shop\nregion: us-east-1\n";

    @Test
    void theThreeServiceTemplateReadsEachServiceAndWhatTheyShare() throws Exception {
        Spec spec = SpecLoader.load(Path.of("templates/web-api-worker.yaml"));
        assertThat(spec.isVersion2()).isTrue();
        assertThat(spec.services().keySet()).containsExactly("web", "api", "worker");
        AppService api = spec.services().get("api");
        assertThat(api.publicAccess().routes()).containsExactly(new Route("api.example.com", null), new Route("www.example.com", "/api/*"));
        assertThat(api.publicAccess().healthCheckPath()).isEqualTo("/health");
        assertThat(spec.services().get("worker").isWorker()).isTrue();
        // One certificate for every host the routes name, the first one its domain.
        assertThat(spec.certificate().domain()).isEqualTo("www.example.com");
        assertThat(spec.certificate().alternativeNames()).containsExactly("api.example.com");
        // The secret two services name is one managed parameter.
        assertThat(spec.managedSecrets()).containsOnlyKeys("DB_PASSWORD");
        // The fields of code not per service yet describe the primary (first public) service.
        assertThat(spec.primaryService().name()).isEqualTo("web");
        assertThat(spec.task().port()).isEqualTo(80);
        assertThat(spec.dns().record()).isEqualTo("www.example.com");
    }

    @Test
    void aVersion1FileIsOneServiceNamedAfterTheAppReachedOnItsRecord() throws Exception {
        Spec spec = SpecLoader.load(Path.of("templates/web-https.yaml"));
        assertThat(spec.isVersion2()).isFalse();
        assertThat(spec.services().keySet()).containsExactly("hello");
        AppService hello = spec.services().get("hello");
        assertThat(hello.keepsVersion1Names("hello")).isTrue();
        assertThat(hello.task()).isEqualTo(spec.task());
        assertThat(hello.publicAccess().routes()).containsExactly(new Route("hello.example.com", null));
        assertThat(SpecLoader.load(Path.of("templates/worker.yaml")).services().get("worker").isWorker()).isTrue();
    }

    @Test
    void routesMatchAsTheLoadBalancerRulesWould() {
        assertThat(Route.parse("www.example.com/api/*").matches("www.example.com", "/api/orders")).isTrue();
        assertThat(Route.parse("www.example.com/api/*").matches("www.example.com", "/api/")).isTrue(); // ALB's * is any characters, none included
        assertThat(Route.parse("www.example.com/api/*").matches("www.example.com", "/apiary")).isFalse();
        assertThat(Route.parse("www.example.com/api/*").matches("api.example.com", "/api/x")).isFalse();
        assertThat(Route.parse("/health").matches("anything.example.com", "/health")).isTrue();
        assertThat(Route.parse("/health").matches("anything.example.com", "/health/x")).isFalse();
        assertThat(Route.parse("api.example.com").matches("API.example.com", "/")).isTrue();
    }

    private static final String WEB = "  web:\n    task: {image: nginx:1.27, port: 80}\n    public: {routes: [www.example.com]}\n"; // lines 5–7

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("two services on one route", "services.api.public.routes[0]", 11, "already a route of web",
                        "services:\n" + WEB + "  api:\n    task: {image: nginx:1.27, port: 80}\n    public:\n      routes: [www.example.com]\n"),
                arguments("a name that is no DNS label", "services.Web_1", 5, "must start with a lowercase letter",
                        "services:\n  Web_1:\n    task: {image: nginx:1.27}\n"),
                arguments("a public service without a port", "services.web.task.port", 6, "port is required for a service that is public",
                        "services:\n  web:\n    task:\n      image: nginx:1.27\n    public: {}\n"),
                arguments("an internal service without a port", "services.api.task.port", 6, "is internal",
                        "services:\n  api:\n    task:\n      image: nginx:1.27\n    internal: true\n"),
                arguments("a host outside the zone", "services.web.public.routes[0]", 7, "not inside the zone example.org",
                        "services:\n" + WEB + "dns:\n  zone: example.org\n"),
                arguments("two services take what no route matches", "services.b.public", 8, "only one service can take",
                        "services:\n  a:\n    task: {image: nginx:1.27, port: 80}\n    public: {}\n  b:\n    task: {image: nginx:1.27, port: 80}\n    public: {}\n"),
                arguments("version 1's dns.record", "dns.record", 10, "every public host gets its own record",
                        "services:\n" + WEB + "dns:\n  zone: example.com\n  record: www.example.com\n"),
                arguments("the health check on the shared load balancer", "loadBalancer.healthCheckPath", 9, "each public service's",
                        "services:\n" + WEB + "loadBalancer:\n  healthCheckPath: /up\n"),
                arguments("version 1's task beside services", "task", 8, "unknown key 'task'",
                        "services:\n" + WEB + "task: {image: nginx:1.27}\n"),
                arguments("a route with a space", "services.web.public.routes[0]", 7, "may hold letters",
                        "services:\n  web:\n    task: {image: nginx:1.27, port: 80}\n    public: {routes: [\"/a b\"]}\n"),
                arguments("a host the given certificate does not cover", "services.web.public.routes[0]", 7, "not covered by the certificate",
                        "services:\n" + WEB + "certificate:\n  domain: shop.example.com\n"),
                arguments("one secret name, two parameters", "services.worker.task.secrets.DB", 7, "a secret shared by name is one parameter",
                        "services:\n  api:\n    task: {image: nginx:1.27, secrets: {DB: {parameter: /a}}}\n"
                                + "  worker:\n    task: {image: nginx:1.27, secrets: {DB: {parameter: /b}}}\n"),
                arguments("a name too long for its roles", "services.a-very-long-service-name-for-it", 5, "would be named",
                        "services:\n  a-very-long-service-name-for-it:\n    task: {image: nginx:1.27}\n"),
                arguments("no services", "services", 4, "at least one service", "services: {}\n"),
                arguments("more hosts than the records' tag holds", "dns", 8, "one load balancer tag of 256 characters",
                        "services:\n  web:\n    task: {image: nginx:1.27, port: 80}\n    public: {routes: [" + java.util.stream.IntStream.range(0, 8)
                                .mapToObj(i -> "host-number-" + i + ".example.com").collect(java.util.stream.Collectors.joining(", ")) + "]}\n"
                                + "dns:\n  zone: example.com\n"),
                arguments("version 3", "version", 1, "versions 1 and 2", "services:\n" + WEB),
                arguments("two reached services on one port", "services.api.task.port", 11, "port 80 is also web's",
                        "services:\n" + WEB + "  api:\n    task:\n      image: nginx:1.27\n      port: 80\n    internal: true\n"),
                arguments("26 public services on one load balancer", "services.s25", 80, "26 services are public; gantry puts at most 25",
                        publicServices(26)),
                arguments("more routes of one kind and length than their priorities", "services", 4, "share 64 listener rule priorities",
                        "services:\n  web:\n    task: {image: nginx:1.27, port: 80}\n    public: {routes: [" + java.util.stream.IntStream.range(0, 65)
                                .mapToObj(i -> String.format("/a%02d/*", i)).collect(java.util.stream.Collectors.joining(", ")) + "]}\n"));
    }

    /** {@code n} public services, s0 to s(n-1), three lines each from line 5, each on its own port and path. */
    static String publicServices(int n) {
        StringBuilder b = new StringBuilder("services:\n");
        for (int i = 0; i < n; i++) {
            b.append("  s").append(i).append(":\n    task: {image: nginx:1.27, port: ").append(8000 + i)
                    .append("}\n    public: {routes: [/s").append(i).append("/*]}\n");
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsNamedAtItsFieldAndLine(String name, String field, int line, String message, String body) {
        String head = name.equals("version 3") ? HEAD.replace("version: 2", "version: 3")
                : name.startsWith("a name too long") ? HEAD.replace("app: shop", "app: a-long-application-name-abcd") : HEAD;
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", head + body);
        assertThat(r.valid()).isFalse();
        List<Diagnostic> errors = r.errors();
        assertThat(errors).as(errors.toString()).anySatisfy(d -> {
            assertThat(d.field()).isEqualTo(field);
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.message()).contains(message);
            assertThat(d.fix()).isNotBlank();
        });
    }

    @Test
    void twentyFivePublicServicesAndAWorkerOnAPublicServicesPortAreValid() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", HEAD + publicServices(25)
                + "  worker:\n    task: {image: nginx:1.27, port: 8000}\n");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void aLimitPastItIsExit2WithTheFileLineAndFieldAndNothingInAws(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        java.nio.file.Files.writeString(file, HEAD + publicServices(26));
        dev.gantry.cli.edge.Captured io = new dev.gantry.cli.edge.Captured(java.util.Map.of("GANTRY_HOME", dir.toString(), "HOME", dir.toString()));
        assertThat(io.gantry("apply", "--simulate", "--yes", "-f", file.toString())).isEqualTo(2);
        assertThat(io.err()).contains("gantry.yaml:80:").contains("services.s25").contains("at most 25").contains("fix:");
        assertThat(dir.resolve("simulated")).doesNotExist();
    }

    @Test
    void aSecretSharedByNameWithTheSameParameterIsValid() {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", HEAD + "services:\n  api:\n    task: {image: nginx:1.27, secrets: {DB: {parameter: /a}}}\n"
                + "  worker:\n    task: {image: nginx:1.27, secrets: {DB: {parameter: /a}}}\n");
        assertThat(r.errors()).isEmpty();
    }
}

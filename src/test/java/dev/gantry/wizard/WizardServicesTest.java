package dev.gantry.wizard;

import dev.gantry.cost.Prices;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.testing.CommentedSpecs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21 item 5: the wizard's model edits several services with the same questions, at services.NAME. */
class WizardServicesTest {

    private static WizardSession open(String text) throws Exception {
        return WizardSession.open(new SpecStore.Memory(text), LookupResults.offline(), Prices.embedded());
    }

    @Test
    void aVersion2FileOpensWithEachServicesAnswersAndTheQuestionsFollowTheFocus() throws Exception {
        WizardSession s = open(Files.readString(Path.of("templates/web-api-worker.yaml")));
        WizardFlow f = s.flow();
        assertThat(f.services()).containsExactly("web", "api", "worker");
        assertThat(f.focusedService()).isEqualTo("web");
        assertThat(f.kind()).isEqualTo(WizardFlow.ServiceKind.WEB);
        f.focus("worker");
        assertThat(f.kind()).isEqualTo(WizardFlow.ServiceKind.WORKER);
        assertThat(f.questions(WizardScreen.LOAD_BALANCER)).extracting(Question::id).doesNotContain("public.routes", "loadBalancer.healthCheckPath");
        f.focus("api");
        assertThat(f.get("public.routes")).contains("api.example.com");
        // Nothing changed: the spec written is the spec read, and no comment of the file is dropped.
        assertThat(f.errors()).isEmpty();
        assertThat(SpecLoader.load("gantry.yaml", s.specText())).isEqualTo(SpecLoader.load("gantry.yaml",
                Files.readString(Path.of("templates/web-api-worker.yaml"))));
        assertThat(s.droppedComments()).isEmpty();
    }

    @Test
    void editingOneServiceChangesOnlyItAndKeepsTheFilesComments() throws Exception {
        String before = CommentedSpecs.template("web-api-worker");
        WizardSession s = open(before);
        s.flow().focus("worker");
        s.flow().set("service.desiredCount", "3");
        s.flow().set("task.size", "512/1024");
        assertThat(s.flow().errors()).isEmpty();
        Spec after = SpecLoader.load("gantry.yaml", s.specText());
        Spec was = SpecLoader.load("gantry.yaml", before);
        assertThat(after.services().get("worker").service().desiredCount()).isEqualTo(3);
        assertThat(after.services().get("worker").task().cpu()).isEqualTo(512);
        assertThat(after.services().get("web")).isEqualTo(was.services().get("web"));
        assertThat(after.services().get("api")).isEqualTo(was.services().get("api"));
        assertThat(s.droppedComments()).isEmpty();
        CommentedSpecs.assertKept(before, s.specText(), java.util.List.of());
    }

    @Test
    void aVersion1FileStaysVersion1UntilASecondServiceIsAdded() throws Exception {
        String v1 = Files.readString(Path.of("templates/web-https.yaml"));
        WizardSession s = open(v1);
        s.flow().set("service.desiredCount", "3");
        assertThat(SpecLoader.load("gantry.yaml", s.specText()).isVersion2()).isFalse();

        assertThat(s.flow().addService("worker", WizardFlow.ServiceKind.WORKER)).isNull();
        s.flow().set("task.image", "public.ecr.aws/docker/library/busybox:1.36");
        assertThat(s.flow().errors()).isEmpty();
        Spec two = SpecLoader.load("gantry.yaml", s.specText());
        assertThat(two.isVersion2()).isTrue();
        assertThat(two.services().keySet()).containsExactly("hello", "worker");
        // The first service is migrate's: same name, same task and route, the edit before kept.
        Spec migrated = SpecLoader.load("gantry.yaml", dev.gantry.spec.yaml.SpecMigration.toVersion2("gantry.yaml", v1));
        var hello = two.services().get("hello");
        var was = migrated.services().get("hello");
        assertThat(hello.task()).isEqualTo(was.task());
        assertThat(hello.publicAccess()).isEqualTo(was.publicAccess());
        assertThat(hello.service().desiredCount()).isEqualTo(3);
        assertThat(two.services().get("worker").isWorker()).isTrue();
        assertThat(two.certificate()).isEqualTo(migrated.certificate());
        assertThat(two.dns()).isEqualTo(migrated.dns());
    }

    @Test
    void onlyValidServiceNamesAndRoutesAreTaken() throws Exception {
        WizardFlow f = open(Files.readString(Path.of("templates/web-api-worker.yaml"))).flow();
        assertThat(f.serviceNameError("api")).contains("already has a service named api");
        assertThat(f.serviceNameError("Api")).contains("lowercase");
        assertThat(f.serviceNameError("x-")).contains("not ending in -");
        assertThat(f.serviceNameError("a".repeat(33))).contains("at most 32");
        assertThat(f.addService("Bad", WizardFlow.ServiceKind.WEB)).contains("lowercase");
        assertThat(f.services()).containsExactly("web", "api", "worker");

        assertThat(f.addService("admin", WizardFlow.ServiceKind.WEB)).isNull();
        f.set("task.image", "nginx:1.27");
        // Its port is the first from 8080 no other service has (api has 8080): ports are one per service.
        assertThat(f.get("task.port")).isEqualTo("8081");
        f.set("task.port", "80");
        assertThat(f.errors()).anySatisfy(e -> assertThat(e).contains("port 80 is also web's"));
        f.set("task.port", "8081");
        // A route another service already has: the spec's own rule across services says so.
        f.set("public.routes", "api.example.com");
        assertThat(f.errors()).anySatisfy(e -> assertThat(e).contains("api.example.com"));
        assertThat(f.set("public.routes", "/admin/*, /admin/*")).contains("listed twice");
        f.set("public.routes", "www.example.com/admin/*");
        assertThat(f.errors()).isEmpty();
        // A public service needs a port.
        f.set("task.port", "");
        assertThat(f.errors()).isNotEmpty();
    }

    @Test
    void removingAServiceKeepsTheOthersAsTheyWere() throws Exception {
        String before = Files.readString(Path.of("templates/web-api-worker.yaml"));
        WizardSession s = open(before);
        s.flow().removeService("worker");
        assertThat(s.flow().services()).containsExactly("web", "api");
        Spec after = SpecLoader.load("gantry.yaml", s.specText());
        Spec was = SpecLoader.load("gantry.yaml", before);
        assertThat(after.services().keySet()).containsExactly("web", "api");
        assertThat(after.services().get("web")).isEqualTo(was.services().get("web"));
        assertThat(after.services().get("api")).isEqualTo(was.services().get("api"));
        assertThat(s.diff()).anySatisfy(l -> assertThat(l).startsWith("-").contains("worker:"));
    }

    @Test
    void theSharedScreensAskAsForThePrimaryServiceWhateverServiceIsFocused() throws Exception {
        WizardFlow f = open(Files.readString(Path.of("templates/web-api-worker.yaml"))).flow();
        f.focus("web");
        List<String> certificate = f.questions(WizardScreen.CERTIFICATE).stream().map(Question::id).toList();
        List<String> dns = f.questions(WizardScreen.DNS).stream().map(Question::id).toList();
        assertThat(certificate).contains("certificate");
        assertThat(dns).contains("dns", "dns.zone");
        // The worker has no load balancer, but the app's certificate and DNS zone are still there to edit.
        f.focus("worker");
        assertThat(f.questions(WizardScreen.CERTIFICATE).stream().map(Question::id).toList()).isEqualTo(certificate);
        assertThat(f.questions(WizardScreen.DNS).stream().map(Question::id).toList()).isEqualTo(dns);
        assertThat(f.get("dns.zone")).isEqualTo("example.com");
        assertThat(f.questions(WizardScreen.LOAD_BALANCER).stream().map(Question::id).toList())
                .contains("loadBalancer.allowedCidrs").doesNotContain("public.routes", "loadBalancer.healthCheckPath");
    }

    @Test
    void aPublicServiceWithoutRoutesOpensAsPublic() throws Exception {
        String text = """
                version: 2
                app: shop
                region: us-east-1
                services:
                  shop:
                    task:
                      image: public.ecr.aws/nginx/nginx:1.27
                      port: 80
                    public:
                      healthCheckPath: /
                  worker:
                    task:
                      image: public.ecr.aws/docker/library/busybox:1.36
                """;
        WizardSession s = open(text);
        s.flow().focus("shop");
        assertThat(s.flow().kind()).isEqualTo(WizardFlow.ServiceKind.WEB);
        assertThat(SpecLoader.load("gantry.yaml", s.specText())).isEqualTo(SpecLoader.load("gantry.yaml", text));
    }
}

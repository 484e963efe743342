package dev.gantry.resources.catalog;

import dev.gantry.plan.Desired;
import dev.gantry.resources.ResourceType;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resource type is one class plus its registration: what the planner, the views and the
 * benchmark say about it comes from the type itself, so a type registered without it fails here.
 */
class CatalogTest {
    final Catalog catalog = Catalog.standard();

    @Test void every_registered_type_says_what_it_is_and_where_it_belongs() {
        for (ResourceType t : catalog.types()) {
            assertThat(t.noun()).as(t.type() + " noun").isNotBlank().doesNotContain("-");
            assertThat(t.piece()).as(t.type() + " piece").isNotNull();
            assertThat(t.typicalDuration()).as(t.type() + " typical duration").isPositive();
            assertThat(t.getClass().getSimpleName()).as(t.type() + " class").endsWith("Type");
        }
    }

    /** Before, the registry secret fell through a switch and its deletion was shown under Network. */
    @Test void the_registry_secret_belongs_with_the_secrets() {
        assertThat(catalog.type("secret").piece()).isEqualTo(dev.gantry.plan.Piece.SECRETS);
    }

    @Test void every_templates_resource_has_a_type_and_the_same_piece_the_type_declares() throws Exception {
        List<Desired> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) all.addAll(Catalog.expand(SpecLoader.load(f)));
        }
        assertThat(all).isNotEmpty();
        for (Desired d : all) {
            ResourceType t = catalog.type(d.address().type());
            assertThat(d.piece()).as(d.address() + " piece").isEqualTo(t.piece());
        }
    }

    /** A job with no image of its own runs the service's: with task.build, the image built in the same run. */
    @Test void a_job_without_an_image_runs_the_built_image() throws Exception {
        Path dir = Files.createTempDirectory("gantry-build-job");
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
        Files.writeString(dir.resolve("gantry.yaml"), String.join("\n",
                "version: 1", "app: shop", "region: us-east-1", "network:", "  vpc: default",
                "task:", "  build:", "    context: .", "  port: 8080",
                "jobs:", "  report:", "    schedule: rate(1 hour)", "    command: [sh, -c, \"echo report\"]",
                "  custom:", "    schedule: rate(1 day)", "    command: [\"true\"]", "    image: public.ecr.aws/docker/library/busybox:1.36", ""));
        List<Desired> all = Catalog.expand(SpecLoader.load(dir.resolve("gantry.yaml")));
        Object built = byAddress(all, dev.gantry.resources.Addresses.jobTaskDefinition("report")).props().get("image");
        assertThat(built).isEqualTo(dev.gantry.plan.Ref.to(dev.gantry.resources.Addresses.IMAGE, "reference"));
        assertThat(byAddress(all, dev.gantry.resources.Addresses.TASK_DEFINITION).props().get("image")).isEqualTo(built);
        assertThat(byAddress(all, dev.gantry.resources.Addresses.jobTaskDefinition("custom")).props().get("image"))
                .isEqualTo("public.ecr.aws/docker/library/busybox:1.36");
    }

    private static Desired byAddress(List<Desired> all, dev.gantry.plan.Address a) {
        return all.stream().filter(d -> d.address().equals(a)).findFirst().orElseThrow(() -> new AssertionError("no " + a));
    }
}

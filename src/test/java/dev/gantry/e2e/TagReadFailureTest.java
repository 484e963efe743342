package dev.gantry.e2e;

import dev.gantry.aws.AwsFailure;
import dev.gantry.aws.sim.SimFaults;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Autoscaling;
import dev.gantry.spec.Service;
import dev.gantry.spec.Spec;
import dev.gantry.spec.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ownership is read from tags, so a tag read that fails must end the command with an error: taken
 * for "no tags", gantry's own resource would read as someone else's (a conflict, exit 2) or as
 * nothing at all (destroy would report everything destroyed and leave it). Every kind of tag
 * look-up gantry makes, failing every way a read fails for good.
 */
class TagReadFailureTest {
    @TempDir static Path dir;
    static Path deployed;

    /** web-https with autoscaling: every kind of resource whose ownership comes from a tag read. */
    static Spec spec() {
        Spec s = SimHarness.template("web-https.yaml");
        return s.withService(new Service(2, 100, 200, true, new Autoscaling(2, 4, 60)));
    }

    /** The spec without its secret: refresh then reads the parameter's tags to find its address. */
    static Spec withoutSecret() {
        Spec s = spec();
        Task t = s.task();
        return s.withTask(new Task(t.image(), t.cpu(), t.memory(), t.architecture(), t.port(), t.command(), t.environment(), Map.of(),
                t.logs(), t.registryCredentials()));
    }

    @BeforeAll static void deploy() {
        SimHarness h = new SimHarness().prepare(spec());
        ApplyResult r = h.apply(spec());
        assertThat(r.exitCode()).as(r.failures().toString()).isZero();
        deployed = dir.resolve("deployed.json");
        h.world.save(deployed);
    }

    static Stream<Arguments> lookUps() {
        List<Arguments> out = new ArrayList<>();
        for (String action : List.of("application-autoscaling:ListTagsForResource", "elasticloadbalancing:DescribeTags",
                "logs:ListTagsForResource", "acm:ListTagsForCertificate", "iam:GetRole", "ssm:ListTagsForResource")) {
            for (SimFaults.Failure how : SimFaults.Failure.values()) out.add(Arguments.of(action, how));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lookUps")
    void a_tag_read_that_fails_is_an_error_never_a_conflict_nor_nothing_there(String action, SimFaults.Failure how) {
        SimHarness h = new SimHarness(deployed);
        Spec spec = action.startsWith("ssm:") ? withoutSecret() : spec();
        if (action.startsWith("iam:")) {
            // A role in the app's path that gantry did not describe as its own: only its tags (GetRole) can tell.
            h.aws.iam().createRole(b -> b.roleName("hello-extra").path("/gantry/hello/").description("made by hand")
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
        }
        dev.gantry.aws.sim.SimFaults.of(h.world).failAlways(action, how);
        h.world.resetCounters();

        assertThatThrownBy(() -> h.plan(spec)).isInstanceOfSatisfying(AwsFailure.class, f -> {
            assertThat(f.getMessage()).doesNotContain(": : ");
            assertThat(f.fix()).as("says what to do").isNotBlank();
        });

        ApplyResult apply = h.apply(spec);
        assertThat(apply.exitCode()).as("an error, not a conflict (2): %s", apply.failures()).isEqualTo(1);
        assertThat(String.join("\n", apply.failures())).doesNotContain("not made by gantry").contains("fix:");

        ApplyResult destroy = h.destroy(spec);
        assertThat(destroy.exitCode()).as("destroy cannot say what is there: %s", destroy.failures()).isEqualTo(1);
        assertThat(destroy.deleted()).isZero();

        assertThat(h.world.mutatingCalls()).as("nothing touched").isZero();
        assertThat(dev.gantry.aws.sim.SimFaults.of(h.world).injected()).as("the look-up was really made and failed").isPositive();
    }
}

package dev.gantry.resources.compute;

import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.spec.Cluster;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh reads less than it used to; these check that what it skips could not have told it anything. */
class RefreshReadsTest {
    private static final String EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    private static ComputeFixture applied() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        return f;
    }

    @Test void rolesAreFoundByTheirTagsInOneGetRoleEachAndStillShowPoliciesChangedByHand() {
        ComputeFixture f = applied();
        f.aws.iam().detachRolePolicy(b -> b.roleName("hello-execution").policyArn(EXEC_POLICY));
        f.aws.iam().attachRolePolicy(b -> b.roleName("hello-task").policyArn(EXEC_POLICY));
        f.aws.iam().deleteRolePolicy(b -> b.roleName("hello-execution").policyName(Policies.SECRETS_POLICY_NAME));
        f.world.resetCounters();

        Observed exec = f.refreshed("role.execution");
        Observed task = f.refreshed("role.task");
        assertThat(exec.props()).containsEntry("managedPolicies", List.of()).containsEntry("secretArns", List.of());
        // The task role's policies are the app's own business: attached by hand, never drift.
        assertThat(task.props()).doesNotContainKey("managedPolicies");
        assertThat(f.world.callsByAction()).doesNotContainKeys("iam:ListRoleTags", "iam:ListRolePolicies", "iam:ListRoles")
                .containsEntry("iam:GetRole", 4L); // two refreshes above, one GetRole per role each
    }

    @Test void aRoleInTheAppsPathThatGantryDidNotMakeIsNotTakenOver() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        // Made by hand where gantry would put it: same path, name and description as gantry's, no tags.
        f.aws.iam().createRole(b -> b.roleName("hello-task").path("/gantry/hello/").description("gantry hello task role")
                .assumeRolePolicyDocument(Policies.trust(null)));
        assertThat(f.type("role").refresh(f.ctx())).isEmpty();

        // Tagged for the app but described differently (edited by hand): still the app's, by its tags.
        f.aws.iam().createRole(b -> b.roleName("hello-execution").path("/gantry/hello/").description("edited")
                .assumeRolePolicyDocument(Policies.trust(null))
                .tags(Tag.builder().key("gantry:app").value("hello").build(), Tag.builder().key("gantry:component").value("role.execution").build()));
        assertThat(f.type("role").refresh(f.ctx())).extracting(o -> o.address().toString()).containsExactly("role.execution");
    }

    @Test void theNewestRevisionRegisteredByHandDoesNotHideGantrysOwn() {
        ComputeFixture f = applied();
        String gantrys = f.created.get(Addresses.TASK_DEFINITION).id();
        f.aws.ecs().registerTaskDefinition(b -> b.family("hello").cpu("256").memory("512").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).containerDefinitions(c -> c.name("hello").image("by-hand:1")));
        assertThat(f.refreshed("task-definition.main").id()).isEqualTo(gantrys);
    }

    @Test void aClusterTheSpecRenamedIsStillFoundSoThePlanCanReplaceIt() {
        ComputeFixture f = applied();
        f.spec = f.spec.withCluster(new Cluster("renamed", false));
        Observed old = f.refreshed("cluster.main");
        assertThat(old).isNotNull();
        assertThat(old.props()).containsEntry("name", "hello");
    }

    @Test void aParameterTheSpecNoLongerNamesIsFoundByItsTags() {
        ComputeFixture f = applied();
        f.spec = f.spec.withTask(new dev.gantry.spec.Task("nginx:1.27", 256, 512, null, 80, List.of(), Map.of("USER", "admin"), Map.of(), null));
        f.world.resetCounters();
        assertThat(f.type("parameter").refresh(f.ctx())).extracting(o -> o.address().toString() + " " + o.id())
                .containsExactly("parameter.PASSWORD /hello/password");
        assertThat(f.world.callsByAction()).containsEntry("ssm:ListTagsForResource", 1L);

        f.spec = ComputeFixture.spec("nginx:1.27", false);
        f.world.resetCounters();
        assertThat(f.refreshed("parameter.PASSWORD")).isNotNull();
        assertThat(f.world.callsByAction()).doesNotContainKey("ssm:ListTagsForResource");
    }
}

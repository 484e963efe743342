package dev.gantry.resources.compute;

import dev.gantry.aws.AwsFailure;
import dev.gantry.diagnose.Diagnosis;
import dev.gantry.diagnose.RolloutFailure;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.testing.Drive;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComputeHandlersTest {

    @Test void theWholeServiceComesUpAndRefreshMatchesWhatWasAskedFor() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("public.ecr.aws/nginx/nginx:1.27", true));
        f.applyFoundations();
        Observed svc = f.apply("service.main");

        assertThat(svc.output("arn")).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/hello/hello");
        assertThat(f.snapshots).isNotEmpty();
        assertThat(f.snapshots.get(f.snapshots.size() - 1).deployments().get(0).running()).isEqualTo(2);
        // the rollout took about AWS's time: tasks start (45 s) and pass health checks (45 s)
        assertThat(f.clock.now()).isBetween(java.time.Instant.parse("2026-01-01T00:01:30Z"), java.time.Instant.parse("2026-01-01T00:01:40Z"));

        for (String a : List.of("log-group.main", "parameter.PASSWORD", "role.execution", "role.task", "cluster.main", "task-definition.main", "service.main")) {
            Desired d = f.desired(a);
            Observed o = f.refreshed(a);
            assertThat(o).as(a).isNotNull();
            // A prop asked for as absent (null) is one AWS does not have: refresh leaves it out.
            Map<String, Object> wanted = new java.util.LinkedHashMap<>(f.resolve(d.props()));
            wanted.values().removeIf(java.util.Objects::isNull);
            // Inputs ride along for the steps; AWS does not hold them and the planner never compares them.
            wanted.keySet().removeAll(f.type(d.address().type()).inputs());
            assertThat(o.props()).as(a).isEqualTo(wanted);
        }
    }

    @Test void theExecutionRoleMayReadExactlyTheAppsSecrets() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        Observed role = f.created.get(Addresses.EXECUTION_ROLE);
        String arn = role.output("arn");
        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:role/gantry/hello/hello-execution");
        var iam = f.world.state.iam;
        assertThat(iam.allows(arn, "ssm:GetParameters", "arn:aws:ssm:us-east-1:123456789012:parameter/hello/password")).isTrue();
        assertThat(iam.allows(arn, "ssm:GetParameters", ComputeFixture.SHARED_ARN)).isTrue();
        assertThat(iam.allows(arn, "ssm:GetParameters", "arn:aws:ssm:us-east-1:123456789012:parameter/other/app")).isFalse();
        assertThat(iam.allows(arn, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository/x")).isTrue();
        assertThat(iam.allows(f.created.get(Addresses.TASK_ROLE).output("arn"), "ssm:GetParameters", ComputeFixture.SHARED_ARN)).isFalse();
    }

    @Test void theTaskDefinitionNamesSecretsByArnAndNeverHoldsTheirValues() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        var td = f.aws.ecs().describeTaskDefinition(b -> b.taskDefinition("hello")).taskDefinition();
        var c = td.containerDefinitions().get(0);
        assertThat(c.name()).isEqualTo("hello");
        assertThat(c.secrets()).extracting(s -> s.name() + "=" + s.valueFrom()).containsExactly(
                "API_KEY=" + ComputeFixture.SHARED_ARN, "PASSWORD=arn:aws:ssm:us-east-1:123456789012:parameter/hello/password");
        assertThat(c.logConfiguration().options()).containsEntry("awslogs-group", "/gantry/hello").containsEntry("awslogs-stream-prefix", "hello");
        assertThat(td.toString()).doesNotContain("hunter2").doesNotContain("shared-value");
        assertThat(f.world.state.ecs.taskDefinitions.toString()).doesNotContain("hunter2");
    }

    @Test void aNewImageRegistersARevisionAndTheServiceRollsToIt() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", true));
        f.applyFoundations();
        Observed before = f.apply("service.main");
        f.spec = ComputeFixture.spec("nginx:1.28", true);
        Desired td = f.desired("task-definition.main");
        Observed rev2 = Drive.run(f.type("task-definition").update(f.ctx(), f.created.get(td.address()), td, f.resolve(td.props())), f.clock);
        assertThat(rev2.output("arn")).endsWith(":task-definition/hello:2");
        f.created.put(td.address(), rev2);
        assertThat(f.refreshed("task-definition.main").output("arn")).isEqualTo(rev2.output("arn"));

        Desired sd = f.desired("service.main");
        Observed after = Drive.run(f.type("service").update(f.ctx(), before, sd, f.resolve(sd.props())), f.clock);
        assertThat(after.props().get("taskDefinition")).isEqualTo(rev2.output("arn"));
        var s = f.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0);
        assertThat(s.deployments()).hasSize(1);
        assertThat(s.runningCount()).isEqualTo(2);
    }

    private static RolloutFailure rolloutFails(String image, boolean lb) {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec(image, lb));
        f.applyFoundations();
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(RolloutFailure.class, () -> f.apply("service.main"));
        // fail fast: at the first failed task, long before the circuit breaker's ten
        assertThat(f.clock.now()).isBefore(java.time.Instant.parse("2026-01-01T00:03:00Z"));
        return (RolloutFailure) t;
    }

    @Test void aMissingImageIsExplained() {
        Diagnosis d = rolloutFails("nginx:does-not-exist", true).diagnosis();
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.IMAGE_PULL_FAILED);
        assertThat(d.summary()).contains("docker.io/library/nginx:does-not-exist");
        assertThat(d.fixes().get(0)).contains("task.image");
    }

    @Test void aCrashingContainerIsExplainedWithItsExitCode() {
        Diagnosis d = rolloutFails("nginx:1.27-crash", true).diagnosis();
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.CONTAINER_EXITED);
        assertThat(d.summary()).isEqualTo("Your container exited with code 1.");
        assertThat(d.fixes()).contains("see its output: 'gantry logs'");
    }

    @Test void failingHealthChecksAreExplainedWithPathAndPort() {
        Diagnosis d = rolloutFails("nginx:unhealthy", true).diagnosis();
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.HEALTH_CHECK_FAILED);
        assertThat(d.fixes().get(0)).contains("HTTP 200 on / on port 80");
        assertThat(d.fixes().get(1)).contains("loadBalancer.healthCheckPath");
        assertThat(d.summary()).contains("404");
    }

    @Test void aSecretTheRoleCannotReadIsCaughtBeforeTheServiceChanges() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        f.aws.iam().deleteRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets"));
        assertThatThrownBy(() -> f.apply("service.main")).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("hello-execution may not read the secrets").hasMessageContaining("PASSWORD")
                .satisfies(e -> assertThat(((AwsFailure) e).fix()).contains("gantry-secrets"));
        assertThat(f.aws.ecs().listServices(b -> b.cluster("hello")).serviceArns()).isEmpty();
    }

    @Test void whenThePolicySimulatorIsNotAllowedTheRolloutStillExplainsTheSecretDenial() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        f.aws.iam().deleteRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets"));
        dev.gantry.aws.sim.SimFaults.of(f.world).deny("iam:SimulatePrincipalPolicy");
        RolloutFailure e = org.junit.jupiter.api.Assertions.assertThrows(RolloutFailure.class, () -> f.apply("service.main"));
        Diagnosis d = e.diagnosis();
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.SECRET_ACCESS_DENIED);
        assertThat(d.summary()).contains("hello-execution");
        assertThat(f.infos).anySatisfy(m -> assertThat(m).contains("iam:SimulatePrincipalPolicy"));
    }

    @Test void theParameterPlansAnUpdateOnlyWhenASuppliedValueDiffers() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        assertThat(f.refreshed("parameter.PASSWORD").props().get("value")).isEqualTo("(unchanged)");
        f.secretValues.put("PASSWORD", "new-value".toCharArray());
        Observed o = f.refreshed("parameter.PASSWORD");
        assertThat(o.props().get("value")).isEqualTo("(changed)");
        assertThat(o.props().toString()).doesNotContain("new-value").doesNotContain("hunter2");
        f.secretValues.remove("PASSWORD");
        assertThat(f.refreshed("parameter.PASSWORD").props().get("value")).isEqualTo("(unchanged)");
        assertThat(f.desired("parameter.PASSWORD").props().get("value")).isEqualTo("(unchanged)");

        f.secretValues.put("PASSWORD", "new-value".toCharArray());
        Desired d = f.desired("parameter.PASSWORD");
        Drive.run(f.type("parameter").update(f.ctx(), o, d, f.resolve(d.props())), f.clock);
        assertThat(f.aws.ssm().getParameter(b -> b.name("/hello/password").withDecryption(true)).parameter().value()).isEqualTo("new-value");
        assertThat(f.aws.ssm().getParameter(b -> b.name("/hello/password")).parameter().value()).doesNotContain("new-value");
    }

    @Test void aNewSecretWithoutAValueStopsApplyBeforeAnythingChanges() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        Desired d = f.desired("parameter.PASSWORD");
        Change create = new Change(d.address(), Action.CREATE, d.piece(), d.description(), d, null, List.of(), "new", Set());
        assertThat(f.type("parameter").preflight(f.ctx(), create))
                .containsExactly("secret PASSWORD has no value: pass --secret PASSWORD=@FILE or set GANTRY_SECRET_PASSWORD");
        f.secretValues.put("PASSWORD", "x".toCharArray());
        assertThat(f.type("parameter").preflight(f.ctx(), create)).isEmpty();
        Change noop = new Change(d.address(), Action.NOOP, d.piece(), d.description(), d, null, List.of(), "same", Set());
        f.secretValues.clear();
        assertThat(f.type("parameter").preflight(f.ctx(), noop)).isEmpty();
    }

    private static java.util.Set<dev.gantry.plan.Address> Set() { return java.util.Set.of(); }

    @Test void anArnSecretIsLookedUpNotCreated() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        Desired d = f.desired("parameter.API_KEY");
        assertThat(d.data()).isTrue();
        assertThat(f.type("parameter").lookup(f.ctx(), d)).isEmpty();
        f.sharedParameterExists();
        assertThat(f.type("parameter").lookup(f.ctx(), d).orElseThrow().output("arn")).isEqualTo(ComputeFixture.SHARED_ARN);
    }

    @Test void destroyTakesEverythingDownInTierOrder() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", true));
        f.applyFoundations();
        f.apply("service.main");
        for (String a : List.of("service.main", "task-definition.main", "cluster.main", "role.execution", "role.task", "parameter.PASSWORD", "log-group.main")) {
            Observed o = f.refreshed(a);
            assertThat(o).as(a).isNotNull();
            Drive.run(f.type(o.address().type()).delete(f.ctx(), o), f.clock);
            assertThat(f.refreshed(a)).as(a).isNull();
        }
        assertThat(f.net.liveEnis()).isZero();
        assertThat(f.world.state.iam.roles).isEmpty();
        assertThat(f.world.state.ssm.params).containsOnlyKeys("/shared/api-key");
    }

    @Test void autoscalingRegistersTheServiceAndACpuPolicy() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", true));
        f.spec = f.spec.withService(new dev.gantry.spec.Service(2, 100, 200, true, new dev.gantry.spec.Autoscaling(3, 6, 60)));
        f.applyFoundations();
        f.apply("service.main");
        Observed target = f.apply("scaling-target.main");
        Observed policy = f.apply("scaling-policy.cpu");
        assertThat(target.id()).isEqualTo("service/hello/hello");
        assertThat(f.refreshed("scaling-target.main").props()).isEqualTo(f.resolve(f.desired("scaling-target.main").props()));
        assertThat(f.refreshed("scaling-policy.cpu").props()).isEqualTo(f.resolve(f.desired("scaling-policy.cpu").props()));
        // the minimum of 3 lifts the service from 2 tasks
        f.clock.advance(java.time.Duration.ofMinutes(3));
        assertThat(f.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0).runningCount()).isEqualTo(3);
        assertThat(f.refreshed("service.main").props()).doesNotContainKey("desiredCount");
        Drive.run(f.type("scaling-policy").delete(f.ctx(), policy), f.clock);
        Drive.run(f.type("scaling-target").delete(f.ctx(), target), f.clock);
        assertThat(f.refreshed("scaling-target.main")).isNull();
    }

    @Test void refreshIgnoresOtherAppsResources() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        f.aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello-other").tags(Map.of("gantry:app", "hello-other")));
        assertThat(f.type("log-group").refresh(f.ctx())).extracting(o -> o.id()).containsExactly("/gantry/hello");
    }

    @Test void creatingAServiceWhoseNamesakeIsStillDrainingWaitsForIt() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        f.apply("service.main");
        f.aws.ecs().deleteService(b -> b.cluster("hello").service("hello").force(true));
        java.time.Instant deleted = f.clock.now();
        Observed again = f.apply("service.main");
        assertThat(again.output("name")).isEqualTo("hello");
        assertThat(f.clock.now()).isAfter(deleted.plusSeconds(29));
        assertThat(f.aws.ecs().describeServices(b -> b.cluster("hello").services("hello")).services().get(0).status()).isEqualTo("ACTIVE");
    }

    @Test void failuresFromAnEarlierApplyDoNotFailALaterOne() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.applyFoundations();
        String policy = f.aws.iam().getRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets")).policyDocument();
        f.aws.iam().deleteRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets"));
        dev.gantry.aws.sim.SimFaults.of(f.world).deny("iam:SimulatePrincipalPolicy");
        org.junit.jupiter.api.Assertions.assertThrows(RolloutFailure.class, () -> f.apply("service.main"));
        // someone fixes the role by hand; ECS's next attempts succeed within the same deployment
        f.aws.iam().putRolePolicy(b -> b.roleName("hello-execution").policyName("gantry-secrets")
                .policyDocument(java.net.URLDecoder.decode(policy, java.nio.charset.StandardCharsets.UTF_8)));
        f.clock.advance(java.time.Duration.ofMinutes(5));
        Observed current = f.refreshed("service.main");
        assertThat(current).isNotNull();

        f.spec = f.spec.withService(new dev.gantry.spec.Service(3, 100, 200, true, null));
        Desired d = f.desired("service.main");
        Observed after = Drive.run(f.type("service").update(f.ctx(), current, d, f.resolve(d.props())), f.clock);
        assertThat(after.props().get("desiredCount")).isEqualTo(3);
        assertThat(f.snapshots.get(f.snapshots.size() - 1).deployments().get(0).running()).isEqualTo(3);
    }

    @Test void anExistingUntaggedParameterIsAClaimNeverOverwrittenAndTakenOverOnlyWithItsValue() {
        ComputeFixture f = new ComputeFixture(ComputeFixture.spec("nginx:1.27", false));
        f.aws.ssm().putParameter(b -> b.name("/hello/password").value("kept").type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING));
        assertThat(f.refreshed("parameter.PASSWORD")).isNull();
        Desired d = f.desired("parameter.PASSWORD");
        var claim = f.type("parameter").claimant(f.ctx(), d, f.resolve(d.props())).orElseThrow();
        assertThat(claim.ownerApp()).isNull();
        assertThat(claim.what()).contains("/hello/password").doesNotContain("kept");

        // A create that meets it anyway (it appeared after the plan) refuses and leaves the value alone.
        org.junit.jupiter.api.Assertions.assertThrows(dev.gantry.aws.AwsFailure.class, () -> f.apply("parameter.PASSWORD"));
        assertThat(f.aws.ssm().getParameter(b -> b.name("/hello/password").withDecryption(true)).parameter().value()).isEqualTo("kept");

        // Taken over (--adopt) with no new value: tagged, value kept.
        f.secretValues.clear();
        Drive.run(f.type("parameter").adopt(f.ctx(), claim.existing(), d), f.clock);
        Drive.run(f.type("parameter").update(f.ctx(), claim.existing(), d, f.resolve(d.props())), f.clock);
        assertThat(f.refreshed("parameter.PASSWORD")).isNotNull();
        assertThat(f.aws.ssm().getParameter(b -> b.name("/hello/password").withDecryption(true)).parameter().value()).isEqualTo("kept");
    }
}

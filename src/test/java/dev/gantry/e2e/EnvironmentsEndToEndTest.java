package dev.gantry.e2e;

import dev.gantry.plan.Observed;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Environments of one gantry.yaml in one account: each is an app of its own in AWS (APP, APP-ENV). */
class EnvironmentsEndToEndTest {
    static final String FILE = """
            version: 1
            app: hello
            region: us-east-1
            task:
              image: public.ecr.aws/nginx/nginx:1.27
              port: 80
              secrets:
                DB_PASSWORD: {parameter: /hello/db-password}
            service: {desiredCount: 2}
            loadBalancer: {healthCheckPath: /}
            certificate: {domain: hello.example.com}
            dns: {zone: example.com, record: hello.example.com}
            environments:
              production: {}
              staging:
                service: {desiredCount: 1}
                task:
                  secrets:
                    DB_PASSWORD: {parameter: /hello-staging/db-password}
                certificate: {domain: staging.example.com}
                dns: {record: staging.example.com}
            """;

    static Spec env(String text, String name) {
        SpecLoader.Result r = SpecLoader.check("gantry.yaml", text, name, null);
        assertThat(r.errors()).isEmpty();
        return r.spec();
    }

    @Test void two_environments_in_one_account_apply_reapply_without_calls_and_destroying_one_leaves_the_other() {
        Spec production = env(FILE, "production"), staging = env(FILE, "staging");
        SimHarness h = new SimHarness().prepare(production).prepare(staging);
        assertThat(h.apply(production).exitCode()).isZero();
        // Both stacks get the same CIDR, so their tasks have the same private addresses in two VPCs.
        assertThat(h.apply(staging).exitCode()).isZero();

        h.world.resetCounters();
        assertThat(h.apply(production).exitCode()).isZero();
        assertThat(h.apply(staging).exitCode()).isZero();
        assertThat(h.world.mutatingCalls()).as(h.world.callsByAction().toString()).isZero();

        Map<String, Observed> before = h.inventory(production);
        assertThat(before).hasSizeGreaterThan(20);
        assertThat(h.inventory(staging).keySet()).isEqualTo(before.keySet());
        String value = secret(h, "/hello/db-password");
        assertThat(h.destroy(staging).exitCode()).isZero();
        assertThat(h.taggedLeftovers("hello-staging")).isEmpty();
        assertThat(h.inventory(production)).isEqualTo(before);
        assertThat(secret(h, "/hello/db-password")).isEqualTo(value);
        assertThat(h.plan(production).hasChanges()).isFalse();
    }

    /** Two accounts are two simulated worlds (as a profile each is on the command line), each with its own id. */
    @Test void two_environments_in_two_accounts_apply_reapply_without_calls_and_destroying_one_leaves_the_other() {
        String text = FILE.replace("  staging:\n", "  staging:\n    account: staging\n")
                .replace("DB_PASSWORD: {parameter: /hello-staging/db-password}", "DB_PASSWORD: {parameter: /hello/db-password}");
        Spec production = env(text, "production"), staging = env(text, "staging");
        SimHarness prodAccount = new SimHarness().prepare(production);
        SimHarness stagingAccount = new SimHarness();
        stagingAccount.world.state.accountId = dev.gantry.cli.wiring.Session.simulatedAccount("staging");
        stagingAccount.prepare(staging);
        assertThat(prodAccount.apply(production).exitCode()).isZero();
        assertThat(stagingAccount.apply(staging).exitCode()).isZero();

        prodAccount.world.resetCounters();
        stagingAccount.world.resetCounters();
        assertThat(prodAccount.apply(production).exitCode()).isZero();
        assertThat(stagingAccount.apply(staging).exitCode()).isZero();
        assertThat(prodAccount.world.mutatingCalls() + stagingAccount.world.mutatingCalls()).isZero();

        Map<String, Observed> before = prodAccount.inventory(production);
        String value = secret(prodAccount, "/hello/db-password");
        assertThat(stagingAccount.destroy(staging).exitCode()).isZero();
        assertThat(stagingAccount.taggedLeftovers("hello-staging")).isEmpty();
        assertThat(prodAccount.inventory(production)).isEqualTo(before);
        assertThat(secret(prodAccount, "/hello/db-password")).isEqualTo(value);
        assertThat(prodAccount.plan(production).hasChanges()).isFalse();
    }

    @Test void every_resource_of_an_environment_carries_its_tag() {
        Spec staging = env(FILE, "staging");
        SimHarness h = new SimHarness().prepare(staging);
        assertThat(h.apply(staging).exitCode()).isZero();
        var cluster = h.aws.ecs().describeClusters(b -> b.clusters("hello-staging").include(software.amazon.awssdk.services.ecs.model.ClusterField.TAGS)).clusters().get(0);
        assertThat(cluster.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("gantry:env=staging"));
        var vpcs = h.aws.ec2().describeVpcs().vpcs().stream().filter(v -> v.tags().stream().anyMatch(t -> t.key().equals("gantry:app") && t.value().equals("hello-staging"))).toList();
        assertThat(vpcs).singleElement().satisfies(v -> assertThat(v.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("gantry:env=staging")));
    }

    @Test void one_environments_lock_never_blocks_another() {
        Spec production = env(FILE, "production"), staging = env(FILE, "staging");
        SimHarness h = new SimHarness().prepare(production).prepare(staging);
        var alive = new LockHolderTest.FakeMachine("runner", "boot-1", "pid:[4026532000]", 42, Map.of(42L, LockHolderTest.STARTED));
        LockHolderTest.heldBy(h, production, alive);
        var here = LockHolderTest.HERE;
        assertThat(h.engine().apply(staging, dev.gantry.engine.TestOptions.on("gantry apply", here)).exitCode()).isZero();
        var blocked = h.engine().apply(production, dev.gantry.engine.TestOptions.on("gantry apply", here));
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.failures()).singleElement().asString().contains("pid 42");
        assertThat(h.inventory(production)).isEmpty();
    }

    /**
     * An app deployed before it had environments becomes the first one: the same names, so the
     * plan only tags (gantry:env), and the service keeps serving while the second is created beside it.
     */
    @Test void a_deployed_app_becomes_the_first_environment_without_replacing_anything() {
        String before = FILE.substring(0, FILE.indexOf("environments:"));
        Spec single = env(before, null);
        SimHarness h = new SimHarness().prepare(single);
        assertThat(h.apply(single).exitCode()).isZero();
        Map<String, Observed> running = h.inventory(single);

        Spec production = env(FILE, "production"), staging = env(FILE, "staging");
        assertThat(production.app()).isEqualTo(single.app());
        var plan = h.plan(production);
        // Only tags change: gantry:env=production goes onto every resource that can be tagged in place.
        assertThat(plan.changes()).filteredOn(c -> c.action().mutates()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.action()).isEqualTo(dev.gantry.plan.Action.UPDATE);
            assertThat(c.fields()).extracting(dev.gantry.plan.Change.FieldChange::field).containsExactly(dev.gantry.plan.Planner.TAGS_FIELD);
        });
        var serving = new dev.gantry.aws.sim.SimServing.Recorder(h.world, h.time, "hello.example.com").start();
        h.prepare(staging);
        assertThat(h.apply(production).exitCode()).isZero();
        assertThat(h.apply(staging).exitCode()).isZero();
        serving.stop();
        assertThat(serving.samples()).isGreaterThan(60);
        assertThat(serving.outages()).isEmpty();
        assertThat(h.inventory(production)).isEqualTo(running);
        assertThat(h.plan(production).hasChanges()).isFalse();
    }

    private static String secret(SimHarness h, String name) {
        return h.aws.ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    }
}

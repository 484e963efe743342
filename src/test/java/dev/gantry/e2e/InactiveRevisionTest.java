package dev.gantry.e2e;

import dev.gantry.aws.AwsClients;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECS answers DescribeTaskDefinition for a family alone with the family's newest ACTIVE revision
 * (ECS API reference, DescribeTaskDefinition: "The family for the latest ACTIVE revision"). An
 * endpoint that answers with the newest revision whatever its status (moto 5.2.2 does, found by
 * hand, docs/emulator-checks.md) must not make a deregistered revision the app's: destroy said
 * "task-definition.main … is still there after destroy" and failed. gantry reads the status the
 * answer carries, as it checks the tags a filtered look-up answers.
 */
class InactiveRevisionTest {

    @Test void a_deregistered_revision_is_gone_even_when_asked_for_by_family_it_comes_back() {
        Spec spec = SimHarness.template("worker.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        h.aws = newestWhateverItsStatus(h.aws);
        assertThat(h.apply(spec).exitCode()).isZero();

        ApplyResult destroyed = h.destroy(spec);
        assertThat(destroyed.exitCode()).as("%s", destroyed.failures()).isZero();
        assertThat(destroyed.failures()).isEmpty();
        assertThat(h.inventory(spec)).isEmpty();
        // and a new apply registers the family again rather than "updating" the INACTIVE revision
        assertThat(h.plan(spec).changes()).anySatisfy(c -> assertThat(c.address().toString() + " " + c.action()).isEqualTo("task-definition.main CREATE"));
    }

    /** ECS as moto 5.2.2 answers it: a family alone names its newest revision, ACTIVE or not. */
    static AwsClients newestWhateverItsStatus(AwsClients aws) {
        EcsClient real = aws.ecs();
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("describeTaskDefinition") && args[0] instanceof DescribeTaskDefinitionRequest r
                    && !r.taskDefinition().contains(":")) {
                String newest = null;
                for (TaskDefinitionStatus s : new TaskDefinitionStatus[] {TaskDefinitionStatus.ACTIVE, TaskDefinitionStatus.INACTIVE}) {
                    for (String arn : real.listTaskDefinitions(ListTaskDefinitionsRequest.builder().familyPrefix(r.taskDefinition()).status(s).build()).taskDefinitionArns()) {
                        if (arn.substring(arn.lastIndexOf('/') + 1).startsWith(r.taskDefinition() + ":")
                                && (newest == null || revision(arn) > revision(newest))) newest = arn;
                    }
                }
                if (newest != null) {
                    String arn = newest;
                    DescribeTaskDefinitionResponse any = real.describeTaskDefinition(r.toBuilder().taskDefinition(arn).build());
                    return any;
                }
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        EcsClient ecs = (EcsClient) Proxy.newProxyInstance(EcsClient.class.getClassLoader(), new Class<?>[] {EcsClient.class}, h);
        return new AwsClients(aws.ec2(), ecs, aws.elb(), aws.acm(), aws.route53(), aws.ssm(), aws.iam(), aws.logs(), aws.sts(), aws.scaling(),
                aws.ecr(), aws.secretsManager(), aws.ssmInRegion(), aws.cloudWatch(), aws.sns(), aws.events(), aws.scheduler(), aws.lambda());
    }

    private static int revision(String arn) { return Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1)); }
}

package dev.gantry.e2e;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.sim.SimWorld;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * EC2's (and ECS's) reads are eventually consistent ("Eventual consistency in the Amazon EC2 API"): right after
 * a create, a Describe may not show it yet. Here, after each lost reply, the next look-up of one
 * resource by its gantry tags answers as if nothing were there, so gantry sends the create again
 * and AWS ends up with two.
 */
final class EventuallyConsistentEc2 {
    private EventuallyConsistentEc2() {}

    static AwsClients wrap(AwsClients aws, SimWorld world) {
        Ec2Client real = aws.ec2();
        AtomicInteger lagged = new AtomicInteger();
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().startsWith("describe") && args != null && args.length == 1 && ownLookUp(args[0])
                    && lagged.get() < dev.gantry.aws.sim.SimFaults.of(world).lostReplies().size()) {
                lagged.incrementAndGet();
                Object builder = method.getReturnType().getMethod("builder").invoke(null);
                return software.amazon.awssdk.utils.builder.SdkBuilder.class.getMethod("build").invoke(builder);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Ec2Client ec2 = (Ec2Client) Proxy.newProxyInstance(Ec2Client.class.getClassLoader(), new Class<?>[] {Ec2Client.class}, h);
        return new AwsClients(ec2, aws.ecs(), aws.elb(), aws.acm(), aws.route53(), aws.ssm(), aws.iam(), aws.logs(), aws.sts(), aws.scaling());
    }

    /**
     * The same for ECS: after a lost RegisterTaskDefinition reply, the next description of the family
     * by its name alone answers as ECS does for a family it does not show yet.
     */
    static AwsClients wrapEcs(AwsClients aws, SimWorld world) {
        software.amazon.awssdk.services.ecs.EcsClient real = aws.ecs();
        AtomicInteger lagged = new AtomicInteger();
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("describeTaskDefinition")
                    && args[0] instanceof software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest r && !r.taskDefinition().contains(":")
                    && lagged.get() < dev.gantry.aws.sim.SimFaults.of(world).lostReplies().stream().filter("ecs:RegisterTaskDefinition"::equals).count()) {
                lagged.incrementAndGet();
                throw software.amazon.awssdk.services.ecs.model.ClientException.builder().message("Unable to describe task definition.").build();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        var ecs = (software.amazon.awssdk.services.ecs.EcsClient) Proxy.newProxyInstance(
                software.amazon.awssdk.services.ecs.EcsClient.class.getClassLoader(), new Class<?>[] {software.amazon.awssdk.services.ecs.EcsClient.class}, h);
        return new AwsClients(aws.ec2(), ecs, aws.elb(), aws.acm(), aws.route53(), aws.ssm(), aws.iam(), aws.logs(), aws.sts(), aws.scaling());
    }

    @SuppressWarnings("unchecked")
    private static boolean ownLookUp(Object request) throws Exception {
        for (String name : List.of("filters", "filter")) {
            try {
                List<Filter> filters = (List<Filter>) request.getClass().getMethod(name).invoke(request);
                return filters.stream().anyMatch(f -> f.name().equals("tag:gantry:component"));
            } catch (NoSuchMethodException next) {
                // the other spelling
            }
        }
        return false;
    }
}

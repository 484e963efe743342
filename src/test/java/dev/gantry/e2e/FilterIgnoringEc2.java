package dev.gantry.e2e;

import dev.gantry.aws.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;

/**
 * An EC2 endpoint that ignores tag filters on its Describe calls, as some emulators (and some
 * APIs) do: gantry must still never pick up another app's resource.
 */
final class FilterIgnoringEc2 {
    private FilterIgnoringEc2() {}

    static AwsClients wrap(AwsClients aws) {
        Ec2Client real = aws.ec2();
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args); // builds the request, then comes back here
            }
            Object[] a = args;
            if (method.getName().startsWith("describe") && args != null && args.length == 1) a = new Object[] {withoutTagFilters(args[0])};
            try {
                return method.invoke(real, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Ec2Client ec2 = (Ec2Client) Proxy.newProxyInstance(Ec2Client.class.getClassLoader(), new Class<?>[] {Ec2Client.class}, h);
        return new AwsClients(ec2, aws.ecs(), aws.elb(), aws.acm(), aws.route53(), aws.ssm(), aws.iam(), aws.logs(), aws.sts(), aws.scaling());
    }

    @SuppressWarnings("unchecked")
    private static Object withoutTagFilters(Object request) throws Exception {
        for (String name : List.of("filters", "filter")) {
            Method get;
            try {
                get = request.getClass().getMethod(name);
            } catch (NoSuchMethodException e) {
                continue;
            }
            List<Filter> kept = ((List<Filter>) get.invoke(request)).stream().filter(f -> !f.name().startsWith("tag:")).toList();
            Object builder = request.getClass().getMethod("toBuilder").invoke(request);
            for (Class<?> i : builder.getClass().getInterfaces()) {
                try {
                    i.getMethod(name, Collection.class).invoke(builder, kept);
                    return software.amazon.awssdk.utils.builder.SdkBuilder.class.getMethod("build").invoke(builder);
                } catch (NoSuchMethodException next) {
                    // try the next interface
                }
            }
        }
        return request;
    }
}

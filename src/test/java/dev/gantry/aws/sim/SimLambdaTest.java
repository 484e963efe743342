package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated Lambda keeps AWS's rules: names, an assumable role, states on the clock, and Invoke runs the registered handler. */
class SimLambdaTest {
    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.instant());
    AwsClients aws = world.clients();

    static SdkBytes zip(String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes());
            z.closeEntry();
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }

    String role(String principal) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        return aws.iam().createRole(b -> b.roleName("fn-" + principal.charAt(0)).assumeRolePolicyDocument(trust)).role().arn();
    }

    void create(String name, String role) throws Exception {
        SdkBytes code = zip("a.txt", "hello");
        aws.lambda().createFunction(b -> b.functionName(name).runtime("java21").handler("x.Y::handle").role(role).code(c -> c.zipFile(code)));
    }

    @Test void a_name_over_64_characters_and_a_role_lambda_cannot_assume_are_refused() throws Exception {
        String lambdaRole = role("lambda.amazonaws.com");
        assertThatThrownBy(() -> create("f".repeat(65), lambdaRole)).isInstanceOf(InvalidParameterValueException.class);
        String other = role("scheduler.amazonaws.com");
        assertThatThrownBy(() -> create("fn", other)).isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("cannot be assumed by Lambda");
        SdkBytes notZip = SdkBytes.fromUtf8String("not a zip");
        assertThatThrownBy(() -> aws.lambda().createFunction(b -> b.functionName("fn").runtime("java21").handler("x.Y::h").role(lambdaRole)
                .code(c -> c.zipFile(notZip)))).hasMessageContaining("Could not unzip");
    }

    @Test void pending_then_active_and_one_update_at_a_time() throws Exception {
        create("fn", role("lambda.amazonaws.com"));
        assertThat(aws.lambda().getFunction(b -> b.functionName("fn")).configuration().stateAsString()).isEqualTo("Pending");
        assertThatThrownBy(() -> aws.lambda().invoke(b -> b.functionName("fn"))).isInstanceOf(ResourceConflictException.class);
        clock.advance(Duration.ofSeconds(10));
        assertThat(aws.lambda().getFunction(b -> b.functionName("fn")).configuration().stateAsString()).isEqualTo("Active");
        aws.lambda().updateFunctionConfiguration(b -> b.functionName("fn").timeout(60));
        assertThat(aws.lambda().getFunction(b -> b.functionName("fn")).configuration().lastUpdateStatusAsString()).isEqualTo("InProgress");
        assertThatThrownBy(() -> aws.lambda().updateFunctionConfiguration(b -> b.functionName("fn").timeout(61)))
                .isInstanceOf(ResourceConflictException.class).hasMessageContaining("An update is in progress");
        clock.advance(Duration.ofSeconds(10));
        assertThat(aws.lambda().getFunction(b -> b.functionName("fn")).configuration().lastUpdateStatusAsString()).isEqualTo("Successful");
        aws.lambda().deleteFunction(b -> b.functionName("fn"));
        assertThatThrownBy(() -> aws.lambda().getFunction(b -> b.functionName("fn"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test void invoke_runs_the_registered_handler_and_logs_to_the_function_log_group() throws Exception {
        aws.logs().createLogGroup(b -> b.logGroupName("/fn"));
        String role = role("lambda.amazonaws.com");
        SdkBytes code = zip("a.txt", "hello");
        aws.lambda().createFunction(b -> b.functionName("fn").runtime("java21").handler("x.Y::handle").role(role).code(c -> c.zipFile(code))
                .loggingConfig(l -> l.logGroup("/fn")));
        clock.advance(Duration.ofSeconds(10));
        world.functionRuntime("x.Y::handle", (payload, log) -> {
            log.accept("got " + payload);
            return "{\"ok\":true}";
        });
        var r = aws.lambda().invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("{\"n\":1}")));
        assertThat(r.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
        assertThat(r.functionError()).isNull();
        assertThat(world.state.logs.groups.get("/fn").streams.values().iterator().next().events).anySatisfy(e -> assertThat(e.message).isEqualTo("got {\"n\":1}"));
        world.functionRuntime("x.Y::handle", (payload, log) -> { throw new IllegalStateException("boom"); });
        assertThat(aws.lambda().invoke(b -> b.functionName("fn")).functionError()).isEqualTo("Unhandled");
    }
}

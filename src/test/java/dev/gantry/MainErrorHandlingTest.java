package dev.gantry;

import dev.gantry.aws.AwsFailure;
import dev.gantry.cli.ExitCodes;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.SpecException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command's exception turns into: one plain line and the contract's exit code. */
class MainErrorHandlingTest {
    private final StringWriter err = new StringWriter();

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Exception toThrow;
        Boom(Exception toThrow) { this.toThrow = toThrow; }
        @Override public Integer call() throws Exception { throw toThrow; }
    }

    private int run(Exception e) {
        CommandLine cl = new CommandLine(new Boom(e));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(Main::failure);
        return cl.execute();
    }

    @Test
    void unexpectedFailureIsOneLineAndExitOne() {
        assertThat(run(new IllegalStateException("disk full\nsecond line"))).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).isEqualTo("gantry: disk full" + System.lineSeparator());
    }

    @Test
    void specExceptionPrintsDiagnosticsAndExitsTwo() {
        var d = Diagnostic.error("gantry.yaml", 3, 9, "region", "'mars' is not an AWS region", "use us-east-1");
        assertThat(run(new SpecException(List.of(d)))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("gantry.yaml:3:9: region: 'mars' is not an AWS region\n  fix: use us-east-1");
    }

    @Test
    void awsPermissionFailureExitsFour() {
        assertThat(run(new AwsFailure(AwsFailure.Kind.PERMISSION, "not allowed to CreateVpc", "attach AmazonVPCFullAccess")))
                .isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString()).contains("gantry: not allowed to CreateVpc").contains("fix: attach AmazonVPCFullAccess");
        assertThat(run(new AwsFailure(AwsFailure.Kind.LIMIT, "too many VPCs", null))).isEqualTo(ExitCodes.FAILED);
    }
}

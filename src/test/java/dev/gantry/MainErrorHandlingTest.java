package dev.gantry;

import dev.gantry.aws.AwsFailure;
import dev.gantry.cli.edge.ExitCode;
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

    /** What a command returns is the exit code, through Main's one table. */
    @CommandLine.Command(name = "ends")
    static final class Ends implements Callable<ExitCode> {
        final ExitCode how;
        Ends(ExitCode how) { this.how = how; }
        @Override public ExitCode call() { return how; }
    }

    @Test
    void unexpectedFailureIsOneLineAndExitOne() {
        assertThat(run(new IllegalStateException("disk full\nsecond line"))).isEqualTo(ExitCode.FAILED.code());
        assertThat(err.toString()).isEqualTo("gantry: disk full" + System.lineSeparator());
    }

    @Test
    void specExceptionPrintsDiagnosticsAndExitsTwo() {
        var d = Diagnostic.error("gantry.yaml", 3, 9, "region", "'mars' is not an AWS region", "use us-east-1");
        assertThat(run(new SpecException(List.of(d)))).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("gantry.yaml:3:9: region: 'mars' is not an AWS region\n  fix: use us-east-1");
    }

    @Test
    void awsPermissionFailureExitsFour() {
        assertThat(run(new AwsFailure(AwsFailure.Kind.PERMISSION, "not allowed to CreateVpc", "attach AmazonVPCFullAccess")))
                .isEqualTo(ExitCode.NO_CREDENTIALS.code());
        assertThat(err.toString()).contains("gantry: not allowed to CreateVpc").contains("fix: attach AmazonVPCFullAccess");
        assertThat(run(new AwsFailure(AwsFailure.Kind.LIMIT, "too many VPCs", null))).isEqualTo(ExitCode.FAILED.code());
    }

    @Test
    void anInterruptionExits130() {
        assertThat(run(new InterruptedException())).isEqualTo(130);
        assertThat(err.toString()).isEqualTo("gantry: interrupted" + System.lineSeparator());
    }

    @Test
    void aCommandsOutcomeIsTheExitCode() {
        var io = new dev.gantry.cli.edge.Captured(java.util.Map.of());
        for (ExitCode how : ExitCode.values()) assertThat(io.run(new Ends(how))).as(how.name()).isEqualTo(how.code());
        assertThat(io.out() + io.err()).isEmpty();
    }

    @Test
    void aCommandFailureIsPrintedOnceWithItsFixAndEndsOnItsRow() {
        var io = new dev.gantry.cli.edge.Captured(java.util.Map.of());
        int code = io.run(new Boom(dev.gantry.cli.edge.CommandFailure.of(ExitCode.INVALID_INPUT, "apply needs confirmation", "run again with --yes")));
        assertThat(code).isEqualTo(2);
        assertThat(io.err()).isEqualTo("gantry: apply needs confirmation\n  fix: run again with --yes\n".replace("\n", System.lineSeparator()));
    }
}

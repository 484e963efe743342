package dev.gantry.aws.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the simulated AWS reads a one-off task's command (it has no containers to run it in). */
class SimProgramTest {
    @Test void echo_sleep_and_exit_in_a_shell_script_print_at_their_moment_and_end_with_the_code() {
        SimProgram p = SimProgram.of(List.of("sh", "-c", "echo 'one two'; sleep 3; echo three; exit 4; echo never"));
        assertThat(p.lines()).containsExactly(new SimProgram.Line(Duration.ZERO, "one two"), new SimProgram.Line(Duration.ofSeconds(3), "three"));
        assertThat(p.exitCode()).isEqualTo(4);
        assertThat(p.runs()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test void and_stops_after_a_failure_semicolon_does_not() {
        assertThat(SimProgram.of(List.of("sh", "-c", "false && echo skipped")).lines()).isEmpty();
        assertThat(SimProgram.of(List.of("sh", "-c", "false && echo skipped")).exitCode()).isEqualTo(1);
        SimProgram after = SimProgram.of(List.of("/bin/bash", "-c", "false; echo ran"));
        assertThat(after.lines()).extracting(SimProgram.Line::text).containsExactly("ran");
        assertThat(after.exitCode()).isZero();
    }

    @Test void any_other_program_says_what_would_have_run_and_succeeds() {
        SimProgram p = SimProgram.of(List.of("./manage.py", "migrate"));
        assertThat(p.lines()).extracting(SimProgram.Line::text).containsExactly("(simulated) ran: ./manage.py migrate");
        assertThat(p.exitCode()).isZero();
    }
}

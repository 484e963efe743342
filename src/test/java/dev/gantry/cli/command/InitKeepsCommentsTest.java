package dev.gantry.cli.command;

import dev.gantry.cli.edge.Captured;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.testing.CommentedSpecs;
import dev.gantry.wizard.Lookups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gantry init --yes} on a file someone has commented: their comments survive the edit. */
class InitKeepsCommentsTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result init(String... args) {
        Captured io = new Captured(Map.of("TERM", "dumb"));
        int code = io.run(new InitCommand(io.context, (region, profile, endpoint) -> new Lookups.Offline("test: offline")), args);
        return new Result(code, io.out(), io.err());
    }

    @Test
    void anEditWithYesKeepsEveryCommentOnEachTemplate() throws Exception {
        for (String template : List.of("web-https", "web-http-quick", "worker")) {
            Path file = dir.resolve(template + ".yaml");
            String before = CommentedSpecs.annotated(Files.readString(Path.of("templates", template + ".yaml")));
            Files.writeString(file, before);
            Result r = init("-f", file.toString(), "--yes", "--count", "3", "--log-retention", "14");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("+   desiredCount: 3").contains("Wrote " + file + ".").doesNotContain("dropped");
            String after = Files.readString(file);
            CommentedSpecs.assertKept(before, after, List.of());
            assertThat(SpecLoader.load(file).service().desiredCount()).isEqualTo(3);
            // Nothing else moved: only the two values differ.
            assertThat(dev.gantry.wizard.LineDiff.diff(before, after).stream().filter(l -> l.startsWith("-"))).hasSize(2);
            // Again with nothing to change: nothing to write.
            assertThat(init("-f", file.toString(), "--yes").out()).contains("No changes to " + file);
        }
    }

    @Test
    void commentsOfKeysAWorkerNoLongerHasAreShownRemovedAndNamedOnTheClosingLine() throws Exception {
        Path file = dir.resolve("gantry.yaml");
        String before = CommentedSpecs.annotated(Files.readString(Path.of("templates/web-https.yaml")));
        Files.writeString(file, before);
        Result r = init("-f", file.toString(), "--yes", "--no-load-balancer");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> removed = List.of("loadBalancer", "healthCheckPath", "deregistrationDelay", "idleTimeout", "allowedCidrs",
                "certificate", "domain", "dns", "zone", "record");
        String after = Files.readString(file);
        CommentedSpecs.assertKept(before, after, removed);
        assertThat(after).doesNotContain("above dns", "after record", "above certificate");
        // The diff shows them going, the note before writing names them, and so does the closing line.
        int dnsLine = List.of(before.split("\n")).indexOf(before.lines().filter(l -> l.contains("above dns")).findFirst().orElseThrow()) + 1;
        String dnsComment = before.lines().filter(l -> l.contains("above dns")).findFirst().orElseThrow();
        assertThat(r.out()).contains("- " + dnsComment)
                .contains("Your comments on removed keys are dropped:\n").contains("\n  line " + dnsLine + ": \"" + dnsComment + "\" (dns)\n");
        String closing = r.out().lines().filter(l -> l.startsWith("Wrote ")).findFirst().orElseThrow();
        assertThat(closing).startsWith("Wrote " + file + "; dropped with their keys: ").contains("line " + dnsLine + ": \"" + dnsComment + "\" (dns)")
                .contains("(loadBalancer.healthCheckPath)");
        List<String> namedInClosing = new ArrayList<>();
        Matcher m = Pattern.compile("# mine \\d+ (above|after) [\\w-]+").matcher(closing);
        while (m.find()) namedInClosing.add(m.group());
        long mineRemoved = before.lines().filter(l -> l.contains("# mine ")).filter(l -> !after.contains(l.strip())).count();
        assertThat(namedInClosing).hasSize((int) mineRemoved);
    }
}

package dev.gantry.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Specs with a person's comments in every place, and the check that an edit kept them where they were. */
public final class CommentedSpecs {
    private CommentedSpecs() {}

    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_][\\w-]*):(.*)$");

    /**
     * The file with the person's comments everywhere: the top of the file, above every key (after
     * gantry's own explanation) and after every value, and the end of the file.
     */
    public static String annotated(String text) {
        StringBuilder b = new StringBuilder("# mine: top of the file\n\n");
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = KEY.matcher(lines[i]);
            if (!m.matches()) { b.append(lines[i]).append('\n'); continue; }
            b.append(m.group(1)).append("# mine ").append(i).append(" above ").append(m.group(2)).append('\n');
            String rest = m.group(3);
            b.append(lines[i]);
            if (!rest.isBlank() && !rest.contains("#")) b.append("  # mine ").append(i).append(" after ").append(m.group(2));
            b.append('\n');
        }
        return b.append("# mine: end of the file\n").toString();
    }

    /** A template with the person's comments everywhere. */
    public static String template(String name) {
        try {
            return annotated(Files.readString(Path.of("templates", name + ".yaml")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every "mine" comment of {@code before} that is not on a removed key, each still right above or after its key. */
    public static void assertKept(String before, String after, List<String> removedKeys) {
        List<String> out = List.of(after.split("\n"));
        assertThat(out.get(0)).isEqualTo("# mine: top of the file");
        assertThat(out.get(out.size() - 1)).isEqualTo("# mine: end of the file");
        Pattern above = Pattern.compile("^(\\s*)# mine \\d+ above ([\\w-]+)$"), afterValue = Pattern.compile("^(\\s*)([\\w-]+):.*  # mine \\d+ after ([\\w-]+)$");
        int kept = 0;
        for (String line : before.split("\n")) {
            Matcher m = above.matcher(line);
            if (m.matches() && !removedKeys.contains(m.group(2))) {
                int at = out.indexOf(line);
                assertThat(at).as(line).isNotNegative();
                assertThat(out.get(at + 1)).as(line).startsWith(m.group(1) + m.group(2) + ":");
                kept++;
            }
            if (line.contains("  # mine ") && line.contains(" after ")) {
                String comment = line.substring(line.indexOf("  # mine "));
                String key = comment.substring(comment.indexOf(" after ") + 7);
                if (removedKeys.contains(key)) continue;
                List<String> carrying = out.stream().filter(l -> l.endsWith(comment)).toList();
                assertThat(carrying).as(comment).hasSize(1);
                Matcher k = afterValue.matcher(carrying.get(0));
                assertThat(k.matches()).as(carrying.get(0)).isTrue();
                assertThat(k.group(2)).isEqualTo(key);
                kept++;
            }
        }
        assertThat(kept).isGreaterThan(10);
    }
}

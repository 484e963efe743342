package dev.gantry.spec.yaml;

import dev.gantry.spec.Environment;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec as apply stores it for the guard: gantry.yaml as gantry writes it, without comment and
 * blank lines (an SSM String parameter holds 4,096 characters). An environment's spec carries
 * the tags gantry adds ({@code gantry:env}, {@code gantry:env-from}), which a spec may not name
 * itself; they travel as header lines {@code # gantry:env=NAME} that {@link #read} puts back.
 */
public final class StoredSpec {
    private static final List<String> CARRIED = List.of(Environment.TAG, Environment.TAG_FROM);
    private static final String HEADER = "# ";

    private StoredSpec() {}

    public static String write(Spec spec) {
        Map<String, String> own = new LinkedHashMap<>(spec.tags());
        StringBuilder b = new StringBuilder();
        for (String key : CARRIED) {
            String value = own.remove(key);
            if (value != null) b.append(HEADER).append(key).append('=').append(value).append('\n');
        }
        Spec plain = own.size() == spec.tags().size() ? spec : spec.withTags(own);
        for (String line : SpecWriter.write(plain).split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            b.append(line).append('\n');
        }
        return b.toString();
    }

    /** The spec {@link #write} stored, with the tags it carried in its header. */
    public static Spec read(String name, String text) throws SpecException {
        Spec spec = SpecLoader.load(name, text);
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        for (String line : text.split("\n")) {
            if (!line.startsWith(HEADER)) break;
            String entry = line.substring(HEADER.length());
            int eq = entry.indexOf('=');
            if (eq > 0 && CARRIED.contains(entry.substring(0, eq))) tags.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return tags.size() == spec.tags().size() ? spec : spec.withTags(tags);
    }
}

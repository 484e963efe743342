package dev.gantry.cli.wiring;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.ops.Previews;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Environments;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the preview environments of a spec's app in the accounts (and regions) of its
 * environments, by their tags: a preview is in no file, so AWS is where it is known.
 */
public final class PreviewLookup {
    private PreviewLookup() {}

    /** A preview found, with the file's environment it was made from (whose account it lives in). */
    public record Found(Previews.Found preview, Environment from, Spec fromSpec, java.time.Instant now) {}

    /** The environment the preview {@code name} was made from, or null when no account holds one of that name. */
    static String from(CommandContext cli, GlobalOptions g, Path file, Environments envs, String name) {
        return all(cli, g, file, envs).stream().filter(f -> f.preview().name().equals(name))
                .map(f -> f.from().name()).findFirst().orElse(null);
    }

    /** Every preview of the app in the accounts of the file's environments. */
    public static List<Found> all(CommandContext cli, GlobalOptions g, Path file, Environments envs) {
        List<Found> out = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        String app = SpecLoader.check(file, envs.all().get(0).name(), null).spec().app();
        for (Environment env : envs.all()) {
            Spec spec = SpecLoader.check(file, env.name(), null).spec();
            if (!asked.add(env.account() + " " + spec.region())) continue;
            try (Session s = Wiring.session(cli, g, spec.region(), env)) {
                for (Previews.Found p : Previews.in(s.aws(), app)) {
                    envs.find(p.from()).ifPresent(from -> out.add(new Found(p, from, SpecLoader.check(file, from.name(), null).spec(), s.scheduler().now())));
                }
            }
        }
        return out;
    }
}

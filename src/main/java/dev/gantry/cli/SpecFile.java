package dev.gantry.cli;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;

import java.io.PrintStream;
import java.nio.file.Path;

/** Loads the spec a command works on, printing every problem in the spec's error format. */
final class SpecFile {
    private SpecFile() {}

    /** The spec, or null after printing the diagnostics (the caller exits 2). */
    static Spec load(Path file, String regionFlag, PrintStream err) {
        return load(file, regionFlag, new java.io.PrintWriter(err, true));
    }

    /** The same, for commands that print to picocli's writers (tests capture those). */
    static Spec load(Path file, String regionFlag, java.io.PrintWriter err) {
        SpecLoader.Result r = SpecLoader.check(file);
        r.warnings().forEach(d -> err.println(d.render()));
        if (!r.valid()) {
            r.errors().forEach(d -> err.println(d.render()));
            return null;
        }
        Spec spec = r.spec();
        if (regionFlag != null && !regionFlag.equals(spec.region())) {
            err.println(Diagnostic.error(file.toString(), 0, 0, "region",
                    "--region " + regionFlag + " differs from the spec's region " + spec.region(),
                    "drop --region (the spec decides where the app lives), or change region in the spec").render());
            return null;
        }
        return spec;
    }
}

package dev.gantry.cli;

import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.spec.yaml.SpecLoader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads the spec a command works on: warnings are printed at once, errors end the command (exit 2). */
final class SpecFile {
    private SpecFile() {}

    /** The spec; its warnings printed to {@code err}. Throws its errors, which {@code Main} prints in the spec's error format. */
    static Spec load(Path file, String regionFlag, PrintWriter err) throws SpecException {
        SpecLoader.Result r = SpecLoader.check(file);
        r.warnings().forEach(d -> err.println(d.render()));
        if (!r.valid()) throw new SpecException(r.errors());
        Spec spec = r.spec();
        if (regionFlag != null && !regionFlag.equals(spec.region())) {
            throw new SpecException(List.of(Diagnostic.error(file.toString(), 0, 0, "region",
                    "--region " + regionFlag + " differs from the spec's region " + spec.region(),
                    "drop --region (the spec decides where the app lives), or change region in the spec")));
        }
        return spec;
    }
}

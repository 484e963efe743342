package dev.gantry.cli.wiring;

import dev.gantry.cli.edge.CommandContext;
import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.cli.option.GlobalOptions;
import dev.gantry.spec.Diagnostic;
import dev.gantry.spec.Environment;
import dev.gantry.spec.Environments;
import dev.gantry.spec.Spec;
import dev.gantry.spec.SpecException;
import dev.gantry.spec.Suggest;
import dev.gantry.spec.yaml.SpecLoader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the spec a command works on: warnings are printed at once, errors end the command (exit 2).
 * With {@code environments:} it is the spec of the environment named by {@code --env} or
 * {@code GANTRY_ENV}; a command that changes AWS needs one named, a read-only one may take the
 * one marked {@code default: true}.
 */
public final class SpecFile {
    private SpecFile() {}

    /** Whether the command changes AWS (it then never picks an environment by itself). */
    public enum Use { CHANGES, READS }

    /** The spec; its warnings printed to {@code err}. Throws its errors, which {@code Main} prints in the spec's error format. */
    static Spec load(Path file, String regionFlag, PrintWriter err) throws SpecException {
        return checked(SpecLoader.check(file), file, regionFlag, err);
    }

    /** The spec of the environment the options name (or none, for a file without environments). */
    public static Spec load(Path file, GlobalOptions g, CommandContext cli, Use use) throws SpecException {
        return load(file, g, cli, use, null);
    }

    /** The same; {@code from}: a preview environment is made from this one's settings (apply --from). */
    public static Spec load(Path file, GlobalOptions g, CommandContext cli, Use use, String from) throws SpecException {
        PrintWriter err = cli.errWriter();
        SpecLoader.Result r = SpecLoader.check(file);
        String given = g.env != null ? g.env : blankToNull(cli.env().get("GANTRY_ENV"));
        String option = g.env != null ? "--env " + g.env : "GANTRY_ENV=" + given;
        if (!r.valid() || !r.environments().defined()) {
            if (r.valid() && given != null) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, option + ": " + file + " names no environments",
                        "leave out --env (and GANTRY_ENV), or add environments: to " + file + " (README, Environments)");
            }
            if (r.valid() && from != null) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, "--from " + from + ": " + file + " names no environments to make a preview from",
                        "leave out --from, or add environments: to " + file);
            }
            return checked(r, file, g.region, err);
        }
        Environments envs = r.environments();
        String listed = String.join(", ", envs.names());
        String name = given;
        if (name == null) {
            if (use == Use.READS && envs.defaultOne().isPresent()) {
                name = envs.defaultOne().get().name();
            } else {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, file + " names environments (" + listed + "): say which one this command "
                                + (use == Use.CHANGES ? "changes" : "reads"),
                        "add --env " + envs.all().get(0).name() + " (or set GANTRY_ENV)"
                                + (use == Use.READS ? ", or mark one environment default: true" : ""));
            }
        }
        if (envs.find(name).isPresent()) {
            if (from != null) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, "--from " + from + " makes a preview environment, and " + name + " is one of "
                        + file + "'s environments", "leave out --from to work on " + name + ", or name a new preview (e.g. --env pr-123)");
            }
        } else if (from != null) {
            if (envs.find(from).isEmpty()) throw unknown("--from " + from, "--from", from, envs, file);
            dev.gantry.spec.Rules.Problem p = Environment.checkName(name);
            if (p != null) throw CommandFailure.of(ExitCode.INVALID_INPUT, option + ": " + p.message(), p.fix());
        } else {
            if (near(name, envs) != null) throw unknown(option, "--env", name, envs, file);
            from = PreviewLookup.from(cli, g, file, envs, name);
            if (from == null) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, option + ": " + file + " names no environment " + name + " (it names " + listed
                                + "), and no preview environment of that name was found in their accounts",
                        "use one of " + listed + ", or make a preview with 'gantry apply --env " + name + " --from " + envs.all().get(0).name() + "'");
            }
        }
        SpecLoader.Result chosen = SpecLoader.check(file, name, from);
        Spec spec = checked(chosen, file, g.region, err);
        g.environment = chosen.environment();
        return spec;
    }

    private static CommandFailure unknown(String option, String flag, String name, Environments envs, Path file) {
        String near = near(name, envs);
        return CommandFailure.of(ExitCode.INVALID_INPUT, option + ": " + file + " names no environment " + name + " (it names "
                + String.join(", ", envs.names()) + ")", near != null ? "did you mean " + flag + " " + near + "?"
                : "use one of " + String.join(", ", envs.names()));
    }

    private static Spec checked(SpecLoader.Result r, Path file, String regionFlag, PrintWriter err) throws SpecException {
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

    /** The environment a mistyped or shortened name means (prod: production), or null. */
    private static String near(String name, Environments envs) {
        String close = Suggest.nearest(name, envs.names());
        if (close != null) return close;
        return envs.names().stream().filter(n -> name.length() >= 3 && n.startsWith(name)).findFirst().orElse(null);
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}

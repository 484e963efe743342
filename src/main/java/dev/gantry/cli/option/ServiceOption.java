package dev.gantry.cli.option;

import dev.gantry.cli.edge.CommandFailure;
import dev.gantry.cli.edge.ExitCode;
import dev.gantry.spec.Spec;
import picocli.CommandLine.Option;

/**
 * {@code --service NAME}, declared once for the day-two commands that act on one service (status,
 * logs, run, history, rollback and exec: any service of the file; a job: the primary one). A version-1 spec has one service, named after the app; naming another
 * is bad input (exit 2) before any AWS call.
 */
public final class ServiceOption {
    @Option(names = "--service", paramLabel = "NAME", description = "The service of gantry.yaml to act on (default: the primary one, the first public service, else the first; status: every service; a version-1 file has one).")
    String name;

    public boolean given() { return name != null; }

    /**
     * For the commands that can act on any service of the file (status, logs): the one named, or
     * the primary one; a name the file does not have is bad input (exit 2).
     */
    public String chosen(Spec spec) {
        if (name == null) return spec.primaryService().name();
        if (!spec.services().containsKey(name)) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no service " + name + "; it has "
                    + String.join(", ", spec.services().keySet()), "use --service with one of those names, or leave it out");
        }
        return name;
    }

    /** The ECS service of the chosen service: APP, or APP-NAME for another service of a version-2 file. */
    public String ecsName(Spec spec) { return dev.gantry.spec.DerivedNames.serviceBase(spec.app(), chosen(spec)); }

    /** The chosen service's own settings (its task and service sections). */
    public dev.gantry.spec.AppService target(Spec spec) { return spec.services().get(chosen(spec)); }

    /** Refuses a service the spec does not have. */
    public void check(Spec spec) {
        if (name != null && spec.services().size() > 1) {
            if (!spec.services().containsKey(name)) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has no service " + name + "; it has "
                        + String.join(", ", spec.services().keySet()), "use --service with one of those names");
            }
            String primary = spec.primaryService().name();
            if (!name.equals(primary)) {
                throw CommandFailure.of(ExitCode.INVALID_INPUT, "jobs run as the primary service, " + primary
                        + " (its image unless the job names one, its roles, its log group), not as " + name, "leave out --service, or use --service " + primary);
            }
            return;
        }
        if (name != null && !name.equals(spec.app())) {
            throw CommandFailure.of(ExitCode.INVALID_INPUT, "gantry.yaml has one service, " + spec.app() + ", not " + name,
                    "leave out --service, or use --service " + spec.app());
        }
    }
}

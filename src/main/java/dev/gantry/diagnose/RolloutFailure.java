package dev.gantry.diagnose;

/**
 * The service's new deployment failed: carries the plain-words {@link Diagnosis}. Thrown by the
 * service step as soon as the first task of the new deployment fails, so the person learns why in
 * seconds instead of after the circuit breaker's ten failures.
 */
public final class RolloutFailure extends RuntimeException {
    private final Diagnosis diagnosis;

    public RolloutFailure(Diagnosis diagnosis) {
        super(diagnosis.summary(), null, false, false);
        this.diagnosis = diagnosis;
    }

    public Diagnosis diagnosis() { return diagnosis; }

    /** The first fix, for views that show one line. */
    public String fix() { return diagnosis.fixes().isEmpty() ? null : diagnosis.fixes().get(0); }
}

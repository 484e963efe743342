package dev.gantry.diagnose;

/** A deployment that will not succeed, with the plain-words explanation the person needs. */
public class RolloutFailure extends RuntimeException {
    private final Diagnosis diagnosis;

    public RolloutFailure(Diagnosis diagnosis) {
        super(diagnosis.summary(), null, false, false);
        this.diagnosis = diagnosis;
    }

    public Diagnosis diagnosis() { return diagnosis; }
}

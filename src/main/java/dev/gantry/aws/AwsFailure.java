package dev.gantry.aws;

/**
 * An AWS call that failed, said in plain words: what gantry was doing, to which resource, why,
 * and how to fix it. {@code kind} decides the exit code (permission → 4, the rest → 1).
 */
public final class AwsFailure extends RuntimeException {
    /**
     * {@code INPUT}: what the person gave gantry is wrong (an option naming nothing), found while
     * talking to AWS; exit 2 like any bad input. {@code INVALID}: AWS refused a request as invalid.
     */
    public enum Kind { PERMISSION, NOT_FOUND, INVALID, INPUT, CONFLICT, LIMIT, TIMEOUT, OTHER }

    private final Kind kind;
    private final String fix;

    public AwsFailure(Kind kind, String message, String fix, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.fix = fix;
    }

    public AwsFailure(Kind kind, String message, String fix) { this(kind, message, fix, null); }

    public Kind kind() { return kind; }
    public String fix() { return fix; }
}

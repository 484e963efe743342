package dev.gantry.image;

/**
 * Why a build could not be made or pushed, in plain words with the fix. {@code kind} says whose
 * it is to fix: the machine (no builder, its daemon down, no emulation for the platform, a full
 * disk: exit 2), AWS permissions (push denied), or the build itself (the Dockerfile: exit 1).
 */
public final class BuildFailure extends RuntimeException {
    public enum Kind {
        NO_BUILDER, DAEMON, EMULATION, DISK_FULL, PUSH_DENIED, BUILD;

        /** Something on this machine the person must set up; not a failure of the build itself. */
        public boolean machine() { return this == NO_BUILDER || this == DAEMON || this == EMULATION || this == DISK_FULL; }
    }

    private final Kind kind;
    private final String fix;

    public BuildFailure(Kind kind, String message, String fix) {
        super(message);
        this.kind = kind;
        this.fix = fix;
    }

    public Kind kind() { return kind; }
    public String fix() { return fix; }
}

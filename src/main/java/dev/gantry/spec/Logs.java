package dev.gantry.spec;

import java.util.List;

/** The CloudWatch log group's retention. */
public record Logs(int retentionDays) {
    public static final int DEFAULT_RETENTION_DAYS = 30;
    /** The values CloudWatch Logs PutRetentionPolicy accepts. */
    public static final List<Integer> ALLOWED_RETENTION = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
}

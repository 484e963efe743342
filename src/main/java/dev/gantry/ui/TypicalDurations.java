package dev.gantry.ui;

import dev.gantry.plan.Change;
import dev.gantry.resources.catalog.Catalog;

import java.time.Duration;

/**
 * How long AWS usually takes for a change, for the "time left" estimate only: each resource type
 * says it of itself ({@link dev.gantry.resources.ResourceType#typicalDuration}).
 */
public final class TypicalDurations {
    private TypicalDurations() {}

    /** Built on first use: only the live views estimate, and every other command skips the catalog. */
    private static final class Types { static final Catalog CATALOG = Catalog.standard(); }

    public static Duration of(Change change) {
        return Types.CATALOG.type(change.address().type()).typicalDuration();
    }
}

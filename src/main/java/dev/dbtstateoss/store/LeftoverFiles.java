package dev.dbtstateoss.store;

import java.time.Instant;

/**
 * An optional capability of a store that writes through temporary files ({@link LocalStore}): a
 * process killed in the middle of a write leaves its temporary file behind. Readers never see those
 * files; this removes them.
 */
public interface LeftoverFiles {

    /**
     * Deletes the temporary files last modified before {@code cutoff} and returns how many. A write
     * lasts milliseconds, so a cutoff well in the past never touches a write still in progress.
     */
    int removeLeftoversOlderThan(Instant cutoff);
}

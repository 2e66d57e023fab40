package dev.dbtstateoss.engine;

import java.util.Optional;

/** What a recorded run is; {@link #stored()} is the word the store keeps for it. */
public enum RunKind {
    /** A model, snapshot or data test run from its SQL. */
    SQL("sql"),
    /** A seed loaded from its values. */
    VALUES("values"),
    /** A pre-clone registered through the Clone service. */
    CLONE("clone"),
    /** A run carried over from the Python server's state by migrate-store (it never matches a query). */
    IMPORTED("imported");

    private final String stored;

    RunKind(String stored) {
        this.stored = stored;
    }

    /** The word stored documents hold for this kind. */
    public String stored() {
        return stored;
    }

    /** The kind a stored word names, empty for a word no release wrote. */
    public static Optional<RunKind> ofStored(String word) {
        for (RunKind k : values()) {
            if (k.stored.equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

package dev.dbtstateoss.engine;

import java.util.Optional;

/**
 * What the engine needs from storage. Every method costs O(1) store operations whatever the length
 * of a target's history. Implementations throw {@link HistoryException} when the store fails; the
 * engine then answers EXECUTE.
 */
public interface History {

    /** The newest confirmed run of a target, if any. */
    Optional<RunRecord> latest(String targetKey);

    /** Stores a decision to execute until it is confirmed (survives restarts). */
    void savePending(RunRecord pending);

    /** The pending (or already confirmed) run with this request id. */
    Optional<RunRecord> pending(String requestId);

    /**
     * Records a confirmed run: keeps it in the target's history and makes it the target's latest run.
     * Returns false, changing nothing, when this request id was confirmed before.
     */
    boolean recordConfirmed(RunRecord confirmed);

    /**
     * Whether some confirmed run of the key, not necessarily the latest, had this query and these
     * settings ({@link RunRecord#matchKey()}).
     */
    boolean matchedBefore(String targetKey, String matchKey);

    /**
     * The newest confirmed run, on any target, that shares this {@link RunRecord#cloneKey()} and whose
     * target still holds it (no later run of that target was confirmed).
     */
    Optional<RunRecord> cloneSource(String cloneKey);

    /**
     * Records that the target of a confirmed run was modified later than its confirmation said, by
     * the client's own post-hooks (UpdateExecutionMetadata): the run's outcome takes {@code
     * lastModifiedMs}. Only while the run is still its target's latest run and only for a newer
     * timestamp; returns false, changing nothing, otherwise.
     */
    boolean recordTargetModified(RunRecord run, long lastModifiedMs);

    /**
     * The confirmed run of the key decided just before the run with this request id (request ids
     * sort by time), if any. For explanations only: it may cost a listing of the key's runs.
     */
    Optional<RunRecord> before(String targetKey, String requestId);

    /** Marks a pending run confirmed without making it its target's latest run (pre-clones). */
    void recordOutcomeOnly(RunRecord confirmed);

    /**
     * Notes the newest decision to build a target (its request id), confirmed or not, so that a build
     * whose confirmation never arrived still counts as a change for the nodes downstream.
     */
    void noteDecided(String targetKey, String requestId);

    /**
     * Stores a decision to build a target: {@link #savePending} and {@link #noteDecided}, both done
     * (or failed) on return. They are independent, so an implementation may do them at once.
     */
    default void saveDecision(RunRecord pending) {
        savePending(pending);
        noteDecided(pending.targetKey(), pending.requestId());
    }

    /** The request id noted by {@link #noteDecided}, if any. */
    Optional<String> lastDecided(String targetKey);

    /** A failure of the underlying store. */
    final class HistoryException extends RuntimeException {
        public HistoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package dev.dbtstateoss.engine;

import java.util.Optional;

/**
 * Execution/UpdateExecutionMetadata: the client ran post-hooks that wrote to the target of a run it
 * reused (a skip's {@code execution_id}) or cloned (the confirmation's), and sends the target's new
 * last modification. The run keeps it, so the next build does not take the client's own write for
 * someone else's; only while the run is still its target's latest run and only a newer timestamp.
 */
public final class ExecutionMetadata {
    private ExecutionMetadata() {}

    /** What became of an update. */
    public enum Outcome {
        /** The run's target timestamp was advanced. */
        RECORDED,
        /** Nothing changed: the run is not its target's latest any more, or the timestamp is not newer. */
        NOT_NEWER,
        /** No confirmed run of a relation has this id (unknown, pending, a data test, a noted pre-clone). */
        UNKNOWN_EXECUTION
    }

    static Outcome update(History history, String executionId, long lastModifiedMs) {
        Optional<RunRecord> run = history.pending(executionId);
        if (run.isEmpty() || !run.get().confirmed() || run.get().targetTable().isEmpty()
                || run.get().fingerprint().isEmpty() || run.get().outcome().targetLastModifiedMs() == null) {
            return Outcome.UNKNOWN_EXECUTION;
        }
        return history.recordTargetModified(run.get(), lastModifiedMs) ? Outcome.RECORDED : Outcome.NOT_NEWER;
    }
}

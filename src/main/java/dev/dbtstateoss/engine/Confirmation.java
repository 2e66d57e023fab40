package dev.dbtstateoss.engine;

/**
 * The client's report that a run it was told to execute has finished.
 *
 * @param targetLastModifiedMs the target's last modification read after the run (null for tests)
 * @param executionResultsJson data test results (protobuf JSON of the Struct), or null
 * @param tableType the warehouse's kind of table after the run (e.g. "TRANSIENT TABLE"), or null
 * @param failedToClone the client could not clone and built the node itself
 */
public record Confirmation(
        String requestId,
        Long targetLastModifiedMs,
        long runtimeMs,
        String executionResultsJson,
        String tableType,
        long nowMs,
        boolean failedToClone) {

    public Confirmation(String requestId, Long targetLastModifiedMs, long runtimeMs, String executionResultsJson,
            String tableType, long nowMs) {
        this(requestId, targetLastModifiedMs, runtimeMs, executionResultsJson, tableType, nowMs, false);
    }

    /** What became of a confirmation. */
    public enum Outcome {
        /** Recorded now. */
        RECORDED,
        /** This request id was confirmed before; nothing changed. */
        ALREADY_RECORDED,
        /** No decision with this request id exists. */
        UNKNOWN_REQUEST,
        /** A pre-clone (Clone service) was confirmed: its target took over the source's run, or it was only noted. */
        CLONE_NOTED
    }
}

package dev.dbtstateoss.engine;

/**
 * The client's report that a run it was told to execute has finished.
 *
 * @param targetLastModifiedMs the target's last modification read after the run (null for tests)
 * @param executionResultsJson data test results (protobuf JSON of the Struct), or null
 * @param tableType the warehouse's kind of table after the run (e.g. "TRANSIENT TABLE"), or null
 */
public record Confirmation(
        String requestId,
        Long targetLastModifiedMs,
        long runtimeMs,
        String executionResultsJson,
        String tableType,
        long nowMs) {

    /** What became of a confirmation. */
    public enum Outcome {
        /** Recorded now. */
        RECORDED,
        /** This request id was confirmed before; nothing changed. */
        ALREADY_RECORDED,
        /** No decision with this request id exists. */
        UNKNOWN_REQUEST,
        /** A pre-clone (Clone service) was confirmed: noted, but it is no run of the model's query. */
        CLONE_NOTED
    }
}

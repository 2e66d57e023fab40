package dev.dbtstateoss.engine;

/** The answer to one question: skip the node, execute it, or clone it from another relation. */
public sealed interface Decision permits Decision.Skip, Decision.Execute, Decision.Clone {

    /** A fresh UUIDv7 naming this decision (the client logs it). */
    String decisionId();

    /** The hosted service's sentence for this outcome. */
    String description();

    /** Our own plain explanation: what matched or what changed. */
    String detail();

    /**
     * Reuse what is there.
     *
     * @param stale true when an input is newer than at the reused run but the rules allow the skip
     * @param reusedRuntimeMs the runtime of the reused run ("time saved")
     * @param executionResultsJson the confirmed results of a data test (protobuf JSON), or null
     * @param executionId the request id of the reused run: the client names it when its post-hooks
     *     modified the target after the skip (UpdateExecutionMetadata)
     */
    record Skip(
            String decisionId,
            SkipReason reason,
            boolean stale,
            String description,
            String detail,
            long reusedRuntimeMs,
            String executionResultsJson,
            String executionId)
            implements Decision {}

    /** Build the node; {@code requestId} is what the client sends back in ConfirmExecution. */
    record Execute(String decisionId, String requestId, ExecuteReason reason, String description, String detail)
            implements Decision {}

    /**
     * Copy an equivalent relation built elsewhere into the target with {@code cloneSql}.
     *
     * @param decisionId null for a pre-clone asked through the Clone service
     * @param sourceLastModifiedMs the source's last modification the client must still find, or null
     * @param reusedRuntimeMs the runtime of the run that built the source, or null
     */
    record Clone(
            String decisionId,
            String requestId,
            String sourceTable,
            String targetTable,
            Long sourceLastModifiedMs,
            Long reusedRuntimeMs,
            String executionResultsJson,
            java.util.List<String> cloneSql,
            String description,
            String detail)
            implements Decision {}
}

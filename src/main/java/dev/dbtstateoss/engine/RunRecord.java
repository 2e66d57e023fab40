package dev.dbtstateoss.engine;

import java.util.Map;

/**
 * One decision to execute, as stored: written when the decision is made (pending) and again, with
 * the confirmation's fields set, when the client confirms the run.
 *
 * @param requestId the id the client confirms with (UUIDv7, so ids sort by time)
 * @param targetKey what the run is keyed by (see {@link Keys})
 * @param kind "sql" or "values"
 * @param fingerprint hash of the SQL (or the seed's values hash)
 * @param settingsHash hash of everything besides the SQL that changes the result
 * @param inputs every input relation and its last modification when the decision was made
 * @param viewTexts text hash of each view definition read through, when the decision was made
 * @param decidedAtMs the client's submission time of the decision
 * @param normalizedSql the normalized SQL (for explanations), possibly empty
 * @param confirmedAtMs when the run was confirmed, null while pending
 * @param targetLastModifiedMs the target's last modification read after the run, null if none
 * @param runtimeMs the run's runtime reported by the client
 * @param executionResultsJson data test results (protobuf JSON of the Struct), or null
 */
public record RunRecord(
        String requestId,
        String targetKey,
        String kind,
        String displayName,
        ExecutionType executionType,
        String fingerprint,
        String settingsHash,
        Map<String, Long> inputs,
        Map<String, String> viewTexts,
        long decidedAtMs,
        String normalizedSql,
        Long confirmedAtMs,
        Long targetLastModifiedMs,
        long runtimeMs,
        String executionResultsJson) {

    public RunRecord {
        inputs = Map.copyOf(inputs);
        viewTexts = viewTexts == null ? Map.of() : Map.copyOf(viewTexts);
    }

    /** What identifies the query and settings of this run, for "an older run matched" look-ups. */
    public String matchKey() {
        return Fingerprinter.sha256(fingerprint + "|" + settingsHash);
    }

    public boolean confirmed() {
        return confirmedAtMs != null;
    }

    public RunRecord confirm(long atMs, Long targetLastModified, long runtime, String resultsJson) {
        return new RunRecord(requestId, targetKey, kind, displayName, executionType, fingerprint, settingsHash,
                inputs, viewTexts, decidedAtMs, normalizedSql, atMs, targetLastModified, runtime, resultsJson);
    }
}

package dev.dbtstateoss.engine;

import java.util.Map;
import java.util.Objects;

/**
 * One decision to execute (or clone), as stored: written when the decision is made (pending) and
 * again, with its {@link Outcome}, when the client confirms the run. Built with {@link #builder()}
 * (or {@link #toBuilder()} for a changed copy), each component by name.
 *
 * @param requestId the id the client confirms with (UUIDv7, so ids sort by time)
 * @param targetKey what the run is keyed by (see {@link Keys})
 * @param targetTable the relation built, empty for data tests
 * @param kind what the run is (see {@link RunKind})
 * @param fingerprint hash of the SQL (or the seed's values hash)
 * @param nodeHash the dbt node hash sent with the request (unrendered code, configs, macros), or ""
 * @param settingsHash hash of everything besides the SQL that changes the result
 * @param cloneKey what an equivalent build elsewhere would share (see {@link Cloning}), or null
 * @param inputs every input relation and its last modification when the decision was made
 * @param viewTexts text hash of each view definition read through, when the decision was made
 * @param inputLineages the {@code lineage} of each input's latest run when the decision was made
 *     ("" for inputs no run of ours built, such as sources)
 * @param lineage the logic this run's result stands on: its own query and settings and, through
 *     {@code inputLineages}, those of everything upstream; a data-only rebuild keeps it
 * @param decidedAtMs the client's submission time of the decision
 * @param normalizedSql the normalized SQL (for explanations), possibly empty
 * @param dialect the warehouse dialect of the request (what its timestamps can show, see
 *     {@link FreshnessSignal}), or "" for runs recorded before it was stored
 * @param outcome what the confirmation reported; null while pending
 */
public record RunRecord(
        String requestId,
        String targetKey,
        String targetTable,
        RunKind kind,
        String displayName,
        ExecutionType executionType,
        String fingerprint,
        String nodeHash,
        String settingsHash,
        String cloneKey,
        Map<String, Long> inputs,
        Map<String, String> viewTexts,
        Map<String, String> inputLineages,
        String lineage,
        long decidedAtMs,
        String normalizedSql,
        String dialect,
        Outcome outcome) {

    /**
     * @param confirmedAtMs when the run was confirmed (the client's clock)
     * @param targetLastModifiedMs the target's last modification read after the run, null if none
     * @param runtimeMs the run's runtime reported by the client
     * @param executionResultsJson data test results (protobuf JSON of the Struct), or null
     * @param tableType the warehouse's kind of table (e.g. "TRANSIENT TABLE"), or null
     */
    public record Outcome(long confirmedAtMs, Long targetLastModifiedMs, long runtimeMs, String executionResultsJson,
            String tableType) {}

    public RunRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(targetKey, "targetKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(executionType, "executionType");
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        viewTexts = viewTexts == null ? Map.of() : Map.copyOf(viewTexts);
        inputLineages = inputLineages == null ? Map.of() : Map.copyOf(inputLineages);
        lineage = lineage == null ? "" : lineage;
        nodeHash = nodeHash == null ? "" : nodeHash;
        dialect = dialect == null ? "" : dialect;
    }

    /** What identifies the query and settings of this run, for "an older run matched" look-ups. */
    public String matchKey() {
        return Fingerprinter.sha256(fingerprint + "|" + settingsHash);
    }

    public boolean confirmed() {
        return outcome != null;
    }

    /** This run with the target's last modification after the run replaced. */
    public RunRecord withTargetModified(long lastModifiedMs) {
        return withOutcome(new Outcome(outcome.confirmedAtMs(), lastModifiedMs, outcome.runtimeMs(),
                outcome.executionResultsJson(), outcome.tableType()));
    }

    public RunRecord withOutcome(Outcome o) {
        return toBuilder().outcome(o).build();
    }

    /** A builder with nothing set: request id, target key, kind and execution type are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every component of this run, to build a changed copy. */
    public Builder toBuilder() {
        return new Builder().requestId(requestId).targetKey(targetKey).targetTable(targetTable).kind(kind)
                .displayName(displayName).executionType(executionType).fingerprint(fingerprint).nodeHash(nodeHash)
                .settingsHash(settingsHash).cloneKey(cloneKey).inputs(inputs).viewTexts(viewTexts)
                .inputLineages(inputLineages).lineage(lineage).decidedAtMs(decidedAtMs).normalizedSql(normalizedSql)
                .dialect(dialect).outcome(outcome);
    }

    /**
     * Sets the components of a {@link RunRecord} by name. Unset texts are "", unset maps empty, the
     * clone key and the outcome null (pending), the decision time 0.
     */
    public static final class Builder {
        private String requestId;
        private String targetKey;
        private String targetTable = "";
        private RunKind kind;
        private String displayName = "";
        private ExecutionType executionType;
        private String fingerprint = "";
        private String nodeHash = "";
        private String settingsHash = "";
        private String cloneKey;
        private Map<String, Long> inputs = Map.of();
        private Map<String, String> viewTexts = Map.of();
        private Map<String, String> inputLineages = Map.of();
        private String lineage = "";
        private long decidedAtMs;
        private String normalizedSql = "";
        private String dialect = "";
        private Outcome outcome;

        private Builder() {}

        public Builder requestId(String v) {
            requestId = v;
            return this;
        }

        public Builder targetKey(String v) {
            targetKey = v;
            return this;
        }

        public Builder targetTable(String v) {
            targetTable = v;
            return this;
        }

        public Builder kind(RunKind v) {
            kind = v;
            return this;
        }

        public Builder displayName(String v) {
            displayName = v;
            return this;
        }

        public Builder executionType(ExecutionType v) {
            executionType = v;
            return this;
        }

        public Builder fingerprint(String v) {
            fingerprint = v;
            return this;
        }

        public Builder nodeHash(String v) {
            nodeHash = v;
            return this;
        }

        public Builder settingsHash(String v) {
            settingsHash = v;
            return this;
        }

        public Builder cloneKey(String v) {
            cloneKey = v;
            return this;
        }

        public Builder inputs(Map<String, Long> v) {
            inputs = v;
            return this;
        }

        public Builder viewTexts(Map<String, String> v) {
            viewTexts = v;
            return this;
        }

        public Builder inputLineages(Map<String, String> v) {
            inputLineages = v;
            return this;
        }

        public Builder lineage(String v) {
            lineage = v;
            return this;
        }

        public Builder decidedAtMs(long v) {
            decidedAtMs = v;
            return this;
        }

        public Builder normalizedSql(String v) {
            normalizedSql = v;
            return this;
        }

        public Builder dialect(String v) {
            dialect = v;
            return this;
        }

        public Builder outcome(Outcome v) {
            outcome = v;
            return this;
        }

        public RunRecord build() {
            return new RunRecord(requestId, targetKey, targetTable, kind, displayName, executionType, fingerprint, nodeHash,
                    settingsHash, cloneKey, inputs, viewTexts, inputLineages, lineage, decidedAtMs, normalizedSql, dialect,
                    outcome);
        }
    }
}

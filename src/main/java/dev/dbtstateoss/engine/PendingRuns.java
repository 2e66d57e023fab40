package dev.dbtstateoss.engine;

import java.util.Map;
import java.util.function.Consumer;

/** The runs decisions leave pending, how they are keyed, and how they are saved before the answer. */
final class PendingRuns {
    private final History history;
    private final Ids ids;
    private final Consumer<String> warnings;
    private final Lineages lineages;

    PendingRuns(History history, Ids ids, Consumer<String> warnings, Lineages lineages) {
        this.history = history;
        this.ids = ids;
        this.warnings = warnings;
        this.lineages = lineages;
    }

    /** The run a decision to execute {@code r} leaves pending ({@code views} and {@code settings} of {@code r}). */
    RunRecord pending(SqlRequest r, Fingerprint fp, ViewHashes views, String settings, String key) {
        Map<String, Long> inputs = Rules.inputs(r);
        Map<String, String> upstream = lineages.of(r.namespace(), inputs.keySet());
        String lineage = Fingerprinter.sha256(fp.hash() + "|" + settings + "|" + upstream);
        return RunRecord.builder().requestId(ids.next()).targetKey(key).targetTable(r.targetTable()).kind(RunKind.SQL)
                .displayName(r.displayName()).executionType(r.executionType()).fingerprint(fp.hash())
                .nodeHash(r.nodeState().nodeHash()).settingsHash(settings).cloneKey(Cloning.cloneKey(r)).inputs(inputs)
                .viewTexts(views.texts()).inputLineages(upstream).lineage(lineage).decidedAtMs(r.nowMs())
                .normalizedSql(fp.normalizedSql()).dialect(r.dialect()).build();
    }

    /** The run a decision to load seed {@code r} leaves pending. */
    RunRecord values(ValuesRequest r, String key) {
        return RunRecord.builder().requestId(ids.next()).targetKey(key).targetTable(r.targetTable()).kind(RunKind.VALUES)
                .displayName(r.displayName()).executionType(ExecutionType.VALUES).fingerprint(r.valuesHash())
                .lineage(Fingerprinter.sha256("values|" + r.valuesHash())).decidedAtMs(r.nowMs()).dialect(r.dialect()).build();
    }

    /** Stores a pending run (with the target's decided mark); a failure is a warning, the decision stands. */
    void save(RunRecord pending) {
        try {
            if (pending.targetTable().isEmpty()) {
                history.savePending(pending);
            } else {
                history.saveDecision(pending);
            }
        } catch (RuntimeException e) {
            warnings.accept("store write failed for " + pending.displayName()
                    + "; its confirmation will not be recorded: " + e.getMessage());
        }
    }

    /** What a question is keyed by: its target, or for a data test the test and its inputs (see {@link Keys}). */
    static String keyOf(SqlRequest r, Fingerprint fp) {
        if (!r.isDataTest()) {
            return Keys.target(r.namespace(), r.targetTable());
        }
        String node = r.nodeState().nodeUniqueId().isEmpty() ? r.labels().getOrDefault("dbt_node_unique_id", "")
                : r.nodeState().nodeUniqueId();
        return Keys.dataTest(r.namespace(), r.nodeState(), node.isEmpty() ? "sql:" + fp.hash() : node, Rules.inputs(r).keySet());
    }
}

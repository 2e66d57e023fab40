package dev.dbtstateoss.engine;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers questions with the {@link Rules} over a {@link History}: attaches ids and wording, stores
 * what is pending, and records confirmations. A store failure while deciding yields EXECUTE.
 */
public final class DecisionEngine {
    private final History history;
    private final Fingerprinter fingerprinter;
    private final Ids ids;
    private final Consumer<String> warnings;

    public DecisionEngine(History history, Fingerprinter fingerprinter, Ids ids, Consumer<String> warnings) {
        this.history = history;
        this.fingerprinter = fingerprinter;
        this.ids = ids;
        this.warnings = warnings;
    }

    public Fingerprinter fingerprinter() {
        return fingerprinter;
    }

    public Decision decide(SqlRequest r) {
        Fingerprint fp = fingerprinter.of(r.sql());
        String key = keyOf(r, fp);
        Optional<RunRecord> latest;
        try {
            latest = history.latest(key);
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + r.displayName() + ", answering EXECUTE: " + e.getMessage());
            return execute(r.executionType(), ExecuteReason.STORE_ERROR, "the state store could not be read: " + e.getMessage(),
                    null);
        }
        Rules.Verdict verdict = Rules.decide(r, fp, latest);
        if (verdict instanceof Rules.Reuse reuse) {
            RunRecord last = latest.orElseThrow();
            return new Decision.Skip(ids.next(), reuse.reason(), reuse.stale(), Wording.skip(r.executionType(), reuse.reason()),
                    reuse.detail(), last.runtimeMs(), last.executionResultsJson());
        }
        Rules.Run run = olderRunMatched((Rules.Run) verdict, key, fp, r);
        RunRecord pending = new RunRecord(ids.next(), key, "sql", r.displayName(), r.executionType(), fp.hash(),
                Rules.settingsHash(r), Rules.inputs(r), Rules.viewTexts(r), r.nowMs(), fp.normalizedSql(), null, null, 0, null);
        return execute(r.executionType(), run.reason(), run.detail(), pending);
    }

    public Decision decideValues(ValuesRequest r) {
        String key = Keys.target(r.namespace(), r.targetTable());
        Optional<RunRecord> latest;
        try {
            latest = history.latest(key);
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + r.displayName() + ", answering EXECUTE: " + e.getMessage());
            return execute(ExecutionType.VALUES, ExecuteReason.STORE_ERROR, "the state store could not be read: " + e.getMessage(),
                    null);
        }
        Rules.Verdict verdict = Rules.decideValues(r, latest);
        if (verdict instanceof Rules.Reuse reuse) {
            return new Decision.Skip(ids.next(), reuse.reason(), false, Wording.skip(ExecutionType.VALUES, reuse.reason()),
                    reuse.detail(), latest.orElseThrow().runtimeMs(), null);
        }
        Rules.Run run = (Rules.Run) verdict;
        RunRecord pending = new RunRecord(ids.next(), key, "values", r.displayName(), ExecutionType.VALUES, r.valuesHash(),
                "", java.util.Map.of(), java.util.Map.of(), r.nowMs(), "", null, null, 0, null);
        return execute(ExecutionType.VALUES, run.reason(), run.detail(), pending);
    }

    /**
     * An EXECUTE for when the server cannot decide (an unexpected failure): nothing is stored, so a
     * confirmation of it answers "unknown request".
     */
    public Decision safeExecute(ExecutionType type, String detail) {
        return execute(type, ExecuteReason.UNSUPPORTED_REQUEST, detail, null);
    }

    /**
     * Records a run the client executed without asking first (WRITE_ONLY mode, speculative runs):
     * the same record a decision plus its confirmation would have left. False when already recorded.
     */
    public boolean recordExecution(SqlRequest r, Long targetLastModifiedMs, long runtimeMs, String resultsJson) {
        Fingerprint fp = fingerprinter.of(r.sql());
        RunRecord run = new RunRecord(ids.next(), keyOf(r, fp), "sql", r.displayName(), r.executionType(), fp.hash(),
                Rules.settingsHash(r), Rules.inputs(r), Rules.viewTexts(r), r.nowMs(), fp.normalizedSql(), null, null, 0, null);
        return history.recordConfirmed(run.confirm(r.nowMs(), targetLastModifiedMs, runtimeMs, resultsJson));
    }

    /** {@link #recordExecution} for a seed load. */
    public boolean recordValuesExecution(ValuesRequest r, Long targetLastModifiedMs, long runtimeMs) {
        RunRecord run = new RunRecord(ids.next(), Keys.target(r.namespace(), r.targetTable()), "values", r.displayName(),
                ExecutionType.VALUES, r.valuesHash(), "", java.util.Map.of(), java.util.Map.of(), r.nowMs(), "", null, null, 0, null);
        return history.recordConfirmed(run.confirm(r.nowMs(), targetLastModifiedMs, runtimeMs, null));
    }

    /** Records a confirmation; store failures propagate as {@link History.HistoryException}. */
    public Confirmation.Outcome confirm(Confirmation c) {
        Optional<RunRecord> pending = history.pending(c.requestId());
        if (pending.isEmpty()) {
            return Confirmation.Outcome.UNKNOWN_REQUEST;
        }
        if (pending.get().confirmed()) {
            return Confirmation.Outcome.ALREADY_RECORDED;
        }
        if (c.failedToClone()) {
            return Confirmation.Outcome.NOT_RECORDED;
        }
        RunRecord confirmed = pending.get().confirm(c.nowMs(), c.targetLastModifiedMs(), c.runtimeMs(),
                c.executionResultsJson());
        return history.recordConfirmed(confirmed) ? Confirmation.Outcome.RECORDED : Confirmation.Outcome.ALREADY_RECORDED;
    }

    /** Tells "the target held this query before, but not last" apart (the hosted service's 8/7). */
    private Rules.Run olderRunMatched(Rules.Run run, String key, Fingerprint fp, SqlRequest r) {
        if (run.reason() != ExecuteReason.QUERY_CHANGED && run.reason() != ExecuteReason.SETTINGS_CHANGED) {
            return run;
        }
        try {
            String match = Fingerprinter.sha256(fp.hash() + "|" + Rules.settingsHash(r));
            if (history.matchedBefore(key, match)) {
                return new Rules.Run(ExecuteReason.OLDER_RUN_MATCHED,
                        run.detail() + "; an older run of this target had this query, but the latest did not");
            }
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + r.displayName() + " (older runs): " + e.getMessage());
        }
        return run;
    }

    private Decision execute(ExecutionType type, ExecuteReason reason, String detail, RunRecord pending) {
        String requestId = pending == null ? ids.next() : pending.requestId();
        if (pending != null) {
            try {
                history.savePending(pending);
            } catch (RuntimeException e) {
                warnings.accept("store write failed for " + pending.displayName()
                        + "; its confirmation will not be recorded: " + e.getMessage());
            }
        }
        return new Decision.Execute(ids.next(), requestId, reason, Wording.execute(type, reason), detail);
    }

    private static String keyOf(SqlRequest r, Fingerprint fp) {
        if (!r.isDataTest()) {
            return Keys.target(r.namespace(), r.targetTable());
        }
        String node = r.labels().getOrDefault("dbt_node_unique_id", r.nodeState().nodeUniqueId());
        return Keys.dataTest(r.namespace(), r.nodeState(), node.isEmpty() ? "sql:" + fp.hash() : node);
    }
}

package dev.dbtstateoss.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers questions with the {@link Rules} over a {@link History}: attaches ids and wording, stores
 * what is pending, looks for clone sources, and records confirmations. A store failure while
 * deciding yields EXECUTE.
 */
public final class DecisionEngine {
    static final String CLONED = "an equivalent model exists under another name so we cloned that one";

    private final History history;
    private final Fingerprinter fingerprinter;
    private final Ids ids;
    private final Consumer<String> warnings;
    private final Lineages lineages;
    private final Explanations explanations;
    private final CloneSources cloneSources;
    private final ReusePolicy policy;
    private final PendingRuns runs;
    private final Confirmations confirmations;

    DecisionEngine(DecisionEngineBuilder b) {
        this.policy = b.policy;
        this.explanations = new Explanations(b.explained, b.archive, b.warnings);
        this.history = b.history;
        this.fingerprinter = b.fingerprinter;
        this.ids = b.ids;
        this.warnings = b.warnings;
        this.lineages = new Lineages(history, ids, warnings);
        this.runs = new PendingRuns(history, ids, warnings, lineages);
        this.confirmations = new Confirmations(history, fingerprinter, runs);
        this.cloneSources = new CloneSources(history, warnings, policy);
    }

    /**
     * An engine over {@code history}; each part not set on the builder is the default: the server's
     * {@link Fingerprinter}, ids from the system clock, warnings and explanations dropped, no archive,
     * {@link ReusePolicy#DEFAULT}.
     */
    public static DecisionEngineBuilder over(History history) {
        return new DecisionEngineBuilder(history);
    }

    public Fingerprinter fingerprinter() {
        return fingerprinter;
    }

    /** The explanations of recent decisions, for the Explain service. */
    public ExplanationLog explanations() {
        return explanations.recent();
    }

    /**
     * The explanations of these decisions, for the Explain service: this process's recent ones from
     * memory, the others from the archive. Ids found nowhere (or when the archive fails) are absent.
     */
    public Map<String, Explanation> explain(List<String> decisionIds) {
        return explanations.find(decisionIds);
    }

    public Decision decide(SqlRequest r) {
        Fingerprint fp = fingerprinter.of(r.sql());
        String key = PendingRuns.keyOf(r, fp);
        Optional<RunRecord> latest;
        try {
            latest = history.latest(key).map(run -> PreClones.asSeenBy(r, fp, run));
        } catch (RuntimeException e) {
            return storeFailed(r.displayName(), r.executionType(), e);
        }
        ViewHashes views = fingerprinter.views(r);
        String settings = Rules.settingsHash(r, views);
        Decision d = decide(r, fp, views, settings, key, latest);
        explanations.add(Explainer.explain(r, key, fp, settings, latest, d));
        return d;
    }

    /** {@code settings} is {@link Rules#settingsHash} of the request, computed once per decision. */
    private Decision decide(SqlRequest r, Fingerprint fp, ViewHashes views, String settings, String key, Optional<RunRecord> latest) {
        Rules.Verdict verdict = verdict(r, fp, views, settings, latest);
        if (verdict instanceof Rules.Reuse reuse) {
            return skip(r.executionType(), reuse, latest.get());
        }
        RunRecord pending = runs.pending(r, fp, views, settings, key);
        Rules.Run run = (Rules.Run) verdict;
        if (CloneSources.candidateReason(run.reason()) && r.allowClones() && pending.cloneKey() != null) {
            Optional<CloneSources.Source> source = cloneSources.find(r, pending);
            if (source.isPresent()) {
                RunRecord s = source.get().run();
                runs.save(pending);
                return new Decision.Clone(ids.next(), pending.requestId(), s.targetTable(), r.targetTable(),
                        s.outcome().targetLastModifiedMs(), s.outcome().runtimeMs(), s.outcome().executionResultsJson(),
                        source.get().cloneSql(), CLONED, "same query built as " + s.targetTable() + " from inputs no older than ours");
            }
        }
        return execute(r.executionType(), olderRunMatched(run, key, pending), pending);
    }

    /**
     * A speculative question (sent while the client may still be reading timestamps): the skip the
     * full question would get, or empty, with nothing stored. Only a skip is ever answered early, so
     * an execution is always decided, and tracked, through {@link #decide}.
     */
    public Optional<Decision> decideSpeculatively(SqlRequest r) {
        Fingerprint fp = fingerprinter.of(r.sql());
        try {
            Optional<RunRecord> latest = history.latest(PendingRuns.keyOf(r, fp)).map(run -> PreClones.asSeenBy(r, fp, run));
            ViewHashes views = fingerprinter.views(r);
            if (verdict(r, fp, views, Rules.settingsHash(r, views), latest) instanceof Rules.Reuse reuse) {
                return Optional.of(skip(r.executionType(), reuse, latest.get()));
            }
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + r.displayName() + " (speculative): " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The rules' verdict, with a tolerance skip withdrawn when changed logic upstream forbids it. */
    private Rules.Verdict verdict(SqlRequest r, Fingerprint fp, ViewHashes views, String settings, Optional<RunRecord> latest) {
        Rules.Verdict verdict = Rules.decide(r, fp, views, settings, latest, policy, () -> fingerprinter.selectStar(r.sql()));
        if (verdict instanceof Rules.Reuse reuse && reuse.stale()
                && !lineages.of(r.namespace(), latest.get().inputs().keySet()).equals(latest.get().inputLineages())) {
            return new Rules.Run(ExecuteReason.UPSTREAM_LOGIC_CHANGED, reuse.detail()
                    + "; but an input was rebuilt with changed logic since, so the lag tolerance does not apply");
        }
        return verdict;
    }

    public Decision decideValues(ValuesRequest r) {
        String key = Keys.target(r.namespace(), r.targetTable());
        Optional<RunRecord> latest;
        try {
            latest = history.latest(key);
        } catch (RuntimeException e) {
            return storeFailed(r.displayName(), ExecutionType.VALUES, e);
        }
        Rules.Verdict verdict = Rules.decideValues(r, latest, policy);
        Decision d = verdict instanceof Rules.Reuse reuse ? skip(ExecutionType.VALUES, reuse, latest.orElseThrow())
                : execute(ExecutionType.VALUES, (Rules.Run) verdict, runs.values(r, key));
        explanations.add(Explainer.explainValues(r, key, d));
        return d;
    }

    /**
     * The Clone service: the client asks to copy {@code source} (e.g. prod) into a missing {@code target}
     * (e.g. dev) before building. Answers a clone where the warehouse can, else an execute.
     */
    public Decision registerClone(String namespace, String dialect, ExecutionType type, String source, String target,
            String sourceTableType, Long sourceLastModifiedMs, Map<String, String> labels, long nowMs) {
        Optional<List<String>> sql = Cloning.cloneSql(dialect, source, target, sourceTableType);
        String name = labels.getOrDefault("dbt_node_unique_id", target);
        if (sql.isEmpty()) {
            return new Decision.Execute(ids.next(), ids.next(), ExecuteReason.UNSUPPORTED_REQUEST,
                    "model was executed because " + dialect + " cannot clone tables", "no clone SQL for dialect " + dialect);
        }
        RunRecord pending = PreClones.pending(ids.next(), namespace, dialect, source, sourceLastModifiedMs, target, name, type,
                nowMs);
        runs.save(pending);
        return new Decision.Clone(null, pending.requestId(), source, target, null, null, null, sql.get(), "",
                "pre-clone of " + source + " requested by the client");
    }

    /**
     * An EXECUTE for when the server cannot decide (an unexpected failure): nothing is stored, so a
     * confirmation of it answers "unknown request".
     */
    public Decision safeExecute(ExecutionType type, String detail) {
        return new Decision.Execute(ids.next(), ids.next(), ExecuteReason.UNSUPPORTED_REQUEST,
                Wording.execute(type, ExecuteReason.UNSUPPORTED_REQUEST), detail);
    }

    /**
     * Records a run the client executed without asking first (WRITE_ONLY mode, speculative runs):
     * the same record a decision plus its confirmation would have left. False when already recorded.
     */
    public boolean recordExecution(SqlRequest r, RunRecord.Outcome outcome) {
        return confirmations.recordExecution(r, outcome);
    }

    /** {@link #recordExecution} for a seed load. */
    public boolean recordValuesExecution(ValuesRequest r, RunRecord.Outcome outcome) {
        return confirmations.recordValuesExecution(r, outcome);
    }

    /** Records a confirmation (see {@link Confirmations#confirm}); store failures propagate. */
    public Confirmation.Outcome confirm(Confirmation c) {
        return confirmations.confirm(c);
    }

    /**
     * The client's report that its post-hooks modified the target of a run after that run was
     * reused or cloned (see {@link ExecutionMetadata}). Store failures propagate.
     */
    public ExecutionMetadata.Outcome updateTargetModified(String executionId, long lastModifiedMs) {
        return ExecutionMetadata.update(history, executionId, lastModifiedMs);
    }

    /** What changed upstream of a confirmed run since the run before it (see {@link UpstreamChanges}). */
    public Optional<List<Explanation.Line>> upstreamChanges(String executionId) {
        try {
            return UpstreamChanges.of(history, executionId);
        } catch (RuntimeException e) {
            warnings.accept("store read failed for run " + executionId + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Decision skip(ExecutionType type, Rules.Reuse reuse, RunRecord last) {
        return new Decision.Skip(ids.next(), reuse.reason(), reuse.stale(), Wording.skip(type, reuse.reason()), reuse.detail(),
                last.outcome().runtimeMs(), last.outcome().executionResultsJson(), last.requestId());
    }

    /** Tells "the target held this query before, but not last" apart (the hosted service's 8/7). */
    private Rules.Run olderRunMatched(Rules.Run run, String key, RunRecord pending) {
        if (run.reason() != ExecuteReason.QUERY_CHANGED && run.reason() != ExecuteReason.SETTINGS_CHANGED) {
            return run;
        }
        try {
            if (history.matchedBefore(key, pending.matchKey())) {
                return new Rules.Run(ExecuteReason.OLDER_RUN_MATCHED,
                        run.detail() + "; an older run of this target had this query, but the latest did not");
            }
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + pending.displayName() + " (older runs): " + e.getMessage());
        }
        return run;
    }

    private Decision execute(ExecutionType type, Rules.Run run, RunRecord pending) {
        runs.save(pending);
        return new Decision.Execute(ids.next(), pending.requestId(), run.reason(),
                Wording.execute(type, run.reason(), run.detail()), run.detail());
    }

    private Decision storeFailed(String name, ExecutionType type, RuntimeException e) {
        warnings.accept("store read failed for " + name + ", answering EXECUTE: " + e.getMessage());
        return new Decision.Execute(ids.next(), ids.next(), ExecuteReason.STORE_ERROR, Wording.execute(type, ExecuteReason.STORE_ERROR),
                "the state store could not be read: " + e.getMessage());
    }


}

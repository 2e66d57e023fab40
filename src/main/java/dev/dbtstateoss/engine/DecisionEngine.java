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

    private DecisionEngine(Builder b) {
        this.policy = b.policy;
        this.explanations = new Explanations(b.explained, b.archive, b.warnings);
        this.history = b.history;
        this.fingerprinter = b.fingerprinter;
        this.ids = b.ids;
        this.warnings = b.warnings;
        this.lineages = new Lineages(history, ids, warnings);
        this.cloneSources = new CloneSources(history, warnings, policy);
    }

    /**
     * An engine over {@code history}; each part not set on the builder is the default: the server's
     * {@link Fingerprinter}, ids from the system clock, warnings and explanations dropped, no archive,
     * {@link ReusePolicy#DEFAULT}.
     */
    public static Builder over(History history) {
        return new Builder(history);
    }

    /** The parts of an engine; {@link #build()} gives the (immutable) engine. */
    public static final class Builder {
        private final History history;
        private Fingerprinter fingerprinter;
        private Ids ids;
        private Consumer<String> warnings = w -> {};
        private Consumer<Explanation> explained = e -> {};
        private ExplanationArchive archive = ExplanationArchive.NONE;
        private ReusePolicy policy = ReusePolicy.DEFAULT;

        private Builder(History history) {
            this.history = java.util.Objects.requireNonNull(history, "history");
        }

        public Builder fingerprinter(Fingerprinter f) {
            this.fingerprinter = f;
            return this;
        }

        /** Where ids and "now" come from. */
        public Builder ids(Ids i) {
            this.ids = i;
            return this;
        }

        /** Receives store failures and other things an operator should see. */
        public Builder warnings(Consumer<String> w) {
            this.warnings = w;
            return this;
        }

        /** Receives the explanation of every decision (e.g. to keep them in the store); it must not block. */
        public Builder explained(Consumer<Explanation> e) {
            this.explained = e;
            return this;
        }

        /** Where the explanations of decisions no longer in memory are looked up. */
        public Builder archive(ExplanationArchive a) {
            this.archive = a;
            return this;
        }

        /** Server settings that narrow reuse (max reuse age, select * on DDL-blind warehouses). */
        public Builder policy(ReusePolicy p) {
            this.policy = p;
            return this;
        }

        public DecisionEngine build() {
            if (fingerprinter == null) {
                fingerprinter = new Fingerprinter();
            }
            if (ids == null) {
                ids = new Ids(java.time.Clock.systemUTC());
            }
            return new DecisionEngine(this);
        }
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
        String key = keyOf(r, fp);
        Optional<RunRecord> latest;
        try {
            latest = history.latest(key).map(run -> PreClones.asSeenBy(r, fp, run));
        } catch (RuntimeException e) {
            return storeFailed(r.displayName(), r.executionType(), e);
        }
        String settings = Rules.settingsHash(r);
        Decision d = decide(r, fp, settings, key, latest);
        explanations.add(Explainer.explain(r, key, fp, settings, latest, d));
        return d;
    }

    /** {@code settings} is {@link Rules#settingsHash} of the request, computed once per decision. */
    private Decision decide(SqlRequest r, Fingerprint fp, String settings, String key, Optional<RunRecord> latest) {
        Rules.Verdict verdict = verdict(r, fp, settings, latest);
        if (verdict instanceof Rules.Reuse reuse) {
            return skip(r.executionType(), reuse, latest.get());
        }
        RunRecord pending = pendingRun(r, fp, settings, key);
        Rules.Run run = (Rules.Run) verdict;
        if (CloneSources.candidateReason(run.reason()) && r.allowClones() && pending.cloneKey() != null) {
            Optional<CloneSources.Source> source = cloneSources.find(r, pending);
            if (source.isPresent()) {
                RunRecord s = source.get().run();
                save(pending);
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
            Optional<RunRecord> latest = history.latest(keyOf(r, fp)).map(run -> PreClones.asSeenBy(r, fp, run));
            if (verdict(r, fp, Rules.settingsHash(r), latest) instanceof Rules.Reuse reuse) {
                return Optional.of(skip(r.executionType(), reuse, latest.get()));
            }
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + r.displayName() + " (speculative): " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The rules' verdict, with a tolerance skip withdrawn when changed logic upstream forbids it. */
    private Rules.Verdict verdict(SqlRequest r, Fingerprint fp, String settings, Optional<RunRecord> latest) {
        Rules.Verdict verdict = Rules.decide(r, fp, settings, latest, policy, () -> fingerprinter.selectStar(r.sql()));
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
                : execute(ExecutionType.VALUES, (Rules.Run) verdict, valuesRun(r, key));
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
        RunRecord pending = PreClones.pending(ids.next(), namespace, source, sourceLastModifiedMs, target, name, type, nowMs);
        save(pending);
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
        Fingerprint fp = fingerprinter.of(r.sql());
        return history.recordConfirmed(pendingRun(r, fp, Rules.settingsHash(r), keyOf(r, fp)).withOutcome(outcome));
    }

    /** {@link #recordExecution} for a seed load. */
    public boolean recordValuesExecution(ValuesRequest r, RunRecord.Outcome outcome) {
        return history.recordConfirmed(valuesRun(r, Keys.target(r.namespace(), r.targetTable())).withOutcome(outcome));
    }

    /**
     * Records a confirmation; store failures propagate as {@link History.HistoryException}. A failed
     * clone is recorded like any run: the client then built the node itself. A pre-clone adopts its
     * source's run where {@link PreClones#adopted} allows, else it is only noted.
     */
    public Confirmation.Outcome confirm(Confirmation c) {
        Optional<RunRecord> pending = history.pending(c.requestId());
        if (pending.isEmpty()) {
            return Confirmation.Outcome.UNKNOWN_REQUEST;
        }
        if (pending.get().confirmed()) {
            return pending.get().kind().equals("clone") ? Confirmation.Outcome.CLONE_NOTED
                    : Confirmation.Outcome.ALREADY_RECORDED;
        }
        RunRecord confirmed = pending.get().withOutcome(new RunRecord.Outcome(c.nowMs(), c.targetLastModifiedMs(),
                c.runtimeMs(), c.executionResultsJson(), c.tableType()));
        if (confirmed.kind().equals("clone")) {
            Optional<RunRecord> adopted = c.failedToClone() ? Optional.empty() : PreClones.adopted(history, confirmed);
            if (adopted.isPresent()) {
                history.recordConfirmed(adopted.get());
            } else {
                history.recordOutcomeOnly(confirmed);
            }
            return Confirmation.Outcome.CLONE_NOTED;
        }
        return history.recordConfirmed(confirmed) ? Confirmation.Outcome.RECORDED : Confirmation.Outcome.ALREADY_RECORDED;
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

    private RunRecord pendingRun(SqlRequest r, Fingerprint fp, String settings, String key) {
        Map<String, Long> inputs = Rules.inputs(r);
        Map<String, String> upstream = lineages.of(r.namespace(), inputs.keySet());
        String lineage = Fingerprinter.sha256(fp.hash() + "|" + settings + "|" + upstream);
        return new RunRecord(ids.next(), key, r.targetTable(), "sql", r.displayName(), r.executionType(), fp.hash(),
                r.nodeState().nodeHash(), settings, Cloning.cloneKey(r), inputs, Rules.viewTexts(r), upstream, lineage, r.nowMs(),
                fp.normalizedSql(), null);
    }

    private RunRecord valuesRun(ValuesRequest r, String key) {
        return new RunRecord(ids.next(), key, r.targetTable(), "values", r.displayName(), ExecutionType.VALUES, r.valuesHash(),
                "", "", null, Map.of(), Map.of(), Map.of(), Fingerprinter.sha256("values|" + r.valuesHash()), r.nowMs(), "", null);
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
        save(pending);
        return new Decision.Execute(ids.next(), pending.requestId(), run.reason(),
                Wording.execute(type, run.reason(), run.detail()), run.detail());
    }

    private void save(RunRecord pending) {
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

    private Decision storeFailed(String name, ExecutionType type, RuntimeException e) {
        warnings.accept("store read failed for " + name + ", answering EXECUTE: " + e.getMessage());
        return new Decision.Execute(ids.next(), ids.next(), ExecuteReason.STORE_ERROR, Wording.execute(type, ExecuteReason.STORE_ERROR),
                "the state store could not be read: " + e.getMessage());
    }

    private static String keyOf(SqlRequest r, Fingerprint fp) {
        if (!r.isDataTest()) {
            return Keys.target(r.namespace(), r.targetTable());
        }
        String node = r.nodeState().nodeUniqueId().isEmpty() ? r.labels().getOrDefault("dbt_node_unique_id", "")
                : r.nodeState().nodeUniqueId();
        return Keys.dataTest(r.namespace(), r.nodeState(), node.isEmpty() ? "sql:" + fp.hash() : node, Rules.inputs(r).keySet());
    }
}

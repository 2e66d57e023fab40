package dev.dbtstateoss.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Finds a run on another target that a node may be cloned from instead of being built. */
final class CloneSources {
    /** A run to clone and the SQL that copies its table. */
    record Source(RunRecord run, List<String> cloneSql) {}

    private final History history;
    private final Consumer<String> warnings;
    private final ReusePolicy policy;

    CloneSources(History history, Consumer<String> warnings, ReusePolicy policy) {
        this.history = history;
        this.warnings = warnings;
        this.policy = policy;
    }

    /** Executions that a clone may replace: the node has no matching run of its own. */
    static boolean candidateReason(ExecuteReason reason) {
        return reason == ExecuteReason.NO_PRIOR_RUN || reason == ExecuteReason.QUERY_CHANGED
                || reason == ExecuteReason.SETTINGS_CHANGED;
    }

    /**
     * The same query built on another target from the same inputs, none of them newer now nor older
     * beyond the dialect's allowance, and the build no older than the max reuse age.
     */
    Optional<Source> find(SqlRequest r, RunRecord pending) {
        Optional<RunRecord> source;
        try {
            source = history.cloneSource(pending.cloneKey());
        } catch (RuntimeException e) {
            warnings.accept("store read failed for " + r.displayName() + " (clone sources): " + e.getMessage());
            return Optional.empty();
        }
        if (source.isEmpty() || source.get().targetKey().equals(pending.targetKey())
                || source.get().outcome().targetLastModifiedMs() == null
                || !source.get().inputs().keySet().equals(pending.inputs().keySet())) {
            return Optional.empty();
        }
        RunRecord s = source.get();
        if (policy.maxReuseAgeMs() > 0 && r.nowMs() - s.decidedAtMs() > policy.maxReuseAgeMs()) {
            return Optional.empty();
        }
        long allowanceMs = FreshnessSignal.of(r.dialect()).backwardAllowanceMs();
        for (Map.Entry<String, Long> in : pending.inputs().entrySet()) {
            Long then = s.inputs().get(in.getKey());
            if (in.getValue() == Long.MIN_VALUE || then == Long.MIN_VALUE || in.getValue() > then
                    || in.getValue() < then - allowanceMs) {
                return Optional.empty();
            }
        }
        return Cloning.cloneSql(r.dialect(), s.targetTable(), r.targetTable(), s.outcome().tableType())
                .map(sql -> new Source(s, sql));
    }
}

package dev.dbtstateoss.engine;

import java.util.Optional;

/**
 * Recording what the client reports after building: a confirmation turns a pending run into a confirmed
 * one; a run executed without asking is recorded as a decision plus its confirmation would have been.
 */
final class Confirmations {
    private final History history;
    private final Fingerprinter fingerprinter;
    private final PendingRuns runs;

    Confirmations(History history, Fingerprinter fingerprinter, PendingRuns runs) {
        this.history = history;
        this.fingerprinter = fingerprinter;
        this.runs = runs;
    }

    /**
     * Records a run the client executed without asking first (WRITE_ONLY mode, speculative runs):
     * the same record a decision plus its confirmation would have left. False when already recorded.
     */
    boolean recordExecution(SqlRequest r, RunRecord.Outcome outcome) {
        Fingerprint fp = fingerprinter.of(r.sql());
        ViewHashes views = fingerprinter.views(r);
        return history.recordConfirmed(runs.pending(r, fp, views, Rules.settingsHash(r, views), PendingRuns.keyOf(r, fp))
                .withOutcome(outcome));
    }

    /** {@link #recordExecution} for a seed load. */
    boolean recordValuesExecution(ValuesRequest r, RunRecord.Outcome outcome) {
        return history.recordConfirmed(runs.values(r, Keys.target(r.namespace(), r.targetTable())).withOutcome(outcome));
    }

    /**
     * Records a confirmation; store failures propagate as {@link History.HistoryException}. A failed
     * clone is recorded like any run: the client then built the node itself. A pre-clone adopts its
     * source's run where {@link PreClones#adopted} allows, else it is only noted.
     */
    Confirmation.Outcome confirm(Confirmation c) {
        Optional<RunRecord> pending = history.pending(c.requestId());
        if (pending.isEmpty()) {
            return Confirmation.Outcome.UNKNOWN_REQUEST;
        }
        if (pending.get().confirmed()) {
            return pending.get().kind() == RunKind.CLONE ? Confirmation.Outcome.CLONE_NOTED
                    : Confirmation.Outcome.ALREADY_RECORDED;
        }
        RunRecord confirmed = pending.get().withOutcome(new RunRecord.Outcome(c.nowMs(), c.targetLastModifiedMs(),
                c.runtimeMs(), c.executionResultsJson(), c.tableType()));
        if (confirmed.kind() == RunKind.CLONE) {
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
}

package dev.dbtstateoss.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Pre-clones (Clone/RegisterClone, then ConfirmExecution): the client copied a missing table (dev)
 * from its source (prod). Like the hosted service, a confirmed pre-clone makes the source's
 * confirmed run (query, settings, inputs, lineage, runtime, results) the target's latest run, with
 * the target's timestamp from the confirmation, so the next decision about the copy can skip. The
 * usual rules still decide that: the same query (once the node's own table is taken out, as
 * {@link Cloning} compares builds in other environments), inputs no newer, the copy not modified
 * since.
 */
final class PreClones {
    private PreClones() {}

    /** The pending record of a pre-clone: its one input is the source, as the client last read it. */
    static RunRecord pending(String requestId, String namespace, String dialect, String source, Long sourceLastModifiedMs,
            String target, String name, ExecutionType type, long nowMs) {
        return RunRecord.builder().requestId(requestId).targetKey(Keys.target(namespace, target)).targetTable(target)
                .kind(RunKind.CLONE).displayName(name).executionType(type).dialect(dialect)
                .inputs(Map.of(source, sourceLastModifiedMs == null ? Long.MIN_VALUE : sourceLastModifiedMs))
                .decidedAtMs(nowMs).build();
    }

    /**
     * The run a confirmed pre-clone adopts: the source's latest confirmed run, when the client's read
     * of the source (at RegisterClone) is as that run left it (no newer, and no older beyond the
     * dialect's {@link FreshnessSignal#backwardAllowanceMs}: an older read means rows were deleted or
     * the table restored or re-created since) and the confirmation says when the copy was made.
     * Empty otherwise (the pre-clone is then only noted).
     */
    static Optional<RunRecord> adopted(History history, RunRecord confirmedPreClone) {
        if (confirmedPreClone.inputs().size() != 1 || confirmedPreClone.outcome().targetLastModifiedMs() == null) {
            return Optional.empty();
        }
        Map.Entry<String, Long> source = confirmedPreClone.inputs().entrySet().iterator().next();
        Optional<RunRecord> run = history.latest(Keys.sibling(confirmedPreClone.targetKey(), source.getKey()));
        if (run.isEmpty() || run.get().kind() != RunKind.SQL || !run.get().confirmed()) {
            return Optional.empty();
        }
        RunRecord s = run.get();
        Long built = s.outcome().targetLastModifiedMs();
        long read = source.getValue();
        long allowanceMs = FreshnessSignal.of(confirmedPreClone.dialect()).backwardAllowanceMs();
        if (built == null || read == Long.MIN_VALUE || read > built || read < built - allowanceMs) {
            return Optional.empty();
        }
        RunRecord.Outcome o = confirmedPreClone.outcome();
        return Optional.of(s.toBuilder().requestId(confirmedPreClone.requestId()).targetKey(confirmedPreClone.targetKey())
                .targetTable(confirmedPreClone.targetTable()).kind(RunKind.CLONE).displayName(confirmedPreClone.displayName())
                .outcome(new RunRecord.Outcome(o.confirmedAtMs(), o.targetLastModifiedMs(), s.outcome().runtimeMs(),
                        s.outcome().executionResultsJson(), o.tableType() != null ? o.tableType() : s.outcome().tableType()))
                .build());
    }

    /**
     * A run adopted from a pre-clone holds the source's SQL, which names the source's own table: the
     * request's query counts as the same when it is the same once each names its own table as SELF
     * (the same {@link Cloning#cloneKey}). Any other run is returned as it is.
     */
    static RunRecord asSeenBy(SqlRequest r, Fingerprint fp, RunRecord run) {
        if (run.kind() != RunKind.CLONE || run.fingerprint().isEmpty() || run.fingerprint().equals(fp.hash())
                || run.cloneKey() == null || !run.cloneKey().equals(Cloning.cloneKey(r))) {
            return run;
        }
        return run.toBuilder().fingerprint(fp.hash()).build();
    }
}

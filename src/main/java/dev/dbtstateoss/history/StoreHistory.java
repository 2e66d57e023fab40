package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.AtomicBatches;
import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's {@link History} over any {@link StateStore}, as JSON documents (format 2; see
 * {@link RunJson} for a run's fields and {@link Layout} for the keys):
 *
 * <pre>
 * format                       {"format": 2}; a newer format is refused, format 1 must be migrated (migrate-store)
 * runs/&lt;request&gt;               every decision to execute, replaced in place by its confirmed run: the one copy of a run
 * sql/&lt;month&gt;/&lt;s&gt;              the normalized SQL of runs decided that month (UTC), once per distinct text s
 * targets/&lt;h&gt;/latest            a copy of the newest confirmed run of the key hashed to h, SQL inline: what a decision reads
 * targets/&lt;h&gt;/weeks/&lt;w&gt;        the request ids of the key's confirmed runs by week of decision, one per line (listings)
 * targets/&lt;h&gt;/matches/&lt;m&gt;       marks that some confirmed run had query+settings m (see RunRecord.matchKey)
 * targets/&lt;h&gt;/decided            the request id of the newest decision to build the target (confirmed or not)
 * targets/&lt;h&gt;/explained          why the newest decision about the target was taken (written in the background)
 * explanations/&lt;s&gt;/&lt;batch&gt;      why each decision of second s was taken, gzip (written in the background; ExplanationStore)
 * clones/&lt;c&gt;                   which run is the newest confirmed one with clone key c, on any target (see Cloning)
 * </pre>
 *
 * A decision reads one document. An EXECUTE writes its run and the decided mark; a confirmation
 * replaces the run and advances latest, the week's list and the marks, each with a condition, so
 * servers sharing a store never lose each other's runs. On a store with {@link AtomicBatches} the
 * writes of one event are committed together. Old documents are removed by {@link Retention}.
 */
public final class StoreHistory implements History {
    public static final int FORMAT = 2;

    private final StateStore store;
    private final AtomicBatches batches;
    private final SqlTexts sql;
    private final DecodedRuns decodedLatest = new DecodedRuns();

    /** Opens the history, writing the format marker into an empty store and refusing any other format. */
    public StoreHistory(StateStore store) {
        this(store, true);
    }

    /**
     * Opens the history for reading only: nothing is written, and a store without the format marker
     * (one no server of this project wrote to) is refused, like one of another format.
     */
    public static StoreHistory forReading(StateStore store) {
        return new StoreHistory(store, false);
    }

    private StoreHistory(StateStore store, boolean create) {
        this.store = store;
        this.batches = store instanceof AtomicBatches b ? b : null;
        this.sql = new SqlTexts(store);
        int format = StoreFormat.open(store, create);
        if (format != FORMAT) {
            throw new StateStore.StoreException(StoreFormat.refusal(store, format), null);
        }
    }

    public StateStore store() {
        return store;
    }

    /** Whether the writes of one event are committed together (the store has {@link AtomicBatches}). */
    public boolean batched() {
        return batches != null;
    }

    /** The explanations part of this store (see {@link ExplanationStore}). */
    public ExplanationStore explanations() {
        return new ExplanationStore(store);
    }

    /** The latest run of every target (a listing of the store: for inspection, never per decision). */
    public List<RunRecord> allLatest() {
        return listing().allLatest();
    }

    /** Every confirmed run of a target still stored, oldest first (request ids are UUIDv7). */
    public List<RunRecord> runs(String targetKey) {
        return listing().runs(targetKey);
    }

    @Override
    public Optional<RunRecord> before(String targetKey, String requestId) {
        return listing().before(targetKey, requestId);
    }

    private RunListing listing() {
        return new RunListing(store, this::readRun);
    }

    @Override
    public Optional<RunRecord> latest(String targetKey) {
        String key = Layout.latestKey(targetKey);
        return guard(() -> store.readValue(key)).map(v -> decodedLatest.decode(key, v, value -> decode(key, value)).run());
    }

    @Override
    public Optional<RunRecord> cloneSource(String cloneKey) {
        Optional<ClonePointer> pointer = guard(() -> store.readValue(Layout.cloneIndexKey(cloneKey))).map(ClonePointer::decode);
        if (pointer.isEmpty()) {
            return Optional.empty();
        }
        Optional<RunRecord> holding = latest(pointer.get().targetKey());
        return holding.filter(r -> r.requestId().equals(pointer.get().requestId()) && cloneKey.equals(r.cloneKey()));
    }

    @Override
    public void recordOutcomeOnly(RunRecord confirmed) {
        String key = Layout.runKey(confirmed.requestId());
        ConditionalUpdate.apply(store, key, current -> RunJson.encode(confirmed, sqlKeyOf(key, current, confirmed)));
    }

    @Override
    public boolean recordTargetModified(RunRecord run, long lastModifiedMs) {
        String latest = Layout.latestKey(run.targetKey());
        boolean[] changed = {false};
        ConditionalUpdate.apply(store, latest, current -> {
            changed[0] = false;
            RunRecord now = current.map(b -> decode(latest, b.value()).run()).orElse(null);
            if (now == null || !now.requestId().equals(run.requestId()) || !now.confirmed()
                    || now.outcome().targetLastModifiedMs() == null || now.outcome().targetLastModifiedMs() >= lastModifiedMs) {
                return null;
            }
            changed[0] = true;
            return RunJson.encode(now.withTargetModified(lastModifiedMs), null);
        });
        if (!changed[0]) {
            return false;
        }
        String key = Layout.runKey(run.requestId());
        ConditionalUpdate.apply(store, key, current -> {
            RunJson.Decoded now = current.map(b -> decode(key, b.value())).orElse(null);
            return now == null || !now.run().confirmed() || (now.run().outcome().targetLastModifiedMs() != null
                    && now.run().outcome().targetLastModifiedMs() >= lastModifiedMs)
                    ? null : RunJson.encode(now.run().withTargetModified(lastModifiedMs), now.sqlKey());
        });
        return true;
    }

    @Override
    public void noteDecided(String targetKey, String requestId) {
        ConditionalUpdate.apply(store, Layout.decidedKey(targetKey), current ->
                current.isPresent() && new String(current.get().value(), StandardCharsets.UTF_8).equals(requestId)
                        ? null : bytes(requestId));
    }

    @Override
    public Optional<String> lastDecided(String targetKey) {
        return guard(() -> store.readValue(Layout.decidedKey(targetKey))).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public boolean matchedBefore(String targetKey, String matchKey) {
        return guard(() -> store.readValue(Layout.matchKey(targetKey, matchKey))).isPresent();
    }

    @Override
    public void savePending(RunRecord pending) {
        String sqlKey = sql.put(pending.requestId(), pending.normalizedSql());
        guard(() -> store.createIfAbsent(Layout.runKey(pending.requestId()), RunJson.encode(pending, sqlKey)));
    }

    /** The run and the decided mark in one commit where the store can, else as {@link History} does. */
    @Override
    public void saveDecision(RunRecord pending) {
        if (batches == null) {
            History.super.saveDecision(pending);
            return;
        }
        String sqlKey = sql.put(pending.requestId(), pending.normalizedSql());
        String decided = Layout.decidedKey(pending.targetKey());
        for (int attempt = 0; attempt < ConditionalUpdate.MAX_ATTEMPTS; attempt++) {
            Optional<StateStore.Blob> mark = guard(() -> store.read(decided));
            List<AtomicBatches.Write> writes = new ArrayList<>();
            writes.add(new AtomicBatches.CreateIfAbsent(Layout.runKey(pending.requestId()), RunJson.encode(pending, sqlKey)));
            writes.add(mark.isEmpty() ? new AtomicBatches.CreateIfAbsent(decided, bytes(pending.requestId()))
                    : new AtomicBatches.ReplaceIfVersion(decided, bytes(pending.requestId()), mark.get().version()));
            if (guard(() -> batches.applyAll(writes))) {
                return;
            }
            if (guard(() -> store.readValue(Layout.runKey(pending.requestId()))).isPresent()) {
                noteDecided(pending.targetKey(), pending.requestId()); // the run was saved before: only the mark is due
                return;
            }
        }
        throw new HistoryException("too many concurrent writers on " + decided + " in " + store.describe(), null);
    }

    @Override
    public Optional<RunRecord> pending(String requestId) {
        if (!Layout.REQUEST_ID.matcher(requestId).matches()) {
            return Optional.empty();
        }
        return readRun(requestId);
    }

    @Override
    public boolean recordConfirmed(RunRecord confirmed) {
        return new Confirming(store, batches, sql, confirmed).record();
    }

    /** The run document with this id, its SQL read back from its text document. */
    private Optional<RunRecord> readRun(String requestId) {
        String key = Layout.runKey(requestId);
        return guard(() -> store.readValue(key)).map(v -> withSql(decode(key, v)));
    }

    private RunRecord withSql(RunJson.Decoded d) {
        return d.sqlKey() == null ? d.run() : Confirming.withSql(d.run(), sql.text(d.sqlKey()));
    }

    private String sqlKeyOf(String key, Optional<StateStore.Blob> current, RunRecord run) {
        return current.map(b -> decode(key, b.value()).sqlKey()).orElseGet(() -> sql.put(run.requestId(), run.normalizedSql()));
    }

    RunJson.Decoded decode(String key, byte[] value) {
        try {
            return RunJson.decode(value);
        } catch (RuntimeException e) {
            throw new HistoryException("unreadable record " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    interface StoreCall<T> {
        T call();
    }

    static <T> T guard(StoreCall<T> call) {
        try {
            return call.call();
        } catch (StateStore.StoreException e) {
            throw new HistoryException(e.getMessage(), e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

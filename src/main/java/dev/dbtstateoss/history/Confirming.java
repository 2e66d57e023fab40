package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.History.HistoryException;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.AtomicBatches;
import dev.dbtstateoss.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writes of one confirmation: the run document replaced by the confirmed run, the run's id in
 * its target's list of the week, the match mark, and latest and the clone index advanced unless a
 * newer confirmed run holds them. With {@link AtomicBatches} they are committed together (and
 * retried as a whole on a conflict); otherwise the run comes first, so a confirmation cut short and
 * repeated finds the run and completes the rest.
 */
final class Confirming {
    private final StateStore store;
    private final AtomicBatches batches;
    private final SqlTexts sql;
    private final RunRecord confirmed;
    private final String runKey;

    Confirming(StateStore store, AtomicBatches batches, SqlTexts sql, RunRecord confirmed) {
        this.store = store;
        this.batches = batches;
        this.sql = sql;
        this.confirmed = confirmed;
        this.runKey = Layout.runKey(confirmed.requestId());
    }

    /** True when this confirmation was recorded now, false when the run was confirmed before. */
    boolean record() {
        for (int attempt = 0; attempt < ConditionalUpdate.MAX_ATTEMPTS; attempt++) {
            Optional<StateStore.Blob> run = StoreHistory.guard(() -> store.read(runKey));
            RunJson.Decoded current = run.map(b -> decode(runKey, b.value())).orElse(null);
            boolean created = current == null || !current.run().confirmed();
            RunRecord stored = created ? confirmed : current.run();
            String sqlKey = current != null ? current.sqlKey() : sql.put(confirmed.requestId(), confirmed.normalizedSql());
            String sqlText = created ? confirmed.normalizedSql() : sql.text(sqlKey);
            if (batches != null) {
                List<AtomicBatches.Write> writes = new ArrayList<>();
                if (created) {
                    writes.add(write(runKey, run, RunJson.encode(stored, sqlKey)));
                }
                writes.addAll(rest(stored, sqlText));
                if (writes.isEmpty() || StoreHistory.guard(() -> batches.applyAll(writes))) {
                    return created;
                }
                continue; // another writer came first: read again
            }
            if (created && !StoreHistory.guard(() -> run.isEmpty() ? store.createIfAbsent(runKey, RunJson.encode(stored, sqlKey))
                    : store.replaceIfVersion(runKey, RunJson.encode(stored, sqlKey), run.get().version()))) {
                continue;
            }
            String week = Layout.weekKey(stored.targetKey(), stored.requestId());
            ConditionalUpdate.apply(store, week, b -> withId(b, stored.requestId()));
            String match = Layout.matchKey(stored.targetKey(), stored.matchKey());
            StoreHistory.guard(() -> store.createIfAbsent(match, StoreHistory.bytes(stored.requestId())));
            String latest = Layout.latestKey(stored.targetKey());
            ConditionalUpdate.apply(store, latest, b -> latestValue(b, stored, sqlText));
            if (stored.cloneKey() != null) {
                ConditionalUpdate.apply(store, Layout.cloneIndexKey(stored.cloneKey()), b -> pointerValue(b, stored));
            }
            return created;
        }
        throw new HistoryException("too many concurrent writers on " + runKey + " in " + store.describe(), null);
    }

    /** The writes besides the run's own, for a batch: only those that change something. */
    private List<AtomicBatches.Write> rest(RunRecord stored, String sqlText) {
        List<AtomicBatches.Write> writes = new ArrayList<>();
        String week = Layout.weekKey(stored.targetKey(), stored.requestId());
        Optional<StateStore.Blob> listed = StoreHistory.guard(() -> store.read(week));
        byte[] ids = withId(listed, stored.requestId());
        if (ids != null) {
            writes.add(write(week, listed, ids));
        }
        String match = Layout.matchKey(stored.targetKey(), stored.matchKey());
        if (StoreHistory.guard(() -> store.readValue(match)).isEmpty()) {
            writes.add(new AtomicBatches.CreateIfAbsent(match, StoreHistory.bytes(stored.requestId())));
        }
        String latest = Layout.latestKey(stored.targetKey());
        Optional<StateStore.Blob> now = StoreHistory.guard(() -> store.read(latest));
        byte[] value = latestValue(now, stored, sqlText);
        if (value != null) {
            writes.add(write(latest, now, value));
        }
        if (stored.cloneKey() != null) {
            String clone = Layout.cloneIndexKey(stored.cloneKey());
            Optional<StateStore.Blob> pointer = StoreHistory.guard(() -> store.read(clone));
            byte[] p = pointerValue(pointer, stored);
            if (p != null) {
                writes.add(write(clone, pointer, p));
            }
        }
        return writes;
    }

    private static AtomicBatches.Write write(String key, Optional<StateStore.Blob> current, byte[] value) {
        return current.isEmpty() ? new AtomicBatches.CreateIfAbsent(key, value)
                : new AtomicBatches.ReplaceIfVersion(key, value, current.get().version());
    }

    /** The week's list with the id added, or null when it is there already. */
    static byte[] withId(Optional<StateStore.Blob> current, String id) {
        String ids = current.map(b -> new String(b.value(), java.nio.charset.StandardCharsets.UTF_8)).orElse("");
        if (!ids.isEmpty() && List.of(ids.split("\n")).contains(id)) {
            return null;
        }
        return StoreHistory.bytes(ids.isEmpty() ? id : ids + "\n" + id);
    }

    private byte[] latestValue(Optional<StateStore.Blob> current, RunRecord run, String sqlText) {
        if (current.isPresent() && !newer(run, decode(Layout.latestKey(run.targetKey()), current.get().value()).run())) {
            return null;
        }
        return RunJson.encode(withSql(run, sqlText), null);
    }

    private static byte[] pointerValue(Optional<StateStore.Blob> current, RunRecord run) {
        return current.isEmpty() || ClonePointer.decode(current.get().value()).olderThan(run) ? ClonePointer.of(run).encode() : null;
    }

    /** Later confirmation wins; ties go to the later request id. */
    static boolean newer(RunRecord a, RunRecord b) {
        long ca = a.confirmed() ? a.outcome().confirmedAtMs() : Long.MIN_VALUE;
        long cb = b.confirmed() ? b.outcome().confirmedAtMs() : Long.MIN_VALUE;
        return ca != cb ? ca > cb : a.requestId().compareTo(b.requestId()) > 0;
    }

    static RunRecord withSql(RunRecord r, String sqlText) {
        return r.toBuilder().normalizedSql(sqlText).build();
    }

    private RunJson.Decoded decode(String key, byte[] value) {
        try {
            return RunJson.decode(value);
        } catch (RuntimeException e) {
            throw new HistoryException("unreadable record " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }
}

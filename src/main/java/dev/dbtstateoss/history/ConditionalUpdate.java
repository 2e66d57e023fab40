package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.store.StateStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read, change, write with a condition, retried: the one way documents of the history are updated,
 * so servers sharing a store never overwrite each other's writes.
 */
final class ConditionalUpdate {
    static final int MAX_ATTEMPTS = 50;

    private ConditionalUpdate() {}

    /**
     * Writes {@code change(current)} at {@code key}: create-if-absent when the key is absent, else
     * replace-if-version of the value that was read; on a conflict, reads and tries again. A change
     * that returns null writes nothing (the key already says what it should).
     */
    static void apply(StateStore store, String key, Function<Optional<StateStore.Blob>, byte[]> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StateStore.Blob> current = StoreHistory.guard(() -> store.read(key));
            byte[] value = change.apply(current);
            if (value == null) {
                return;
            }
            boolean done = current.isEmpty()
                    ? StoreHistory.guard(() -> store.createIfAbsent(key, value))
                    : StoreHistory.guard(() -> store.replaceIfVersion(key, value, current.get().version()));
            if (done) {
                return;
            }
        }
        throw new History.HistoryException("too many concurrent writers on " + key + " in " + store.describe(), null);
    }
}

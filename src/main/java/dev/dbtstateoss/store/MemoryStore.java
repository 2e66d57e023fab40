package dev.dbtstateoss.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A store in memory: for tests, replay, and a server whose history may vanish on restart. Writes
 * are serialized, so {@link #applyAll} applies a batch with no other write in between.
 */
public final class MemoryStore implements StateStore, AtomicBatches {
    private record Entry(byte[] value, String version) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override

    public Optional<byte[]> readValue(String key) {

        StateStore.checkKey(key);

        Entry e = entries.get(key);

        return e == null ? Optional.empty() : Optional.of(e.value().clone());

    }


    @Override
    public Optional<Blob> read(String key) {
        StateStore.checkKey(key);
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(new Blob(e.value().clone(), e.version()));
    }

    @Override
    public synchronized boolean createIfAbsent(String key, byte[] value) {
        StateStore.checkKey(key);
        return entries.putIfAbsent(key, entry(value)) == null;
    }

    @Override
    public synchronized boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        StateStore.checkKey(key);
        boolean[] replaced = {false};
        entries.computeIfPresent(key, (k, current) -> {
            if (!current.version().equals(expectedVersion)) {
                return current;
            }
            replaced[0] = true;
            return entry(value);
        });
        return replaced[0];
    }

    @Override
    public synchronized boolean deleteIfVersion(String key, String expectedVersion) {
        StateStore.checkKey(key);
        boolean[] deleted = {false};
        entries.computeIfPresent(key, (k, current) -> {
            if (!current.version().equals(expectedVersion)) {
                return current;
            }
            deleted[0] = true;
            return null;
        });
        return deleted[0];
    }

    @Override
    public synchronized boolean applyAll(List<Write> writes) {
        for (Write w : writes) {
            StateStore.checkKey(w.key());
            Entry e = entries.get(w.key());
            boolean holds = w instanceof CreateIfAbsent ? e == null
                    : w instanceof ReplaceIfVersion r ? e != null && e.version().equals(r.expectedVersion())
                    : e != null && e.version().equals(((DeleteIfVersion) w).expectedVersion());
            if (!holds) {
                return false;
            }
        }
        if (writes.stream().map(Write::key).distinct().count() != writes.size()) {
            throw new IllegalArgumentException("a batch writes each key once");
        }
        for (Write w : writes) {
            if (w instanceof CreateIfAbsent c) {
                entries.put(c.key(), entry(c.value()));
            } else if (w instanceof ReplaceIfVersion r) {
                entries.put(r.key(), entry(r.value()));
            } else {
                entries.remove(w.key());
            }
        }
        return true;
    }

    @Override
    public Stream<String> list(String prefix) {
        return entries.keySet().stream().filter(k -> k.startsWith(prefix)).sorted();
    }

    @Override
    public String describe() {
        return "memory";
    }

    private Entry entry(byte[] value) {
        return new Entry(Arrays.copyOf(value, value.length), Long.toString(versions.incrementAndGet()));
    }
}

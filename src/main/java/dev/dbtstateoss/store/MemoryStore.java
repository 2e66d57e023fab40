package dev.dbtstateoss.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** A store in memory: for tests, replay, and a server whose history may vanish on restart. */
public final class MemoryStore implements StateStore {
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
    public boolean createIfAbsent(String key, byte[] value) {
        StateStore.checkKey(key);
        return entries.putIfAbsent(key, entry(value)) == null;
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
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
    public boolean deleteIfVersion(String key, String expectedVersion) {
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

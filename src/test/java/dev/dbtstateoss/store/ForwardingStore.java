package dev.dbtstateoss.store;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * For tests: a store that hands every call to {@code inner}, after {@link #before} with the call's
 * operation (read, read_value, create_if_absent, replace_if_version, delete_if_version, list), where
 * a test slows, counts or fails calls.
 */
public class ForwardingStore implements StateStore {
    protected final StateStore inner;

    public ForwardingStore(StateStore inner) {
        this.inner = inner;
    }

    /** Runs before each call; may sleep or throw a {@link StoreException}. */
    protected void before(String operation) {}

    @Override
    public Optional<Blob> read(String key) {
        before("read");
        return inner.read(key);
    }

    @Override
    public Optional<byte[]> readValue(String key) {
        before("read_value");
        return inner.readValue(key);
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        before("create_if_absent");
        return inner.createIfAbsent(key, value);
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        before("replace_if_version");
        return inner.replaceIfVersion(key, value, expectedVersion);
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        before("delete_if_version");
        return inner.deleteIfVersion(key, expectedVersion);
    }

    @Override
    public Stream<String> list(String prefix) {
        before("list");
        return inner.list(prefix);
    }

    @Override
    public String describe() {
        return "test store over " + inner.describe();
    }

    /** Sleeps, as a slow store would; an interrupt ends the call as a store failure. */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
    }
}

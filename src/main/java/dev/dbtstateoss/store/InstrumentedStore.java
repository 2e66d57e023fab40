package dev.dbtstateoss.store;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A store that reports every call (operation, backend, whether it failed, how long it took) to a
 * {@link Calls} listener and otherwise changes nothing: values, versions and exceptions pass through.
 * The listener is how the server's metrics see the store without this package knowing them.
 */
public final class InstrumentedStore implements StateStore {
    /** Receives one report per store call. */
    @FunctionalInterface
    public interface Calls {
        /**
         * @param operation read, create_if_absent, replace_if_version or list
         * @param backend the store's kind (memory, local, s3, azure, gcs, onelake)
         * @param failed true when the call threw
         */
        void call(String operation, String backend, boolean failed, long nanos);
    }

    private final StateStore delegate;
    private final String backend;
    private final Calls calls;

    public InstrumentedStore(StateStore delegate, String backend, Calls calls) {
        this.delegate = delegate;
        this.backend = backend;
        this.calls = calls;
    }

    @Override
    public Optional<Blob> read(String key) {
        return timed("read", () -> delegate.read(key));
    }

    @Override
    public Optional<byte[]> readValue(String key) {
        return timed("read", () -> delegate.readValue(key));
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        return timed("create_if_absent", () -> delegate.createIfAbsent(key, value));
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        return timed("replace_if_version", () -> delegate.replaceIfVersion(key, value, expectedVersion));
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        return timed("delete_if_version", () -> delegate.deleteIfVersion(key, expectedVersion));
    }

    /** Counts the listing call itself (not the consumption of the stream). */
    @Override
    public Stream<String> list(String prefix) {
        return timed("list", () -> delegate.list(prefix));
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = call.get();
            failed = false;
            return result;
        } finally {
            calls.call(operation, backend, failed, System.nanoTime() - start);
        }
    }
}

package dev.dbtstateoss.store;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A small blob store of keys ("a/b/c", lower-case letters, digits, '-', '_', '.', '/') to bytes, with
 * the write semantics in the method names. Every write is atomic (a reader sees the old value or the
 * new one, never a mix) and durable when the method returns. Failures throw {@link StoreException}.
 */
public interface StateStore extends AutoCloseable {

    /** The value and its version, or empty when the key is absent. */
    Optional<Blob> read(String key);

    /**
     * The value alone, or empty when the key is absent: for reads that will not be followed by a
     * conditional write (every read on the decision path), where a backend may skip computing the
     * version. Deliberately without a default, so that every backend and every decorator states how
     * it serves this fast path and none drops it by inheriting a slower one.
     */
    Optional<byte[]> readValue(String key);

    /** Writes the value only if the key is absent; false when it exists (nothing is changed). */
    boolean createIfAbsent(String key, byte[] value);

    /** Replaces the value only if its current version is {@code expectedVersion}; false otherwise. */
    boolean replaceIfVersion(String key, byte[] value, String expectedVersion);

    /**
     * Deletes the key only if its current version is {@code expectedVersion}; false when it is absent
     * or holds another version (nothing is changed). Used to expire records nobody will ask for again.
     */
    boolean deleteIfVersion(String key, String expectedVersion);

    /** Every key under a prefix, in no particular order (used by inspect and migration, not per decision). */
    Stream<String> list(String prefix);

    /** Where the data lives, for logs and errors. */
    String describe();

    @Override
    default void close() {}

    /** A stored value and its opaque version (changes on every write). */
    record Blob(byte[] value, String version) {}

    /** The store failed (I/O, unreachable, corrupt); the message says which key and why. */
    final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static void checkKey(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//") || key.contains("..")
                || !key.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                        || c == '.' || c == '/')) {
            throw new IllegalArgumentException("invalid store key: " + key);
        }
    }
}

package dev.dbtstateoss.store;

import java.util.List;

/**
 * An optional capability of a store that can apply several writes as one: all of them take effect,
 * or none does. The history uses it, where a backend offers it, to commit the writes of one event
 * together (an EXECUTE's pending run and decided mark; a confirmation's run, latest and marks).
 */
public interface AtomicBatches {

    /**
     * Applies every write or none, durable when the method returns. False, with nothing changed, when
     * the condition of any write does not hold (a created key exists, a version differs).
     */
    boolean applyAll(List<Write> writes);

    /** One write of a batch, with the same semantics as the {@link StateStore} method of its name. */
    sealed interface Write {
        String key();
    }

    /** As {@link StateStore#createIfAbsent}. */
    record CreateIfAbsent(String key, byte[] value) implements Write {}

    /** As {@link StateStore#replaceIfVersion}. */
    record ReplaceIfVersion(String key, byte[] value, String expectedVersion) implements Write {}

    /** As {@link StateStore#deleteIfVersion}. */
    record DeleteIfVersion(String key, String expectedVersion) implements Write {}
}

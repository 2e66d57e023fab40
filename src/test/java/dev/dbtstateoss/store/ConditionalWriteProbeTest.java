package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start check for services known only from their documentation, on stores that keep or break the rules. */
class ConditionalWriteProbeTest {
    @Test
    void aStoreThatHonoursItsConditionsPassesAndKeepsNothing() {
        MemoryStore store = new MemoryStore();
        ConditionalWriteProbe.verify(store, ".probe", "memory");
        assertEquals(List.of(), store.list("").toList());
    }

    /** A service that ignores If-None-Match: a second create overwrites. */
    @Test
    void aStoreThatOverwritesOnCreateIsRefused() {
        StateStore ignoring = new ForwardingStore(new MemoryStore()) {
            @Override
            public boolean createIfAbsent(String key, byte[] value) {
                if (!inner.createIfAbsent(key, value)) {
                    inner.replaceIfVersion(key, value, inner.read(key).orElseThrow().version());
                }
                return true;
            }
        };
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class,
                () -> ConditionalWriteProbe.verify(ignoring, ".probe", "the service"));
        assertTrue(e.getMessage().contains("If-None-Match") && e.getMessage().contains("the service"), e.getMessage());
    }

    /** A service that ignores If-Match on deletes. */
    @Test
    void aStoreThatDeletesWhateverTheVersionIsRefused() {
        StateStore ignoring = new ForwardingStore(new MemoryStore()) {
            @Override
            public boolean deleteIfVersion(String key, String expectedVersion) {
                return inner.read(key).map(b -> inner.deleteIfVersion(key, b.version())).orElse(false);
            }
        };
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class,
                () -> ConditionalWriteProbe.verify(ignoring, ".probe", "the service"));
        assertTrue(e.getMessage().contains("If-Match on a delete"), e.getMessage());
    }
}

package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stores that wrap another pass its fast value read on, so no read on the decision path computes a version. */
class DecoratorsReadValueTest {
    /** A store that counts which read it was asked for. */
    static final class Counting extends ForwardingStore {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger valueReads = new AtomicInteger();

        Counting() {
            super(new MemoryStore());
        }

        @Override
        protected void before(String operation) {
            (operation.equals("read") ? reads : operation.equals("read_value") ? valueReads : new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    void prefixedAndInstrumentedStoresForwardReadValue() {
        Counting inner = new Counting();
        AtomicInteger timed = new AtomicInteger();
        StateStore wrapped = new InstrumentedStore(PrefixedStore.forOrg(inner, "acme"), "memory",
                (operation, backend, failed, nanos) -> timed.incrementAndGet());
        wrapped.createIfAbsent("k", "v".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), wrapped.readValue("k").orElseThrow());
        assertEquals(1, inner.valueReads.get());
        assertEquals(0, inner.reads.get(), "no versioned read behind the value read");
        assertEquals(2, timed.get(), "the value read is timed like any read");
    }
}

package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

public class DecodedRunsTest {
    @Test
    void theSameBytesAreDecodedOnceAndChangedBytesAgain() {
        DecodedRuns cache = new DecodedRuns();
        AtomicInteger decodes = new AtomicInteger();
        byte[] first = RunJson.encode(StoreHistoryTest.pending("r1", "fp1"), null);
        byte[] second = RunJson.encode(StoreHistoryTest.pending("r2", "fp1"), null);
        RunJson.Decoded a = cache.decode("k", first, v -> {
            decodes.incrementAndGet();
            return RunJson.decode(v);
        });
        RunJson.Decoded again = cache.decode("k", first.clone(), v -> {
            decodes.incrementAndGet();
            return RunJson.decode(v);
        });
        assertSame(a, again);
        assertEquals(1, decodes.get());
        RunJson.Decoded changed = cache.decode("k", second, v -> {
            decodes.incrementAndGet();
            return RunJson.decode(v);
        });
        assertEquals("r2", changed.run().requestId());
        assertEquals(2, decodes.get());
        assertEquals("r1", cache.decode("other", first, RunJson::decode).run().requestId());
    }

    @Test
    void latestFollowsEveryConfirmation() {
        StoreHistory h = new StoreHistory(new dev.dbtstateoss.store.MemoryStore());
        for (int i = 0; i < 5; i++) {
            h.recordConfirmed(StoreHistoryTest.pending(StoreHistoryTest.idAt(1_800_000_000_000L + i, i), "fp" + i)
                    .withOutcome(StoreHistoryTest.at(1_800_000_000_000L + i)));
            assertEquals("fp" + i, h.latest("table||\"t\"").orElseThrow().fingerprint());
        }
    }
}

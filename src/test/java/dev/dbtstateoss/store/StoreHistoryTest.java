package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreHistoryTest {
    static RunRecord pending(String id, String fingerprint) {
        return new RunRecord(id, "table||\"t\"", "\"t\"", "sql", "model.p.t", ExecutionType.FULL, fingerprint, "", "s", null,
                Map.of("\"raw\"", 5L), Map.of(), Map.of(), "", 100, "SELECT 1", null);
    }

    static RunRecord.Outcome at(long confirmedAt) {
        return new RunRecord.Outcome(confirmedAt, 300L, 7, null, null);
    }

    @Test
    void pendingSurvivesAndConfirmationIsIdempotent() {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        RunRecord p = pending("0190a000-0000-7000-8000-0000000000a1", "f1");
        h.savePending(p);
        StoreHistory restarted = new StoreHistory(store);
        assertEquals(p, restarted.pending(p.requestId()).orElseThrow());
        assertTrue(restarted.recordConfirmed(p.withOutcome(at(200))));
        assertFalse(restarted.recordConfirmed(p.withOutcome(at(999))), "a repeated confirm changes nothing");
        RunRecord latest = restarted.latest(p.targetKey()).orElseThrow();
        assertEquals(200L, latest.outcome().confirmedAtMs());
        assertTrue(restarted.pending(p.requestId()).orElseThrow().confirmed());
    }

    @Test
    void theNewestConfirmationWins() {
        StoreHistory h = new StoreHistory(new MemoryStore());
        RunRecord a = pending("0190a000-0000-7000-8000-0000000000b1", "A").withOutcome(at(300));
        RunRecord b = pending("0190a000-0000-7000-8000-0000000000b2", "B").withOutcome(at(200));
        h.recordConfirmed(a);
        h.recordConfirmed(b);
        assertEquals("A", h.latest(a.targetKey()).orElseThrow().fingerprint(), "an older confirmation arriving late loses");
    }

    @Test
    void unknownOrMalformedRequestIdsAreNotFound() {
        StoreHistory h = new StoreHistory(new MemoryStore());
        assertTrue(h.pending("0190a000-0000-7000-8000-0000000000c1").isEmpty());
        assertTrue(h.pending("../../etc/passwd").isEmpty());
        assertTrue(h.pending("").isEmpty());
    }

    @Test
    void aNewerStoreFormatIsRefused() {
        MemoryStore store = new MemoryStore();
        store.createIfAbsent("format", "{\"format\": 99}".getBytes(StandardCharsets.UTF_8));
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> new StoreHistory(store));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void readingWritesNothingAndNeedsTheFormatMarker() {
        MemoryStore store = new MemoryStore();
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> StoreHistory.forReading(store));
        assertTrue(e.getMessage().contains("no format marker"), e.getMessage());
        assertEquals(0, store.list("").count(), "nothing written");
        store.createIfAbsent("format", "{\"format\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(StateStore.StoreException.class, () -> StoreHistory.forReading(store));
        assertTrue(e.getMessage().contains("unreadable"), e.getMessage());

        MemoryStore used = new MemoryStore();
        StoreHistory writer = new StoreHistory(used);
        writer.savePending(pending("0190c3e2-7a6b-7c2d-8e4f-1a2b3c4d5e6f", "fp"));
        long keys = used.list("").count();
        StoreHistory reader = StoreHistory.forReading(used);
        assertTrue(reader.pending("0190c3e2-7a6b-7c2d-8e4f-1a2b3c4d5e6f").isPresent());
        assertEquals(keys, used.list("").count());
    }

    @Test
    void aCorruptRecordIsAnErrorNotASkip() {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        store.createIfAbsent(StoreHistory.latestKey("table||\"t\""), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThrows(History.HistoryException.class, () -> h.latest("table||\"t\""));
    }
}

package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class StoreHistoryTest {
    public static RunRecord pending(String id, String fingerprint) {
        return new RunRecord(id, "table||\"t\"", "\"t\"", "sql", "model.p.t", ExecutionType.FULL, fingerprint, "", "s", null,
                Map.of("\"raw\"", 5L), Map.of(), Map.of(), "", 100, "SELECT 1", null);
    }

    public static RunRecord.Outcome at(long confirmedAt) {
        return new RunRecord.Outcome(confirmedAt, 300L, 7, null, null);
    }

    /** A UUIDv7-shaped request id taken at {@code ms}. */
    static String idAt(long ms, int n) {
        String hex = String.format("%012x", ms);
        return hex.substring(0, 8) + "-" + hex.substring(8) + "-7000-8000-" + String.format("%012x", n);
    }

    @Test
    void decisionsNeverConfirmedExpireAndConfirmedOnesStay() {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        long now = 1_800_000_000_000L;
        long eightDaysAgo = now - 8 * 86_400_000L;
        RunRecord forgotten = pending(idAt(eightDaysAgo, 1), "f1");
        RunRecord confirmedLongAgo = pending(idAt(eightDaysAgo, 2), "f2");
        RunRecord recent = pending(idAt(now - 3_600_000L, 3), "f3");
        for (RunRecord r : java.util.List.of(forgotten, confirmedLongAgo, recent)) {
            h.savePending(r);
        }
        h.recordConfirmed(confirmedLongAgo.withOutcome(at(eightDaysAgo + 1000)));
        store.createIfAbsent("pending/not-a-request-id", "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(1, h.expirePendingBefore(java.time.Instant.ofEpochMilli(now - 7 * 86_400_000L)));
        assertTrue(h.pending(forgotten.requestId()).isEmpty(), "a decision never confirmed within 7 days is gone");
        assertTrue(h.pending(confirmedLongAgo.requestId()).orElseThrow().confirmed(), "a confirmed run stays");
        assertEquals(recent, h.pending(recent.requestId()).orElseThrow(), "a recent decision stays");
        assertTrue(store.read("pending/not-a-request-id").isPresent());
        assertEquals(0, h.expirePendingBefore(java.time.Instant.ofEpochMilli(now - 7 * 86_400_000L)), "nothing more to remove");
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

package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class StoreHistoryTest {
    public static RunRecord pending(String id, String fingerprint) {
        return RunRecord.builder().requestId(id).targetKey("table||\"t\"").targetTable("\"t\"").kind(RunKind.SQL)
                .displayName("model.p.t").executionType(ExecutionType.FULL).fingerprint(fingerprint).settingsHash("s")
                .inputs(Map.of("\"raw\"", 5L)).decidedAtMs(100).normalizedSql("SELECT 1").build();
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
        store.createIfAbsent("runs/not-a-request-id", "{}".getBytes(StandardCharsets.UTF_8));
        Retention off = new Retention(store, null);

        assertEquals(1, off.sweep(java.time.Instant.ofEpochMilli(now)).pending());
        assertTrue(h.pending(forgotten.requestId()).isEmpty(), "a decision never confirmed within 7 days is gone");
        assertTrue(h.pending(confirmedLongAgo.requestId()).orElseThrow().confirmed(), "a confirmed run stays");
        assertEquals(recent, h.pending(recent.requestId()).orElseThrow(), "a recent decision stays");
        assertTrue(store.read("runs/not-a-request-id").isPresent());
        assertEquals(0, off.sweep(java.time.Instant.ofEpochMilli(now)).total(), "nothing more to remove");
    }

    @Test
    void eachRunIsStoredOnceAndItsSqlOncePerDistinctText() {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        long t = 1_800_000_000_000L;
        for (int i = 0; i < 5; i++) {
            RunRecord p = pending(idAt(t + i, i), "f");
            h.saveDecision(p);
            assertTrue(h.recordConfirmed(p.withOutcome(at(t + 1000 + i))));
        }
        assertEquals(5, store.list("runs/").count(), "one document per run: the pending one became the run");
        assertEquals(1, store.list("sql/").count(), "the SQL text once");
        assertEquals(0, store.list("pending/").count());
        assertTrue(store.list("targets/").noneMatch(k -> k.contains("/runs/")), "no second copy under the target");
        String target = pending(idAt(t, 0), "f").targetKey();
        assertEquals(5, h.runs(target).size());
        assertTrue(h.runs(target).stream().allMatch(r -> r.normalizedSql().equals("SELECT 1")), "the SQL read back");
        assertEquals("SELECT 1", h.latest(target).orElseThrow().normalizedSql(), "latest holds its SQL: one read");
        assertEquals(idAt(t + 2, 2), h.before(target, idAt(t + 3, 3)).orElseThrow().requestId());
        assertFalse(new String(store.readValue("runs/" + idAt(t, 0)).orElseThrow(), StandardCharsets.UTF_8).contains("SELECT"),
                "a run refers to its SQL");
    }

    @Test
    void aStoreWithAtomicBatchesGetsEachEventInOneCommit() {
        java.util.List<String> calls = new java.util.ArrayList<>();
        MemoryStore inner = new MemoryStore();
        StateStore counting = new Batching(inner, calls);
        StoreHistory h = new StoreHistory(counting);
        assertTrue(h.batched());
        RunRecord p = pending(idAt(1_800_000_000_000L, 1), "f");
        calls.clear();
        h.saveDecision(p);
        assertEquals(java.util.List.of("create sql", "batch 2"), calls, "the run and the decided mark together");
        calls.clear();
        assertTrue(h.recordConfirmed(p.withOutcome(at(1_800_000_001_000L))));
        assertEquals(java.util.List.of("batch 4"), calls, "run, day list, match mark and latest together");
        assertTrue(h.pending(p.requestId()).orElseThrow().confirmed());
        assertEquals(p.requestId(), h.lastDecided(p.targetKey()).orElseThrow());
        assertTrue(h.matchedBefore(p.targetKey(), p.matchKey()));
        calls.clear();
        assertFalse(h.recordConfirmed(p.withOutcome(at(1_800_000_002_000L))), "a repeated confirm changes nothing");
        assertEquals(java.util.List.of(), calls);
        assertEquals(1_800_000_001_000L, h.latest(p.targetKey()).orElseThrow().outcome().confirmedAtMs());
    }

    @Test
    void aFormatOneStoreIsRefusedWithWhatToDo() {
        MemoryStore store = new MemoryStore();
        store.createIfAbsent("format", "{\"format\": 1}".getBytes(StandardCharsets.UTF_8));
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> new StoreHistory(store));
        assertTrue(e.getMessage().contains("migrate-store") && e.getMessage().contains("not read in place"), e.getMessage());
    }

    /** A store with batches that notes which writes it was asked for. */
    private static final class Batching implements StateStore, dev.dbtstateoss.store.AtomicBatches {
        private final MemoryStore inner;
        private final java.util.List<String> calls;

        Batching(MemoryStore inner, java.util.List<String> calls) {
            this.inner = inner;
            this.calls = calls;
        }

        @Override
        public java.util.Optional<Blob> read(String key) {
            return inner.read(key);
        }

        @Override
        public java.util.Optional<byte[]> readValue(String key) {
            return inner.readValue(key);
        }

        @Override
        public boolean createIfAbsent(String key, byte[] value) {
            calls.add("create " + key.split("/")[0]);
            return inner.createIfAbsent(key, value);
        }

        @Override
        public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
            calls.add("replace " + key.split("/")[0]);
            return inner.replaceIfVersion(key, value, expectedVersion);
        }

        @Override
        public boolean deleteIfVersion(String key, String expectedVersion) {
            calls.add("delete " + key.split("/")[0]);
            return inner.deleteIfVersion(key, expectedVersion);
        }

        @Override
        public boolean applyAll(java.util.List<Write> writes) {
            calls.add("batch " + writes.size());
            return inner.applyAll(writes);
        }

        @Override
        public java.util.stream.Stream<String> list(String prefix) {
            return inner.list(prefix);
        }

        @Override
        public String describe() {
            return "batching";
        }
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
        store.createIfAbsent(Layout.latestKey("table||\"t\""), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThrows(History.HistoryException.class, () -> h.latest("table||\"t\""));
    }

    @Test
    void eachKindIsStoredAsTheWordEarlierReleasesWrote() {
        String doc = "{\"id\":\"" + idAt(100, 1) + "\",\"target\":\"table||\\\"t\\\"\",\"table\":\"\\\"t\\\"\",\"kind\":\"sql\","
                + "\"name\":\"model.p.t\",\"type\":\"FULL\",\"fp\":\"f\",\"settings\":\"s\",\"inputs\":{\"\\\"raw\\\"\":5},"
                + "\"decided\":100,\"sqlText\":\"SELECT 1\"}";
        RunRecord read = RunJson.decode(doc.getBytes(StandardCharsets.UTF_8)).run();
        assertEquals(RunKind.SQL, read.kind());
        assertEquals(doc, new String(RunJson.encode(read, null), StandardCharsets.UTF_8), "written back byte for byte");
        Map<RunKind, String> words = Map.of(RunKind.SQL, "sql", RunKind.VALUES, "values", RunKind.CLONE, "clone",
                RunKind.IMPORTED, "imported");
        assertEquals(RunKind.values().length, words.size());
        words.forEach((kind, word) -> {
            RunRecord r = pending(idAt(100, 2), "f").toBuilder().kind(kind).build();
            String json = new String(RunJson.encode(r, null), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"kind\":\"" + word + "\""), json);
            assertEquals(r, RunJson.decode(json.getBytes(StandardCharsets.UTF_8)).run());
        });
    }

    @Test
    void aRecordOfAnUnknownOrMissingKindIsAnErrorNotASkip() {
        for (String replacement : new String[] {"\"kind\":\"snapshot\"", "\"kind\":\"SQL\"", "\"nokind\":\"sql\""}) {
            MemoryStore store = new MemoryStore();
            StoreHistory h = new StoreHistory(store);
            RunRecord p = pending(idAt(1_800_000_000_000L, 1), "f");
            h.saveDecision(p);
            assertTrue(h.recordConfirmed(p.withOutcome(at(1_800_000_001_000L))));
            String key = Layout.latestKey(p.targetKey());
            StateStore.Blob latest = store.read(key).orElseThrow();
            String json = new String(latest.value(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"kind\":\"sql\""), json);
            assertTrue(store.replaceIfVersion(key, json.replace("\"kind\":\"sql\"", replacement)
                    .getBytes(StandardCharsets.UTF_8), latest.version()));
            assertThrows(History.HistoryException.class, () -> h.latest(p.targetKey()), replacement);
        }
    }
}

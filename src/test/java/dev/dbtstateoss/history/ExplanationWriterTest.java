package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;

import dev.dbtstateoss.engine.Explanation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The background writer of explanations: nothing counted is lost, repeats of one target are coalesced. */
class ExplanationWriterTest {

    /** A memory store that counts the writes of explanation documents. */
    static final class CountingStore implements StateStore {
        final MemoryStore inner = new MemoryStore();
        final AtomicInteger explanationWrites = new AtomicInteger();

        @Override

        public Optional<byte[]> readValue(String key) {

            return read(key).map(Blob::value); // the version comes with the value at no extra cost

        }


        @Override
        public Optional<Blob> read(String key) {
            return inner.read(key);
        }

        @Override
        public boolean createIfAbsent(String key, byte[] value) {
            count(key);
            return inner.createIfAbsent(key, value);
        }

        @Override
        public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
            count(key);
            return inner.replaceIfVersion(key, value, expectedVersion);
        }

        @Override
        public boolean deleteIfVersion(String key, String expectedVersion) {
            return inner.deleteIfVersion(key, expectedVersion);
        }

        private void count(String key) {
            if (key.endsWith("/explained")) {
                explanationWrites.incrementAndGet();
            }
        }

        @Override
        public Stream<String> list(String prefix) {
            return inner.list(prefix);
        }

        @Override
        public String describe() {
            return "counting memory store";
        }
    }

    private static Explanation decided(String target, int i, String outcome) {
        return new Explanation("d-" + i, target, "model.p." + target, 1_000L + i, outcome, "R", "described", List.of());
    }

    private static ExplainedTarget recorded(StoreHistory history, String target) {
        return history.explanations().allExplained().stream().filter(t -> t.latest().targetKey().equals(target))
                .findFirst().orElseThrow();
    }

    @Test
    void repeatedDecisionsOfOneTargetAreWrittenAtMostOncePerIntervalAndAllCounted() throws Exception {
        CountingStore store = new CountingStore();
        StoreHistory history = new StoreHistory(store);
        try (ExplanationWriter writer = new ExplanationWriter(history.explanations(), w -> {}, Duration.ofSeconds(30))) {
            for (int i = 0; i < 2_000; i++) {
                writer.accept(decided("orders", i, i % 10 == 0 ? "EXECUTE" : "SKIP"));
                writer.accept(decided("customers", i, "SKIP"));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (store.explanationWrites.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            // The first decision of each target is written at once; the rest wait out the 30 s interval.
            assertEquals(2, store.explanationWrites.get(), "writes before the interval passed");
        }
        // Closing writes what waited (nothing when every decision made it into the first writes): every
        // decision is counted, the newest explanation kept.
        int writes = store.explanationWrites.get();
        assertTrue(writes >= 2 && writes <= 4, writes + " writes");
        ExplainedTarget orders = recorded(history, "orders");
        assertEquals(1_800, orders.skips());
        assertEquals(200, orders.executes());
        assertEquals("d-1999", orders.latest().decisionId());
        assertEquals(2_000, recorded(history, "customers").skips());
    }

    @Test
    void aTargetDecidedAgainAfterTheIntervalIsWrittenAgain() throws Exception {
        CountingStore store = new CountingStore();
        StoreHistory history = new StoreHistory(store);
        try (ExplanationWriter writer = new ExplanationWriter(history.explanations(), w -> {}, Duration.ofMillis(100))) {
            for (int round = 0; round < 3; round++) {
                writer.accept(decided("orders", round, "SKIP"));
                Thread.sleep(400);
            }
            assertEquals(3, store.explanationWrites.get());
            assertTrue(recorded(history, "orders").latest().decisionId().equals("d-2"));
        }
    }

    @Test
    void everyExplanationIsKeptByItsDecisionIdInBatchesPerSecond() throws Exception {
        MemoryStore store = new MemoryStore();
        StoreHistory history = new StoreHistory(store);
        java.time.Instant t0 = java.time.Instant.parse("2026-11-24T10:00:00.200Z");
        dev.dbtstateoss.engine.Ids first = new dev.dbtstateoss.engine.Ids(java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC));
        dev.dbtstateoss.engine.Ids second = new dev.dbtstateoss.engine.Ids(java.time.Clock.fixed(t0.plusSeconds(1),
                java.time.ZoneOffset.UTC));
        List<Explanation> all = new java.util.ArrayList<>();
        try (ExplanationWriter writer = new ExplanationWriter(history.explanations(), w -> {}, Duration.ofSeconds(30))) {
            for (int i = 0; i < 400; i++) {
                Explanation e = new Explanation((i < 200 ? first : second).next(), "t" + (i % 7), "model.p.t" + (i % 7), 5L + i,
                        "SKIP", "R", "described " + i, List.of(new Explanation.Line("line " + i, Explanation.Mark.INFO,
                                Explanation.Badge.FRESH)));
                all.add(e);
                writer.accept(e);
            }
        }
        java.util.Map<String, Explanation> found = history.explanations().find(all.stream().map(Explanation::decisionId).toList());
        assertEquals(400, found.size());
        for (Explanation e : all) {
            assertEquals(e, found.get(e.decisionId()));
        }
        List<String> documents = store.list("explanations/").toList();
        long seconds = t0.getEpochSecond();
        assertTrue(documents.stream().allMatch(k -> k.startsWith("explanations/" + seconds + "/")
                || k.startsWith("explanations/" + (seconds + 1) + "/")), documents.toString());
        assertTrue(documents.size() >= 2 && documents.size() <= 4, "batched: " + documents);
        assertTrue(history.explanations().find(List.of("01900000-0000-7000-8000-000000000000", "d-1", "")).isEmpty());
    }
}

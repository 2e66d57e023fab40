package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Retention removes old runs, decisions, SQL texts, lists and explanations, never what a decision reads. */
class RetentionTest {
    static final long DAY = 86_400_000L;
    static final long NOW = 1_800_000_000_000L;

    static RunRecord run(String target, long at, int n, String sql) {
        return RunRecord.builder().requestId(StoreHistoryTest.idAt(at, n)).targetKey("table||\"" + target + "\"")
                .targetTable("\"" + target + "\"").kind(RunKind.SQL).displayName(target)
                .executionType(dev.dbtstateoss.engine.ExecutionType.FULL).fingerprint("fp-" + sql).settingsHash("s")
                .cloneKey(target.equals("c") ? "c".repeat(64) : null).inputs(Map.of("\"raw\"", 5L))
                .inputLineages(Map.of("\"raw\"", "l")).lineage("lin-" + sql).decidedAtMs(at).normalizedSql(sql).build();
    }

    /** A year of daily builds of three targets; target b stopped being built 200 days ago. */
    static List<RunRecord> year(StoreHistory h) {
        List<RunRecord> all = new ArrayList<>();
        int n = 0;
        for (long day = 365; day >= 1; day--) {
            for (String t : List.of("a", "b", "c")) {
                if (t.equals("b") && day < 200) {
                    continue;
                }
                long at = NOW - day * DAY;
                RunRecord p = run(t, at, n++, "select " + (day / 30) + " from raw");
                h.saveDecision(p);
                RunRecord c = p.withOutcome(new RunRecord.Outcome(at + 60_000, at + 50_000, 10, null, null));
                h.recordConfirmed(c);
                all.add(c);
            }
        }
        h.saveDecision(run("a", NOW - 3 * DAY, n++, "never confirmed, young")); // kept: younger than 7 days
        h.saveDecision(run("a", NOW - 100 * DAY, n++, "never confirmed, old"));
        return all;
    }

    @Test
    void aSweepKeepsEveryLatestRunAndWhatDecisionsReadAndRemovesTheRest() {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        List<RunRecord> all = year(h);
        h.explanations().archive(List.of(new dev.dbtstateoss.engine.Explanation(all.get(0).requestId(),
                all.get(0).targetKey(), "a", NOW - 365 * DAY, "EXECUTE", "r", "d", List.of())));
        store.createIfAbsent("aggregates/2025-01-01/w", "{}".getBytes(StandardCharsets.UTF_8));
        Map<String, RunRecord> latestBefore = new java.util.TreeMap<>();
        for (RunRecord r : h.allLatest()) {
            latestBefore.put(r.targetKey(), r);
        }
        long keysBefore = store.list("").count();

        Retention retention = new Retention(store, Duration.ofDays(90));
        Retention.Sweep planned = retention.plan(Instant.ofEpochMilli(NOW));
        assertEquals(keysBefore, store.list("").count(), "a plan removes nothing");
        Retention.Sweep done = retention.sweep(Instant.ofEpochMilli(NOW));
        assertEquals(planned, done, "the plan says what the sweep removes");
        assertTrue(done.runs() > 500 && done.pending() == 1 && done.explanations() == 1 && done.sqlTexts() > 0
                && done.weekLists() > 0, done.toString());

        for (RunRecord latest : latestBefore.values()) {
            assertEquals(latest, h.latest(latest.targetKey()).orElseThrow(), "latest unchanged");
            assertEquals(latest.requestId(), h.pending(latest.requestId()).orElseThrow().requestId(), "the latest run itself kept");
            assertEquals(latest.normalizedSql(), h.pending(latest.requestId()).orElseThrow().normalizedSql(), "and its SQL");
            assertTrue(h.matchedBefore(latest.targetKey(), latest.matchKey()));
            assertTrue(h.lastDecided(latest.targetKey()).isPresent());
        }
        RunRecord b = latestBefore.get("table||\"b\"");
        assertEquals(List.of(b), h.runs(b.targetKey()), "a target not built for 200 days keeps its latest run, only it");
        RunRecord c = latestBefore.get("table||\"c\"");
        assertEquals(c, h.cloneSource(c.cloneKey()).orElseThrow(), "the clone source is still found");
        for (RunRecord r : all) {
            boolean young = r.requestId().compareTo(StoreHistoryTest.idAt(NOW - 90 * DAY, 0)) >= 0;
            assertEquals(young || latestBefore.get(r.targetKey()).requestId().equals(r.requestId()),
                    h.pending(r.requestId()).isPresent(), r.requestId());
        }
        assertTrue(h.runs("table||\"a\"").size() >= 89, "the window's runs are listed");
        assertTrue(store.readValue("aggregates/2025-01-01/w").isPresent(), "aggregates survive");
        assertEquals(1, store.list("runs/").filter(k -> h.pending(k.substring(5)).map(r -> !r.confirmed()).orElse(false)).count(),
                "the young pending decision stays, the old one went");
        assertEquals(0, retention.sweep(Instant.ofEpochMilli(NOW)).total(), "nothing more");
    }

    @Test
    void twoSweepersAtOnceRemoveEachDocumentOnce() throws Exception {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        year(h);
        Retention.Sweep planned = new Retention(store, Duration.ofDays(30)).plan(Instant.ofEpochMilli(NOW));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Retention.Sweep>> sweeps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sweeps.add(pool.submit(() -> {
                start.await();
                return new Retention(store, Duration.ofDays(30)).sweep(Instant.ofEpochMilli(NOW));
            }));
        }
        Retention.Sweep one = sweeps.get(0).get();
        Retention.Sweep two = sweeps.get(1).get();
        pool.shutdown();
        assertEquals(planned.total(), one.total() + two.total(), "each document deleted by exactly one sweeper");
        assertEquals(planned.runs(), one.runs() + two.runs());
        assertEquals(3, h.allLatest().size());
        for (RunRecord latest : h.allLatest()) {
            assertTrue(h.pending(latest.requestId()).isPresent());
        }
    }

    @Test
    void aConfirmationRacingTheSweepKeepsItsRun() {
        MemoryStore store = new MemoryStore();
        StoreHistory h = new StoreHistory(store);
        RunRecord old = run("a", NOW - 5 * DAY, 1, "select 1");
        h.saveDecision(old);
        // confirmed now, five days after its decision, with a window of two days: the run is the latest and stays
        h.recordConfirmed(old.withOutcome(new RunRecord.Outcome(NOW, NOW, 1, null, null)));
        RunRecord older = run("a", NOW - 6 * DAY, 2, "select 1");
        h.saveDecision(older);
        h.recordConfirmed(older.withOutcome(new RunRecord.Outcome(NOW - 1, NOW - 1, 1, null, null)));
        Retention.Sweep s = new Retention(store, Duration.ofDays(2)).sweep(Instant.ofEpochMilli(NOW));
        assertEquals(0, s.runs(), "runs confirmed within the window stay, whenever they were decided: " + s);
        assertTrue(h.pending(older.requestId()).isPresent());
    }
}

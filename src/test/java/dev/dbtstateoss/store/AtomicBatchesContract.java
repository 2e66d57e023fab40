package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store contract plus the behaviour of {@link AtomicBatches}, for every backend that offers it. */
abstract class AtomicBatchesContract extends StoreContract {

    static AtomicBatches batches(StateStore s) {
        return (AtomicBatches) s;
    }

    @Test
    void aBatchWithOneFailingConditionChangesNothing() throws Exception {
        StateStore s = newStore();
        assertTrue(s.createIfAbsent("a", b("a1")));
        String va = s.read("a").orElseThrow().version();
        assertTrue(s.createIfAbsent("c", b("c1")));
        String vc = s.read("c").orElseThrow().version();
        assertFalse(batches(s).applyAll(List.of(new AtomicBatches.CreateIfAbsent("b", b("b1")),
                new AtomicBatches.ReplaceIfVersion("a", b("a2"), va), new AtomicBatches.DeleteIfVersion("c", vc),
                new AtomicBatches.CreateIfAbsent("a", b("again")))), "a created key exists");
        StateStore other = sameData(s);
        assertTrue(other.read("b").isEmpty(), "the batch's first create was undone");
        assertArrayEquals(b("a1"), other.read("a").orElseThrow().value());
        assertArrayEquals(b("c1"), other.read("c").orElseThrow().value());
        assertFalse(batches(s).applyAll(List.of(new AtomicBatches.CreateIfAbsent("b", b("b1")),
                new AtomicBatches.ReplaceIfVersion("a", b("a2"), "12345"))), "a stale version");
        assertFalse(batches(s).applyAll(List.of(new AtomicBatches.CreateIfAbsent("b", b("b1")),
                new AtomicBatches.DeleteIfVersion("c", "not-a-version"))), "an unknown version");
        assertTrue(s.read("b").isEmpty());
    }

    @Test
    void aBatchWhoseConditionsHoldTakesEffectWhole() throws Exception {
        StateStore s = newStore();
        s.createIfAbsent("a", b("a1"));
        s.createIfAbsent("c", b("c1"));
        String va = s.read("a").orElseThrow().version();
        String vc = s.read("c").orElseThrow().version();
        assertTrue(batches(s).applyAll(List.of(new AtomicBatches.CreateIfAbsent("runs/b", b("b1")),
                new AtomicBatches.ReplaceIfVersion("a", b("a2"), va), new AtomicBatches.DeleteIfVersion("c", vc))));
        StateStore other = sameData(s);
        assertArrayEquals(b("b1"), other.read("runs/b").orElseThrow().value());
        assertArrayEquals(b("a2"), other.read("a").orElseThrow().value());
        assertTrue(other.read("c").isEmpty());
        assertTrue(batches(s).applyAll(List.of()), "an empty batch holds");
    }

    /** Batches on two instances that each bump a counter and add a run: no bump without its run, none lost. */
    @Test
    void concurrentConflictingBatchesStayConsistent() throws Exception {
        StateStore a = newStore();
        StateStore other = sameData(a);
        a.createIfAbsent("counter", b("0"));
        int writers = 6;
        int perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            StateStore s = w % 2 == 0 ? a : other;
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    while (true) {
                        StateStore.Blob cur = s.read("counter").orElseThrow();
                        int n = Integer.parseInt(new String(cur.value(), StandardCharsets.UTF_8));
                        if (batches(s).applyAll(List.of(new AtomicBatches.ReplaceIfVersion("counter", b(Integer.toString(n + 1)),
                                cur.version()), new AtomicBatches.CreateIfAbsent("runs/" + writer + "-" + i, b(Integer.toString(n)))))) {
                            break;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int total = writers * perWriter;
        assertEquals(Integer.toString(total), new String(a.read("counter").orElseThrow().value(), StandardCharsets.UTF_8));
        List<String> runs = a.list("runs/").toList();
        assertEquals(total, runs.size());
        assertEquals(total, runs.stream().map(k -> new String(a.read(k).orElseThrow().value(), StandardCharsets.UTF_8))
                .distinct().count(), "each run saw its own counter value");
    }

    /** Batches that all create one key: one wins, and the losers' other writes are absent. */
    @Test
    void ofBatchesCreatingOneKeyOneWinsWhole() throws Exception {
        StateStore a = newStore();
        StateStore other = sameData(a);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> wins = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            StateStore s = w % 2 == 0 ? a : other;
            int id = w;
            wins.add(pool.submit(() -> batches(s).applyAll(List.of(new AtomicBatches.CreateIfAbsent("own/" + id, b("x")),
                    new AtomicBatches.CreateIfAbsent("once", b("writer" + id))))));
        }
        List<Integer> winners = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            if (wins.get(w).get(60, TimeUnit.SECONDS)) {
                winners.add(w);
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size(), winners.toString());
        assertEquals(List.of("own/" + winners.get(0)), a.list("own/").toList());
        assertArrayEquals(b("writer" + winners.get(0)), a.read("once").orElseThrow().value());
    }
}

package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link StateStore} backend must have; one subclass per backend. */
abstract class StoreContract {

    /** A new, empty store. */
    abstract StateStore newStore() throws Exception;

    /** Another instance over the same data as {@code store} (another process would see this). */
    abstract StateStore sameData(StateStore store) throws Exception;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void missingKeysReadAsEmpty() throws Exception {
        StateStore s = newStore();
        assertTrue(s.read("no/such/key").isEmpty());
        assertFalse(s.replaceIfVersion("no/such/key", b("x"), "1"));
        assertEquals(List.of(), s.list("no/").toList());
    }

    @Test
    void createIfAbsentWritesOnce() throws Exception {
        StateStore s = newStore();
        assertTrue(s.createIfAbsent("a/b", b("one")));
        assertFalse(s.createIfAbsent("a/b", b("two")));
        assertArrayEquals(b("one"), s.read("a/b").orElseThrow().value());
    }

    @Test
    void replaceNeedsTheCurrentVersion() throws Exception {
        StateStore s = newStore();
        s.createIfAbsent("k", b("v1"));
        String v1 = s.read("k").orElseThrow().version();
        assertTrue(s.replaceIfVersion("k", b("v2"), v1));
        String v2 = s.read("k").orElseThrow().version();
        assertNotEquals(v1, v2);
        assertFalse(s.replaceIfVersion("k", b("v3"), v1), "a stale version must not win");
        assertArrayEquals(b("v2"), s.read("k").orElseThrow().value());
    }

    @Test
    void deleteNeedsTheCurrentVersion() throws Exception {
        StateStore s = newStore();
        assertFalse(s.deleteIfVersion("gone/k", "1"), "an absent key is not deleted");
        s.createIfAbsent("gone/k", b("v1"));
        String v1 = s.read("gone/k").orElseThrow().version();
        s.replaceIfVersion("gone/k", b("v2"), v1);
        assertFalse(s.deleteIfVersion("gone/k", v1), "a stale version must not delete");
        assertArrayEquals(b("v2"), s.read("gone/k").orElseThrow().value());
        String v2 = s.read("gone/k").orElseThrow().version();
        assertTrue(s.deleteIfVersion("gone/k", v2));
        assertTrue(s.read("gone/k").isEmpty());
        assertTrue(sameData(s).read("gone/k").isEmpty(), "the delete is durable for another reader");
        assertFalse(s.list("gone/").findAny().isPresent());
        assertTrue(s.createIfAbsent("gone/k", b("again")), "a deleted key can be created again");
    }

    @Test
    void listingReturnsEveryKeyUnderAPrefix() throws Exception {
        StateStore s = newStore();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            String k = "targets/t" + (i % 3) + "/runs/r" + i;
            keys.add(k);
            s.createIfAbsent(k, b("x"));
        }
        s.createIfAbsent("pending/p1", b("x"));
        assertEquals(keys, new HashSet<>(s.list("targets/").toList()));
        assertEquals(List.of("pending/p1"), s.list("pending/").toList());
        assertEquals(9, s.list("targets/t0/").count());
    }

    @Test
    void largeAndBinaryValuesRoundTrip() throws Exception {
        StateStore s = newStore();
        byte[] big = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(big);
        assertTrue(s.createIfAbsent("big", big));
        assertArrayEquals(big, s.read("big").orElseThrow().value());
    }

    @Test
    void invalidKeysAreRefused() throws Exception {
        StateStore s = newStore();
        for (String k : List.of("", "/abs", "a/../b", "UPPER", "a//b", "sp ace", "trail/")) {
            assertThrows(IllegalArgumentException.class, () -> s.createIfAbsent(k, b("x")), k);
        }
    }

    /** Writers on two instances (as two servers would be) never lose an increment. */
    @Test
    void concurrentConditionalWritersLoseNothing() throws Exception {
        StateStore a = newStore();
        StateStore other = sameData(a);
        a.createIfAbsent("counter", b("0"));
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            StateStore s = w % 2 == 0 ? a : other;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    while (true) {
                        StateStore.Blob cur = s.read("counter").orElseThrow();
                        int n = Integer.parseInt(new String(cur.value(), StandardCharsets.UTF_8));
                        if (s.replaceIfVersion("counter", b(Integer.toString(n + 1)), cur.version())) {
                            break;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals("160", new String(a.read("counter").orElseThrow().value(), StandardCharsets.UTF_8));
    }

    @Test
    void concurrentCreatesHaveOneWinner() throws Exception {
        StateStore a = newStore();
        StateStore other = sameData(a);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> wins = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            StateStore s = w % 2 == 0 ? a : other;
            int id = w;
            wins.add(pool.submit(() -> s.createIfAbsent("once", b("writer" + id))));
        }
        int winners = 0;
        for (Future<Boolean> f : wins) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
    }
}

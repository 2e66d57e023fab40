package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

public class TextCacheTest {
    @Test
    void textsThatShareTheSampledHashStillGetTheirOwnValues() {
        TextCache<String> cache = new TextCache<>(100);
        String base = "x".repeat(1000);
        // one character apart, between the sampled positions: same length, same samples
        String a = base.substring(0, 501) + "a" + base.substring(502);
        String b = base.substring(0, 501) + "b" + base.substring(502);
        AtomicInteger computed = new AtomicInteger();
        assertEquals("a", cache.get(a, t -> { computed.incrementAndGet(); return String.valueOf(t.charAt(501)); }));
        assertEquals("b", cache.get(b, t -> { computed.incrementAndGet(); return String.valueOf(t.charAt(501)); }));
        assertEquals("a", cache.get(new String(a.toCharArray()), t -> "recomputed"));
        assertEquals(2, computed.get());
    }

    @Test
    void staysBounded() {
        TextCache<Integer> cache = new TextCache<>(50);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, cache.get("select " + i, t -> Integer.parseInt(t.substring(7))));
        }
        assertTrue(cache.size() <= 50, "size " + cache.size());
    }

    @Test
    void theLogKeepsTheNewestAndDropsTheOldest() {
        ExplanationLog log = new ExplanationLog(3);
        for (int i = 0; i < 5; i++) {
            log.add(new Explanation("d" + i, "k", "n", i, "SKIP", "UP_TO_DATE", "", java.util.List.of()));
        }
        assertTrue(log.find("d0").isEmpty() && log.find("d1").isEmpty());
        assertTrue(log.find("d2").isPresent() && log.find("d4").isPresent());
    }
}

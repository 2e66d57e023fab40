package dev.dbtstateoss.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.store.ForwardingStore;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The daily figures: counted as the engine decides, written in the background, a few documents per day. */
class AggregateWriterTest {
    static final String ORDERS_SQL = "select id, amount from \"db\".\"an\".\"raw_orders\"";

    static LocalDate day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void decisionsAndBuildsAreCountedPerDayAndTarget() {
        MemoryStore store = new MemoryStore();
        LocalDate first;
        try (Warehouse w = new Warehouse(store)) {
            first = day(w.now);
            w.load("raw_orders");
            assertTrue(w.model("orders", ORDERS_SQL, List.of("raw_orders"), 60_000) instanceof Decision.Execute);
            w.model("shop", "orders_v", "select id from \"db\".\"an\".\"orders\"", List.of("orders"), 0, ExecutionType.VIEW, 50);
            w.advance(Duration.ofMinutes(10));
            assertTrue(w.model("orders", ORDERS_SQL, List.of("raw_orders"), 60_000) instanceof Decision.Skip);
            assertTrue(w.model("shop", "orders_v", "select id from \"db\".\"an\".\"orders\"", List.of("orders"), 0,
                    ExecutionType.VIEW, 50) instanceof Decision.Skip);
            w.advance(Duration.ofMinutes(10));
            assertTrue(w.model("orders", ORDERS_SQL, List.of("raw_orders"), 60_000) instanceof Decision.Skip);
            w.advance(Duration.ofDays(1));
            assertTrue(w.model("orders", ORDERS_SQL + " where amount > 0", List.of("raw_orders"), 45_000) instanceof Decision.Execute);
        }
        Map<LocalDate, Map<String, TargetDay>> days = new DayAggregates(store).since(first);
        assertEquals(List.of(first, first.plusDays(1)), List.copyOf(days.keySet()));
        TargetDay orders = days.get(first).get("table||" + Warehouse.table("orders"));
        assertEquals(3, orders.decisions());
        assertEquals(2, orders.reused());
        assertEquals(1, orders.executed());
        assertEquals(120_000, orders.reusedRuntimeMs(), "each skip saved the reused build's runtime");
        assertEquals(1, orders.builds());
        assertEquals(60_000, orders.spentRuntimeMs());
        assertEquals(Map.of("TARGET_MISSING", 1L), orders.notReused(), "the first build: no table yet");
        assertEquals("shop", orders.project());
        assertEquals(0, orders.toleranceSeconds());
        assertTrue(orders.dailyActive());
        TargetDay view = days.get(first).get("table||" + Warehouse.table("orders_v"));
        assertEquals(1, view.reused());
        assertFalse(view.dailyActive(), "views are free");
        TargetDay next = days.get(first.plusDays(1)).get("table||" + Warehouse.table("orders"));
        assertEquals(Map.of("QUERY_CHANGED", 1L), next.notReused());
        assertEquals(45_000, next.spentRuntimeMs());
        assertFalse(next.dailyActive());
        assertTrue(new DayAggregates(store).since(first.plusDays(2)).isEmpty());
    }

    @Test
    void manyDecisionsMakeOneDocumentPerWriterAndDay() {
        MemoryStore store = new MemoryStore();
        long at = 1_796_000_000_000L;
        try (AggregateWriter a = new AggregateWriter(new DayAggregates(store), "a", w -> {}, Duration.ofMillis(5));
                AggregateWriter b = new AggregateWriter(new DayAggregates(store), "b", w -> {}, Duration.ofMillis(5))) {
            for (int i = 0; i < 2_000; i++) {
                (i % 2 == 0 ? a : b).accept(skip("t" + (i % 40), at + i, 10));
            }
        }
        assertEquals(2, store.list(DayAggregates.PREFIX + day(at) + "/").count(), "one document per writer");
        Map<String, TargetDay> figures = new DayAggregates(store).since(day(at)).get(day(at));
        assertEquals(40, figures.size());
        assertEquals(2_000, figures.values().stream().mapToLong(TargetDay::reused).sum());
        assertEquals(20_000, figures.values().stream().mapToLong(TargetDay::reusedRuntimeMs).sum());
    }

    @Test
    void figuresWaitOutAStoreFailure() throws Exception {
        FlakyStore store = new FlakyStore();
        long at = 1_796_000_000_000L;
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AggregateWriter a = new AggregateWriter(new DayAggregates(store), "a", warnings::add, Duration.ofMillis(5))) {
            store.failing.set(true);
            for (int i = 0; i < 10; i++) {
                a.accept(skip("t", at + i, 7));
            }
            for (int i = 0; i < 100 && warnings.isEmpty(); i++) {
                Thread.sleep(20);
            }
            store.failing.set(false);
            a.accept(skip("t", at + 10, 7));
        }
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertEquals(11, new DayAggregates(store).since(day(at)).get(day(at)).get("t").reused());
    }

    static Explanation skip(String target, long at, long runtime) {
        return new Explanation("d" + at, target, "model.p." + target, at, "SKIP", "UP_TO_DATE", "reused", List.of(), "FULL",
                runtime);
    }

    /** A memory store whose writes fail while {@code failing} is set. */
    static final class FlakyStore extends ForwardingStore {
        final AtomicBoolean failing = new AtomicBoolean();

        FlakyStore() {
            super(new MemoryStore());
        }

        @Override
        protected void before(String operation) {
            if (failing.get() && !operation.startsWith("read") && !operation.equals("list")) {
                throw new StoreException("store down", null);
            }
        }
    }
}

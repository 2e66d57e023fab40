package dev.dbtstateoss.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The per-day documents: written field by field, readable both ways with what Gson reflection wrote. */
class DayAggregatesJsonTest {
    /** How the aggregates were written and read before the explicit mapping. */
    private static final Gson REFLECTIVE = new Gson();

    private static final TargetDay ORDERS = new TargetDay("table||\"db\".\"s\".\"orders\"", "shop", "model.shop.orders", "FULL",
            10, 6, 1, 3, 120_000, 2, 45_000, Map.of("UPSTREAM_CHANGED", 2L, "NO_RUN", 1L), 300, 1_795_000_000_000L);
    private static final TargetDay ODD = new TargetDay("table||\"db\".\"s\".\"été 😀 <&>='\"", null, "ß → 日本語 \"q\" \\ \n\t\u0000",
            null, Long.MAX_VALUE, 0, -1, 0, Long.MIN_VALUE, 0, 0, null, -1, 0);
    private static final DayAggregates.Document DOCUMENT = new DayAggregates.Document("2026-12-04",
            new TreeMap<>(Map.of(ORDERS.targetKey(), ORDERS, ODD.targetKey(), ODD)));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the reflective read gave for a document, or the class of what it threw. */
    private static Object reflective(String json) {
        try {
            return Objects.requireNonNullElse(REFLECTIVE.fromJson(json, DayAggregates.Document.class), "null");
        } catch (RuntimeException e) {
            return RuntimeException.class;
        }
    }

    private static Object mapped(String json) {
        try {
            return Objects.requireNonNullElse(DayAggregatesJson.decode(utf8(json)), "null");
        } catch (RuntimeException e) {
            return RuntimeException.class;
        }
    }

    @Test
    void aDocumentGsonReflectionWroteIsReadToTheSameRecord() {
        for (DayAggregates.Document d : List.of(DOCUMENT, new DayAggregates.Document("2026-01-01", Map.of()))) {
            assertEquals(d, DayAggregatesJson.decode(utf8(REFLECTIVE.toJson(d))));
        }
    }

    @Test
    void aDocumentWrittenNowIsReadByGsonReflectionAndHasItsFields() {
        for (DayAggregates.Document d : List.of(DOCUMENT, new DayAggregates.Document("2026-01-01", Map.of()),
                new DayAggregates.Document(null, Map.of()))) {
            String written = new String(DayAggregatesJson.encode(d), StandardCharsets.UTF_8);
            assertEquals(d, REFLECTIVE.fromJson(written, DayAggregates.Document.class));
            assertEquals(JsonParser.parseString(REFLECTIVE.toJson(d)), JsonParser.parseString(written), written);
        }
    }

    @Test
    void nullsAndUnicodeComeBackAsTheyWere() {
        assertEquals(DOCUMENT, DayAggregatesJson.decode(DayAggregatesJson.encode(DOCUMENT)));
        assertEquals("", DayAggregatesJson.decode(DayAggregatesJson.encode(DOCUMENT)).targets().get(ODD.targetKey()).project());
    }

    @Test
    void oddDocumentsAreReadAsGsonReflectionReadThem() {
        List<String> documents = List.of("", "null", "{}", "{\"day\":\"d\"}", "{\"targets\":null}", "{\"targets\":{}}",
                "{\"targets\":{\"a\":null}}", "{\"targets\":{\"a\":{}}}", "{day:'d',targets:{a:{decisions:'3',node:4}}}",
                "{\"targets\":{\"a\":{\"decisions\":null}}}", "{\"targets\":{\"a\":{\"decisions\":1.5}}}",
                "{\"targets\":{\"a\":{\"notReused\":null}}}", "{\"targets\":{\"a\":{\"notReused\":{\"R\":null}}}}",
                "{\"targets\":{\"a\":{\"notReused\":{\"R\":1,\"R\":2}}}}", "{\"targets\":{\"a\":{},\"a\":{}}}",
                "{\"targets\":{\"a\":{\"notReused\":{\"R\":\"2\"},\"extra\":[1,{}]}}}", "{\"targets\":[]}",
                "{\"targets\":{\"a\":[]}}", "{\"targets\":[[\"a\",{\"notReused\":[[\"R\",2]]}],[\"b\",null]]}",
                "{\"targets\":[[\"a\",{}],[\"a\",{}]]}", "{\"targets\":[[\"a\"]]}", "{\"day\":{}}", "{", "[]", "{} {}", "{\"day\":true}");
        for (String json : documents) {
            assertEquals(reflective(json), mapped(json), json);
        }
        assertNull(DayAggregatesJson.decode(utf8("null")));
        assertThrows(JsonParseException.class, () -> DayAggregatesJson.decode(utf8("{\"targets\":")));
    }

    @Test
    void theAggregatesAddToAnOldDocumentAndAnUnreadableOneIsAStoreException() {
        MemoryStore store = new MemoryStore();
        LocalDate day = LocalDate.of(2026, 12, 4);
        String key = DayAggregates.PREFIX + day + "/w1";
        store.createIfAbsent(key, utf8(REFLECTIVE.toJson(new DayAggregates.Document(day.toString(), Map.of(ORDERS.targetKey(), ORDERS)))));
        DayAggregates aggregates = new DayAggregates(store);
        aggregates.add("w1", day, Map.of(ORDERS.targetKey(), ORDERS));
        TargetDay twice = ORDERS.plus(ORDERS);
        assertEquals(Map.of(day, Map.of(ORDERS.targetKey(), twice)), aggregates.since(day));
        assertEquals(new DayAggregates.Document(day.toString(), Map.of(ORDERS.targetKey(), twice)),
                REFLECTIVE.fromJson(new String(store.readValue(key).orElseThrow(), StandardCharsets.UTF_8), DayAggregates.Document.class));

        for (String garbage : List.of("{\"targets\":", "not json", "{}", "null", "{\"targets\":{\"a\":{\"lastAtMs\":null}}}")) {
            MemoryStore broken = new MemoryStore();
            broken.createIfAbsent(key, utf8(garbage));
            DayAggregates reading = new DayAggregates(broken);
            assertThrows(StateStore.StoreException.class, () -> reading.since(day), garbage);
            assertThrows(StateStore.StoreException.class, () -> reading.add("w1", day, Map.of()), garbage);
        }
    }
}

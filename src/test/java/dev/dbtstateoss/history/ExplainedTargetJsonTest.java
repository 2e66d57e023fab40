package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.Explanation.Badge;
import dev.dbtstateoss.engine.Explanation.Line;
import dev.dbtstateoss.engine.Explanation.Mark;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The targets' explained documents: written field by field, readable both ways with what Gson reflection wrote. */
class ExplainedTargetJsonTest {
    /** How the store wrote and read these documents before the explicit mapping. */
    private static final Gson REFLECTIVE = new GsonBuilder().serializeNulls().create();

    private static final ExplainedTarget FULL = new ExplainedTarget(new Explanation("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "table||\"db\".\"s\".\"orders\"", "model.shop.orders", 1_795_000_000_000L, "SKIP", "UPSTREAM_UNCHANGED",
            "reused the build of 10:00", List.of(new Line("upstream unchanged", Mark.SUCCESS, Badge.UPSTREAM_QUERY_UNCHANGED),
                    new Line("freshness tolerance: 300 seconds", Mark.INFO, Badge.NONE)), "FULL", 12_345), 7, 3, 1);

    private static final ExplainedTarget ODD = new ExplainedTarget(new Explanation(null, "t", null, -5, null, null,
            "été \"quoted\" \\ \n\t\u0000 😀 <&>='", List.of(new Line(null, null, null),
                    new Line("ß → 日本語 😀", Mark.FAIL, Badge.TARGET_TABLE_EXISTS)), null, Long.MIN_VALUE),
            Long.MAX_VALUE, 0, -1);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the reflective read gave for a document, or the class of what it threw. */
    private static Object reflective(String json) {
        try {
            return Objects.requireNonNullElse(REFLECTIVE.fromJson(json, ExplainedTarget.class), "null");
        } catch (RuntimeException e) {
            return RuntimeException.class;
        }
    }

    private static Object mapped(String json) {
        try {
            return Objects.requireNonNullElse(ExplainedTargetJson.decode(utf8(json)), "null");
        } catch (RuntimeException e) {
            return RuntimeException.class;
        }
    }

    @Test
    void aDocumentGsonReflectionWroteIsReadToTheSameRecord() {
        for (ExplainedTarget t : List.of(FULL, ODD, new ExplainedTarget(null, 1, 2, 3))) {
            assertEquals(t, ExplainedTargetJson.decode(utf8(REFLECTIVE.toJson(t))));
        }
    }

    @Test
    void aDocumentWrittenNowIsReadByGsonReflectionAndHasItsFieldsAndNulls() {
        for (ExplainedTarget t : List.of(FULL, ODD, new ExplainedTarget(null, 1, 2, 3))) {
            String written = new String(ExplainedTargetJson.encode(t), StandardCharsets.UTF_8);
            assertEquals(t, REFLECTIVE.fromJson(written, ExplainedTarget.class));
            assertEquals(JsonParser.parseString(REFLECTIVE.toJson(t)), JsonParser.parseString(written), written);
        }
    }

    @Test
    void nullsAndUnicodeComeBackAsTheyWere() {
        assertEquals(ODD, ExplainedTargetJson.decode(ExplainedTargetJson.encode(ODD)));
        assertEquals(FULL, ExplainedTargetJson.decode(ExplainedTargetJson.encode(FULL)));
    }

    @Test
    void oddDocumentsAreReadAsGsonReflectionReadThem() {
        List<String> documents = List.of("", " ", "null", "{}", "{'skips':1,executes:'2'}", "{\"latest\":null,\"skips\":3}",
                "{\"latest\":{\"lines\":[]}}", "{\"latest\":{\"decisionId\":\"x\"}}", "{\"latest\":{\"lines\":null}}",
                "{\"latest\":{\"lines\":[null]}}", "{\"latest\":{\"lines\":[{}]}}", "{\"skips\":null}",
                "{\"latest\":{\"lines\":[{\"mark\":\"BOGUS\",\"badge\":\"FRESH\",\"text\":7}]}}",
                "{\"latest\":{\"lines\":[],\"atMs\":\"12\",\"node\":5,\"outcome\":true,\"reason\":1.5}}",
                "{\"latest\":{\"lines\":[],\"atMs\":1.5}}", "{\"latest\":{\"lines\":[],\"node\":{}}}",
                "{\"latest\":{\"lines\":[],\"atMs\":null}}", "{\"unknown\":[1,{\"a\":null}],\"clones\":4,\"clones\":5}",
                "{\"latest\":[]}", "{", "[]", "\"text\"", "{} {}", "{\"skips\":1} x", "{\"skips\":99999999999999999999}");
        for (String json : documents) {
            assertEquals(reflective(json), mapped(json), json);
        }
        assertNull(ExplainedTargetJson.decode(utf8("")));
        assertThrows(JsonParseException.class, () -> ExplainedTargetJson.decode(utf8("{\"skips\":")));
    }

    @Test
    void theStoreKeepsItsRecordsInTheMappingAndAnUnreadableOneIsAHistoryException() {
        MemoryStore store = new MemoryStore();
        ExplanationStore explanations = new StoreHistory(store).explanations();
        Explanation e = FULL.latest();
        String key = "targets/" + Layout.hash(e.targetKey()) + "/explained";
        store.createIfAbsent(key, utf8(REFLECTIVE.toJson(new ExplainedTarget(e, 1, 0, 0))));
        explanations.noteExplanation(e, 0, 2, 0);
        assertEquals(List.of(new ExplainedTarget(e, 1, 2, 0)), explanations.allExplained());
        assertEquals(new ExplainedTarget(e, 1, 2, 0),
                REFLECTIVE.fromJson(new String(store.readValue(key).orElseThrow(), StandardCharsets.UTF_8), ExplainedTarget.class));

        for (String garbage : List.of("{\"latest\":", "not json", "{}", "null", "{\"latest\":{\"atMs\":1}}")) {
            MemoryStore broken = new MemoryStore();
            broken.createIfAbsent(key, utf8(garbage));
            ExplanationStore reading = new StoreHistory(broken).explanations();
            assertThrows(History.HistoryException.class, reading::allExplained, garbage);
            assertThrows(History.HistoryException.class, () -> reading.noteExplanation(e, 1, 0, 0), garbage);
        }
    }
}

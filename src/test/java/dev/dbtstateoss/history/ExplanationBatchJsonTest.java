package dev.dbtstateoss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.Explanation.Badge;
import dev.dbtstateoss.engine.Explanation.Line;
import dev.dbtstateoss.engine.Explanation.Mark;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive's documents: written field by field, repeated explanations once, earlier documents still read. */
class ExplanationBatchJsonTest {
    private static final long T0 = 1_795_000_000_000L;

    private static Explanation skipped(String id, long atMs, String target) {
        return new Explanation(id, "table||\"db\".\"s\".\"" + target + "\"", "model.shop." + target, atMs, "SKIP",
                "UPSTREAM_UNCHANGED", "reused the build of 10:00", List.of(
                        new Line("upstream unchanged since the build", Mark.SUCCESS, Badge.UPSTREAM_QUERY_UNCHANGED),
                        new Line("freshness tolerance: 300 seconds", Mark.INFO, Badge.NONE)),
                "FULL", 12_345);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aDecisionRepeatedWithTheSameExplanationIsWrittenOnceAndReadBackForEachDecision() {
        List<Explanation> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(skipped("d-" + i, T0 + i, i % 5 == 0 ? "customers" : "orders"));
        }
        byte[] document = ExplanationBatchJson.encode(batch);
        String json = new String(document, StandardCharsets.UTF_8);
        assertEquals(2, occurrences(json, "upstream unchanged since the build"), json);
        assertEquals(1, occurrences(json, "model.shop.orders"));
        assertEquals(1, occurrences(json, "\"d-499\""));
        assertTrue(json.startsWith("{\"v\":2,"), json);
        assertEquals(batch, ExplanationBatchJson.decode(document));
    }

    @Test
    void nullsAndUnicodeComeBackAsTheyWere() {
        List<Explanation> batch = List.of(
                new Explanation("d-1", "t", null, 0, null, null, null, List.of()),
                new Explanation("d-2", "t", "model.shop.orders", -5, "EXECUTE", "NO_RUN", "été \"quoted\" \\ \n\t\u0000 😀 <&>",
                        List.of(new Line(null, null, null), new Line("ß → 日本語 😀", Mark.FAIL, Badge.TARGET_TABLE_EXISTS)),
                        null, 0),
                new Explanation(null, "t", "n", Long.MAX_VALUE, "CLONE", "R", "", List.of(new Line("", Mark.INFO, Badge.NONE)),
                        "INCREMENTAL", Long.MIN_VALUE));
        assertEquals(batch, ExplanationBatchJson.decode(ExplanationBatchJson.encode(batch)));
        assertEquals(List.of(), ExplanationBatchJson.decode(ExplanationBatchJson.encode(List.of())));
    }

    @Test
    void documentsOfEarlierVersionsAreRead() {
        String earlier = """
                [{"decisionId":"d-1","targetKey":"t","node":"model.shop.orders","atMs":1795000000123,"outcome":"SKIP",\
                "reason":"R","description":"été","lines":[{"text":"fresh","mark":"SUCCESS","badge":"FRESH"},\
                {"text":"x","mark":"INFO","badge":"NONE"}],"executionType":"FULL","reusedRuntimeMs":77},\
                {"decisionId":"d-2","targetKey":"t","node":"n","atMs":5,"outcome":"EXECUTE","reason":"NO_RUN",\
                "description":null,"lines":[]}]
                """;
        List<Explanation> read = ExplanationBatchJson.decode(earlier.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                new Explanation("d-1", "t", "model.shop.orders", 1_795_000_000_123L, "SKIP", "R", "été",
                        List.of(new Line("fresh", Mark.SUCCESS, Badge.FRESH), new Line("x", Mark.INFO, Badge.NONE)), "FULL", 77),
                new Explanation("d-2", "t", "n", 5, "EXECUTE", "NO_RUN", null, List.of(), null, 0)), read);
    }

    @Test
    void anUnknownVersionIsNotRead() {
        assertThrows(RuntimeException.class, () -> ExplanationBatchJson.decode(
                "{\"v\":3,\"bodies\":[],\"decisions\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(RuntimeException.class, () -> ExplanationBatchJson.decode(
                "{\"v\":2,\"bodies\":[],\"decisions\":[[\"d\",1,0]]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theStoreFindsWhatItArchivedAndWhatAnEarlierVersionArchived() {
        MemoryStore store = new MemoryStore();
        ExplanationStore explanations = new StoreHistory(store).explanations();
        List<Explanation> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Three seconds of decisions, the same two explanations over and over.
            long at = T0 + i * 10L;
            batch.add(skipped(StoreHistoryTest.idAt(at, i), at, i % 2 == 0 ? "orders" : "customers"));
        }
        explanations.archive(batch);
        List<String> documents = store.list("explanations/").toList();
        assertEquals(3, documents.size(), documents.toString());
        for (String key : documents) {
            byte[] value = store.readValue(key).orElseThrow();
            assertTrue((value[0] & 0xff) == 0x1f && (value[1] & 0xff) == 0x8b, "gzip");
        }

        String old1 = StoreHistoryTest.idAt(T0 + 5_000, 1);
        String old2 = StoreHistoryTest.idAt(T0 + 5_001, 2);
        String earlier = "[{\"decisionId\":\"" + old1 + "\",\"targetKey\":\"t\",\"node\":\"n\",\"atMs\":1,\"outcome\":\"SKIP\","
                + "\"reason\":\"R\",\"description\":\"d\",\"lines\":[{\"text\":\"l\",\"mark\":\"INFO\",\"badge\":\"NONE\"}],"
                + "\"executionType\":null,\"reusedRuntimeMs\":0}]";
        long second = ExplanationStore.secondOf(old1);
        store.createIfAbsent("explanations/" + second + "/earlier.gz", Gzip.pack(earlier.getBytes(StandardCharsets.UTF_8)));
        // Before compression, documents were plain JSON.
        store.createIfAbsent("explanations/" + second + "/plain.gz", earlier.replace(old1, old2).getBytes(StandardCharsets.UTF_8));

        List<String> ids = new ArrayList<>(batch.stream().map(Explanation::decisionId).toList());
        ids.addAll(Arrays.asList(old1, old2));
        Map<String, Explanation> found = explanations.find(ids);
        assertEquals(302, found.size());
        for (Explanation e : batch) {
            assertEquals(e, found.get(e.decisionId()));
        }
        Explanation old = new Explanation(old1, "t", "n", 1, "SKIP", "R", "d", List.of(new Line("l", Mark.INFO, Badge.NONE)));
        assertEquals(old, found.get(old1));
        assertEquals(new Explanation(old2, "t", "n", 1, "SKIP", "R", "d", old.lines()), found.get(old2));

        store.createIfAbsent("explanations/" + second + "/broken.gz", Gzip.pack("{\"v\":2,".getBytes(StandardCharsets.UTF_8)));
        assertThrows(History.HistoryException.class, () -> explanations.find(List.of(old1)));
    }
}

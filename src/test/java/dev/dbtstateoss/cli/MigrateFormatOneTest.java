package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate-store from a store of format 1 written by the release before format 2 (the fixture
 * src/test/fixtures/format1-store, made by GenFormatOne.java.txt with the code of commit e916595):
 * nothing is lost, decisions read the same latest runs, and serve's history refuses the old store.
 */
class MigrateFormatOneTest {
    static final Path FIXTURE = SourcesListTest.ROOT.resolve("src/test/fixtures/format1-store");

    @TempDir Path dir;

    @Test
    void everyRunLatestMarkExplanationAndAggregateSurvivesTheUpgrade() throws IOException {
        Path from = copy(FIXTURE, dir.resolve("from"));
        Map<String, byte[]> before = snapshot(from);
        MigrateStoreTest.Result r = MigrateStoreTest.run("migrate-store", "--from", "local", "--from-dir", from.toString(),
                "--to", "local", "--to-dir", dir.resolve("to").toString(), "--progress", "none");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("upgraded store format 1 -> 2: 21 runs (20 confirmed), 4 targets"), r.out());
        assertTrue(r.out().contains("verified"), r.out());
        Map<String, byte[]> after = snapshot(from);
        assertEquals(before.keySet(), after.keySet(), "the source is unchanged");

        try (LocalStore old = new LocalStore(from); StateStore upgraded = LocalDirectory.existing(dir.resolve("to"))) {
            StoreHistory h = StoreHistory.forReading(upgraded);
            for (String key : old.list("pending/").toList()) {
                String id = key.substring("pending/".length());
                RunRecord run = h.pending(id).orElseThrow(() -> new AssertionError("lost " + id));
                com.google.gson.JsonObject was = com.google.gson.JsonParser.parseString(
                        new String(old.readValue(key).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
                assertEquals(was.get("normalizedSql").getAsString(), run.normalizedSql(), id);
                assertEquals(was.get("outcome").isJsonNull(), !run.confirmed(), id);
                assertEquals(was.get("inputs").toString().length() > 2, !run.inputs().isEmpty(), id);
            }
            assertEquals(4, h.allLatest().size());
            for (RunRecord latest : h.allLatest()) {
                assertTrue(h.runs(latest.targetKey()).size() >= 4, "every confirmed run listed: " + latest.targetKey());
                assertEquals(latest.requestId(), h.lastDecided(latest.targetKey()).filter(d -> !latest.targetKey().endsWith("m3\""))
                        .orElse(latest.requestId()), "decided marks kept");
                assertTrue(h.matchedBefore(latest.targetKey(), latest.matchKey()));
            }
            RunRecord cloned = h.allLatest().stream().filter(l -> l.cloneKey() != null).findFirst().orElseThrow();
            assertEquals(cloned, h.cloneSource(cloned.cloneKey()).orElseThrow(), "the clone index points at the latest run");
            assertEquals(old.list("aggregates/").toList(), upgraded.list("aggregates/").toList(), "aggregates copied");
            assertEquals(5, h.explanations().allExplained().size() + 1, "explained targets copied");
            long explanations = old.list("explanations/").count();
            assertEquals(explanations, upgraded.list("explanations/").count());
            assertEquals(0, upgraded.list("pending/").count(), "no second copy of runs");
            assertEquals(21, upgraded.list("runs/").count());
        }
    }

    @Test
    void serveRefusesAFormatOneStoreNamingMigrateStore() throws IOException {
        Path from = copy(FIXTURE, dir.resolve("old"));
        try (LocalStore old = new LocalStore(from)) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> new StoreHistory(old));
            assertTrue(e.getMessage().contains("format 1") && e.getMessage().contains("migrate-store"), e.getMessage());
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String k = root.relativize(p).toString();
                if (!k.startsWith(".")) {
                    out.put(k, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}

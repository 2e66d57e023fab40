package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.dbtstateoss.history.Layout;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.history.TimeLimitedHistory;

import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecuteReason;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.Keys;
import dev.dbtstateoss.engine.NodeState;
import dev.dbtstateoss.engine.SqlRequest;
import dev.dbtstateoss.engine.StalePolicy;
import dev.dbtstateoss.engine.TableStamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real faults of a local store (a hung read, a corrupt file): decisions answer EXECUTE, in time. */
class StoreFaultsTest {
    static final String TARGET = "\"db\".\"s\".\"t\"";

    static SqlRequest request() {
        return new SqlRequest(TARGET, "", "postgres", ExecutionType.FULL, "select 1", List.of(new TableStamp(TARGET, 5L)),
                Map.of(), Map.of(), 0, true, StalePolicy.ANY, false, true, false, NodeState.EMPTY, Map.of(), 1000);
    }

    @Test
    void anExecuteStoresItsPendingRunAndItsDecidedMarkBothAtOnce(@TempDir Path dir) {
        List<String> warnings = new ArrayList<>();
        try (TimeLimitedHistory history = new TimeLimitedHistory(new StoreHistory(new LocalStore(dir)), Duration.ofSeconds(10))) {
            DecisionEngine engine = DecisionEngine.over(history)
                    .ids(new Ids(Clock.systemUTC()))
                    .warnings(warnings::add)
                    .build();
            Decision.Execute d = assertInstanceOf(Decision.Execute.class, engine.decide(request()));
            assertTrue(history.pending(d.requestId()).isPresent());
            assertEquals(d.requestId(), history.lastDecided(Keys.target("", TARGET)).orElseThrow());
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void aPendingRunThatCannotBeWrittenIsWarnedAbout(@TempDir Path dir) throws Exception {
        List<String> warnings = new ArrayList<>();
        try (TimeLimitedHistory history = new TimeLimitedHistory(new StoreHistory(new LocalStore(dir)), Duration.ofSeconds(10))) {
            DecisionEngine engine = DecisionEngine.over(history)
                    .ids(new Ids(Clock.systemUTC()))
                    .warnings(warnings::add)
                    .build();
            // The pending run cannot be written (a file where its directory must be); the decided mark can.
            Files.writeString(dir.resolve("runs"), "not a directory");
            Decision.Execute d = assertInstanceOf(Decision.Execute.class, engine.decide(request()));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("will not be recorded"), warnings.toString());
            assertEquals(d.requestId(), history.lastDecided(Keys.target("", TARGET)).orElseThrow());
        }
    }

    @Test
    void aHungStoreReadBecomesExecuteWithinTheLimit(@TempDir Path dir) throws Exception {
        LocalStore store = new LocalStore(dir);
        Path latest = dir.resolve(Layout.latestKey(Keys.target("", TARGET)));
        Files.createDirectories(latest.getParent());
        // A named pipe with no writer: reading it blocks, as a hung network file system would.
        assertEquals(0, new ProcessBuilder("mkfifo", latest.toString()).start().waitFor());
        List<String> warnings = new ArrayList<>();
        try (TimeLimitedHistory history = new TimeLimitedHistory(new StoreHistory(store), Duration.ofMillis(300))) {
            DecisionEngine engine = DecisionEngine.over(history)
                    .ids(new Ids(Clock.systemUTC()))
                    .warnings(warnings::add)
                    .build();
            long start = System.nanoTime();
            Decision d = engine.decide(request());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ExecuteReason.STORE_ERROR, assertInstanceOf(Decision.Execute.class, d).reason());
            assertTrue(ms < 3000, "took " + ms + " ms");
            assertTrue(warnings.get(0).contains("did not answer"), warnings.toString());
        } finally {
            // Release the blocked reader (it waits for a writer) so its thread ends.
            try (var writer = new java.io.FileOutputStream(latest.toFile())) {
                writer.flush();
            }
            Files.delete(latest);
        }
    }

    @Test
    void aStoreCallWaitsNoLongerThanItsCallerMay(@TempDir Path dir) throws Exception {
        LocalStore store = new LocalStore(dir);
        Path latest = dir.resolve(Layout.latestKey(Keys.target("", TARGET)));
        Files.createDirectories(latest.getParent());
        assertEquals(0, new ProcessBuilder("mkfifo", latest.toString()).start().waitFor());
        long[] left = {300};
        try (TimeLimitedHistory history = new TimeLimitedHistory(new StoreHistory(store), Duration.ofSeconds(30), () -> left[0])) {
            long start = System.nanoTime();
            History.HistoryException e = assertThrows(History.HistoryException.class, () -> history.latest(Keys.target("", TARGET)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "took " + ms + " ms");
            assertTrue(e.getMessage().contains("within 300 ms (the caller's deadline)"), e.getMessage());
            left[0] = 0;
            start = System.nanoTime();
            e = assertThrows(History.HistoryException.class, () -> history.latest(Keys.target("", TARGET)));
            assertTrue(e.getMessage().contains("deadline passed"), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 100);
        } finally {
            try (var writer = new java.io.FileOutputStream(latest.toFile())) {
                writer.flush();
            }
            Files.delete(latest);
        }
    }

    @Test
    void aLookupOfKeptExplanationsIsBoundedToo() {
        try (TimeLimitedHistory history = new TimeLimitedHistory(new StoreHistory(new MemoryStore()), Duration.ofMillis(300))) {
            dev.dbtstateoss.engine.ExplanationArchive hung = ids -> {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.of();
            };
            long start = System.nanoTime();
            assertThrows(History.HistoryException.class, () -> history.bounded(hung).find(List.of("x")));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
        }
    }

    @Test
    void aCorruptRecordBecomesExecute(@TempDir Path dir) throws Exception {
        LocalStore store = new LocalStore(dir);
        Path latest = dir.resolve(Layout.latestKey(Keys.target("", TARGET)));
        Files.createDirectories(latest.getParent());
        Files.writeString(latest, "{\"requestId\": 12, ");
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(store)).ids(new Ids(Clock.systemUTC())).build();
        assertEquals(ExecuteReason.STORE_ERROR, assertInstanceOf(Decision.Execute.class, engine.decide(request())).reason());
    }
}

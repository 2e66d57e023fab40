package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends AtomicBatchesContract {
    @TempDir Path dir;
    private int stores;
    private final List<StateStore> opened = new ArrayList<>();

    @Override
    StateStore newStore() {
        return keep(SqliteStore.open(dir.resolve("store" + stores++)));
    }

    @Override
    StateStore sameData(StateStore store) {
        return keep(SqliteStore.open(dir.resolve("store" + (stores - 1))));
    }

    private StateStore keep(StateStore s) {
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    @Test
    void theStateIsOneDatabaseFileThatSurvivesReopening() throws Exception {
        StateStore s = newStore();
        s.createIfAbsent("targets/t/latest", b("x"));
        s.close();
        Path root = dir.resolve("store0");
        assertTrue(SqliteStore.existsIn(root));
        try (StateStore again = SqliteStore.open(root)) {
            assertEquals("x", new String(again.read("targets/t/latest").orElseThrow().value()));
            assertTrue(again.describe().contains(root.resolve(SqliteStore.FILE).toString()), again.describe());
        }
    }

    /** Concurrent writers on one store object share commits: fewer transactions than writes. */
    @Test
    void concurrentWritesShareCommits() throws Exception {
        SqliteStore s = (SqliteStore) newStore();
        int threads = 16;
        int perThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    assertTrue(s.createIfAbsent("runs/" + thread + "/" + i, b("x")));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(threads * perThread, s.list("runs/").count());
        assertTrue(s.commits() < threads * perThread, s.commits() + " commits for " + threads * perThread + " writes");
    }

    /** Long values are kept deflated (smaller on disk) and read back as written; short ones as they are. */
    @Test
    void longValuesAreKeptDeflatedAndReadBackAsWritten() throws Exception {
        Path root = dir.resolve("packed");
        String run = "{\"target\":\"\\\"db\\\".\\\"analytics\\\".\\\"orders\\\"\",".repeat(20) + "\"x\":1}";
        try (SqliteStore s = SqliteStore.open(root)) {
            assertTrue(s.createIfAbsent("runs/a", b(run)));
            assertTrue(s.createIfAbsent("targets/t/decided", b("0190")));
            String v = s.read("runs/a").orElseThrow().version();
            assertTrue(s.replaceIfVersion("runs/a", b(run + " "), v));
            assertEquals(run + " ", new String(s.readValue("runs/a").orElseThrow()));
            assertEquals(run + " ", new String(s.read("runs/a").orElseThrow().value()));
            assertEquals("0190", new String(s.readValue("targets/t/decided").orElseThrow()));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(SqliteStore.FILE)); Statement st = c.createStatement();
                var r = st.executeQuery("SELECT key, length(value), packed FROM blobs ORDER BY key")) {
            assertTrue(r.next());
            assertEquals("runs/a", r.getString(1));
            assertTrue(r.getInt(2) < run.length() / 2, r.getInt(2) + " bytes stored for " + run.length());
            assertEquals(1, r.getInt(3));
            assertTrue(r.next());
            assertEquals(0, r.getInt(3), "a short value is kept as it is");
        }
    }

    /** The write-ahead log is reused while writes go on: its file stays near the writer's checkpoint threshold. */
    @Test
    void theLogStaysBoundedWhileWritesGoOn() throws Exception {
        Path root = dir.resolve("log");
        java.util.Random random = new java.util.Random(7);
        int writes = SqliteStore.WRITER_CHECKPOINT_PAGES; // each commit logs about 5 pages: some five thresholds in all
        byte[] value = new byte[4096];
        try (SqliteStore s = SqliteStore.open(root)) {
            for (int i = 0; i < writes; i++) {
                random.nextBytes(value); // does not deflate: every write adds its 4 KB to the log
                assertTrue(s.createIfAbsent("runs/" + i, value));
            }
            Thread.sleep(3 * SqliteCheckpoints.EVERY_MS);
            assertTrue(s.createIfAbsent("runs/last", value));
            long log = Files.size(root.resolve(SqliteStore.FILE + "-wal"));
            long bound = (SqliteStore.WRITER_CHECKPOINT_PAGES + 500L) * (4096 + 24);
            assertTrue(log < bound, log + " bytes of log after " + writes * value.length + " bytes written; bound " + bound);
        }
    }

    /** A database written before values were packed (schema 1) is upgraded in place; its rows read as they were. */
    @Test
    void aVersionOneDatabaseIsUpgradedInPlace() throws Exception {
        Path root = dir.resolve("v1");
        Files.createDirectories(root);
        String long1 = "x".repeat(500);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(SqliteStore.FILE)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE blobs (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL, version INTEGER NOT NULL)");
            st.execute("CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL)");
            st.execute("INSERT INTO counters VALUES ('version', 7)");
            st.execute("INSERT INTO blobs VALUES ('runs/old', X'" + java.util.HexFormat.of().formatHex(b(long1)) + "', 7)");
            st.execute("PRAGMA user_version = 1");
        }
        try (SqliteStore s = SqliteStore.open(root)) {
            assertEquals(long1, new String(s.readValue("runs/old").orElseThrow()));
            assertTrue(s.replaceIfVersion("runs/old", b(long1 + "y"), "7"));
            assertEquals(long1 + "y", new String(s.read("runs/old").orElseThrow().value()));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(SqliteStore.FILE)); Statement st = c.createStatement();
                var r = st.executeQuery("PRAGMA user_version")) {
            assertEquals(SqliteStore.SCHEMA, r.getInt(1));
        }
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefused() throws Exception {
        Path root = dir.resolve("newer");
        SqliteStore.open(root).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(SqliteStore.FILE)); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (SqliteStore.SCHEMA + 1));
        }
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> SqliteStore.open(root));
        assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void aFileThatIsNoDatabaseIsNamedInTheError() throws Exception {
        Path root = dir.resolve("garbage");
        Files.createDirectories(root);
        Files.writeString(root.resolve(SqliteStore.FILE), "not a database, just text that is long enough to be read as a header");
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> SqliteStore.open(root));
        assertTrue(e.getMessage().contains(root.resolve(SqliteStore.FILE).toString()), e.getMessage());
    }
}

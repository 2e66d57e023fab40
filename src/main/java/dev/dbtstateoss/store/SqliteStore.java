package dev.dbtstateoss.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * A store in one SQLite database file ({@value #FILE} in the store's directory): a table of key,
 * value, version and whether the value is kept deflated ({@link Packing}). The database is in WAL mode with {@code synchronous=FULL}, so a write is synced
 * to disk when it returns, and readers never wait for writers. Writes go through one
 * {@link SqliteWriter} per store object, which lets concurrent requests share a commit (group
 * commit); several processes on one file exclude each other with the database's write lock. The
 * write-ahead log is copied into the database by {@link SqliteCheckpoints}, off the request path.
 */
public final class SqliteStore implements StateStore, AtomicBatches {
    /** The database's file name in the store's directory. */
    public static final String FILE = "state.db";
    /**
     * The version of the tables this code writes ({@code PRAGMA user_version}); a newer one is refused.
     * Version 2 added the column {@code packed} (values deflated, see {@link Packing}); a version 1
     * database gets it when opened.
     */
    static final int SCHEMA = 2;
    static final String TABLE = "blobs";
    static final String COUNTERS = "counters";
    /** How long a statement waits for another process's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 30_000;
    private static final int READERS = 8;
    /**
     * Log pages after which the writer checkpoints itself, after a commit (SQLite's default is 1,000):
     * by then {@link SqliteCheckpoints} has copied most of them, and only a checkpoint with no write
     * in progress lets the next transaction reuse the log from its start, which bounds the log file.
     */
    static final int WRITER_CHECKPOINT_PAGES = 2000;

    private final Path file;
    private final BlobTable table = new BlobTable(TABLE, "?", null, true);
    private final BlockingQueue<SqliteReader> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final AtomicInteger openedReaders = new AtomicInteger();
    private final List<SqliteReader> readers = new ArrayList<>();
    private final SqliteWriter writer;
    private final SqliteCheckpoints checkpoints;

    private SqliteStore(Path file) {
        this.file = file;
        Connection c = connect();
        try {
            createSchema(c);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES); // see SqliteCheckpoints
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e instanceof StoreException se ? se : new StoreException("cannot open " + describe() + ": " + e, e);
        }
        this.writer = new SqliteWriter(c, describe());
        this.checkpoints = new SqliteCheckpoints(this::connect, writer::commits);
    }

    /** Opens (creating when absent) the database in {@code dir}, which is created when it is absent. */
    public static SqliteStore open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + root + ": " + e, e);
        }
        if (!Files.isWritable(root)) {
            throw new StoreException("the state directory " + root + " is not writable", null);
        }
        return new SqliteStore(root.resolve(FILE));
    }

    /** True when {@code dir} holds a database of this store. */
    public static boolean existsIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    private Connection connect() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Creates the tables in an empty database, under the write lock (other processes may start at once). */
    private void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                int found;
                try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                    found = r.next() ? r.getInt(1) : 0;
                }
                if (found > SCHEMA) {
                    throw new StoreException(describe() + " has tables of version " + found + ", newer than this version"
                            + " understands (" + SCHEMA + "); upgrade dbt-state-oss", null);
                }
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL,"
                        + " version INTEGER NOT NULL, packed INTEGER NOT NULL DEFAULT 0)");
                if (found == 1) {
                    // version 1 kept every value as it was; its rows read as unpacked
                    s.execute("ALTER TABLE " + TABLE + " ADD COLUMN packed INTEGER NOT NULL DEFAULT 0");
                }
                s.execute("CREATE TABLE IF NOT EXISTS " + COUNTERS + " (name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL)");
                s.execute("INSERT OR IGNORE INTO " + COUNTERS + " (name, n) VALUES ('version', 0)");
                s.execute("PRAGMA user_version = " + SCHEMA);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    @Override
    public Optional<Blob> read(String key) {
        StateStore.checkKey(key);
        return reading(key, c -> table.read(c.prepared(table.readSql()), key, c.unpacker()));
    }

    @Override
    public Optional<byte[]> readValue(String key) {
        StateStore.checkKey(key);
        return reading(key, c -> table.readValue(c.prepared(table.readValueSql()), key, c.unpacker()));
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        return applyAll(List.of(new CreateIfAbsent(key, value)));
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        return applyAll(List.of(new ReplaceIfVersion(key, value, expectedVersion)));
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        return applyAll(List.of(new DeleteIfVersion(key, expectedVersion)));
    }

    @Override
    public boolean applyAll(List<Write> writes) {
        writes.forEach(w -> StateStore.checkKey(w.key()));
        return writes.isEmpty() || writer.apply(writes);
    }

    @Override
    public Stream<String> list(String prefix) {
        return reading(prefix, c -> table.list(c.connection(), prefix)).stream();
    }

    /** Transactions committed by this store object (fewer than its writes when requests shared commits). */
    public long commits() {
        return writer.commits();
    }

    @Override
    public String describe() {
        return "local database " + file;
    }

    private interface Query<T> {
        T run(SqliteReader c) throws SQLException;
    }

    /** Runs a read on an idle reader connection (opening up to {@value #READERS}, else waiting for one). */
    private <T> T reading(String key, Query<T> query) {
        SqliteReader c = null;
        try {
            c = idleReaders.poll();
            if (c == null) {
                c = openedReaders.incrementAndGet() <= READERS ? newReader() : idleReaders.take();
            }
            return query.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + key + " in " + describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to read " + key + " in " + describe(), e);
        } finally {
            if (c != null) {
                idleReaders.offer(c);
            }
        }
    }

    private SqliteReader newReader() {
        SqliteReader c = new SqliteReader(connect());
        synchronized (readers) {
            readers.add(c);
        }
        return c;
    }

    @Override
    public void close() {
        checkpoints.close();
        writer.close();
        synchronized (readers) {
            readers.forEach(SqliteReader::close);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing on exit; nothing to recover
        }
    }
}

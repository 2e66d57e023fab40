package dev.dbtstateoss.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer of a {@link SqliteStore} in this process, with group commit: a thread takes every
 * batch waiting in its queue and applies them in one transaction, each batch inside a savepoint (so
 * a batch whose condition fails is rolled back alone), then commits once and answers every caller.
 * One synced commit thus serves all requests that arrived while the previous one was being synced.
 * Other processes on the same file are excluded by {@code BEGIN IMMEDIATE} (the database's write
 * lock), waited for up to the connection's busy timeout.
 */
final class SqliteWriter implements AutoCloseable {
    /** Most batches in one transaction (bounds how long one commit holds the write lock). */
    static final int MAX_GROUP = 256;
    private static final int BEGIN_ATTEMPTS = 3;

    private record Pending(List<AtomicBatches.Write> writes, CompletableFuture<Boolean> done) {}

    private final Connection connection;
    private final String describe;
    private final BlobTable table;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    /** The last version handed out; read from the database at the start of each transaction. */
    private long version;

    SqliteWriter(Connection connection, String describe) {
        this.connection = connection;
        this.describe = describe;
        this.table = new BlobTable(SqliteStore.TABLE, "?", () -> ++version, true);
        this.thread = new Thread(this::run, "sqlite-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Applies the writes all or none; blocks until their transaction is committed (durable) or failed. */
    boolean apply(List<AtomicBatches.Write> writes) {
        if (closed) {
            throw new StateStore.StoreException(describe + " is closed", null);
        }
        Pending p = new Pending(List.copyOf(writes), new CompletableFuture<>());
        queue.add(p);
        if (closed) {
            failQueued(); // closed while this was added: the writer may be gone, so nobody else would answer it
        }
        try {
            return p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStore.StoreException("interrupted while waiting for a commit to " + describe
                    + " (the write may still be committed)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StateStore.StoreException se) {
                throw se;
            }
            throw new StateStore.StoreException("cannot write to " + describe + ": " + e.getCause(), e.getCause());
        }
    }

    /** Transactions committed so far by this writer (fewer than the batches when requests shared commits). */
    long commits() {
        return commits.get();
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // close() interrupts only to wake the thread; the loop condition decides
            }
            if (first == null) {
                continue;
            }
            List<Pending> group = new ArrayList<>();
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        boolean[] applied = new boolean[group.size()];
        try (Statement s = connection.createStatement()) {
            begin(s);
            try {
                version = currentVersion(s);
                for (int i = 0; i < group.size(); i++) {
                    applied[i] = applyInSavepoint(s, group.get(i).writes());
                }
                s.executeUpdate("UPDATE " + SqliteStore.COUNTERS + " SET n = " + version + " WHERE name = 'version'");
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(s);
                throw e;
            }
            commits.incrementAndGet();
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(applied[i]);
            }
        } catch (SQLException | RuntimeException e) {
            StateStore.StoreException failure = new StateStore.StoreException("cannot write to " + describe + ": " + e, e);
            group.forEach(p -> p.done().completeExceptionally(failure));
        }
    }

    /** Takes the database's write lock, waiting (busy timeout) for another process that holds it. */
    private static void begin(Statement s) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                s.execute("BEGIN IMMEDIATE");
                return;
            } catch (SQLException e) {
                if (attempt == BEGIN_ATTEMPTS || !isBusy(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isBusy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED");
    }

    private static long currentVersion(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT n FROM " + SqliteStore.COUNTERS + " WHERE name = 'version'")) {
            if (!r.next()) {
                throw new SQLException("the version counter row is missing");
            }
            return r.getLong(1);
        }
    }

    /** One batch, all or nothing, inside the shared transaction. */
    private boolean applyInSavepoint(Statement s, List<AtomicBatches.Write> writes) throws SQLException {
        s.execute("SAVEPOINT batch");
        boolean ok = true;
        try {
            for (AtomicBatches.Write w : writes) {
                if (!table.apply(connection, w)) {
                    ok = false;
                    break;
                }
            }
        } catch (SQLException e) {
            s.execute("ROLLBACK TO batch");
            s.execute("RELEASE batch");
            throw e;
        }
        if (!ok) {
            s.execute("ROLLBACK TO batch");
        }
        s.execute("RELEASE batch");
        return ok;
    }

    private static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction left to roll back (SQLite may have rolled it back itself)
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
        SqliteStore.closeQuietly(connection);
    }

    private void failQueued() {
        StateStore.StoreException failure = new StateStore.StoreException(describe + " was closed before the write", null);
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().completeExceptionally(failure);
        }
    }
}

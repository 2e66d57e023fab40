package dev.dbtstateoss.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Copies a {@link SqliteStore}'s write-ahead log back into the database file on a thread of its own,
 * so that requests seldom wait for it. SQLite does it inside the commit that crosses its threshold,
 * holding up every write queued behind that commit for as long as the copy and the database's fsync
 * take. A passive checkpoint never blocks writers or readers, but under a steady stream of writes it
 * never quite catches up (frames keep arriving while it copies), so the log is only reused from its
 * start after the writer's own checkpoint ({@link SqliteStore#WRITER_CHECKPOINT_PAGES}); this thread
 * leaves that one little to copy.
 */
final class SqliteCheckpoints implements AutoCloseable {
    /** How often the thread looks for new commits to copy. */
    static final long EVERY_MS = 200;

    private final Supplier<Connection> connect;
    private final LongSupplier commits;
    private final Thread thread;
    private volatile boolean closed;

    SqliteCheckpoints(Supplier<Connection> connect, LongSupplier commits) {
        this.connect = connect;
        this.commits = commits;
        this.thread = new Thread(this::run, "sqlite-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long copied = commits.getAsLong();
        Connection c = null;
        try {
            while (!closed) {
                try {
                    TimeUnit.MILLISECONDS.sleep(EVERY_MS);
                } catch (InterruptedException e) {
                    continue; // close() interrupts only to wake the thread; the loop condition decides
                }
                long now = commits.getAsLong();
                if (now == copied) {
                    continue;
                }
                try {
                    if (c == null) {
                        c = connect.get();
                    }
                    checkpoint(c);
                    copied = now;
                } catch (SQLException | RuntimeException e) {
                    // the next round tries again; commits stay durable in the log meanwhile
                    SqliteStore.closeQuietly(c);
                    c = null;
                }
            }
        } finally {
            if (c != null) {
                SqliteStore.closeQuietly(c);
            }
        }
    }

    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            r.next();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.dbtstateoss.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks of {@link LocalStore}'s conditional writes: a key hashes to one of 64 stripes, each a lock
 * in this process and a lock file in {@code dir}, so that threads and processes on one directory
 * exclude each other around a check and its rename.
 */
final class StripedFileLocks implements AutoCloseable {
    private static final int STRIPES = 64;
    private static final long WAIT_NANOS = 30_000_000_000L;

    private final Path dir;
    private final ReentrantLock[] jvmLocks = new ReentrantLock[STRIPES];
    /** Lock-file channels, opened once and kept: on POSIX, closing any descriptor of a file drops the
     * process's locks on it, so a channel must never be closed while another may hold a lock. */
    private final FileChannel[] channels = new FileChannel[STRIPES];

    StripedFileLocks(Path dir) {
        this.dir = dir;
        for (int i = 0; i < STRIPES; i++) {
            jvmLocks[i] = new ReentrantLock();
        }
    }

    /** What runs while the key's stripe is held. */
    interface Action {
        boolean run() throws IOException;
    }

    /** Runs {@code action} holding the stripe of {@code key}, in this process and against other processes. */
    boolean locked(String key, Action action) throws IOException {
        int stripe = Math.floorMod(key.hashCode(), STRIPES);
        ReentrantLock jvmLock = jvmLocks[stripe];
        jvmLock.lock();
        try (FileLock ignored = lockFile(stripe)) {
            return action.run();
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Takes the stripe's file lock, polling with a short random pause while another process (or
     * another store object of this one) holds it, for up to 30 s. A blocking lock is not used: the
     * kernel sees a process, not a thread, so two processes whose threads wait for each other's
     * stripes would be refused with EDEADLK ("Resource deadlock avoided") though nothing deadlocks.
     */
    private FileLock lockFile(int stripe) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                // an interrupted thread would close the shared channel (and drop this process's locks on it)
                throw new IOException("interrupted (the store call took too long) before taking lock " + stripe);
            }
            try {
                FileLock lock = channel(stripe).tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException busy) {
                // held by another store object of this process: wait as for another process
            } catch (java.nio.channels.ClosedChannelException closed) {
                // closed by an interrupt during an earlier try: reopened on the next round
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("lock " + stripe + " (" + dir + ") held by another writer for over "
                        + WAIT_NANOS / 1_000_000_000L + " s");
            }
            LockSupport.parkNanos(200_000 + ThreadLocalRandom.current().nextInt(800_000));
        }
    }

    /** The stripe's lock-file channel, opened once (again only when an interrupt closed it). */
    private FileChannel channel(int stripe) throws IOException {
        FileChannel ch = channels[stripe];
        if (ch == null || !ch.isOpen()) {
            Files.createDirectories(dir);
            ch = FileChannel.open(dir.resolve(stripe + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channels[stripe] = ch;
        }
        return ch;
    }

    @Override
    public void close() {
        for (FileChannel ch : channels) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // closing on exit; nothing to recover
            }
        }
    }
}

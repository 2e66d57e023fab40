package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.ExplanationArchive;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Bounds every store call: one that takes longer than the limit fails with a
 * {@link History.HistoryException}, so a hung disk or network store turns decisions into EXECUTE
 * well within the client's 60 s deadline instead of hanging dbt. A call also waits no longer than
 * its caller may still wait ({@code millisLeft}, read on the caller's thread: the gRPC call's
 * deadline), and fails at once when that time is up. A caller whose answer is sent in time
 * whatever the store does ({@code callerGuarded}, e.g. a decision with a fallback answer) has its
 * calls made on its own thread, without the hand-over to a store-call thread.
 */
public final class TimeLimitedHistory implements History, AutoCloseable {
    private final History delegate;
    private final Duration limit;
    private final LongSupplier millisLeft;
    private final ExecutorService pool;
    private final boolean ownPool;
    private final BooleanSupplier callerGuarded;

    public TimeLimitedHistory(History delegate, Duration limit) {
        this(delegate, limit, () -> Long.MAX_VALUE);
    }

    /** As above; {@code millisLeft} says how long the current caller may still wait (Long.MAX_VALUE: no bound). */
    public TimeLimitedHistory(History delegate, Duration limit, LongSupplier millisLeft) {
        this(delegate, limit, millisLeft, storeCallPool(), true, () -> false);
    }

    /** As above, with the store calls run on {@code shared} (several histories, one pool; closing leaves it running). */
    public TimeLimitedHistory(History delegate, Duration limit, LongSupplier millisLeft, ExecutorService shared) {
        this(delegate, limit, millisLeft, shared, false, () -> false);
    }

    /** As above; calls made while {@code callerGuarded} is true run on the caller's thread (see above). */
    public TimeLimitedHistory(History delegate, Duration limit, LongSupplier millisLeft, ExecutorService shared,
            BooleanSupplier callerGuarded) {
        this(delegate, limit, millisLeft, shared, false, callerGuarded);
    }

    private TimeLimitedHistory(History delegate, Duration limit, LongSupplier millisLeft, ExecutorService pool, boolean ownPool,
            BooleanSupplier callerGuarded) {
        this.delegate = delegate;
        this.limit = limit;
        this.millisLeft = millisLeft;
        this.pool = pool;
        this.ownPool = ownPool;
        this.callerGuarded = callerGuarded;
    }

    /** A pool for store calls: threads made as calls need them, ended after a minute idle. */
    public static ExecutorService storeCallPool() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "store-call");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Optional<RunRecord> latest(String targetKey) {
        return bounded("read of the latest run", () -> delegate.latest(targetKey));
    }

    @Override
    public Optional<RunRecord> cloneSource(String cloneKey) {
        return bounded("read of clone sources", () -> delegate.cloneSource(cloneKey));
    }

    @Override
    public void recordOutcomeOnly(RunRecord confirmed) {
        bounded("write of a pre-clone", () -> {
            delegate.recordOutcomeOnly(confirmed);
            return null;
        });
    }

    @Override
    public boolean recordTargetModified(RunRecord run, long lastModifiedMs) {
        return bounded("write of a target's modification", () -> delegate.recordTargetModified(run, lastModifiedMs));
    }

    @Override
    public Optional<RunRecord> before(String targetKey, String requestId) {
        return bounded("read of an earlier run", () -> delegate.before(targetKey, requestId));
    }

    @Override
    public void noteDecided(String targetKey, String requestId) {
        bounded("write of the last decision", () -> {
            delegate.noteDecided(targetKey, requestId);
            return null;
        });
    }

    /**
     * One commit within the limit where the store batches writes; else both writes at once (each on
     * its own thread), each within the limit; the first failure is thrown.
     */
    @Override
    public void saveDecision(RunRecord pending) {
        if (delegate instanceof StoreHistory s && s.batched() || delegate instanceof OpeningHistory o && o.batched()) {
            bounded("write of a pending run", () -> {
                delegate.saveDecision(pending);
                return null;
            });
            return;
        }
        long waitMs = waitMillis("write of a pending run");
        Future<Void> decided = pool.submit(() -> {
            delegate.noteDecided(pending.targetKey(), pending.requestId());
            return null;
        });
        RuntimeException failure = null;
        try {
            await(pool.submit(() -> {
                delegate.savePending(pending);
                return null;
            }), "write of a pending run", waitMs);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            await(decided, "write of the last decision", waitMs);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Optional<String> lastDecided(String targetKey) {
        return bounded("read of the last decision", () -> delegate.lastDecided(targetKey));
    }

    @Override
    public boolean matchedBefore(String targetKey, String matchKey) {
        return bounded("read of older runs", () -> delegate.matchedBefore(targetKey, matchKey));
    }

    @Override
    public void savePending(RunRecord pending) {
        bounded("write of a pending run", () -> {
            delegate.savePending(pending);
            return null;
        });
    }

    @Override
    public Optional<RunRecord> pending(String requestId) {
        return bounded("read of a pending run", () -> delegate.pending(requestId));
    }

    @Override
    public boolean recordConfirmed(RunRecord confirmed) {
        return bounded("write of a confirmed run", () -> delegate.recordConfirmed(confirmed));
    }

    /** {@code archive} with each lookup bounded like the calls above (the Explain service reads it on a call's path). */
    public ExplanationArchive bounded(ExplanationArchive archive) {
        return ids -> bounded("read of kept explanations", () -> archive.find(ids));
    }

    private <T> T bounded(String what, Callable<T> call) {
        long waitMs = waitMillis(what);
        if (callerGuarded.getAsBoolean()) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new HistoryException("the " + what + " failed: " + e, e);
            }
        }
        return await(pool.submit(call), what, waitMs);
    }

    /** The store timeout, or less when the caller's deadline is nearer; fails when it has passed. */
    private long waitMillis(String what) {
        long left = millisLeft.getAsLong();
        if (left <= 0) {
            throw new HistoryException("the caller's deadline passed before the " + what, null);
        }
        return Math.min(limit.toMillis(), left);
    }

    private <T> T await(Future<T> f, String what, long waitMs) {
        try {
            return f.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HistoryException("the state store did not answer the " + what + " within " + waitMs + " ms"
                    + (waitMs < limit.toMillis() ? " (the caller's deadline)" : ""), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new HistoryException("the " + what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("interrupted during the " + what, e);
        }
    }

    @Override
    public void close() {
        if (ownPool) {
            pool.shutdownNow();
        }
    }
}

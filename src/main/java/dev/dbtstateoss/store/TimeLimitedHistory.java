package dev.dbtstateoss.store;

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

/**
 * Bounds every store call: one that takes longer than the limit fails with a
 * {@link History.HistoryException}, so a hung disk or network store turns decisions into EXECUTE
 * well within the client's 60 s deadline instead of hanging dbt.
 */
public final class TimeLimitedHistory implements History, AutoCloseable {
    private final History delegate;
    private final Duration limit;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-call");
        t.setDaemon(true);
        return t;
    });

    public TimeLimitedHistory(History delegate, Duration limit) {
        this.delegate = delegate;
        this.limit = limit;
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

    /** Both writes at once (each on its own thread), each within the limit; the first failure is thrown. */
    @Override
    public void saveDecision(RunRecord pending) {
        Future<Void> decided = pool.submit(() -> {
            delegate.noteDecided(pending.targetKey(), pending.requestId());
            return null;
        });
        RuntimeException failure = null;
        try {
            bounded("write of a pending run", () -> {
                delegate.savePending(pending);
                return null;
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            await(decided, "write of the last decision");
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

    private <T> T bounded(String what, Callable<T> call) {
        return await(pool.submit(call), what);
    }

    private <T> T await(Future<T> f, String what) {
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HistoryException("the state store did not answer the " + what + " within " + limit.toMillis() + " ms", e);
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
        pool.shutdownNow();
    }
}

package dev.dbtstateoss.server;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Asks the store a small question every {@code every} (a read of one key, bounded by
 * {@code timeout}) and reports each answer: true when it came back in time, false when it failed
 * or hung. Changes are logged once each way; the server turns them into its health status.
 */
public final class StoreProbe implements AutoCloseable {
    private final Runnable check;
    private final Duration every;
    private final Duration timeout;
    private final Consumer<Boolean> onResult;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "store-probe"));
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> daemon(r, "store-probe-call"));
    private boolean up = true;

    public StoreProbe(Runnable check, Duration every, Duration timeout, Consumer<Boolean> onResult, Consumer<String> log) {
        this.check = check;
        this.every = every;
        this.timeout = timeout;
        this.onResult = onResult;
        this.log = log;
    }

    public StoreProbe start() {
        timer.scheduleWithFixedDelay(this::probe, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void probe() {
        String failure = null;
        Future<?> call = worker.submit(check);
        try {
            call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            failure = "no answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            failure = String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean nowUp = failure == null;
        if (nowUp != up) {
            log.accept(nowUp ? "store answers again: health SERVING"
                    : "store unreachable (" + failure + "): health NOT_SERVING until it answers");
            up = nowUp;
        }
        onResult.accept(nowUp);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        worker.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

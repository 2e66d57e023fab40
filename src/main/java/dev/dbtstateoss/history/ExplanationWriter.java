package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.Explanation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps decision explanations and counts in the store without slowing decisions: they are handed to
 * one background thread, which writes, per target, the newest explanation and the decisions counted
 * since its last write. A target is written at once when it was not written within the last
 * {@code minInterval}, else when that interval has passed (decisions in between are added up), so a
 * target decided again and again costs at most one write per interval. Every explanation also goes
 * into a batch that is archived by decision id ({@link ExplanationStore#archive}) at most once per
 * interval. When the store is slow, waiting targets past a bound are dropped (their counts then fall
 * short), and so are explanations past the batch's bound; a failure is reported once per minute.
 * Closing writes everything waiting at once.
 */
public final class ExplanationWriter implements Consumer<Explanation>, AutoCloseable {
    private static final int MAX_WAITING = 10_000;
    private static final int MAX_BATCH = 100_000;
    /** How often one target is written at most, by default. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);

    /** What waits to be written for one target. */
    private static final class Waiting {
        Explanation latest;
        long skips;
        long executes;
        long clones;
        long notBeforeNanos;
    }

    private final ExplanationStore store;
    private final Consumer<String> warnings;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    /** When each recently written target was written (System.nanoTime), pruned as entries age. */
    private final Map<String, Long> written = new HashMap<>();
    private final long minIntervalNanos;
    /** Explanations to archive by decision id, and when the next batch may be written (System.nanoTime). */
    private List<Explanation> batch = new ArrayList<>();
    private long batchNotBeforeNanos = System.nanoTime();
    private final Thread thread;
    private boolean closed;
    private long lastWarningMs;

    public ExplanationWriter(ExplanationStore store, Consumer<String> warnings) {
        this(store, warnings, DEFAULT_MIN_INTERVAL);
    }

    public ExplanationWriter(ExplanationStore store, Consumer<String> warnings, Duration minInterval) {
        this.store = store;
        this.warnings = warnings;
        this.minIntervalNanos = minInterval.toNanos();
        this.thread = new Thread(this::run, "explanation-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void accept(Explanation e) {
        if (closed) {
            return;
        }
        if (batch.size() < MAX_BATCH) {
            batch.add(e);
            if (batch.size() == 1) {
                notifyAll();
            }
        }
        if (waiting.size() >= MAX_WAITING && !waiting.containsKey(e.targetKey())) {
            return;
        }
        Waiting w = waiting.get(e.targetKey());
        if (w == null) {
            w = new Waiting();
            Long last = written.get(e.targetKey());
            w.notBeforeNanos = last == null ? System.nanoTime() : last + minIntervalNanos;
            waiting.put(e.targetKey(), w);
            notifyAll(); // a new target to write; one already waiting keeps its time
        }
        w.latest = e;
        switch (e.outcome()) {
            case "SKIP" -> w.skips++;
            case "CLONE" -> w.clones++;
            default -> w.executes++;
        }
    }

    private void run() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = nextDue();
                if (next == null) {
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                if (now - lastWarningMs > 60_000) {
                    lastWarningMs = now;
                    warnings.accept("could not keep decision explanations in the store: " + e.getMessage());
                }
            }
        }
    }

    /** Waits for a write that is due (any, once closed) and takes it; null when closed and done. */
    private Runnable nextDue() {
        while (true) {
            long now = System.nanoTime();
            if (!batch.isEmpty() && (closed || now - batchNotBeforeNanos >= 0)) {
                List<Explanation> full = batch;
                batch = new ArrayList<>();
                batchNotBeforeNanos = now + minIntervalNanos;
                return () -> store.archive(full);
            }
            if (waiting.isEmpty() && batch.isEmpty()) {
                if (closed) {
                    return null;
                }
                waitNanos(0);
                continue;
            }
            String due = null;
            long soonest = batch.isEmpty() ? Long.MAX_VALUE : batchNotBeforeNanos - now;
            for (Map.Entry<String, Waiting> w : waiting.entrySet()) {
                long wait = w.getValue().notBeforeNanos - now;
                if (closed || wait <= 0) {
                    due = w.getKey();
                    break;
                }
                soonest = Math.min(soonest, wait);
            }
            if (due != null) {
                if (written.size() > 2 * MAX_WAITING) {
                    written.values().removeIf(t -> now - t > minIntervalNanos);
                }
                written.put(due, now); // from now on, this target's next decisions wait out the interval
                Waiting w = waiting.remove(due);
                return () -> store.noteExplanation(w.latest, w.skips, w.executes, w.clones);
            }
            waitNanos(soonest);
        }
    }

    private void waitNanos(long nanos) {
        try {
            if (nanos <= 0) {
                wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Writes what is waiting (for up to {@code seconds}), then stops. */
    public void close(long seconds) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5);
    }
}

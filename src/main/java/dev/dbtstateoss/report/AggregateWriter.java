package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts decisions and confirmed builds per UTC day and target as they happen, and adds them to
 * the store ({@link DayAggregates}) from one background thread, at most once per interval: a
 * decision only adds to a map in memory. When the store fails, the figures are kept and tried
 * again with the next batch; past a bound of waiting targets, new ones are dropped (the report
 * then falls short). A failure is reported once per minute. Closing writes what is waiting.
 */
public final class AggregateWriter implements Consumer<Explanation>, AutoCloseable {
    private static final int MAX_WAITING = 100_000;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final DayAggregates store;
    private final Consumer<String> warnings;
    private final String writer = UUID.randomUUID().toString().substring(0, 18);
    private final long intervalNanos;
    private Map<LocalDate, Map<String, TargetDay>> waiting = new HashMap<>();
    private int waitingCount;
    private boolean closed;
    private long lastWarningMs;
    private final Thread thread;

    public AggregateWriter(DayAggregates store, Consumer<String> warnings) {
        this(store, warnings, DEFAULT_INTERVAL);
    }

    public AggregateWriter(DayAggregates store, Consumer<String> warnings, Duration interval) {
        this.store = store;
        this.warnings = warnings;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "aggregate-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A decision (its explanation). */
    @Override
    public void accept(Explanation e) {
        add(e.atMs(), TargetDay.of(e));
    }

    /** A build the client confirmed. */
    public void confirmed(RunRecord run) {
        if (run.confirmed()) {
            add(run.outcome().confirmedAtMs(), TargetDay.of(run));
        }
    }

    private synchronized void add(long atMs, TargetDay figures) {
        if (closed) {
            return;
        }
        if (waiting.isEmpty()) {
            notifyAll();
        }
        merge(Instant.ofEpochMilli(atMs).atZone(ZoneOffset.UTC).toLocalDate(), figures.targetKey(), figures);
    }

    private void merge(LocalDate day, String key, TargetDay figures) {
        Map<String, TargetDay> targets = waiting.computeIfAbsent(day, d -> new HashMap<>());
        if (!targets.containsKey(key)) {
            if (waitingCount >= MAX_WAITING) {
                return;
            }
            waitingCount++;
        }
        targets.merge(key, figures, TargetDay::plus);
    }

    private void run() {
        while (true) {
            Map<LocalDate, Map<String, TargetDay>> batch;
            boolean last;
            synchronized (this) {
                try {
                    while (!closed && waiting.isEmpty()) {
                        wait();
                    }
                    long deadline = System.nanoTime() + intervalNanos; // gather what comes within the interval
                    for (long left = intervalNanos; !closed && left > 0; left = deadline - System.nanoTime()) {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
                batch = waiting;
                waiting = new HashMap<>();
                waitingCount = 0;
                last = closed;
            }
            write(batch, last);
            if (last) {
                return;
            }
        }
    }

    private void write(Map<LocalDate, Map<String, TargetDay>> batch, boolean last) {
        for (Map.Entry<LocalDate, Map<String, TargetDay>> day : batch.entrySet()) {
            try {
                store.add(writer, day.getKey(), day.getValue());
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                if (now - lastWarningMs > 60_000) {
                    lastWarningMs = now;
                    warnings.accept("could not keep the daily figures in the store: " + e.getMessage());
                }
                if (!last) {
                    synchronized (this) {
                        day.getValue().forEach((k, v) -> merge(day.getKey(), k, v));
                    }
                }
            }
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

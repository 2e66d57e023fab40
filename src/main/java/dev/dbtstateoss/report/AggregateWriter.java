package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts decisions and confirmed builds per UTC day and target, and adds them to the store
 * ({@link DayAggregates}), on one background thread at most once per interval: a decision only
 * appends its explanation to a list (past a bound, while the store is slow, events are dropped and
 * the report falls short). When the store fails, the figures are kept and tried again with the
 * next batch (up to a bound of targets); a failure is reported once per minute. Closing writes what
 * is waiting. The figures go to the writer's own document of each day ({@code aggregates/<day>/<writer>}):
 * a writer id stays the same for a server process and organization, so an organization closed and
 * opened again adds to the same document; writers sharing an id (an old engine still closing) stay
 * safe, since {@link DayAggregates#add} replaces with a condition.
 */
public final class AggregateWriter implements Consumer<Explanation>, AutoCloseable {
    private static final int MAX_EVENTS = 200_000;
    private static final int MAX_TARGETS = 100_000;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final DayAggregates store;
    private final Consumer<String> warnings;
    private final String writer;
    private final long intervalNanos;
    /** Decisions (explanations) and confirmed runs not yet counted; counting happens on the writer's thread. */
    private List<Object> events = new ArrayList<>();
    private boolean closed;
    private long lastWarningMs;
    /** Figures whose write failed, tried again with the next batch (the writer's thread only). */
    private Map<LocalDate, Map<String, TargetDay>> carried = new HashMap<>();
    private int carriedTargets;
    private final Thread thread;

    /** {@code writer}: the id of this writer's documents (key characters: letters, digits, {@code -}). */
    public AggregateWriter(DayAggregates store, String writer, Consumer<String> warnings) {
        this(store, writer, warnings, DEFAULT_INTERVAL);
    }

    public AggregateWriter(DayAggregates store, String writer, Consumer<String> warnings, Duration interval) {
        this.store = store;
        this.writer = writer;
        this.warnings = warnings;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "aggregate-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A decision (its explanation): only kept for the writer's thread. */
    @Override
    public void accept(Explanation e) {
        add(e);
    }

    /** A build the client confirmed: only kept for the writer's thread. */
    public void confirmed(RunRecord run) {
        if (run.confirmed()) {
            add(run);
        }
    }

    private synchronized void add(Object event) {
        if (closed || events.size() >= MAX_EVENTS) {
            return;
        }
        events.add(event);
        if (events.size() == 1) {
            notifyAll();
        }
    }

    private void run() {
        while (true) {
            List<Object> batch;
            boolean last;
            synchronized (this) {
                try {
                    while (!closed && events.isEmpty() && carried.isEmpty()) {
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
                batch = events;
                events = new ArrayList<>();
                last = closed;
            }
            Map<LocalDate, Map<String, TargetDay>> figures = carried;
            carried = new HashMap<>();
            int targets = carriedTargets;
            carriedTargets = 0;
            for (Object event : batch) {
                TargetDay t;
                long at;
                if (event instanceof Explanation e) {
                    t = TargetDay.of(e);
                    at = e.atMs();
                } else {
                    RunRecord r = (RunRecord) event;
                    t = TargetDay.of(r);
                    at = r.outcome().confirmedAtMs();
                }
                targets += merge(figures, Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).toLocalDate(), t, targets);
            }
            write(figures, last);
            if (last) {
                return;
            }
        }
    }

    /** Adds to the figures; 1 when a target (of a day) was added, 0 when counted in or dropped past the bound. */
    private static int merge(Map<LocalDate, Map<String, TargetDay>> figures, LocalDate day, TargetDay t, int targets) {
        Map<String, TargetDay> ofDay = figures.computeIfAbsent(day, d -> new HashMap<>());
        boolean added = !ofDay.containsKey(t.targetKey());
        if (added && targets >= MAX_TARGETS) {
            return 0;
        }
        ofDay.merge(t.targetKey(), t, TargetDay::plus);
        return added ? 1 : 0;
    }

    private void write(Map<LocalDate, Map<String, TargetDay>> figures, boolean last) {
        for (Map.Entry<LocalDate, Map<String, TargetDay>> day : figures.entrySet()) {
            try {
                store.add(writer, day.getKey(), day.getValue());
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                if (now - lastWarningMs > 60_000) {
                    lastWarningMs = now;
                    warnings.accept("could not keep the daily figures in the store: " + e.getMessage());
                }
                if (!last) {
                    for (TargetDay t : day.getValue().values()) {
                        carriedTargets += merge(carried, day.getKey(), t, carriedTargets);
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

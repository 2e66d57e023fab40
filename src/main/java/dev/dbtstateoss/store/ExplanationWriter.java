package dev.dbtstateoss.store;

import dev.dbtstateoss.engine.Explanation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps decision explanations and counts in the store without slowing decisions: they are handed to
 * one background thread, which writes, per target, the newest explanation and the decisions counted
 * since its last write. When the store is slow, waiting targets past a bound are dropped (their
 * counts then fall short); a failure is reported once per minute.
 */
public final class ExplanationWriter implements Consumer<Explanation>, AutoCloseable {
    private static final int MAX_WAITING = 10_000;

    /** What waits to be written for one target. */
    private static final class Waiting {
        Explanation latest;
        long skips;
        long executes;
        long clones;
    }

    private final ExplanationStore store;
    private final Consumer<String> warnings;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final Thread thread;
    private boolean closed;
    private long lastWarningMs;

    public ExplanationWriter(ExplanationStore store, Consumer<String> warnings) {
        this.store = store;
        this.warnings = warnings;
        this.thread = new Thread(this::run, "explanation-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void accept(Explanation e) {
        if (closed || (waiting.size() >= MAX_WAITING && !waiting.containsKey(e.targetKey()))) {
            return;
        }
        Waiting w = waiting.computeIfAbsent(e.targetKey(), k -> new Waiting());
        w.latest = e;
        switch (e.outcome()) {
            case "SKIP" -> w.skips++;
            case "CLONE" -> w.clones++;
            default -> w.executes++;
        }
        notifyAll();
    }

    private void run() {
        while (true) {
            Waiting next;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                next = waiting.remove(waiting.keySet().iterator().next());
            }
            try {
                store.noteExplanation(next.latest, next.skips, next.executes, next.clones);
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                if (now - lastWarningMs > 60_000) {
                    lastWarningMs = now;
                    warnings.accept("could not keep decision explanations in the store: " + e.getMessage());
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

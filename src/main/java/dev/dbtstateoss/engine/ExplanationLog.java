package dev.dbtstateoss.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The explanations of the most recent decisions, by decision id (bounded; the oldest are dropped).
 * Adding takes no lock: decisions add from many threads at once. The ids sit in a ring of
 * {@code capacity} slots; an id written over is dropped from the map.
 */
public final class ExplanationLog {
    private final ConcurrentHashMap<String, Explanation> byId = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> ring;
    private final AtomicLong added = new AtomicLong();

    public ExplanationLog(int capacity) {
        this.ring = new AtomicReferenceArray<>(Math.max(1, capacity));
    }

    void add(Explanation e) {
        if (e.decisionId() == null) {
            return;
        }
        int slot = (int) (added.getAndIncrement() % ring.length());
        byId.put(e.decisionId(), e);
        String dropped = ring.getAndSet(slot, e.decisionId());
        if (dropped != null && !dropped.equals(e.decisionId())) {
            byId.remove(dropped);
        }
    }

    public Optional<Explanation> find(String decisionId) {
        return Optional.ofNullable(byId.get(decisionId));
    }
}

package dev.dbtstateoss.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The explanations of the most recent decisions, by decision id (bounded; the oldest are dropped). */
public final class ExplanationLog {
    private final Map<String, Explanation> byId;

    public ExplanationLog(int capacity) {
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Explanation> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(Explanation e) {
        if (e.decisionId() != null) {
            byId.put(e.decisionId(), e);
        }
    }

    public synchronized Optional<Explanation> find(String decisionId) {
        return Optional.ofNullable(byId.get(decisionId));
    }
}

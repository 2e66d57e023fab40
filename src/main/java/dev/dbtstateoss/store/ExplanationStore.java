package dev.dbtstateoss.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.dbtstateoss.engine.History;
import java.nio.charset.StandardCharsets;

/**
 * The decisions recorded per target ({@code targets/<h>/explained}): the newest explanation and the
 * decisions counted by outcome. Written in the background by {@link ExplanationWriter}; read by
 * {@code inspect}. Never on the decision path.
 */
public final class ExplanationStore {
    private final StateStore store;
    private final Gson gson;

    ExplanationStore(StateStore store, Gson gson) {
        this.store = store;
        this.gson = gson;
    }

    /**
     * Adds decisions to a target's record: the newest explanation wins, the counts add up (one
     * document per target, replaced with a condition).
     */
    public void noteExplanation(dev.dbtstateoss.engine.Explanation e, long skips, long executes, long clones) {
        String key = explainedKey(e.targetKey());
        ConditionalUpdate.apply(store, key, current -> {
            ExplainedTarget before = current.isEmpty() ? new ExplainedTarget(null, 0, 0, 0) : explained(key, current.get());
            return StoreHistory.bytes(gson.toJson(before.plus(e, skips, executes, clones)));
        });
    }

    /** The decisions recorded on every target (a listing: for inspection only). */
    public java.util.List<ExplainedTarget> allExplained() {
        java.util.List<ExplainedTarget> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> keys = StoreHistory.guard(() -> store.list("targets/"))) {
            keys.filter(k -> k.endsWith("/explained"))
                    .forEach(k -> StoreHistory.guard(() -> store.read(k)).ifPresent(b -> out.add(explained(k, b))));
        }
        return out;
    }

    /** The explanations of the newest decision about each target (a listing: for inspection only). */
    public java.util.List<dev.dbtstateoss.engine.Explanation> allExplanations() {
        return allExplained().stream().map(ExplainedTarget::latest).filter(java.util.Objects::nonNull).toList();
    }

    private ExplainedTarget explained(String key, StateStore.Blob b) {
        try {
            ExplainedTarget t = gson.fromJson(new String(b.value(), StandardCharsets.UTF_8), ExplainedTarget.class);
            if (t == null || t.latest() == null) {
                throw new JsonParseException("no explanation");
            }
            return t;
        } catch (RuntimeException e) {
            throw new History.HistoryException("unreadable explanation " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String explainedKey(String targetKey) {
        return "targets/" + StoreHistory.hash(targetKey) + "/explained";
    }
}

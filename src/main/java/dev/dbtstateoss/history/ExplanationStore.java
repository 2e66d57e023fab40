package dev.dbtstateoss.history;

import com.google.gson.JsonParseException;
import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.ExplanationArchive;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.store.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The explanations part of a store, written in the background by {@link ExplanationWriter} and never
 * on the decision path:
 *
 * <pre>
 * targets/&lt;h&gt;/explained              the newest explanation of the target and its decisions counted by outcome
 *                                   (inspect; see {@link ExplainedTargetJson})
 * explanations/&lt;second&gt;/&lt;batch&gt;.gz   every decision's explanation, in batches grouped by the second of the
 *                                   decision (its UUIDv7 id), each repeated explanation once (see
 *                                   {@link ExplanationBatchJson}), gzip-compressed, found by id for the Explain service
 * </pre>
 */
public final class ExplanationStore implements ExplanationArchive {
    private static final Pattern UUID_V7 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final StateStore store;

    ExplanationStore(StateStore store) {
        this.store = store;
    }

    /**
     * Adds decisions to a target's record: the newest explanation wins, the counts add up (one
     * document per target, replaced with a condition).
     */
    public void noteExplanation(dev.dbtstateoss.engine.Explanation e, long skips, long executes, long clones) {
        String key = explainedKey(e.targetKey());
        ConditionalUpdate.apply(store, key, current -> {
            ExplainedTarget before = current.isEmpty() ? new ExplainedTarget(null, 0, 0, 0) : explained(key, current.get());
            return ExplainedTargetJson.encode(before.plus(e, skips, executes, clones));
        });
    }

    /**
     * Keeps these explanations for {@link #find}: one new document per second of decision time they
     * span (created, never replaced, so servers sharing the store never collide). Explanations whose
     * id is not a UUIDv7 are left out.
     */
    public void archive(Collection<Explanation> batch) {
        Map<Long, List<Explanation>> bySecond = new TreeMap<>();
        for (Explanation e : batch) {
            long second = secondOf(e.decisionId());
            if (second >= 0) {
                bySecond.computeIfAbsent(second, k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<Long, List<Explanation>> group : bySecond.entrySet()) {
            String key = "explanations/" + group.getKey() + "/" + UUID.randomUUID() + ".gz";
            byte[] packed = Gzip.pack(ExplanationBatchJson.encode(group.getValue()));
            StoreHistory.guard(() -> store.createIfAbsent(key, packed));
        }
    }

    /** Reads the documents of each second the ids were decided in; one listing per second. */
    @Override
    public Map<String, Explanation> find(Collection<String> decisionIds) {
        Map<Long, Set<String>> bySecond = new TreeMap<>();
        for (String id : decisionIds) {
            long second = secondOf(id);
            if (second >= 0) {
                bySecond.computeIfAbsent(second, k -> new HashSet<>()).add(id);
            }
        }
        Map<String, Explanation> found = new HashMap<>();
        for (Map.Entry<Long, Set<String>> wanted : bySecond.entrySet()) {
            List<String> keys;
            try (java.util.stream.Stream<String> listed = StoreHistory.guard(() -> store.list("explanations/" + wanted.getKey() + "/"))) {
                keys = listed.toList();
            }
            for (String key : keys) {
                StoreHistory.guard(() -> store.readValue(key)).ifPresent(value -> {
                    for (Explanation e : batch(key, value)) {
                        if (wanted.getValue().contains(e.decisionId())) {
                            found.put(e.decisionId(), e);
                        }
                    }
                });
            }
        }
        return found;
    }

    /** The second (Unix time) a UUIDv7 id was made in, or -1 for any other id. */
    static long secondOf(String id) {
        if (id == null || !UUID_V7.matcher(id).matches()) {
            return -1;
        }
        return Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16) / 1000;
    }

    private List<Explanation> batch(String key, byte[] value) {
        try {
            return ExplanationBatchJson.decode(Gzip.unpack(value));
        } catch (RuntimeException e) {
            throw new History.HistoryException("unreadable explanations " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
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
            ExplainedTarget t = ExplainedTargetJson.decode(b.value());
            if (t == null || t.latest() == null) {
                throw new JsonParseException("no explanation");
            }
            return t;
        } catch (RuntimeException e) {
            throw new History.HistoryException("unreadable explanation " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String explainedKey(String targetKey) {
        return "targets/" + Layout.hash(targetKey) + "/explained";
    }
}

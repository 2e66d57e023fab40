package dev.dbtstateoss.history;

import dev.dbtstateoss.store.StateStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a store holds, by kind of document (inspect store): a listing and a read of every document. */
public final class StoreContents {
    private StoreContents() {}

    /** How many documents of one kind, and their bytes. */
    public record Count(long documents, long bytes) {
        Count plus(long size) {
            return new Count(documents + 1, bytes + size);
        }
    }

    /** Counts by kind: runs (confirmed), decisions never confirmed, sql, latest, week lists, marks, explanations, aggregates. */
    public static Map<String, Count> of(StateStore store) {
        Map<String, Count> out = new TreeMap<>();
        try (Stream<String> keys = StoreHistory.guard(() -> store.list(""))) {
            keys.forEach(k -> StoreHistory.guard(() -> store.readValue(k)).ifPresent(v ->
                    out.merge(kind(k, v), new Count(1, v.length + k.length()), (a, b) -> new Count(a.documents() + 1, a.bytes() + b.bytes()))));
        }
        return out;
    }

    static String kind(String key, byte[] value) {
        String[] p = key.split("/");
        switch (p[0]) {
            case "runs":
                try {
                    return RunJson.decode(value).run().confirmed() ? "runs (confirmed)" : "runs (decided, not confirmed)";
                } catch (RuntimeException e) {
                    return "runs (unreadable)";
                }
            case "sql":
                return "sql texts";
            case "clones":
                return "clone index";
            case "explanations":
                return "explanation batches";
            case "aggregates":
                return "daily aggregates";
            case "targets":
                return p.length < 3 ? "other" : switch (p[2]) {
                    case "latest" -> "targets: latest run";
                    case "weeks" -> "targets: week lists";
                    case "matches" -> "targets: match marks";
                    case "decided" -> "targets: decided marks";
                    case "explained" -> "targets: newest explanation";
                    default -> "other";
                };
            default:
                return key.equals(StoreFormat.KEY) ? "format marker" : "other";
        }
    }
}

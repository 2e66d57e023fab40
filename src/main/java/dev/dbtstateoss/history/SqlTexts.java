package dev.dbtstateoss.history;

import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The normalized SQL of runs, kept once per distinct text and month ({@code sql/<month>/<hash>}, see
 * {@link Layout#sqlKey}) instead of in every run. Texts written or read recently are remembered (a
 * bounded cache), so a server writes a text once a month and reads it back for a confirmation without
 * asking the store. The month in the key lets retention drop the texts of old months whole.
 */
final class SqlTexts {
    private static final int CACHED = 1024;

    private final StateStore store;
    private final Map<String, String> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    };

    SqlTexts(StateStore store) {
        this.store = store;
    }

    /** Keeps the text of a run decided as {@code requestId}; its key, or null for a run without SQL. */
    String put(String requestId, String sql) {
        if (sql == null || sql.isEmpty()) {
            return null;
        }
        String key = Layout.sqlKey(requestId, sql);
        synchronized (cache) {
            if (cache.containsKey(key)) {
                return key;
            }
        }
        StoreHistory.guard(() -> store.createIfAbsent(key, sql.getBytes(StandardCharsets.UTF_8)));
        remember(key, sql);
        return key;
    }

    /** The text at {@code key}; "" when there is none (a key of null, or a text retention removed). */
    String text(String key) {
        if (key == null) {
            return "";
        }
        synchronized (cache) {
            String hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        String found = StoreHistory.guard(() -> store.readValue(key)).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        if (!found.isEmpty()) {
            remember(key, found);
        }
        return found;
    }

    private void remember(String key, String sql) {
        synchronized (cache) {
            cache.put(key, sql);
        }
    }
}

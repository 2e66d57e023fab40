package dev.dbtstateoss.history;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;

/** The {@code format} marker of a store: which layout of documents it holds. */
public final class StoreFormat {
    /** The marker's key, at the root of the store. */
    public static final String KEY = "format";

    private StoreFormat() {}

    /**
     * The store's format, after writing the current one into an empty store when {@code create};
     * refuses (StoreException) a store without a marker or with one that cannot be read.
     */
    public static int open(StateStore store, boolean create) {
        if (create) {
            store.createIfAbsent(KEY, ("{\"format\":" + StoreHistory.FORMAT + "}").getBytes(StandardCharsets.UTF_8));
        }
        return read(store);
    }

    /** The format of a store that has a marker (StoreException when it has none or it is unreadable). */
    public static int read(StateStore store) {
        byte[] found = store.readValue(KEY).orElseThrow(() -> new StateStore.StoreException(
                store.describe() + " holds no dbt-state-oss state (it has no format marker)", null));
        try {
            JsonElement e = JsonParser.parseString(new String(found, StandardCharsets.UTF_8));
            return e.getAsJsonObject().get("format").getAsInt();
        } catch (RuntimeException e) {
            throw new StateStore.StoreException("the format marker of " + store.describe() + " is unreadable: " + e, e);
        }
    }

    /** Why a store of {@code format} (not the current one) is not opened, and what to do. */
    static String refusal(StateStore store, int format) {
        if (format > StoreHistory.FORMAT) {
            return "the store at " + store.describe() + " has format " + format + ", newer than this version understands ("
                    + StoreHistory.FORMAT + "); upgrade dbt-state-oss";
        }
        return "the store at " + store.describe() + " has format " + format + ", written by an earlier dbt-state-oss;"
                + " it is not read in place: copy it once into a new, empty store of format " + StoreHistory.FORMAT
                + " with `dbt-state-oss migrate-store` (--from/--from-dir etc. naming this store, --to/--to-dir etc. a new one;"
                + " the source is left as it is) and serve from the copy";
    }
}

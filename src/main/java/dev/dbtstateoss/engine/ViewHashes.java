package dev.dbtstateoss.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The hashes of the view definitions a request reads through, by view name: what each view selects
 * ({@link Fingerprinter#viewBodyHash}, part of the settings hash) and its exact text
 * ({@link Fingerprinter#textHash}, to see a view re-created with the same query).
 */
public record ViewHashes(Map<String, String> bodies, Map<String, String> texts) {
    /** The two hashes of one definition. */
    public record Of(String body, String text) {
        static Of definition(String sql) {
            return new Of(Fingerprinter.viewBodyHash(sql), Fingerprinter.textHash(sql));
        }
    }

    public ViewHashes {
        bodies = Map.copyOf(bodies);
        texts = Map.copyOf(texts);
    }

    /** The hashes of the request's views, each computed afresh. */
    public static ViewHashes of(SqlRequest r) {
        return of(r, Of::definition);
    }

    /** The hashes of the request's views, each definition's from {@code hashes} (e.g. a cache). */
    static ViewHashes of(SqlRequest r, Function<String, Of> hashes) {
        if (r.viewDefinitions().isEmpty()) {
            return new ViewHashes(Map.of(), Map.of());
        }
        Map<String, String> bodies = new TreeMap<>();
        Map<String, String> texts = new TreeMap<>();
        r.viewDefinitions().forEach((view, sql) -> {
            Of h = hashes.apply(sql);
            bodies.put(view, h.body());
            texts.put(view, h.text());
        });
        return new ViewHashes(bodies, texts);
    }
}

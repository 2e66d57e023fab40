package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the engine's explanations go and are found again: recent ones in memory, every one handed
 * to {@code kept} (e.g. a background writer to the store), older ones looked up in the archive.
 */
final class Explanations {
    /**
     * How many recent explanations stay in memory: a few seconds of decisions at full load, enough
     * for the archive's once-a-second batches to catch up; each is a few KB the collector would
     * otherwise copy and keep.
     */
    static final int RECENT = 10_000;

    private final ExplanationLog recent = new ExplanationLog(RECENT);
    private final Consumer<Explanation> kept;
    private final ExplanationArchive archive;
    private final Consumer<String> warnings;

    Explanations(Consumer<Explanation> kept, ExplanationArchive archive, Consumer<String> warnings) {
        this.kept = kept;
        this.archive = archive;
        this.warnings = warnings;
    }

    ExplanationLog recent() {
        return recent;
    }

    void add(Explanation e) {
        recent.add(e);
        try {
            kept.accept(e);
        } catch (RuntimeException ex) {
            warnings.accept("could not keep the explanation of " + e.node() + ": " + ex.getMessage());
        }
    }

    /** These decisions' explanations, from memory or the archive; ids found nowhere (or when the archive fails) are absent. */
    Map<String, Explanation> find(List<String> decisionIds) {
        Map<String, Explanation> found = new LinkedHashMap<>();
        List<String> elsewhere = new ArrayList<>();
        for (String id : decisionIds) {
            recent.find(id).ifPresentOrElse(e -> found.put(id, e), () -> elsewhere.add(id));
        }
        if (!elsewhere.isEmpty()) {
            try {
                found.putAll(archive.find(elsewhere));
            } catch (RuntimeException e) {
                warnings.accept("could not read kept explanations: " + e.getMessage());
            }
        }
        return found;
    }
}

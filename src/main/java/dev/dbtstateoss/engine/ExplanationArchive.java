package dev.dbtstateoss.engine;

import java.util.Collection;
import java.util.Map;

/**
 * Explanations kept beyond this process's memory (in the store, by decision id), so that the
 * client's {@code dbt-state explain} gets its answers after a restart or from another server.
 * Implementations throw on a store failure; the engine then leaves the ids out.
 */
public interface ExplanationArchive {

    /** The explanations found for these decision ids; ids not found are absent from the map. */
    Map<String, Explanation> find(Collection<String> decisionIds);

    /** No archive: only this process's recent decisions are explained. */
    ExplanationArchive NONE = ids -> Map.of();
}

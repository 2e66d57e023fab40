package dev.dbtstateoss.engine;

import java.util.Map;

/** A seed: "is the table already loaded with exactly these values?" */
public record ValuesRequest(
        String targetTable,
        String namespace,
        String dialect,
        String valuesHash,
        Long targetLastModifiedMs,
        Map<String, String> labels,
        long nowMs) {

    public ValuesRequest {
        labels = Map.copyOf(labels);
    }

    public String displayName() {
        String n = labels.getOrDefault("dbt_node_unique_id", "");
        return n.isEmpty() ? targetTable : n;
    }
}

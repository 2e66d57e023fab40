package dev.dbtstateoss.engine;

import java.util.List;
import java.util.Map;

/**
 * One "can this node be skipped?" question about a SQL node (model, snapshot, data test).
 *
 * @param targetTable quoted FQN of the relation the node builds; empty for data tests
 * @param namespace the warehouse connection id (dbt v2) or empty
 * @param tables every relation the SQL reads plus the target itself, as the client stamped them
 * @param viewDefinitions the definition SQL of every view the SQL reads through, by view name
 * @param compareUnrenderedCode dbt's {@code compare_unrendered_code}: an unchanged dbt node (template,
 *     macros, configs) counts as the same query even when its rendered SQL changed
 * @param toleranceSeconds how stale inputs may be before the node must rebuild
 * @param nowMs the client's submission time (x-submitted-at-epoch), else the server's clock
 */
public record SqlRequest(
        String targetTable,
        String namespace,
        String dialect,
        ExecutionType executionType,
        String sql,
        List<TableStamp> tables,
        Map<String, String> viewDefinitions,
        Map<String, String> semanticExtras,
        long toleranceSeconds,
        boolean tolerateNondeterminism,
        StalePolicy stalePolicy,
        boolean ignoreExternalModifications,
        boolean allowClones,
        boolean compareUnrenderedCode,
        NodeState nodeState,
        Map<String, String> labels,
        long nowMs) {

    public SqlRequest {
        tables = List.copyOf(tables);
        viewDefinitions = Map.copyOf(viewDefinitions);
        semanticExtras = Map.copyOf(semanticExtras);
        labels = Map.copyOf(labels);
    }

    public boolean isDataTest() {
        return executionType == ExecutionType.DBT_DATA_TEST;
    }

    /** A short name for logs: the dbt node name when the client sent one, else the target. */
    public String displayName() {
        String n = labels.getOrDefault("dbt_node_unique_id", nodeState.nodeUniqueId());
        return n.isEmpty() ? targetTable : n;
    }
}

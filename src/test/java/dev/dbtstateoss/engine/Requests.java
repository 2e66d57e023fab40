package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds engine requests for tests. */
final class Requests {
    String target = "\"db\".\"analytics\".\"orders\"";
    String sql = "select id from \"db\".\"raw\".\"orders\"";
    ExecutionType type = ExecutionType.FULL;
    final Map<String, Long> tables = new LinkedHashMap<>();
    final Map<String, String> views = new LinkedHashMap<>();
    final Map<String, String> extras = new LinkedHashMap<>();
    long tolerance = 0;
    boolean tolerateNondeterminism = true;
    StalePolicy policy = StalePolicy.ANY;
    boolean ignoreExternal = false;
    boolean compareUnrendered = false;
    NodeState node = NodeState.EMPTY;
    final Map<String, String> labels = new LinkedHashMap<>();
    long now = 1_000_000;
    String dialect = "postgres";

    Requests table(String name, Long ms) {
        tables.put(name, ms);
        return this;
    }

    SqlRequest build() {
        List<TableStamp> stamps = new ArrayList<>();
        tables.forEach((k, v) -> stamps.add(new TableStamp(k, v)));
        return new SqlRequest(target, "", dialect, type, sql, stamps, views, extras, tolerance, tolerateNondeterminism,
                policy, ignoreExternal, true, compareUnrendered, node, labels, now);
    }
}

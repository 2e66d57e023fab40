package dev.dbtstateoss.engine;

import java.util.List;

/**
 * Why a decision was taken, line by line, as the client's {@code dbt-state explain} shows it.
 *
 * @param targetKey the key the decision was about (see {@link Keys})
 * @param node the dbt node (or the target when the client sent no node)
 * @param atMs the client's submission time of the question
 * @param outcome "SKIP", "EXECUTE" or "CLONE"
 * @param executionType how the node is built ({@link ExecutionType} name; null in explanations kept by older versions)
 * @param reusedRuntimeMs the runtime of the reused (or cloned) build, 0 when nothing was reused
 */
public record Explanation(String decisionId, String targetKey, String node, long atMs, String outcome, String reason,
        String description, List<Line> lines, String executionType, long reusedRuntimeMs) {

    public Explanation {
        lines = List.copyOf(lines);
    }

    /** An explanation without the execution type and reused runtime. */
    public Explanation(String decisionId, String targetKey, String node, long atMs, String outcome, String reason,
            String description, List<Line> lines) {
        this(decisionId, targetKey, node, atMs, outcome, reason, description, lines, null, 0);
    }

    /** How a line is marked. */
    public enum Mark { SUCCESS, FAIL, INFO }

    /** What a line is about (the wire enum ExplainBadge without its unspecified value). */
    public enum Badge {
        NONE, FRESH, WITHIN_TOLERANCE, OUTDATED, NODE_QUERY_CHANGED, NODE_QUERY_UNCHANGED, UPSTREAM_QUERY_CHANGED,
        UPSTREAM_QUERY_UNCHANGED, TARGET_TABLE_EXISTS
    }

    public record Line(String text, Mark mark, Badge badge) {}
}

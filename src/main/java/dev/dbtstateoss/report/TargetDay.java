package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunRecord;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one target saw on one UTC day: its decisions by outcome, the runtime of the builds reused
 * (time saved) and of the builds confirmed (time spent), and why it was not reused.
 *
 * @param targetKey the engine's key of the target (see {@code engine.Keys})
 * @param project the dbt project (the second part of the node's unique id), or ""
 * @param node the dbt node, or the target when the client sent none
 * @param executionType how the node is built ({@code ExecutionType} name), or "" when unknown
 * @param reused decisions answered SKIP
 * @param cloned decisions answered CLONE
 * @param executed decisions answered EXECUTE
 * @param builds confirmed runs (decided to execute, then built)
 * @param notReused EXECUTE decisions by reason
 * @param toleranceSeconds the lag tolerance of the newest decision that stated one, else -1
 * @param lastAtMs the newest decision or confirmation counted
 */
public record TargetDay(String targetKey, String project, String node, String executionType, long decisions, long reused,
        long cloned, long executed, long reusedRuntimeMs, long builds, long spentRuntimeMs, Map<String, Long> notReused,
        long toleranceSeconds, long lastAtMs) {
    private static final String TOLERANCE_LINE = "freshness tolerance: ";

    public TargetDay {
        notReused = notReused == null ? Map.of() : Map.copyOf(notReused);
        project = project == null ? "" : project;
        node = node == null ? "" : node;
        executionType = executionType == null ? "" : executionType;
    }

    /** One decision. */
    public static TargetDay of(Explanation e) {
        String outcome = e.outcome() == null ? "EXECUTE" : e.outcome();
        boolean skip = outcome.equals("SKIP");
        boolean clone = outcome.equals("CLONE");
        boolean execute = !skip && !clone;
        long tolerance = -1;
        for (Explanation.Line l : e.lines()) {
            tolerance = toleranceOf(l.text(), tolerance);
        }
        return new TargetDay(e.targetKey(), projectOf(e.node()), e.node(), e.executionType(), 1, skip ? 1 : 0, clone ? 1 : 0,
                execute ? 1 : 0, execute ? 0 : Math.max(0, e.reusedRuntimeMs()), 0, 0,
                execute ? Map.of(e.reason() == null ? "UNKNOWN" : e.reason(), 1L) : Map.of(), tolerance, e.atMs());
    }

    /** The seconds a line "freshness tolerance: N seconds" states, else {@code otherwise}. */
    static long toleranceOf(String line, long otherwise) {
        if (line == null || !line.startsWith(TOLERANCE_LINE) || !line.endsWith(" seconds")) {
            return otherwise;
        }
        String digits = line.substring(TOLERANCE_LINE.length(), line.length() - " seconds".length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return otherwise;
        }
        return Long.parseLong(digits);
    }

    /** One confirmed build. */
    public static TargetDay of(RunRecord confirmed) {
        return new TargetDay(confirmed.targetKey(), projectOf(confirmed.displayName()), confirmed.displayName(),
                confirmed.executionType() == null ? "" : confirmed.executionType().name(), 0, 0, 0, 0, 0, 1,
                Math.max(0, confirmed.outcome().runtimeMs()), Map.of(), -1, confirmed.outcome().confirmedAtMs());
    }

    /** Both days' figures added up; names and tolerance from the newer. */
    public TargetDay plus(TargetDay o) {
        TargetDay newer = o.lastAtMs >= lastAtMs ? o : this;
        TargetDay older = newer == o ? this : o;
        Map<String, Long> reasons = new TreeMap<>(notReused);
        o.notReused.forEach((k, v) -> reasons.merge(k, v, Long::sum));
        return new TargetDay(targetKey, pick(newer.project, older.project), pick(newer.node, older.node),
                pick(newer.executionType, older.executionType), decisions + o.decisions, reused + o.reused, cloned + o.cloned,
                executed + o.executed, reusedRuntimeMs + o.reusedRuntimeMs, builds + o.builds, spentRuntimeMs + o.spentRuntimeMs,
                reasons, newer.toleranceSeconds >= 0 ? newer.toleranceSeconds : older.toleranceSeconds,
                Math.max(lastAtMs, o.lastAtMs));
    }

    /** Whether the hosted service would have billed the target this day: reused or cloned, and not a view. */
    public boolean dailyActive() {
        return reused + cloned > 0 && !executionType.equals("VIEW");
    }

    /** The target's name for people: the relation, or the data test's node. */
    public String name() {
        return nameOf(targetKey, node);
    }

    static String nameOf(String targetKey, String node) {
        if (targetKey.startsWith("table|")) {
            int second = targetKey.indexOf('|', 6);
            return second < 0 ? targetKey : targetKey.substring(second + 1);
        }
        return node.isEmpty() ? targetKey : node;
    }

    /** "shop" of "model.shop.orders"; "" for anything else. */
    static String projectOf(String node) {
        if (node == null) {
            return "";
        }
        // As node.split("\\.") would give: a third part that is not empty, or empty parts after it
        // followed by one that is not (split drops the empty parts at the end).
        int first = node.indexOf('.');
        if (first < 0) {
            return "";
        }
        int second = node.indexOf('.', first + 1);
        if (second < 0) {
            return "";
        }
        for (int i = second + 1; i < node.length(); i++) {
            if (node.charAt(i) != '.') {
                return node.substring(first + 1, second);
            }
        }
        return "";
    }

    private static String pick(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}

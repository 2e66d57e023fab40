package dev.dbtstateoss.engine;

import dev.dbtstateoss.engine.Explanation.Badge;
import dev.dbtstateoss.engine.Explanation.Line;
import dev.dbtstateoss.engine.Explanation.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a decision and what it was decided from into explanation lines (a pure function). */
final class Explainer {
    private Explainer() {}

    static Explanation explain(SqlRequest r, String key, Fingerprint fp, String settingsHash, Optional<RunRecord> latest,
            Decision d) {
        List<Line> lines = new ArrayList<>();
        if (!r.isDataTest()) {
            Long own = r.tables().stream().filter(t -> t.name().equals(r.targetTable())).findFirst()
                    .map(TableStamp::lastModifiedMs).orElse(null);
            lines.add(own == null
                    ? new Line("table " + r.targetTable() + " does not exist (or has no timestamp)", Mark.FAIL, Badge.NONE)
                    : new Line("table " + r.targetTable() + " exists, last modified at " + own, Mark.SUCCESS, Badge.TARGET_TABLE_EXISTS));
        }
        if (latest.isEmpty()) {
            lines.add(new Line("no confirmed run of this node is recorded", Mark.FAIL, Badge.NONE));
        } else {
            RunRecord last = latest.get();
            boolean same = last.fingerprint().equals(fp.hash());
            lines.add(same ? new Line("query unchanged since the run decided at " + last.decidedAtMs(), Mark.SUCCESS,
                    Badge.NODE_QUERY_UNCHANGED)
                    : new Line("query changed since the run decided at " + last.decidedAtMs(), Mark.FAIL, Badge.NODE_QUERY_CHANGED));
            if (!same && !last.normalizedSql().isEmpty()) {
                lines.add(new Line(changedSpan(last.normalizedSql(), fp.normalizedSql()), Mark.INFO, Badge.NONE));
            }
            boolean settings = last.settingsHash().equals(settingsHash);
            lines.add(new Line(settings ? "semantic settings and upstream views unchanged"
                    : "semantic settings or upstream view queries changed", settings ? Mark.SUCCESS : Mark.FAIL,
                    settings ? Badge.UPSTREAM_QUERY_UNCHANGED : Badge.UPSTREAM_QUERY_CHANGED));
            lines.add(new Line("freshness tolerance: " + r.toleranceSeconds() + " seconds", Mark.INFO, Badge.NONE));
            boolean skipStale = d instanceof Decision.Skip s && s.stale();
            long allowanceMs = FreshnessSignal.of(r.dialect()).backwardAllowanceMs();
            for (Map.Entry<String, Long> in : Rules.inputs(r).entrySet()) {
                lines.add(input(in.getKey(), in.getValue(), last.inputs().get(in.getKey()), allowanceMs, skipStale));
            }
        }
        lines.add(new Line(d.detail(), Mark.INFO, Badge.NONE));
        return new Explanation(d.decisionId(), key, r.displayName(), r.nowMs(), outcome(d), reason(d), d.description(), lines,
                r.executionType().name(), reusedRuntimeMs(d));
    }

    static Explanation explainValues(ValuesRequest r, String key, Decision d) {
        List<Line> lines = new ArrayList<>();
        lines.add(r.targetLastModifiedMs() == null
                ? new Line("table " + r.targetTable() + " does not exist (or has no timestamp)", Mark.FAIL, Badge.NONE)
                : new Line("table " + r.targetTable() + " exists, last modified at " + r.targetLastModifiedMs(), Mark.SUCCESS,
                        Badge.TARGET_TABLE_EXISTS));
        lines.add(new Line(d.detail(), Mark.INFO, Badge.NONE));
        return new Explanation(d.decisionId(), key, r.displayName(), r.nowMs(), outcome(d), reason(d), d.description(), lines,
                ExecutionType.VALUES.name(), reusedRuntimeMs(d));
    }

    /** The runtime of the build a skip or clone reused ("time saved"), else 0. */
    private static long reusedRuntimeMs(Decision d) {
        if (d instanceof Decision.Skip s) {
            return s.reusedRuntimeMs();
        }
        return d instanceof Decision.Clone c && c.reusedRuntimeMs() != null ? c.reusedRuntimeMs() : 0;
    }

    /** The part of the normalized SQL that changed, with a few tokens of context: "was: ... / now: ...". */
    static String changedSpan(String before, String after) {
        String[] a = before.split(" ");
        String[] b = after.split(" ");
        int start = 0;
        while (start < a.length && start < b.length && a[start].equals(b[start])) {
            start++;
        }
        int endA = a.length;
        int endB = b.length;
        while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
            endA--;
            endB--;
        }
        int from = Math.max(0, start - 4);
        return "SQL was: ..." + span(a, from, Math.min(a.length, endA + 2)) + "... now: ..." + span(b, from, Math.min(b.length, endB + 2))
                + "...";
    }

    private static String span(String[] tokens, int from, int to) {
        String s = String.join(" ", java.util.Arrays.asList(tokens).subList(from, Math.max(from, to)));
        return s.length() > 300 ? s.substring(0, 300) + " (cut)" : s;
    }

    private static String reason(Decision d) {
        if (d instanceof Decision.Skip s) {
            return s.reason().name();
        }
        return d instanceof Decision.Execute e ? e.reason().name() : "EQUIVALENT_ELSEWHERE";
    }

    private static Line input(String name, Long now, Long recorded, long allowanceMs, boolean withinTolerance) {
        if (recorded == null) {
            return new Line(name + ": not an input of the recorded run", Mark.FAIL, Badge.OUTDATED);
        }
        if (now == Long.MIN_VALUE) {
            return new Line(name + ": no timestamp", Mark.FAIL, Badge.OUTDATED);
        }
        if (now <= recorded && now >= recorded - allowanceMs) {
            return new Line(name + ": unchanged since the recorded run", Mark.SUCCESS, Badge.FRESH);
        }
        String newer = name + (now > recorded ? ": newer by " + (now - recorded) : ": older by " + (recorded - now))
                + " ms than at the recorded run (last modified " + now + ", then " + recorded + ")";
        return withinTolerance ? new Line(newer + " (within tolerance)", Mark.INFO, Badge.WITHIN_TOLERANCE)
                : new Line(newer, Mark.FAIL, Badge.OUTDATED);
    }

    private static String outcome(Decision d) {
        return d instanceof Decision.Skip ? "SKIP" : d instanceof Decision.Execute ? "EXECUTE" : "CLONE";
    }
}

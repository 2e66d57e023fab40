package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Explain/GetUpstreamDependencyChanges ({@code dbt-state explain -vv}, "all upstream dependency
 * changes"): the inputs of a confirmed run whose timestamp or lineage changed relative to the run
 * of the same target before it, and inputs read or no longer read since. A timestamp counts as
 * changed as the rules count it: newer, or older beyond the dialect's
 * {@link FreshnessSignal#backwardAllowanceMs} (rows deleted, the table restored or re-created).
 */
final class UpstreamChanges {
    private UpstreamChanges() {}

    /** The lines for the run with this execution id; empty when no confirmed run has it. */
    static Optional<List<Explanation.Line>> of(History history, String executionId) {
        Optional<RunRecord> run = history.pending(executionId);
        if (run.isEmpty() || !run.get().confirmed()) {
            return Optional.empty();
        }
        return Optional.of(between(run.get(), history.before(run.get().targetKey(), executionId)));
    }

    static List<Explanation.Line> between(RunRecord run, Optional<RunRecord> before) {
        List<Explanation.Line> lines = new ArrayList<>();
        if (before.isEmpty()) {
            lines.add(info("no earlier run of this node is recorded: every input is new to it", Explanation.Badge.NONE));
            return lines;
        }
        RunRecord b = before.get();
        long allowanceMs = FreshnessSignal.of(run.dialect().isEmpty() ? b.dialect() : run.dialect()).backwardAllowanceMs();
        TreeSet<String> names = new TreeSet<>(run.inputs().keySet());
        names.addAll(b.inputs().keySet());
        for (String name : names) {
            Long now = run.inputs().get(name);
            Long then = b.inputs().get(name);
            if (then == null) {
                lines.add(info(name + ": read now, not by the run before", Explanation.Badge.NONE));
            } else if (now == null) {
                lines.add(info(name + ": read by the run before, not now", Explanation.Badge.NONE));
            } else {
                if (now == Long.MIN_VALUE || then == Long.MIN_VALUE) {
                    if (now.longValue() != then.longValue()) {
                        lines.add(info(name + ": " + stamp(now) + ", " + stamp(then) + " at the run before",
                                Explanation.Badge.OUTDATED));
                    }
                } else if (now > then) {
                    lines.add(info(name + ": modified at " + now + ", newer by " + (now - then) + " ms than at the run before ("
                            + then + ")", Explanation.Badge.OUTDATED));
                } else if (now < then - allowanceMs) {
                    lines.add(info(name + ": reads " + now + ", older by " + (then - now) + " ms than the " + then
                            + " at the run before (allowed " + allowanceMs + " ms): rows were deleted, or it was restored or re-created",
                            Explanation.Badge.OUTDATED));
                }
                String lineageNow = run.inputLineages().getOrDefault(name, "");
                String lineageThen = b.inputLineages().getOrDefault(name, "");
                if (!lineageNow.equals(lineageThen)) {
                    lines.add(info(name + ": rebuilt with changed logic since the run before", Explanation.Badge.UPSTREAM_QUERY_CHANGED));
                }
            }
        }
        for (Map.Entry<String, String> view : run.viewTexts().entrySet()) {
            String then = b.viewTexts().get(view.getKey());
            if (then != null && !then.equals(view.getValue())) {
                lines.add(info("view " + view.getKey() + ": re-created since the run before", Explanation.Badge.OUTDATED));
            }
        }
        if (lines.isEmpty()) {
            lines.add(info("no input changed since the run before", Explanation.Badge.FRESH));
        }
        return lines;
    }

    private static String stamp(long ms) {
        return ms == Long.MIN_VALUE ? "no timestamp" : "last modified at " + ms;
    }

    private static Explanation.Line info(String text, Explanation.Badge badge) {
        return new Explanation.Line(text, Explanation.Mark.INFO, badge);
    }
}

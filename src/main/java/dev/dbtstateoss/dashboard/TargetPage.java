package dev.dbtstateoss.dashboard;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.report.Savings;
import dev.dbtstateoss.history.ExplainedTarget;
import dev.dbtstateoss.history.StoreHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One target: its runs over time, why the newest decision was taken, the SQL diff of its last two runs, its inputs. */
final class TargetPage {
    static final int RUNS_SHOWN = 60;

    private TargetPage() {}

    static String of(StoreHistory history, String org, String key) {
        List<RunRecord> runs = history.runs(key);
        Optional<Explanation> newest = history.explanations().allExplained().stream().map(ExplainedTarget::latest)
                .filter(e -> e.targetKey().equals(key)).findFirst();
        if (runs.isEmpty() && newest.isEmpty()) {
            return Html.page("Target", org, "<p>Nothing is recorded for " + Html.esc(key) + ".</p>");
        }
        String node = !runs.isEmpty() ? runs.get(runs.size() - 1).displayName() : newest.get().node();
        String name = Pages.nameOf(key, node);
        StringBuilder b = new StringBuilder("<p>node <code>" + Html.esc(node) + "</code> · " + runs.size()
                + " confirmed runs recorded</p>");
        List<RunRecord> recent = runs.subList(Math.max(0, runs.size() - RUNS_SHOWN), runs.size());
        List<Svg.Bar> bars = new ArrayList<>();
        for (RunRecord r : recent) {
            String when = Html.time(r.outcome().confirmedAtMs());
            bars.add(new Svg.Bar(when.length() >= 16 ? when.substring(5, 16) : when, r.outcome().runtimeMs() / 1000.0, "#9a5b00"));
        }
        b.append(Svg.bars("Runtime of each recorded build (seconds), newest " + recent.size(), bars, 0,
                v -> String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.1f", v)));
        b.append("<h3>Why the newest decision was taken</h3>");
        b.append(newest.map(Pages::explanation).orElse("<p>No decision is recorded yet.</p>"));
        b.append("<h3>SQL: the newest build's query against the last different one</h3>").append(diff(runs));
        b.append("<h3>Inputs</h3>").append(inputs(runs, newest));
        List<List<String>> rows = new ArrayList<>();
        for (int i = recent.size() - 1; i >= Math.max(0, recent.size() - 20); i--) {
            RunRecord r = recent.get(i);
            rows.add(List.of(Html.esc(Html.time(r.decidedAtMs())), Html.esc(Html.time(r.outcome().confirmedAtMs())),
                    Html.esc(Savings.duration(r.outcome().runtimeMs())), "<code>" + Html.esc(shortHash(r.fingerprint())) + "</code>",
                    Html.esc(r.requestId())));
        }
        b.append("<h3>Newest runs</h3>").append(Html.table(List.of("decided", "confirmed", "#runtime", "query", "request id"), rows));
        return Html.page(name, org, b.toString());
    }

    private static String shortHash(String h) {
        return h == null ? "" : h.substring(0, Math.min(12, h.length()));
    }

    /**
     * The normalized SQL of the newest run against that of the newest earlier run with another query
     * (builds in between ran the newest query), token by token: removed struck through, added highlighted.
     */
    static String diff(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return "<p>No build is recorded.</p>";
        }
        RunRecord after = runs.get(runs.size() - 1);
        if (after.normalizedSql().isEmpty()) {
            return "<p>The normalized SQL of the newest build was not recorded (seeds and imported runs have none).</p>";
        }
        RunRecord before = null;
        int same = 0;
        for (int i = runs.size() - 2; i >= 0 && before == null; i--) {
            String sql = runs.get(i).normalizedSql();
            if (sql.equals(after.normalizedSql())) {
                same++;
            } else if (!sql.isEmpty()) {
                before = runs.get(i);
            }
        }
        if (before == null) {
            return (runs.size() == 1 ? "<p>Only one build is recorded.</p>"
                    : "<p>No recorded build ran another query (" + runs.size() + " builds).</p>") + "<pre>"
                    + Html.esc(after.normalizedSql()) + "</pre>";
        }
        List<String> a = Arrays.asList(before.normalizedSql().split(" "));
        List<String> c = Arrays.asList(after.normalizedSql().split(" "));
        StringBuilder out = new StringBuilder("<pre>");
        int at = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(a, c).getDeltas()) {
            for (; at < d.getSource().getPosition(); at++) {
                out.append(Html.esc(a.get(at))).append(' ');
            }
            if (!d.getSource().getLines().isEmpty()) {
                out.append("<del>").append(Html.esc(String.join(" ", d.getSource().getLines()))).append("</del> ");
            }
            if (!d.getTarget().getLines().isEmpty()) {
                out.append("<ins>").append(Html.esc(String.join(" ", d.getTarget().getLines()))).append("</ins> ");
            }
            at += d.getSource().size();
        }
        for (; at < a.size(); at++) {
            out.append(Html.esc(a.get(at))).append(' ');
        }
        return out.append("</pre><p class=muted>from the build decided at ").append(Html.esc(Html.time(before.decidedAtMs())))
                .append(" (request ").append(Html.esc(before.requestId())).append(") to the newest, decided at ")
                .append(Html.esc(Html.time(after.decidedAtMs()))).append(" (request ").append(Html.esc(after.requestId())).append(")")
                .append(same == 0 ? "" : "; the " + same + " build" + (same == 1 ? "" : "s") + " between ran the newest query")
                .append("</p>").toString();
    }

    /** Each input's last modification as the newest build read it, and what the newest decision found. */
    static String inputs(List<RunRecord> runs, Optional<Explanation> newest) {
        if (runs.isEmpty()) {
            return "<p>No build is recorded.</p>";
        }
        RunRecord last = runs.get(runs.size() - 1);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> in : last.inputs().entrySet()) {
            String seen = newest.flatMap(e -> e.lines().stream().filter(l -> l.text().startsWith(in.getKey() + ":")).findFirst())
                    .map(l -> "<span" + Html.cls(l.mark()) + ">" + Html.line(l.text().substring(in.getKey().length() + 1).strip())
                            + "</span>").orElse("");
            rows.add(List.of(Html.esc(in.getKey()), Html.esc(in.getValue() == Long.MIN_VALUE ? "no timestamp" : Html.time(in.getValue())),
                    seen));
        }
        return rows.isEmpty() ? "<p>The newest build read no inputs.</p>"
                : Html.table(List.of("input", "last modified when the newest build ran", "at the newest decision"), rows);
    }
}

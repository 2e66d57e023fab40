package dev.dbtstateoss.dashboard;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.report.DayAggregates;
import dev.dbtstateoss.report.RecordedModels;
import dev.dbtstateoss.report.Recommendations;
import dev.dbtstateoss.report.Savings;
import dev.dbtstateoss.report.TargetDay;
import dev.dbtstateoss.history.ExplainedTarget;
import dev.dbtstateoss.history.StoreHistory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The overview, targets, recommendations and decision pages (server-rendered, read-only). */
final class Pages {
    static final int DAYS = 30;

    private Pages() {}

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String usd(double v) {
        return String.format(Locale.ROOT, "USD %.2f", v);
    }

    static String overview(StoreHistory history, String org, double price, LocalDate today) {
        LocalDate month = today.withDayOfMonth(1);
        LocalDate from = today.minusDays(DAYS - 1);
        Map<LocalDate, Map<String, TargetDay>> days = new DayAggregates(history.store()).since(month.isBefore(from) ? month : from);
        Savings.Report thisMonth = Savings.of(days, month, Savings.By.DAY, price);
        Savings.Report last30 = Savings.of(days, from, Savings.By.DAY, price);
        Map<String, Savings.Row> byDay = new HashMap<>();
        last30.rows().forEach(r -> byDay.put(r.group(), r));
        List<Svg.Bar> rate = new ArrayList<>();
        List<Svg.Bar> saved = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            Savings.Row r = byDay.get(d.toString());
            String label = d.toString().substring(5);
            rate.add(new Svg.Bar(label, r == null ? 0 : r.buildReductionPercent(), "#2f7d4f"));
            saved.add(new Svg.Bar(label, r == null ? 0 : r.timeSavedMs() / 60_000.0, "#2456b3"));
        }
        Savings.Row m = thisMonth.total();
        StringBuilder b = new StringBuilder("<h3>This month (since " + Html.esc(month) + ", UTC)</h3><div class=cards id=month>");
        b.append(Html.card("decisions", Long.toString(m.decisions())))
                .append(Html.card("reused or cloned", Long.toString(m.reusedOrCloned())))
                .append(Html.card("executed", Long.toString(m.executed())))
                .append(Html.card("build reduction", percent(m.buildReductionPercent())))
                .append(Html.card("warehouse time saved", Savings.duration(m.timeSavedMs())))
                .append(Html.card("daily active target tables", Long.toString(m.dailyActiveTargetTables())))
                .append(Html.card("hosted price equivalent", usd(m.hostedPriceUsd())))
                .append("</div>");
        b.append(Svg.bars("Reuse rate per day, last " + DAYS + " days (% of decisions reused or cloned)", rate, 100,
                v -> String.format(Locale.ROOT, "%.0f%%", v)));
        b.append(Svg.bars("Warehouse time saved per day, last " + DAYS + " days (minutes)", saved, 0,
                v -> v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)));
        b.append("<p class=muted>Hosted price equivalent: daily active target tables (a table or data test reused or cloned"
                + " at least once on a UTC day; views are free) at " + Html.esc(String.format(Locale.ROOT, "USD %.3f", price))
                + " each, what dbt Labs' hosted dbt State service would have charged.</p>");
        b.append("<h3>Top targets by time saved this month</h3>");
        List<List<String>> top = new ArrayList<>();
        for (Savings.Top t : thisMonth.topTargets()) {
            top.add(List.of(Html.esc(t.target()), Html.esc(t.node()), Long.toString(t.reusedOrCloned()),
                    Html.esc(Savings.duration(t.timeSavedMs()))));
        }
        b.append(Html.table(List.of("target", "node", "#reused or cloned", "#time saved"), top));
        List<List<String>> why = new ArrayList<>();
        thisMonth.notReused().forEach(r -> why.add(List.of(Html.esc(r.reason()), Long.toString(r.count()))));
        b.append("<h3>Why nodes were not reused this month</h3>").append(Html.table(List.of("reason", "#decisions"), why));
        return Html.page("Overview", org, b.toString());
    }

    /** One row of the targets page. */
    record TargetRow(String key, String name, String node, String project, Explanation last, TargetDay days) {
        double reuse() {
            return days == null || days.decisions() == 0 ? -1 : 100.0 * (days.reused() + days.cloned()) / days.decisions();
        }
    }

    static String targets(StoreHistory history, String org, String query, String sort, LocalDate today) {
        Map<String, TargetRow> rows = new TreeMap<>();
        Map<String, TargetDay> figures = new HashMap<>();
        new DayAggregates(history.store()).since(today.minusDays(DAYS - 1)).values()
                .forEach(day -> day.forEach((k, v) -> figures.merge(k, v, TargetDay::plus)));
        Map<String, Explanation> last = new HashMap<>();
        for (ExplainedTarget t : history.explanations().allExplained()) {
            last.put(t.latest().targetKey(), t.latest());
        }
        for (RunRecord r : history.allLatest()) {
            rows.put(r.targetKey(), row(r.targetKey(), r.targetTable().isEmpty() ? r.displayName() : r.targetTable(), r.displayName(),
                    last, figures));
        }
        for (Explanation e : last.values()) {
            rows.computeIfAbsent(e.targetKey(), k -> row(k, nameOf(k, e.node()), e.node(), last, figures));
        }
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<TargetRow> shown = new ArrayList<>(rows.values().stream().filter(r -> q.isEmpty()
                || r.name().toLowerCase(Locale.ROOT).contains(q) || r.node().toLowerCase(Locale.ROOT).contains(q)).toList());
        String by = sort == null || !SORTS.containsKey(sort) ? "name" : sort;
        Comparator<TargetRow> order = switch (by) {
            case "last" -> Comparator.comparingLong((TargetRow r) -> r.last() == null ? 0 : r.last().atMs()).reversed();
            case "decisions" -> Comparator.comparingLong((TargetRow r) -> r.days() == null ? 0 : r.days().decisions()).reversed();
            case "reuse" -> Comparator.comparingDouble(TargetRow::reuse).reversed();
            case "saved" -> Comparator.comparingLong((TargetRow r) -> r.days() == null ? 0 : r.days().reusedRuntimeMs()).reversed();
            default -> Comparator.comparing(TargetRow::name);
        };
        shown.sort(order.thenComparing(TargetRow::name));
        String qs = "q=" + Html.url(query == null ? "" : query) + "&sort=";
        List<String> header = new ArrayList<>();
        SORTS.forEach((column, label) -> {
            String link = "<a href='/targets?" + qs + column + "'>" + label + "</a>";
            header.add((column.equals("name") || column.equals("last") ? "" : "#")
                    + (column.equals(by) ? "<b>" + link + " ▼</b>" : link) + (column.equals("name") ? " <span class=muted>(node)</span>" : ""));
        });
        List<List<String>> cells = new ArrayList<>();
        for (TargetRow r : shown) {
            Explanation e = r.last();
            cells.add(List.of("<a href='/target?key=" + Html.url(r.key()) + "'>" + Html.esc(r.name()) + "</a>"
                    + (r.node().equals(r.name()) ? "" : "<br><span class=muted>" + Html.esc(r.node()) + "</span>"),
                    e == null ? "" : "<span" + Html.cls(e.outcome()) + ">" + Html.decisionLink(e.decisionId(), e.outcome()) + "</span> "
                            + Html.esc(e.reason()) + " <span class=muted>" + Html.esc(Html.time(e.atMs())) + "</span>",
                    Long.toString(r.days() == null ? 0 : r.days().decisions()), r.reuse() < 0 ? "" : percent(r.reuse()),
                    Html.esc(Savings.duration(r.days() == null ? 0 : r.days().reusedRuntimeMs()))));
        }
        String form = "<form method=get action='/targets'><input name=q size=40 placeholder='search targets and nodes' value='"
                + Html.esc(query == null ? "" : query) + "'><input type=hidden name=sort value='" + Html.esc(sort == null ? "" : sort)
                + "'> <button type=submit>Search</button></form>";
        return Html.page("Targets", org, form + "<p class=muted>" + shown.size() + " of " + rows.size() + " targets, sorted by "
                + SORTS.get(by) + (by.equals("name") ? "" : ", highest or newest first") + "</p>"
                + Html.table(header, cells));
    }

    /** The columns the targets page sorts by: the {@code sort} parameter and its header, in the table's order. */
    static final Map<String, String> SORTS = sorts();

    private static Map<String, String> sorts() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("name", "target");
        m.put("last", "last decision");
        m.put("decisions", "decisions (30 d)");
        m.put("reuse", "reuse rate");
        m.put("saved", "time saved");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static TargetRow row(String key, String name, String node, Map<String, Explanation> last, Map<String, TargetDay> figures) {
        TargetDay d = figures.get(key);
        return new TargetRow(key, name, node, d == null ? "" : d.project(), last.get(key), d);
    }

    static String nameOf(String key, String node) {
        if (key.startsWith("table|")) {
            int second = key.indexOf('|', 6);
            return second < 0 ? key : key.substring(second + 1);
        }
        return node;
    }

    static String recommendations(StoreHistory history, String org, long nowMs) {
        List<Recommendations.Recommendation> found = Recommendations.of(RecordedModels.of(history), nowMs);
        List<List<String>> rows = new ArrayList<>();
        for (Recommendations.Recommendation r : found) {
            rows.add(List.of(Html.esc(r.target()), Html.esc(r.node()), Integer.toString(r.builds()),
                    Html.esc(Recommendations.tolerance(r.currentToleranceSeconds())),
                    Html.esc(Recommendations.tolerance(r.recommendedToleranceSeconds())), Html.esc(Savings.duration(r.savedMs())),
                    percent(r.percentSaved()),
                    Html.esc(Savings.duration(r.projected30DaysMs())), "<code>" + Html.esc(r.configLine()) + "</code>"));
        }
        String intro = "<p>From the builds recorded in the last 30 days: for each model with at least 10 builds, the smallest"
                + " lag tolerance that would have saved more than 30 minutes of run time (builds replayed under each candidate;"
                + " a build after a logic change upstream is never counted as avoidable).</p>";
        return Html.page("Recommendations", org, intro + (found.isEmpty() ? "<p>No recommendation.</p>"
                : Html.table(List.of("target", "node", "#builds", "current", "recommended", "#time saved", "#saved %",
                        "#projected 30 days", "config"), rows)));
    }

    static String decision(StoreHistory history, String org, String id) {
        String form = "<form method=get action='/decision'><input name=id size=44 placeholder='decision id (UUID)' value='"
                + Html.esc(id == null ? "" : id) + "'> <button type=submit>Look up</button></form>";
        if (id == null || id.isBlank()) {
            return Html.page("Decision", org, form);
        }
        Explanation e = history.explanations().find(List.of(id.strip())).get(id.strip());
        if (e == null) {
            return Html.page("Decision", org, form + "<p>No decision " + Html.esc(id) + " is kept in this store.</p>");
        }
        return Html.page("Decision", org, form + explanation(e));
    }

    static String explanation(Explanation e) {
        StringBuilder b = new StringBuilder("<table><tbody>");
        b.append("<tr><th>decision</th><td>").append(Html.decisionLink(e.decisionId(), e.decisionId())).append("</td></tr>");
        b.append("<tr><th>node</th><td><a href='/target?key=").append(Html.url(e.targetKey())).append("'>")
                .append(Html.esc(e.node())).append("</a></td></tr>");
        b.append("<tr><th>asked at</th><td>").append(Html.esc(Html.time(e.atMs()))).append("</td></tr>");
        b.append("<tr><th>outcome</th><td").append(Html.cls(e.outcome())).append('>').append(Html.esc(e.outcome()))
                .append(" (").append(Html.esc(e.reason())).append(")</td></tr>");
        b.append("<tr><th>description</th><td>").append(Html.esc(e.description())).append("</td></tr></tbody></table><ul>");
        for (Explanation.Line l : e.lines()) {
            b.append("<li").append(Html.cls(l.mark())).append('>').append(l.mark() == Explanation.Mark.SUCCESS ? "✓ "
                    : l.mark() == Explanation.Mark.FAIL ? "✗ " : "· ").append(Html.line(l.text()))
                    .append(l.badge() == Explanation.Badge.NONE ? "" : " <span class=muted>[" + Html.esc(l.badge()) + "]</span>")
                    .append("</li>");
        }
        return b.append("</ul>").toString();
    }
}

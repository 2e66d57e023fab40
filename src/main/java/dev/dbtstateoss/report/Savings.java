package dev.dbtstateoss.report;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * What reuse saved, from the daily figures (a pure function): decisions, reused and cloned,
 * executed, the build reduction, the warehouse time saved (the runtime of every reused build), and
 * what the hosted service would have billed: one daily active target table (DATT) per table or
 * data test reused or cloned at least once on a UTC day, views free, times the price per DATT.
 */
public final class Savings {
    /** The published price per daily active target table, in USD. */
    public static final double HOSTED_PRICE_USD = 0.094;
    static final int TOP = 10;

    private Savings() {}

    /** How rows are grouped. */
    public enum By { DAY, WEEK, MONTH, PROJECT, TARGET }

    /** One group's figures. */
    public record Row(String group, long decisions, long reused, long cloned, long executed, long timeSavedMs,
            long timeSpentMs, long dailyActiveTargetTables, double hostedPriceUsd) {
        public long reusedOrCloned() {
            return reused + cloned;
        }

        /** The share of decisions that built nothing, in percent (0 without decisions). */
        public double buildReductionPercent() {
            return decisions == 0 ? 0 : Math.round(1000.0 * reusedOrCloned() / decisions) / 10.0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("decisions", decisions);
            m.put("reused", reused);
            m.put("cloned", cloned);
            m.put("reused_or_cloned", reusedOrCloned());
            m.put("executed", executed);
            m.put("build_reduction_percent", buildReductionPercent());
            m.put("time_saved_ms", timeSavedMs);
            m.put("time_spent_ms", timeSpentMs);
            m.put("daily_active_target_tables", dailyActiveTargetTables);
            m.put("hosted_price_usd", Math.round(hostedPriceUsd * 1000) / 1000.0);
            return m;
        }
    }

    /** A target among those that saved the most time. */
    public record Top(String target, String node, String project, long reusedOrCloned, long timeSavedMs) {}

    /** Why nodes were built instead of reused, and how often. */
    public record Reason(String reason, long count) {}

    public record Report(LocalDate since, By by, double priceUsd, List<Row> rows, Row total, List<Top> topTargets,
            List<Reason> notReused) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("since", since.toString());
            m.put("by", by.name().toLowerCase(java.util.Locale.ROOT));
            m.put("price_per_datt_usd", priceUsd);
            m.put("rows", rows.stream().map(Row::toMap).toList());
            m.put("total", total.toMap());
            m.put("top_targets", topTargets.stream().map(t -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("target", t.target());
                r.put("node", t.node());
                r.put("project", t.project());
                r.put("reused_or_cloned", t.reusedOrCloned());
                r.put("time_saved_ms", t.timeSavedMs());
                return r;
            }).toList());
            m.put("not_reused_reasons", notReused.stream().map(r -> Map.of("reason", r.reason(), "count", r.count())).toList());
            return m;
        }
    }

    public static Report of(Map<LocalDate, Map<String, TargetDay>> days, LocalDate since, By by, double priceUsd) {
        Map<String, long[]> groups = new TreeMap<>();
        Map<String, TargetDay> perTarget = new HashMap<>();
        Map<String, Long> reasons = new HashMap<>();
        long[] total = new long[7];
        for (Map.Entry<LocalDate, Map<String, TargetDay>> day : days.entrySet()) {
            if (day.getKey().isBefore(since)) {
                continue;
            }
            for (TargetDay t : day.getValue().values()) {
                long[] g = groups.computeIfAbsent(group(by, day.getKey(), t), k -> new long[7]);
                add(g, t);
                add(total, t);
                perTarget.merge(t.targetKey(), t, TargetDay::plus);
                t.notReused().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            }
        }
        BiFunction<String, long[], Row> row = (name, g) -> new Row(name, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[6] * priceUsd);
        List<Row> rows = new ArrayList<>();
        groups.forEach((k, g) -> rows.add(row.apply(k, g)));
        if (by == By.PROJECT || by == By.TARGET) {
            rows.sort(Comparator.comparingLong(Row::timeSavedMs).reversed().thenComparing(Row::group));
        }
        List<Top> top = perTarget.values().stream().filter(t -> t.reusedRuntimeMs() > 0 || t.reused() + t.cloned() > 0)
                .sorted(Comparator.comparingLong(TargetDay::reusedRuntimeMs).reversed().thenComparing(TargetDay::name))
                .limit(TOP).map(t -> new Top(t.name(), t.node(), t.project(), t.reused() + t.cloned(), t.reusedRuntimeMs()))
                .toList();
        List<Reason> why = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Reason(e.getKey(), e.getValue())).toList();
        return new Report(since, by, priceUsd, rows, row.apply("total", total), top, why);
    }

    private static void add(long[] g, TargetDay t) {
        g[0] += t.decisions();
        g[1] += t.reused();
        g[2] += t.cloned();
        g[3] += t.executed();
        g[4] += t.reusedRuntimeMs();
        g[5] += t.spentRuntimeMs();
        g[6] += t.dailyActive() ? 1 : 0;
    }

    static String group(By by, LocalDate day, TargetDay t) {
        return switch (by) {
            case DAY -> day.toString();
            case WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> day.toString().substring(0, 7);
            case PROJECT -> t.project().isEmpty() ? "(no project)" : t.project();
            case TARGET -> t.name();
        };
    }

    /** "2h 05m", "3m 20s", "850 ms": a duration for people. */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 > 0 ? String.format("%dm %02ds", s / 60, s % 60) : s + " s";
        }
        return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /**
     * The first day of a {@code --since}: a date (2026-11-01), or a number of days back including today
     * (30d); throws IllegalArgumentException naming the accepted forms.
     */
    public static LocalDate since(String value, LocalDate today) {
        try {
            if (value.matches("[1-9]\\d*d")) {
                return today.minusDays(Long.parseLong(value.substring(0, value.length() - 1)) - 1);
            }
            return LocalDate.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + value + "' is neither a date (2026-11-01) nor a number of days (30d)");
        }
    }
}

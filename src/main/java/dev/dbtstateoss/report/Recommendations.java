package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lag-tolerance recommendations from recorded builds (a pure function), as the hosted service
 * describes them: over the last 30 days, for models with at least 10 builds, the smallest tolerance
 * that would have saved more than 30 minutes of run time, the 20 that save most.
 *
 * <p>Each candidate is tried by replaying the model's confirmed builds in order: a build is counted
 * as avoided when the build it would have reused is younger than the tolerance, its query, settings
 * and inputs are the same, every input is only newer (none went back, none lacks a timestamp), and
 * the logic upstream is unchanged (the same lineage of every input). A build caused by a logic change
 * upstream is never covered, whatever the tolerance.
 */
public final class Recommendations {
    public static final Duration WINDOW = Duration.ofDays(30);
    static final int MIN_BUILDS = 10;
    static final long MIN_SAVED_MS = Duration.ofMinutes(30).toMillis();
    static final int TOP = 20;
    /** Tolerances tried, smallest first. */
    static final List<Duration> CANDIDATES = List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofMinutes(45), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3),
            Duration.ofHours(4), Duration.ofHours(6), Duration.ofHours(8), Duration.ofHours(12), Duration.ofHours(24));

    private Recommendations() {}

    /** One model's recorded builds and the tolerance its newest decision stated (seconds, 0 when unknown). */
    public record Model(String targetKey, String name, String node, long currentToleranceSeconds, List<RunRecord> runs) {}

    /**
     * @param savedMs run time the recommended tolerance would have saved over what the current one saved
     * @param runtimeMs run time of all builds of the model in the window
     * @param projected30DaysMs {@code savedMs} scaled to 30 days of the observed span
     */
    public record Recommendation(String target, String node, int builds, int avoidedBuilds, long currentToleranceSeconds,
            long recommendedToleranceSeconds, long savedMs, long runtimeMs, long projected30DaysMs) {
        public double percentSaved() {
            return runtimeMs == 0 ? 0 : Math.round(1000.0 * savedMs / runtimeMs) / 10.0;
        }

        /** What to put in the model's file. */
        public String configLine() {
            return "{{ config(lag_tolerance='" + tolerance(recommendedToleranceSeconds) + "') }}";
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", target);
            m.put("node", node);
            m.put("builds", builds);
            m.put("avoided_builds", avoidedBuilds);
            m.put("current_tolerance", tolerance(currentToleranceSeconds));
            m.put("recommended_tolerance", tolerance(recommendedToleranceSeconds));
            m.put("time_saved_ms", savedMs);
            m.put("percent_time_saved", percentSaved());
            m.put("projected_30_day_savings_ms", projected30DaysMs);
            m.put("config", configLine());
            return m;
        }
    }

    public static List<Recommendation> of(List<Model> models, long nowMs) {
        List<Recommendation> out = new ArrayList<>();
        for (Model m : models) {
            recommend(m, nowMs).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong(Recommendation::savedMs).reversed().thenComparing(Recommendation::target));
        return out.size() > TOP ? List.copyOf(out.subList(0, TOP)) : out;
    }

    static java.util.Optional<Recommendation> recommend(Model m, long nowMs) {
        long from = nowMs - WINDOW.toMillis();
        List<RunRecord> builds = m.runs().stream().filter(RunRecord::confirmed).filter(r -> r.kind() == RunKind.SQL)
                .filter(r -> model(r.executionType())).filter(r -> r.decidedAtMs() >= from && r.decidedAtMs() <= nowMs)
                .sorted(Comparator.comparingLong(RunRecord::decidedAtMs)).toList();
        if (builds.size() < MIN_BUILDS) {
            return java.util.Optional.empty();
        }
        long runtime = builds.stream().mapToLong(r -> Math.max(0, r.outcome().runtimeMs())).sum();
        long[] current = replay(builds, m.currentToleranceSeconds() * 1000);
        for (Duration candidate : CANDIDATES) {
            if (candidate.toSeconds() <= m.currentToleranceSeconds()) {
                continue;
            }
            long[] tried = replay(builds, candidate.toMillis());
            long saved = tried[0] - current[0];
            if (saved > MIN_SAVED_MS) {
                long span = Math.max(Duration.ofDays(1).toMillis(), nowMs - builds.get(0).decidedAtMs());
                long projected = span >= WINDOW.toMillis() ? saved : Math.round((double) saved * WINDOW.toMillis() / span);
                return java.util.Optional.of(new Recommendation(m.name(), m.node(), builds.size(), (int) (tried[1] - current[1]),
                        m.currentToleranceSeconds(), candidate.toSeconds(), saved, runtime, projected));
            }
        }
        return java.util.Optional.empty();
    }

    /** {saved run time, avoided builds} had the model run with this tolerance. */
    static long[] replay(List<RunRecord> builds, long toleranceMs) {
        RunRecord reused = builds.get(0);
        long saved = 0;
        long avoided = 0;
        for (RunRecord r : builds.subList(1, builds.size())) {
            if (toleranceMs > 0 && r.decidedAtMs() - reused.decidedAtMs() < toleranceMs && coverable(reused, r)) {
                saved += Math.max(0, r.outcome().runtimeMs());
                avoided++;
            } else {
                reused = r;
            }
        }
        return new long[] {saved, avoided};
    }

    /** Whether a tolerance may have reused {@code base} instead of building {@code r}: only newer data, same logic. */
    static boolean coverable(RunRecord base, RunRecord r) {
        if (!r.fingerprint().equals(base.fingerprint()) || !java.util.Objects.equals(r.settingsHash(), base.settingsHash())
                || !r.inputs().keySet().equals(base.inputs().keySet()) || !r.inputLineages().equals(base.inputLineages())) {
            return false;
        }
        boolean newer = false;
        for (Map.Entry<String, Long> in : r.inputs().entrySet()) {
            long before = base.inputs().get(in.getKey());
            if (in.getValue() == Long.MIN_VALUE || before == Long.MIN_VALUE || in.getValue() < before) {
                return false;
            }
            newer |= in.getValue() > before;
        }
        return newer;
    }

    private static boolean model(ExecutionType t) {
        return t != null && t != ExecutionType.DBT_DATA_TEST && t != ExecutionType.VALUES && t != ExecutionType.VIEW
                && t != ExecutionType.UNRECOGNIZED && t != ExecutionType.UNSPECIFIED;
    }

    /** "15m", "2h", "90s": a tolerance as lag_tolerance takes it. */
    public static String tolerance(long seconds) {
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

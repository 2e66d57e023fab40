package dev.dbtstateoss.bench;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.Retention;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.store.MemoryStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scaled-down year of builds with retention on, in memory (the same documents a server writes,
 * through StoreHistory and its explanations): {@code targets} models built {@code perDay} times a
 * day, every build an EXECUTE and its confirmation with an explanation, a model's SQL changing every
 * 30 days, a sweep once a day with a window of {@code windowDays}. Prints the store's size once a
 * simulated month; returns the end size divided by the size when the window first filled.
 */
final class RetentionYear {
    private RetentionYear() {}

    static double run(int targets, int perDay, int windowDays, PrintStream out) {
        MemoryStore store = new MemoryStore();
        StoreHistory history = new StoreHistory(store);
        Retention retention = new Retention(store, Duration.ofDays(windowDays));
        long[] clock = {Instant.parse("2025-01-01T00:00:00Z").toEpochMilli()};
        Ids ids = new Ids(new Preload.FixedClock(clock));
        long step = 86_400_000L / perDay;
        long filled = -1;
        long size = 0;
        for (int day = 1; day <= 365; day++) {
            List<Explanation> explained = new ArrayList<>();
            for (int b = 0; b < perDay; b++) {
                clock[0] += step;
                for (int t = 0; t < targets; t++) {
                    String relation = "\"db\".\"s\".\"m" + t + "\"";
                    String sql = "select * from \"db\".\"raw\".\"src_" + t + "\" where version = " + (day / 30) + " -- " + "x".repeat(400);
                    RunRecord p = RunRecord.builder().requestId(ids.next()).targetKey("table||" + relation)
                            .targetTable(relation).kind(RunKind.SQL).displayName("model.p.m" + t).executionType(ExecutionType.FULL)
                            .fingerprint("fp" + t + "-" + day / 30).nodeHash("node").settingsHash("settings")
                            .inputs(Map.of("\"db\".\"raw\".\"src_" + t + "\"", clock[0] - 1000)).lineage("lin")
                            .decidedAtMs(clock[0]).normalizedSql(sql).build();
                    history.saveDecision(p);
                    history.recordConfirmed(p.withOutcome(new RunRecord.Outcome(clock[0] + 1000, clock[0] + 900, 1200, null, "TABLE")));
                    explained.add(new Explanation(p.requestId(), p.targetKey(), "model.p.m" + t, clock[0], "EXECUTE", "INPUT_NEWER",
                            "an input changed", List.of(new Explanation.Line("src_" + t + " is newer than the last build",
                                    Explanation.Mark.FAIL, Explanation.Badge.OUTDATED)), "FULL", 0));
                }
            }
            history.explanations().archive(explained);
            retention.sweep(Instant.ofEpochMilli(clock[0]));
            size = bytes(store);
            if (day == windowDays + 1) {
                filled = size;
            }
            if (day % 30 == 0 || day == 365 || day == windowDays + 1) {
                out.printf(Locale.ROOT, "retention, day %3d: %,d documents, %,d bytes%s%n", day, store.list("").count(), size,
                        day == windowDays + 1 ? " (the window has filled)" : "");
            }
        }
        return (double) size / filled;
    }

    private static long bytes(MemoryStore store) {
        return store.list("").mapToLong(k -> k.length() + store.readValue(k).map(v -> v.length).orElse(0)).sum();
    }
}

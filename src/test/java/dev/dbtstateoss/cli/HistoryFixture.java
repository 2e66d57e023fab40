package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A store as months of builds leave it, written through {@link StoreHistory} (not through gRPC):
 * many targets, several confirmed runs each with inputs and changing queries, some clone sources,
 * the newest decision and its explanation per target, and a pending (never confirmed) run on every
 * fifth target. Built in memory, then written to the given store on a few threads.
 */
final class HistoryFixture {
    private HistoryFixture() {}

    static final int RUNS = 6;

    /** At least this many keys per target: per run its one record, plus latest, decided, a week list, an SQL text and
     * match marks (fewer than runs, as queries repeat), explained, and sometimes a clone index and a pending run. */
    static int keysPerTarget() {
        return RUNS + 4;
    }

    /** Writes at least {@code keys} keys; returns how many it wrote. */
    static int write(StateStore into, int keys, long seed) throws Exception {
        MemoryStore memory = new MemoryStore();
        StoreHistory h = new StoreHistory(memory);
        Random random = new Random(seed);
        int targets = Math.max(1, (keys + keysPerTarget() - 1) / keysPerTarget());
        long clock = 1_700_000_000_000L;
        int id = 0;
        for (int t = 0; t < targets; t++) {
            String table = "\"analytics\".\"mart\".\"model_" + t + "\"";
            String targetKey = "table||" + table;
            int runs = t % 5 == 0 ? RUNS + 1 : RUNS;
            for (int r = 0; r < runs; r++) {
                String requestId = String.format("0190a000-%04x-7000-8000-%012x", t % 65536, ++id);
                clock += 1 + random.nextInt(60_000);
                String sql = "select id, amount * " + (r / 2) + " as amount from \"analytics\".\"raw\".\"src_" + (t % 50) + "\"";
                RunRecord pending = RunRecord.builder().requestId(requestId).targetKey(targetKey).targetTable(table)
                        .kind(RunKind.SQL).displayName("model.shop.model_" + t).executionType(ExecutionType.FULL)
                        .fingerprint(Integer.toHexString(sql.hashCode()) + "f" + (r / 2)).nodeHash("node" + t)
                        .settingsHash("settings-1").cloneKey(t % 7 == 0 ? "clone" + String.format("%032x", t * 1000L + r) : null)
                        .inputs(Map.of("\"analytics\".\"raw\".\"src_" + (t % 50) + "\"", clock - 5_000)).lineage("lin" + r)
                        .decidedAtMs(clock).normalizedSql(sql).build();
                h.savePending(pending);
                h.noteDecided(targetKey, requestId);
                if (r < RUNS) { // the extra run of every fifth target stays pending
                    h.recordConfirmed(pending.withOutcome(new RunRecord.Outcome(clock + 900, clock + 800,
                            100 + random.nextInt(5000), null, "BASE TABLE")));
                }
            }
            h.explanations().noteExplanation(new Explanation("d" + id, targetKey, "model.shop.model_" + t, clock, "EXECUTE",
                    "QUERY_CHANGED", "the query changed", List.of(new Explanation.Line("query changed since the last run",
                            Explanation.Mark.FAIL, Explanation.Badge.NODE_QUERY_CHANGED))), 3, runs, 0);
        }
        List<String> all = memory.list("").toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String key : all) {
                byte[] value = memory.read(key).orElseThrow().value();
                work.add(pool.submit(() -> into.createIfAbsent(key, value)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return all.size();
    }
}

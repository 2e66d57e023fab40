package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of SQL edits, upstream writes, drops, external writes, builds with and without
 * confirmation, restarts and tolerance settings, against a plain simulation of the warehouse. The
 * simulation knows what each table really holds, so a skip is checked against the truth, not
 * against the engine's own records: the engine must never skip where a build would give different
 * data (beyond what the node's lag tolerance allows).
 */
class ModelBasedTest {
    /** A relation in the simulated warehouse. */
    static final class Table {
        boolean exists = true;
        long ts;
        int content;
        /** For models: what the current content was built from; null if written by someone else. */
        Map<String, Object> builtFrom;
        long builtAt;
        /** The logic the content stands on: the model's SQL version and its inputs' lineages. */
        String lineage = "";
        /** The inputs' lineages when the content was built. */
        Map<String, String> builtOnLineages = Map.of();
    }

    static final List<String> SOURCES = List.of("\"db\".\"raw\".\"s0\"", "\"db\".\"raw\".\"s1\"");
    static final List<String> MODELS = List.of("\"db\".\"an\".\"m0\"", "\"db\".\"an\".\"m1\"", "\"db\".\"an\".\"m2\"");
    static final Map<String, List<String>> INPUTS = Map.of(
            MODELS.get(0), List.of(SOURCES.get(0)),
            MODELS.get(1), List.of(MODELS.get(0), SOURCES.get(1)),
            MODELS.get(2), List.of(MODELS.get(1)));

    private final Random rnd = new Random(20261124);
    private final Map<String, Table> world = new LinkedHashMap<>();
    private final Map<String, Integer> sqlVersion = new HashMap<>();
    private final Map<String, Long> tolerance = new HashMap<>();
    private MemoryStore store;
    private DecisionEngine engine;
    private long now;
    private long lastTs;
    private int skips;
    private int executes;

    @Test
    void neverSkipsWhereTheTruthSaysExecute() {
        for (int sequence = 0; sequence < 400; sequence++) {
            reset();
            for (int step = 0; step < 60; step++) {
                step(sequence, step);
            }
        }
        assertTrue(skips > 2000, "the engine should also skip where it may: " + skips + " skips, " + executes + " executes");
        assertTrue(executes > 2000, "and execute: " + executes);
    }

    private void reset() {
        world.clear();
        sqlVersion.clear();
        tolerance.clear();
        now = 1_700_000_000_000L;
        lastTs = now;
        for (String s : SOURCES) {
            Table t = new Table();
            t.ts = tick();
            world.put(s, t);
        }
        for (String m : MODELS) {
            Table t = new Table();
            t.exists = false;
            world.put(m, t);
            sqlVersion.put(m, 0);
            tolerance.put(m, 0L);
        }
        store = new MemoryStore();
        restart();
    }

    private void restart() {
        engine = DecisionEngine.over(new StoreHistory(store)).ids(new Ids(Clock.systemUTC())).build();
    }

    private long tick() {
        lastTs = Math.max(lastTs + 1, now);
        return lastTs;
    }

    private void step(int sequence, int step) {
        String m = MODELS.get(rnd.nextInt(MODELS.size()));
        switch (rnd.nextInt(12)) {
            case 0 -> sqlVersion.put(m, rnd.nextInt(3));
            case 1 -> {
                Table s = world.get(SOURCES.get(rnd.nextInt(SOURCES.size())));
                s.content++;
                s.ts = tick();
            }
            case 2 -> world.get(m).exists = false;
            case 3 -> {
                Table t = world.get(m);
                if (t.exists) {
                    t.content++;
                    t.builtFrom = null;
                    t.ts = tick();
                }
            }
            case 4 -> restart();
            case 5 -> tolerance.put(m, List.of(0L, 60L, 2700L).get(rnd.nextInt(3)));
            case 6 -> now += rnd.nextInt(3) == 0 ? 3_600_000L : rnd.nextInt(120_000);
            default -> {
                for (String model : MODELS) {
                    build(model, sequence, step);
                    now += rnd.nextInt(2000);
                }
            }
        }
    }

    /** What a build of {@code m} would produce now. */
    private Map<String, Object> wouldBuildFrom(String m) {
        Map<String, Object> from = new HashMap<>();
        from.put("sql", sqlVersion.get(m));
        for (String in : INPUTS.get(m)) {
            from.put(in, world.get(in).exists ? world.get(in).content : -1);
        }
        return from;
    }

    private boolean skipAllowed(String m) {
        Table t = world.get(m);
        if (!t.exists || t.builtFrom == null || !t.builtFrom.get("sql").equals(sqlVersion.get(m))) {
            return false;
        }
        if (t.builtFrom.equals(wouldBuildFrom(m))) {
            return true;
        }
        // Lag tolerance never covers logic changes upstream (dbt's docs: SQL changes upstream always rebuild).
        long tol = tolerance.get(m) * 1000;
        return tol > 0 && now - t.builtAt < tol && t.builtOnLineages.equals(inputLineages(m));
    }

    private Map<String, String> inputLineages(String m) {
        Map<String, String> l = new HashMap<>();
        for (String in : INPUTS.get(m)) {
            l.put(in, world.get(in).lineage);
        }
        return l;
    }

    private SqlRequest request(String m) {
        Requests q = new Requests();
        q.target = m;
        q.now = now;
        q.tolerance = tolerance.get(m);
        int v = sqlVersion.get(m);
        String from = String.join(" join ", INPUTS.get(m));
        // The same version in different layouts must count as the same query.
        q.sql = rnd.nextBoolean()
                ? "select id from " + from + " where v > " + v
                : "SELECT id\n  FROM " + from + " -- layout\n WHERE v>" + v;
        for (String in : INPUTS.get(m)) {
            Table t = world.get(in);
            q.table(in, t.exists ? t.ts : null);
        }
        Table own = world.get(m);
        q.table(m, own.exists ? own.ts : null);
        return q.build();
    }

    private void build(String m, int sequence, int step) {
        boolean allowed = skipAllowed(m);
        Decision d = engine.decide(request(m));
        if (d instanceof Decision.Skip) {
            skips++;
            if (!allowed) {
                fail("wrong skip of " + m + " in sequence " + sequence + " step " + step + ": " + d + " world " + world.get(m).builtFrom
                        + " vs " + wouldBuildFrom(m));
            }
            return;
        }
        executes++;
        Decision.Execute e = assertInstanceOf(Decision.Execute.class, d);
        int fate = rnd.nextInt(10);
        if (fate == 0) {
            return; // the run failed: nothing changed, no confirmation
        }
        Table t = world.get(m);
        t.exists = true;
        t.content++;
        t.builtFrom = wouldBuildFrom(m);
        t.builtAt = now;
        t.builtOnLineages = inputLineages(m);
        t.lineage = sqlVersion.get(m) + new java.util.TreeMap<>(t.builtOnLineages).toString();
        t.ts = tick();
        if (fate == 1) {
            return; // built, but the confirmation never arrived
        }
        engine.confirm(new Confirmation(e.requestId(), t.ts, 10, null, null, now));
        if (fate == 2 && INPUTS.get(m).stream().allMatch(in -> world.get(in).exists)) {
            // A second decision right away, nothing changed: the engine must reuse what it just recorded.
            Decision again = engine.decide(request(m));
            assertInstanceOf(Decision.Skip.class, again, () -> "an unchanged node just confirmed must be skipped: " + again);
            skips++;
        }
    }
}

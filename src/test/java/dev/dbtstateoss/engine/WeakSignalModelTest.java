package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random histories against a simulated warehouse whose timestamps are as weak as the real ones:
 * on PostgreSQL the newest row's commit time (it goes back when the newest rows are deleted or an
 * older copy of a table is put back, and does not move on DDL or on deletes of older rows); on
 * Snowflake LAST_ALTERED, which moves on every change, with builds confirmed by the warehouse clock
 * some seconds after the write. Sources get inserts, deletes (newest and older rows), added columns
 * and re-creation; model tables get writes by others, deletes, and restores of older copies. Two
 * engines share one store (servers behind a load balancer) and are restarted.
 *
 * <p>The oracle is table content: a skip is wrong when a build would produce other content, except
 * for the changes no request can show (deletes that move no timestamp, and added columns when the
 * server was told to reuse select *), which a skip may miss only while the build is younger than the
 * max reuse age.
 */
class WeakSignalModelTest {
    enum Dialect { POSTGRES, SNOWFLAKE }

    static final String S0 = "\"db\".\"raw\".\"s0\"";
    static final String S1 = "\"db\".\"raw\".\"s1\"";
    static final List<String> MODELS = List.of("\"db\".\"an\".\"m0\"", "\"db\".\"an\".\"m1\"", "\"db\".\"an\".\"m2\"");
    static final Map<String, List<String>> INPUTS = Map.of(MODELS.get(0), List.of(S0), MODELS.get(1), List.of(MODELS.get(0), S1),
            MODELS.get(2), List.of(MODELS.get(1)));
    /** m0 takes its source's columns with a star; the others name theirs. */
    static final String STAR = MODELS.get(0);

    private final Random rnd = new Random(20261203);
    private final Map<String, SimulatedRelation> world = new LinkedHashMap<>();
    private final Map<String, SimulatedRelation> kept = new HashMap<>();
    private final Map<String, Integer> version = new HashMap<>();
    private final Map<String, Long> cached = new HashMap<>();
    private final DecisionEngine[] engines = new DecisionEngine[2];
    private Dialect dialect;
    private ReusePolicy policy;
    private MemoryStore store;
    private long now;
    private long lastTs;
    private int contents;
    private int skips;
    private int executes;
    private int blindSkips;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void neverSkipsWhereTheTableWouldDiffer(Dialect d) {
        dialect = d;
        for (int sequence = 0; sequence < 300; sequence++) {
            reset(sequence);
            for (int step = 0; step < 60; step++) {
                step(sequence, step);
            }
        }
        assertTrue(skips > 1000, "the engine should also skip where it may: " + skips + " skips, " + executes + " executes");
        assertTrue(executes > 1000, "and execute: " + executes);
        if (d == Dialect.POSTGRES) {
            assertTrue(blindSkips > 20, "the blind spots were exercised: " + blindSkips);
        }
    }

    private void reset(int sequence) {
        world.clear();
        kept.clear();
        version.clear();
        now = 1_700_000_000_000L;
        lastTs = now;
        for (String s : List.of(S0, S1)) {
            SimulatedRelation r = new SimulatedRelation();
            r.rows.add(tick());
            r.lastAltered = lastTs;
            world.put(s, r);
        }
        for (String m : MODELS) {
            SimulatedRelation r = new SimulatedRelation();
            r.exists = false;
            world.put(m, r);
            version.put(m, 0);
        }
        long maxAge = sequence % 3 == 0 ? 1_800_000L : 0;
        policy = new ReusePolicy(maxAge, dialect == Dialect.POSTGRES && sequence % 5 == 1);
        store = new MemoryStore();
        engines[0] = engine();
        engines[1] = engine();
    }

    private DecisionEngine engine() {
        return DecisionEngine.over(new StoreHistory(store)).ids(new Ids(Clock.systemUTC())).policy(policy).build();
    }

    private long tick() {
        lastTs = Math.max(lastTs + 1, now);
        return lastTs;
    }

    private void step(int sequence, int step) {
        String src = rnd.nextBoolean() ? S0 : S1;
        String m = MODELS.get(rnd.nextInt(MODELS.size()));
        switch (rnd.nextInt(16)) {
            case 0 -> version.put(m, rnd.nextInt(3));
            case 1, 2 -> {
                SimulatedRelation s = world.get(src);
                s.rows.add(tick());
                s.lastAltered = lastTs;
            }
            case 3 -> delete(world.get(src), rnd.nextBoolean() ? -1 : rnd.nextInt(Math.max(1, world.get(src).rows.size())));
            case 4 -> { // a column added: LAST_ALTERED moves, a commit time does not
                SimulatedRelation s = world.get(src);
                s.columns++;
                if (dialect == Dialect.SNOWFLAKE) {
                    s.lastAltered = tick();
                }
            }
            case 5 -> { // re-created, its rows loaded in one transaction
                SimulatedRelation s = world.get(src);
                long ts = tick();
                s.rows = new ArrayList<>(Collections.nCopies(1 + rnd.nextInt(3), ts));
                s.lastAltered = ts;
            }
            case 6 -> { // written by someone else
                SimulatedRelation t = world.get(m);
                if (t.exists) {
                    t.rows.add(tick());
                    t.lastAltered = lastTs;
                }
            }
            case 7 -> {
                SimulatedRelation t = world.get(m);
                if (t.exists && !t.rows.isEmpty()) {
                    delete(t, rnd.nextInt(t.rows.size()));
                }
            }
            case 8 -> restoreOlder(m);
            case 9 -> world.get(m).exists = false;
            case 10 -> engines[rnd.nextInt(2)] = engine();
            case 11 -> now += rnd.nextInt(3) == 0 ? 3_600_000L : rnd.nextInt(600_000);
            default -> {
                cached.clear();
                for (String model : MODELS) {
                    build(model, sequence, step);
                    now += rnd.nextInt(2000);
                }
            }
        }
    }

    /** Deletes one row ({@code -1}: the newest); LAST_ALTERED moves, a newest commit time may go back or stay. */
    private void delete(SimulatedRelation r, int index) {
        if (!r.rows.isEmpty()) {
            r.rows.remove(index < 0 ? r.rows.indexOf(newest(r)) : index);
            if (dialect == Dialect.SNOWFLAKE) {
                r.lastAltered = tick();
            }
        }
    }

    /** An older copy of a model's table put back (renamed in); on Snowflake that is a new LAST_ALTERED. */
    private void restoreOlder(String m) {
        SimulatedRelation older = kept.get(m);
        if (older != null && older.exists) {
            SimulatedRelation back = older.copy();
            if (dialect == Dialect.SNOWFLAKE) {
                back.lastAltered = tick();
            }
            world.put(m, back);
        }
    }

    private static Long newest(SimulatedRelation r) {
        return r.rows.stream().max(Long::compare).orElse(null);
    }

    /** The table's timestamp as the client reads it. */
    private Long read(String name) {
        SimulatedRelation r = world.get(name);
        if (!r.exists) {
            return null;
        }
        return cached.containsKey(name) ? cached.get(name) : stamp(r);
    }

    /** The timestamp the warehouse holds for a relation (without the client's cache). */
    private Long stamp(SimulatedRelation r) {
        return !r.exists ? null : dialect == Dialect.POSTGRES ? newest(r) : Long.valueOf(r.lastAltered);
    }

    /**
     * What a build of {@code m} would be made from now: its SQL and each input's content (its rows,
     * a model's build, the columns a star takes); with {@code blind}, only what a request shows: the
     * input's timestamp instead of its rows, and no added columns when the policy reuses select *.
     */
    private Map<String, Object> wouldBuildFrom(String m, boolean blind) {
        Map<String, Object> from = new HashMap<>();
        from.put("sql", version.get(m));
        for (String in : INPUTS.get(m)) {
            SimulatedRelation r = world.get(in);
            List<Long> rows = new ArrayList<>(r.rows);
            Collections.sort(rows);
            String content = (MODELS.contains(in) ? "build " + r.content + " " : "") + (blind ? "ts " + stamp(r) : "rows " + rows);
            boolean cols = m.equals(STAR) && !(blind && policy.reuseSelectStar());
            from.put(in, !r.exists ? "absent" : content + (cols ? " cols " + r.columns : ""));
        }
        return from;
    }

    /** 1 when a skip is right, 0 when it misses only what no request shows (blind), -1 when it is wrong. */
    private int skipVerdict(String m) {
        SimulatedRelation t = world.get(m);
        if (!t.exists || t.builtFrom == null || !t.builtFrom.get("sql").equals(version.get(m))) {
            return -1;
        }
        boolean pristine = t.rows.equals(List.of(t.builtTs, t.builtTs));
        if (pristine && wouldBuildFrom(m, false).equals(t.builtFrom.get("exact"))) {
            return 1;
        }
        boolean sameStamp = dialect == Dialect.POSTGRES ? java.util.Objects.equals(newest(t), t.builtTs) : t.lastAltered == t.builtTs;
        boolean blind = sameStamp && wouldBuildFrom(m, true).equals(t.builtFrom.get("blind"));
        // A skip may miss what no request shows only while the build is younger than the max reuse age.
        return blind && (policy.maxReuseAgeMs() == 0 || now - t.decidedAt <= policy.maxReuseAgeMs()) ? 0 : -1;
    }

    private SqlRequest request(String m) {
        Requests q = new Requests();
        q.target = m;
        q.now = now;
        q.dialect = dialect == Dialect.POSTGRES ? "postgres" : "snowflake";
        String from = String.join(" join ", INPUTS.get(m));
        q.sql = (m.equals(STAR) ? "select * from " : "select a, b from ") + from + " where v > " + version.get(m);
        for (String in : INPUTS.get(m)) {
            q.table(in, read(in));
        }
        q.table(m, read(m));
        return q.build();
    }

    private void build(String m, int sequence, int step) {
        DecisionEngine engine = engines[rnd.nextInt(2)];
        int verdict = skipVerdict(m);
        Decision d = engine.decide(request(m));
        if (d instanceof Decision.Skip) {
            skips++;
            blindSkips += verdict == 0 ? 1 : 0;
            if (verdict < 0) {
                fail(dialect + " " + policy + ": wrong skip of " + m + " in sequence " + sequence + " step " + step + ": " + d
                        + "; built from " + world.get(m).builtFrom + ", a build now from " + wouldBuildFrom(m, false));
            }
            return;
        }
        executes++;
        Decision.Execute e = (Decision.Execute) d;
        int fate = rnd.nextInt(10);
        if (fate == 0) {
            return; // the run failed: nothing changed, no confirmation
        }
        if (world.get(m).exists && rnd.nextInt(3) == 0) {
            kept.put(m, world.get(m).copy()); // renamed away before the build, to be put back later
        }
        SimulatedRelation t = new SimulatedRelation();
        t.columns = world.get(m).columns;
        t.content = ++contents;
        t.builtFrom = Map.of("sql", version.get(m), "exact", wouldBuildFrom(m, false), "blind", wouldBuildFrom(m, true));
        t.decidedAt = now;
        long ts = tick();
        t.rows = new ArrayList<>(Collections.nCopies(2, ts));
        t.lastAltered = ts;
        t.builtTs = ts;
        world.put(m, t);
        if (fate == 1) {
            return; // built, but the confirmation never arrived
        }
        long confirmed = ts;
        if (dialect == Dialect.SNOWFLAKE) {
            // The client confirms with the warehouse clock some seconds after the write, and the
            // rest of the build reads that value from its cache.
            confirmed = ts + rnd.nextInt(9_222);
            lastTs = Math.max(lastTs, confirmed);
            cached.put(m, confirmed);
        }
        engines[rnd.nextInt(2)].confirm(new Confirmation(e.requestId(), confirmed, 10, null, null, now));
    }
}

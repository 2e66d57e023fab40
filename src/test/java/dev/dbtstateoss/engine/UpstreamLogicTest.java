package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Lag tolerance covers newer data upstream, never changed logic upstream (transitively). */
class UpstreamLogicTest {
    static final String SRC = "\"db\".\"raw\".\"src\"";
    static final String A = "\"db\".\"an\".\"a\"";
    static final String B = "\"db\".\"an\".\"b\"";
    static final String C = "\"db\".\"an\".\"c\"";

    private final DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore()))
            .ids(new Ids(Clock.systemUTC()))
            .build();
    private long now = 1_000_000;
    private long ts = 100;
    private final java.util.Map<String, Long> stamps = new java.util.HashMap<>(java.util.Map.of(SRC, 50L));

    private Decision build(String target, String input, String sql) {
        Requests q = new Requests();
        q.target = target;
        q.sql = sql;
        q.tolerance = 2700;
        q.now = now;
        q.table(input, stamps.get(input)).table(target, stamps.get(target));
        Decision d = engine.decide(q.build());
        if (d instanceof Decision.Execute e) {
            stamps.put(target, ++ts);
            engine.confirm(new Confirmation(e.requestId(), ts, 5, null, null, now));
        }
        now += 1000;
        return d;
    }

    @Test
    void aLogicChangeUpstreamRebuildsDownstreamWithinTolerance() {
        build(A, SRC, "select 1 from " + SRC);
        build(B, A, "select id from " + A);
        build(C, B, "select id from " + B);
        assertInstanceOf(Decision.Skip.class, build(B, A, "select id from " + A));

        // A rebuilt with the same logic (newer data): B may wait within its tolerance.
        stamps.put(SRC, 60L);
        engine.decide(new Requests().build()); // unrelated traffic
        Requests q = new Requests();
        assertInstanceOf(Decision.Execute.class, build(A, SRC, "select 1 from " + SRC + " where 1 = 1"));
        Decision b = build(B, A, "select id from " + A);
        Decision.Execute e = assertInstanceOf(Decision.Execute.class, b, "A's logic changed: B must run");
        assertEquals(ExecuteReason.UPSTREAM_LOGIC_CHANGED, e.reason());
        Decision c = build(C, B, "select id from " + B);
        assertEquals(ExecuteReason.UPSTREAM_LOGIC_CHANGED, assertInstanceOf(Decision.Execute.class, c,
                "B was rebuilt on A's new logic: C must run too").reason());
    }

    @Test
    void aDataOnlyRebuildUpstreamMayWaitForTheTolerance() {
        build(A, SRC, "select 1 from " + SRC);
        build(B, A, "select id from " + A);
        stamps.put(SRC, 60L);
        // A runs again with the same SQL because its source changed and its tolerance ran out.
        now += 3_000_000;
        assertInstanceOf(Decision.Execute.class, build(A, SRC, "select 1 from " + SRC));
        now -= 3_000_000 - 5000;
        Decision.Skip s = assertInstanceOf(Decision.Skip.class, build(B, A, "select id from " + A));
        assertEquals(SkipReason.WITHIN_TOLERANCE, s.reason());
    }
}

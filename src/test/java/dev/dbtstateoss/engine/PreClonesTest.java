package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A confirmed pre-clone takes over its source's run only when that is safe; the rules still decide. */
class PreClonesTest {
    static final String RAW = "\"DB\".\"RAW\".\"ORDERS\"";
    static final String DEV_RAW = "\"DB\".\"DEV\".\"RAW_ORDERS\"";
    static final String PROD = "\"DB\".\"PROD\".\"ORDERS\"";
    static final String DEV = "\"DB\".\"DEV\".\"ORDERS\"";

    private final DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore()))
            .ids(new Ids(Clock.systemUTC()))
            .build();
    private long now = 1_000_000;
    private String dialect = "snowflake";

    private Decision decide(String target, String input, Long targetMs) {
        SqlRequest r = new SqlRequest(target, "ns", dialect, ExecutionType.FULL, "select * from " + input,
                List.of(new TableStamp(input, 1000L), new TableStamp(target, targetMs)), Map.of(), Map.of(), 0, true,
                StalePolicy.ANY, false, true, false, NodeState.EMPTY, Map.of("dbt_node_unique_id", "model.shop.orders"),
                now += 1000);
        return engine.decide(r);
    }

    /** Builds prod (its table then at 2000), pre-clones dev from it as the client read prod at {@code seen}. */
    private void prodThenPreClone(long seen) {
        Decision.Execute prod = (Decision.Execute) decide(PROD, RAW, null);
        engine.confirm(new Confirmation(prod.requestId(), 2000L, 4321, null, "TABLE", now));
        Decision.Clone pre = (Decision.Clone) engine.registerClone("ns", dialect, ExecutionType.FULL, PROD, DEV, "TABLE",
                seen, Map.of(), now += 1000);
        assertEquals(Confirmation.Outcome.CLONE_NOTED,
                engine.confirm(new Confirmation(pre.requestId(), 3000L, 0, null, "TABLE", now += 1000)));
    }

    @Test
    void theCopySkipsWithTheSourcesRuntime() {
        prodThenPreClone(2000);
        Decision.Skip skip = assertInstanceOf(Decision.Skip.class, decide(DEV, RAW, 3000L));
        assertEquals(4321, skip.reusedRuntimeMs());
    }

    @Test
    void notWhenTheSourceWasWrittenAfterItsRun() {
        prodThenPreClone(2500);
        Decision d = decide(DEV, RAW, 3000L);
        assertFalse(d instanceof Decision.Skip, "only noted: the copy has no run of its own, " + d);
    }

    @Test
    void notWhenTheSourceReadsOlderThanItsRunLeftItBeyondTheAllowance() {
        prodThenPreClone(2000 - 10_001);
        Decision d = decide(DEV, RAW, 3000L);
        assertFalse(d instanceof Decision.Skip, "prod was restored or re-created since its run: " + d);
    }

    @Test
    void snowflakesJitterIsAllowed() {
        prodThenPreClone(2000 - 9_200);
        assertInstanceOf(Decision.Skip.class, decide(DEV, RAW, 3000L), "LAST_ALTERED reads up to 10 s older on Snowflake");
    }

    @Test
    void bigQueryAllowsNoOlderRead() {
        dialect = "bigquery";
        prodThenPreClone(1999);
        Decision d = decide(DEV, RAW, 3000L);
        assertFalse(d instanceof Decision.Skip, "BigQuery's timestamps are exact: 1 ms older is a change, " + d);
    }

    @Test
    void notWhenTheCopyReadsOtherInputsOrWasWrittenSince() {
        prodThenPreClone(2000);
        assertInstanceOf(Decision.Execute.class, decide(DEV, DEV_RAW, 3000L));
        assertInstanceOf(Decision.Execute.class, decide(DEV, RAW, 3001L));
    }
}

package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Two copies of one dbt project (the same node ids, profile and target) in other schemas, on one
 * server: their data tests read other tables, so each keeps its own history and neither makes the
 * other rebuild; the same test on the same table shares it.
 */
class DataTestKeysTest {
    private final DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore()))
            .ids(new Ids(Clock.systemUTC()))
            .build();
    private long now = 1_000_000;

    private Decision test(String table) {
        Requests q = new Requests();
        q.target = "";
        q.type = ExecutionType.DBT_DATA_TEST;
        q.sql = "select count(*) as failures from " + table + " where id is null";
        q.node = new NodeState("test.shop.not_null_orders_id", "prod", "shop", "test", "h", "", "", "", "", "", "shop");
        q.labels.put("dbt_node_unique_id", "test.shop.not_null_orders_id");
        q.now = now += 1000;
        q.table(table, 100L);
        Decision d = engine.decide(q.build());
        if (d instanceof Decision.Execute e) {
            engine.confirm(new Confirmation(e.requestId(), null, 5,
                    "{\"fields\": {\"failures\": {\"kind\": {\"int_value\": 0}}}}", null, now));
        }
        return d;
    }

    @Test
    void copiesOfOneProjectInOtherSchemasKeepTheirOwnTestHistories() {
        String a = "\"db\".\"alpha\".\"orders\"";
        String b = "\"db\".\"beta\".\"orders\"";
        assertInstanceOf(Decision.Execute.class, test(a));
        assertInstanceOf(Decision.Execute.class, test(b));
        for (int i = 0; i < 2; i++) {
            assertInstanceOf(Decision.Skip.class, test(a), "alpha's test after beta's");
            assertInstanceOf(Decision.Skip.class, test(b), "beta's test after alpha's");
        }
    }
}

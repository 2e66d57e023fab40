package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloningTest {
    @Test
    void cloneSqlPerWarehouse() {
        assertEquals(List.of("\n            CREATE OR REPLACE TRANSIENT TABLE \"D\".\"DEV\".\"T\"\n            CLONE \"D\".\"PROD\".\"T\"\n"
                + "            COPY GRANTS"), Cloning.cloneSql("snowflake", "\"D\".\"PROD\".\"T\"", "\"D\".\"DEV\".\"T\"",
                "TRANSIENT TABLE").orElseThrow());
        assertTrue(Cloning.cloneSql("Snowflake", "s", "t", "BASE TABLE").orElseThrow().get(0).contains("CREATE OR REPLACE TABLE t"));
        assertEquals(List.of("CREATE OR REPLACE TABLE `p.dev.t` CLONE `p.prod.t`"),
                Cloning.cloneSql("bigquery", "`p.prod.t`", "`p.dev.t`", null).orElseThrow());
        assertEquals(List.of("CREATE OR REPLACE TABLE dev.t SHALLOW CLONE prod.t"),
                Cloning.cloneSql("databricks", "prod.t", "dev.t", null).orElseThrow());
        for (String noClone : List.of("postgres", "redshift", "duckdb", "")) {
            assertTrue(Cloning.cloneSql(noClone, "s", "t", null).isEmpty(), noClone);
        }
    }

    private static SqlRequest request(String schema, String sql, String dialect) {
        Requests q = new Requests();
        q.target = "\"DB\".\"" + schema + "\".\"ORDERS\"";
        q.sql = sql.replace("SCHEMA", schema);
        q.views.put("\"DB\".\"" + schema + "\".\"STG\"", "create or replace view STG as (select id from DB.raw.orders)");
        SqlRequest r = q.build();
        return new SqlRequest(r.targetTable(), "ns1", dialect, ExecutionType.MERGE, r.sql(), r.tables(), r.viewDefinitions(),
                r.semanticExtras(), 0, true, StalePolicy.ANY, false, true, false, NodeState.EMPTY, r.labels(), 1);
    }

    @Test
    void theSameQueryInAnotherSchemaSharesItsCloneKey() {
        String sql = "select id from DB.SCHEMA.stg where id > (select max(id) from DB.SCHEMA.orders)";
        String dev = Cloning.cloneKey(request("DEV", sql, "snowflake"));
        assertEquals(dev, Cloning.cloneKey(request("PROD", "-- prod\n" + sql, "snowflake")));
        assertNotEquals(dev, Cloning.cloneKey(request("PROD", sql + " and id > 5", "snowflake")));
        assertNotEquals(dev, Cloning.cloneKey(request("PROD", sql.replace("DB.SCHEMA.orders", "DB.OTHER.orders"), "snowflake")));
        assertNull(Cloning.cloneKey(request("DEV", sql, "postgres")), "no clones where the warehouse cannot clone");
    }
}

package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.report.Warehouse;
import dev.dbtstateoss.store.LocalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect recommend over histories the engine recorded: one that needs a tolerance, one where none may help. */
class InspectRecommendTest {
    static final String STG = "select id, amount from \"db\".\"an\".\"raw_orders\"";
    static final String ORDERS = "select id, sum(amount) as amount from \"db\".\"an\".\"stg_orders\" group by id";

    /**
     * 40 rounds ten minutes apart: new raw rows, then stg_orders and orders built (3 minutes each), plus 5 builds
     * of customers; with {@code logicChanges} stg_orders' query changes every round.
     */
    static void rounds(Path dir, boolean logicChanges) {
        try (Warehouse w = new Warehouse(new LocalStore(dir))) {
            for (int i = 0; i < 40; i++) {
                w.load("raw_orders");
                w.advance(Duration.ofSeconds(30));
                String stg = logicChanges ? STG + " where id > " + i : STG;
                assertTrue(w.model("stg_orders", stg, List.of("raw_orders"), 180_000) instanceof Decision.Execute);
                assertTrue(w.model("orders", ORDERS, List.of("stg_orders"), 180_000) instanceof Decision.Execute);
                if (i < 5) {
                    w.load("raw_customers");
                    w.model("customers", "select id from \"db\".\"an\".\"raw_customers\"", List.of("raw_customers"), 600_000);
                }
                w.advance(Duration.ofMinutes(9).plusSeconds(30));
            }
        }
    }

    static CliTest.Result recommend(Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("inspect", "recommend", "--store", "local", "--dir", dir.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void buildsEveryTenMinutesOnNewDataGetFifteenMinutes(@TempDir Path dir) {
        rounds(dir, false);
        CliTest.Result r = recommend(dir, "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonArray found = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(2, found.size(), r.out()); // customers has 5 builds only
        for (int i = 0; i < 2; i++) {
            JsonObject rec = found.get(i).getAsJsonObject();
            assertEquals(40, rec.get("builds").getAsInt());
            assertEquals("0s", rec.get("current_tolerance").getAsString());
            assertEquals("15m", rec.get("recommended_tolerance").getAsString(), "10m would avoid nothing: builds are 10m apart");
            assertEquals(20, rec.get("avoided_builds").getAsInt());
            assertEquals(60 * 60_000, rec.get("time_saved_ms").getAsLong());
            assertEquals(50.0, rec.get("percent_time_saved").getAsDouble());
            assertTrue(rec.get("projected_30_day_savings_ms").getAsLong() > 60 * 60_000, rec.toString());
            assertEquals("{{ config(lag_tolerance='15m') }}", rec.get("config").getAsString());
        }
        CliTest.Result table = recommend(dir);
        assertTrue(table.out().contains("\"db\".\"an\".\"orders\"") && table.out().contains("2 recommendations"), table.out());
    }

    @Test
    void noToleranceCoversALogicChangeUpstream(@TempDir Path dir) {
        rounds(dir, true);
        CliTest.Result r = recommend(dir, "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(0, JsonParser.parseString(r.out()).getAsJsonArray().size(), r.out());
        assertTrue(recommend(dir).out().startsWith("no recommendation"));
    }
}

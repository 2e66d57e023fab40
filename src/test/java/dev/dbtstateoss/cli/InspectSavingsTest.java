package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.report.Warehouse;
import dev.dbtstateoss.store.LocalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect savings over a store the engine filled: two days of builds of two projects. */
class InspectSavingsTest {
    static final String RAW = "select id, amount from \"db\".\"an\".\"raw_orders\"";
    static final String CUSTOMERS = "select id from \"db\".\"an\".\"raw_customers\"";
    static final String VIEW = "select id from \"db\".\"an\".\"orders\"";

    /** Fills the store; returns the first day. Runtimes: orders 60 s, customers 30 s, the view 100 ms. */
    static LocalDate builds(Path dir) {
        try (Warehouse w = new Warehouse(new LocalStore(dir))) {
            LocalDate first = Instant.ofEpochMilli(w.now).atZone(ZoneOffset.UTC).toLocalDate();
            w.load("raw_orders");
            w.load("raw_customers");
            for (int round = 0; round < 3; round++) {
                if (round == 2) {
                    w.load("raw_orders");
                }
                w.model("orders", RAW, List.of("raw_orders"), 60_000);
                w.model("crm", "customers", CUSTOMERS, List.of("raw_customers"), 0, ExecutionType.FULL, 30_000);
                if (round < 2) {
                    w.model("shop", "orders_v", VIEW, List.of("orders"), 0, ExecutionType.VIEW, 100);
                }
                w.advance(Duration.ofMinutes(10));
            }
            w.advance(Duration.ofDays(1));
            assertTrue(w.model("orders", RAW, List.of("raw_orders"), 60_000) instanceof Decision.Skip);
            w.model("crm", "customers", CUSTOMERS, List.of("raw_customers"), 0, ExecutionType.FULL, 30_000);
            return first;
        }
    }

    static JsonObject json(Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("inspect", "savings", "--store", "local", "--dir", dir.toString(),
                "--format", "json"));
        args.addAll(List.of(more));
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void savingsByDayProjectAndTarget(@TempDir Path dir) {
        LocalDate first = builds(dir);
        JsonObject byDay = json(dir, "--since", first.toString());
        JsonObject total = byDay.getAsJsonObject("total");
        // day 1: orders E S E, customers E S S, view E S; day 2: orders S, customers S
        assertEquals(10, total.get("decisions").getAsLong());
        assertEquals(6, total.get("reused").getAsLong());
        assertEquals(0, total.get("cloned").getAsLong());
        assertEquals(4, total.get("executed").getAsLong());
        assertEquals(60.0, total.get("build_reduction_percent").getAsDouble());
        assertEquals(60_000 + 2 * 30_000 + 100 + 60_000 + 30_000, total.get("time_saved_ms").getAsLong());
        assertEquals(2 * 60_000 + 30_000 + 100, total.get("time_spent_ms").getAsLong());
        assertEquals(4, total.get("daily_active_target_tables").getAsLong(), "orders and customers on both days; views free");
        assertEquals(0.376, total.get("hosted_price_usd").getAsDouble(), 1e-9);
        JsonArray rows = byDay.getAsJsonArray("rows");
        assertEquals(2, rows.size());
        assertEquals(first.toString(), rows.get(0).getAsJsonObject().get("group").getAsString());
        assertEquals(8, rows.get(0).getAsJsonObject().get("decisions").getAsLong());
        JsonArray reasons = byDay.getAsJsonArray("not_reused_reasons");
        assertEquals("TARGET_MISSING", reasons.get(0).getAsJsonObject().get("reason").getAsString());
        assertEquals(3, reasons.get(0).getAsJsonObject().get("count").getAsLong());
        assertEquals("UPSTREAM_NEWER", reasons.get(1).getAsJsonObject().get("reason").getAsString());
        JsonObject top = byDay.getAsJsonArray("top_targets").get(0).getAsJsonObject();
        assertEquals(Warehouse.table("orders"), top.get("target").getAsString());
        assertEquals(120_000, top.get("time_saved_ms").getAsLong());

        JsonArray projects = json(dir, "--since", first.toString(), "--by", "project").getAsJsonArray("rows");
        assertEquals("shop", projects.get(0).getAsJsonObject().get("group").getAsString());
        assertEquals(2, projects.get(0).getAsJsonObject().get("daily_active_target_tables").getAsLong());
        assertEquals("crm", projects.get(1).getAsJsonObject().get("group").getAsString());
        assertEquals(90_000, projects.get(1).getAsJsonObject().get("time_saved_ms").getAsLong());

        JsonObject later = json(dir, "--since", first.plusDays(1).toString(), "--price", "1", "--by", "target").getAsJsonObject("total");
        assertEquals(2, later.get("decisions").getAsLong());
        assertEquals(2.0, later.get("hosted_price_usd").getAsDouble());
    }

    @Test
    void tableAndBadFlags(@TempDir Path dir) {
        LocalDate first = builds(dir);
        CliTest.Result table = CliTest.run("inspect", "savings", "--store", "local", "--dir", dir.toString(), "--since",
                first.toString(), "--by", "month");
        assertEquals(ExitCodes.OK, table.code(), table.err());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("total") && l.contains("60.0%") && l.contains("USD 0.38")),
                table.out());
        assertTrue(table.out().contains("TOP TARGETS BY TIME SAVED") && table.out().contains("UPSTREAM_NEWER"), table.out());
        CliTest.Result by = CliTest.run("inspect", "savings", "--store", "local", "--dir", dir.toString(), "--by", "year");
        assertEquals(ExitCodes.USAGE, by.code());
        assertTrue(by.err().contains("--by year"), by.err());
        CliTest.Result since = CliTest.run("inspect", "savings", "--store", "local", "--dir", dir.toString(), "--since", "lately");
        assertEquals(ExitCodes.USAGE, since.code());
        assertTrue(since.err().contains("--since"), since.err());
    }
}

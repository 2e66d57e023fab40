package dev.dbtstateoss.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/** The dashboard's recommendations page in headless Debian chromium (through chromedriver), over a history built to need one. */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class BrowserRecommendationsTest {
    final Path root = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();

    /**
     * The recommendations page with something to recommend: 40 builds ten minutes apart on new data (the history of
     * InspectRecommendTest, through the engine), too many for real dbt builds in a test; its screenshot replaces the
     * e2e store's empty one.
     */
    @Test
    void theRecommendationsPageShowsBothModels(@TempDir Path tmp) throws Exception {
        dev.dbtstateoss.store.MemoryStore store = new dev.dbtstateoss.store.MemoryStore();
        try (dev.dbtstateoss.report.Warehouse w = new dev.dbtstateoss.report.Warehouse(store)) {
            for (int i = 0; i < 40; i++) {
                w.load("raw_orders");
                w.advance(java.time.Duration.ofSeconds(30));
                w.model("stg_orders", "select id, amount from \"db\".\"an\".\"raw_orders\"", List.of("raw_orders"), 180_000);
                w.model("orders", "select id, sum(amount) as amount from \"db\".\"an\".\"stg_orders\" group by id",
                        List.of("stg_orders"), 240_000);
                w.advance(java.time.Duration.ofMinutes(9).plusSeconds(30));
            }
        }
        ChromeDriver browser = null;
        try (DashboardServer d = DashboardServer.start("127.0.0.1", 0, store, java.util.Optional.empty(), 0.094,
                java.time.Clock.systemUTC(), w -> {})) {
            browser = Chromium.start(tmp);
            Browser b = new Browser(browser);
            b.open("http://127.0.0.1:" + d.port() + "/");
            b.follow(b.link("/recommendations"));
            Browser.Table t = b.table();
            // Both models are built 40 times, every build after new data; 15 minutes would have avoided 20 of each.
            List<String> recTargets = t.column("target");
            for (Map.Entry<String, String> model : Map.of("stg_orders", "1h 00m", "orders", "1h 20m").entrySet()) {
                int row = recTargets.indexOf("\"db\".\"an\"." + '"' + model.getKey() + '"');
                assertTrue(row >= 0, model.getKey() + " recommended: " + b.text());
                assertEquals("40", t.column("builds").get(row), b.text());
                assertEquals("15m", t.column("recommended").get(row), b.text());
                assertEquals(model.getValue(), t.column("time saved").get(row), b.text());
                assertEquals("50.0%", t.column("saved %").get(row), b.text());
                assertEquals("{{ config(lag_tolerance='15m') }}", t.column("config").get(row), b.text());
            }
            Path shots = System.getenv("DASHBOARD_SCREENSHOTS") == null ? tmp : root.resolve(System.getenv("DASHBOARD_SCREENSHOTS"));
            b.screenshot(shots.resolve("dashboard-recommendations.png"));
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }
}

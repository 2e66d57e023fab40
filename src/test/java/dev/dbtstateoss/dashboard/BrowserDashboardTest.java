package dev.dbtstateoss.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser over a store real dbt builds filled: scripts/e2e runs its scenarios (one of them
 * kills the server mid-build) and keeps its store; then
 * {@code serve --ui-port} runs over it, headless Debian chromium loads every page, the figures shown are compared
 * with {@code inspect savings --format json}, and a screenshot of each page is saved (into DASHBOARD_SCREENSHOTS when
 * set, e.g. docs/, else the work directory).
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class BrowserDashboardTest {
    final Path root = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();

    @Test
    void everyPageInHeadlessChromiumAgreesWithInspectSavings(@TempDir Path tmp) throws Exception {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Chromium chromium = Chromium.ensure(tmp);
        Path work = tmp.resolve("e2e");
        // Scenarios 1-4 (first build, nothing changed, cosmetic edits, a logic change) fill the store enough.
        run(Map.of("E2E_WORK", work.toString(), "E2E_SCENARIOS", "1,2,3,4"), 40, "bash", root.resolve("scripts/e2e").toString());
        Path state = work.resolve("state");
        String since = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).toString();
        JsonObject savings = JsonParser.parseString(run(Map.of(), 5, cli("inspect", "savings", "--store", "local", "--dir",
                state.toString(), "--since", since, "--format", "json"))).getAsJsonObject();
        JsonObject total = savings.getAsJsonObject("total");
        assertTrue(total.get("decisions").getAsLong() > 0 && total.get("reused").getAsLong() > 0, total.toString());
        // The e2e kills a server with SIGKILL mid-build: the figures of its last second are lost (runs never are), so
        // the client's counts bound the server's: all builds from above, all but the killed one from below. The
        // max-reuse-age scenario's builds ("net-...") go to a server on a store of their own: left out.
        long[] client = clientCounts(work.resolve("artifacts"), name -> !name.contains("_net-"));
        long[] unkilled = clientCounts(work.resolve("artifacts"), name -> !name.contains("_net-") && !name.contains("killed"));
        long decided = total.get("decisions").getAsLong();
        long reused = total.get("reused_or_cloned").getAsLong();
        assertTrue(decided <= client[0] && decided >= unkilled[0], "decisions " + decided + ", the client's logs: "
                + unkilled[0] + " without the killed build, " + client[0] + " in all");
        assertTrue(reused <= client[1] && reused >= unkilled[1], "reused " + reused + ", the client's NO-OP results: "
                + unkilled[1] + " without the killed build, " + client[1] + " in all");
        JsonArray decisions = JsonParser.parseString(run(Map.of(), 5, cli("inspect", "decisions", "--store", "local", "--dir",
                state.toString(), "--limit", "500", "--format", "json"))).getAsJsonArray();
        JsonArray recommended = JsonParser.parseString(run(Map.of(), 5, cli("inspect", "recommend", "--store", "local", "--dir",
                state.toString(), "--format", "json"))).getAsJsonArray();

        int ui;
        try (ServerSocket s = new ServerSocket(0)) {
            ui = s.getLocalPort();
        }
        List<String> serve = new ArrayList<>(cli("serve", "--store", "local", "--dir", state.toString(), "--host", "127.0.0.1",
                "--port", "0", "--ui-port", Integer.toString(ui)));
        Process server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + ui;
            waitForUi(base, server, tmp.resolve("serve.log"));
            JsonObject newest = decisions.get(0).getAsJsonObject();
            String node = newest.get("node").getAsString();
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("overview", "/");
            pages.put("targets", "/targets?sort=saved");
            String list = chromium.dumpDom(base + "/targets?q=int_customer_orders");
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/target\\?key=[^\"]+)\"").matcher(list);
            assertTrue(link.find(), "a link to int_customer_orders:\n" + list);
            pages.put("target", link.group(1).replace("&amp;", "&"));
            pages.put("recommendations", "/recommendations");
            pages.put("decision", "/decision?id=" + newest.get("decision_id").getAsString());
            Path shots = System.getenv("DASHBOARD_SCREENSHOTS") == null ? tmp : root.resolve(System.getenv("DASHBOARD_SCREENSHOTS"));
            Map<String, String> dom = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : pages.entrySet()) {
                String d = chromium.dumpDom(base + p.getValue());
                assertFalse(d.contains("Cannot show this page") || d.contains("Not found"), p.getKey() + ":\n" + d);
                dom.put(p.getKey(), d);
                if (!p.getKey().equals("recommendations")) { // taken with a recommendation by the next test
                    chromium.screenshot(base + p.getValue(), shots.resolve("dashboard-" + p.getKey() + ".png"));
                }
            }
            String overview = dom.get("overview");
            assertTrue(overview.contains(card(total.get("decisions").getAsString(), "decisions")), overview);
            assertTrue(overview.contains(card(total.get("reused_or_cloned").getAsString(), "reused or cloned")), overview);
            assertTrue(overview.contains(card(total.get("executed").getAsString(), "executed")), overview);
            assertTrue(overview.contains(card(String.format(Locale.ROOT, "%.1f%%", total.get("build_reduction_percent").getAsDouble()),
                    "build reduction")), overview);
            assertTrue(overview.contains(card(total.get("daily_active_target_tables").getAsString(), "daily active target tables")),
                    overview);
            assertTrue(overview.contains(card(String.format(Locale.ROOT, "USD %.2f", total.get("hosted_price_usd").getAsDouble()),
                    "hosted price equivalent")), overview);
            assertTrue(overview.contains("<svg"), "charts drawn");
            String targets = dom.get("targets");
            assertTrue(targets.contains("int_customer_orders") && targets.contains("stg_orders"), targets);
            String target = dom.get("target");
            assertTrue(target.contains("SQL: the newest build's query against the last different one") && (target.contains("<ins>")
                    || target.contains("<del>") || target.contains("No recorded build ran another query")
                    || target.contains("Only one build is recorded.")), "the SQL of the newest build and the last different one:\n" + target);
            assertTrue(target.contains("Why the newest decision was taken"), target);
            assertTrue(dom.get("decision").contains(node.replace("\"", "&quot;")) || dom.get("decision").contains(node), dom.get("decision"));
            assertEquals(recommended.size() == 0, dom.get("recommendations").contains("No recommendation."), dom.get("recommendations"));
            System.out.println("  dashboard: " + total + "; screenshots in " + shots);
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The recommendations page with something to recommend: 40 builds ten minutes apart on new data (the history of
     * InspectRecommendTest, through the engine), too many for real dbt builds in a test; its screenshot replaces the
     * e2e store's empty one.
     */
    @Test
    void recommendationsInHeadlessChromium(@TempDir Path tmp) throws Exception {
        Chromium chromium = Chromium.ensure(tmp);
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
        try (DashboardServer d = DashboardServer.start("127.0.0.1", 0, store, java.util.Optional.empty(), 0.094,
                java.time.Clock.systemUTC(), w -> {})) {
            String url = "http://127.0.0.1:" + d.port() + "/recommendations";
            String dom = chromium.dumpDom(url);
            assertTrue(dom.contains("{{ config(lag_tolerance='15m') }}") && dom.contains("\"db\".\"an\".\"orders\""), dom);
            assertTrue(dom.contains("<td class=\"n\">1h 00m</td><td class=\"n\">50.0%</td>"), "time saved, then the share:\n" + dom);
            Path shots = System.getenv("DASHBOARD_SCREENSHOTS") == null ? tmp : root.resolve(System.getenv("DASHBOARD_SCREENSHOTS"));
            chromium.screenshot(url, shots.resolve("dashboard-recommendations.png"));
        }
    }

    /**
     * From the client's own logs of the e2e builds whose artifact names pass {@code builds}: {decisions (nodes logged with a decision id), reused (results
     * dbt reported as NO-OP, "within tolerance" included)}.
     */
    static long[] clientCounts(Path artifacts, java.util.function.Predicate<String> builds) throws Exception {
        long decided = 0;
        long reused = 0;
        try (java.util.stream.Stream<Path> files = Files.list(artifacts)) {
            for (Path f : files.sorted().filter(f -> builds.test(f.getFileName().toString())).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".decisions.jsonl")) {
                    for (String line : Files.readAllLines(f)) {
                        JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
                        if (entry.has("execution_decision_id") && !entry.get("execution_decision_id").isJsonNull()) {
                            decided++;
                        }
                    }
                } else if (name.endsWith(".run_results.json")) {
                    for (var r : JsonParser.parseString(Files.readString(f)).getAsJsonObject().getAsJsonArray("results")) {
                        JsonObject result = r.getAsJsonObject();
                        String message = result.has("message") && !result.get("message").isJsonNull()
                                ? result.get("message").getAsString() : "";
                        JsonObject adapter = result.has("adapter_response") && result.get("adapter_response").isJsonObject()
                                ? result.getAsJsonObject("adapter_response") : new JsonObject();
                        String adapterMessage = adapter.has("_message") ? adapter.get("_message").getAsString() : "";
                        if (message.startsWith("NO-OP") || adapterMessage.startsWith("NO-OP")) {
                            reused++;
                        }
                    }
                }
            }
        }
        assertTrue(decided > 0, "no client decision logs in " + artifacts);
        return new long[] {decided, reused};
    }

    static String card(String value, String label) {
        return "<div class=\"v\">" + value + "</div><div class=\"l\">" + label + "</div>";
    }

    List<String> cli(String... args) {
        List<String> c = new ArrayList<>(List.of(root.resolve("scripts/dbt-state-oss").toString()));
        c.addAll(List.of(args));
        return c;
    }

    String run(Map<String, String> env, int minutes, String... command) throws Exception {
        return run(env, minutes, List.of(command));
    }

    /** Runs a command to its end (its output shown as it runs); returns its standard output. */
    String run(Map<String, String> env, int minutes, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.append(line).append('\n');
                if (command.get(0).equals("bash")) {
                    System.out.println("  e2e| " + line);
                }
            }
        }
        assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), command + " did not finish");
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out.toString();
    }

    static void waitForUi(String base, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("serve exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the dashboard did not answer:\n" + Files.readString(log));
    }
}

package dev.dbtstateoss.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.report.DayAggregates;
import dev.dbtstateoss.report.Savings;
import dev.dbtstateoss.report.Warehouse;
import dev.dbtstateoss.server.TestIssuer;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's pages over a store the engine filled, read over HTTP; token auth shows one organization. */
class DashboardServerTest {
    static final String RAW = "select id, amount from \"db\".\"an\".\"raw_orders\" where note <> '<b>&'";
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Builds, skips, a query change: returns the id of the newest decision about orders. */
    static String fill(StateStore store) {
        try (Warehouse w = new Warehouse(store)) {
            w.now = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(); // this month's figures
            w.load("raw_orders");
            w.model("orders", RAW, List.of("raw_orders"), 60_000);
            for (int i = 0; i < 3; i++) {
                w.advance(Duration.ofMinutes(10));
                w.model("orders", RAW, List.of("raw_orders"), 60_000);
                w.model("shop", "orders_v", "select id from \"db\".\"an\".\"orders\"", List.of("orders"), 0, ExecutionType.VIEW, 20);
            }
            w.advance(Duration.ofMinutes(10));
            return w.model("orders", RAW + " and amount > 0", List.of("raw_orders"), 61_000).decisionId();
        }
    }

    HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageShowsTheStoresFigures() throws Exception {
        MemoryStore store = new MemoryStore();
        String id = fill(store);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Savings.Row month = Savings.of(new DayAggregates(store).since(today.withDayOfMonth(1)), today.withDayOfMonth(1),
                Savings.By.DAY, 0.094).total();
        assertEquals(8, month.decisions(), "orders: E S S S E, the view: E S S");
        try (DashboardServer d = DashboardServer.start("127.0.0.1", 0, store, Optional.empty(), 0.094, Clock.systemUTC(), w -> {})) {
            HttpResponse<String> overview = get(d.port(), "/");
            assertEquals(200, overview.statusCode());
            String cards = overview.body().substring(overview.body().indexOf("id=month"));
            assertTrue(cards.contains("<div class=v>" + month.decisions() + "</div><div class=l>decisions"), cards);
            assertTrue(cards.contains(Pages.usd(month.hostedPriceUsd())), cards);
            assertTrue(overview.body().contains("<svg"), "charts are drawn on the server");
            assertTrue(overview.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));

            String targets = get(d.port(), "/targets?sort=reuse").body();
            assertTrue(targets.contains("&quot;db&quot;.&quot;an&quot;.&quot;orders&quot;"), targets);
            assertTrue(targets.contains("2 of 2 targets"), targets);
            assertEquals(1, countOf(get(d.port(), "/targets?q=orders_v").body(), "<a href='/target?key="));

            String key = URLEncoder.encode("table||" + Warehouse.table("orders"), StandardCharsets.UTF_8);
            String target = get(d.port(), "/target?key=" + key).body();
            assertTrue(target.contains("<ins>AND AMOUNT &gt; 0</ins>"), target);
            assertTrue(target.contains("QUERY_CHANGED"), target);
            assertTrue(target.contains("&lt;b&gt;&amp;"), "SQL text is escaped");
            assertFalse(target.contains("<b>&"), "no raw markup from the store");

            String decision = get(d.port(), "/decision?id=" + id).body();
            assertTrue(decision.contains(id) && decision.contains("query changed since the run decided at"), decision);
            assertTrue(get(d.port(), "/decision?id=0190a000-0000-7000-8000-000000000000").body().contains("No decision"));
            assertEquals(200, get(d.port(), "/recommendations").statusCode());
            assertEquals(404, get(d.port(), "/nothing").statusCode());
            for (String page : List.of("/", "/targets", "/target?key=" + key, "/recommendations", "/decision?id=" + id)) {
                String body = get(d.port(), page).body();
                assertFalse(body.contains("<script") || body.contains("src=") || body.contains("<link"), page + " fetches nothing");
            }
        }
    }

    @Test
    void decisionsAreLinkedTimesReadableTheSortShownAndTheDiffAgainstTheLastDifferentQuery() throws Exception {
        MemoryStore store = new MemoryStore();
        String newest = null;
        try (Warehouse w = new Warehouse(store)) {
            w.load("raw_orders");
            w.model("orders", RAW, List.of("raw_orders"), 60_000);
            for (String sql : List.of(RAW + " and amount > 0", RAW + " and amount > 0")) { // a query change, then new rows
                w.advance(Duration.ofMinutes(10));
                w.load("raw_orders");
                Decision built = w.model("orders", sql, List.of("raw_orders"), 60_000);
                assertTrue(built instanceof Decision.Execute, built.toString());
                newest = built.decisionId();
            }
        }
        try (DashboardServer d = DashboardServer.start("127.0.0.1", 0, store, Optional.empty(), 0.094, Clock.systemUTC(), w -> {})) {
            String key = URLEncoder.encode("table||" + Warehouse.table("orders"), StandardCharsets.UTF_8);
            String target = get(d.port(), "/target?key=" + key).body();
            assertTrue(target.contains("<ins>AND AMOUNT &gt; 0</ins>"), "the newest query against the last different one: " + target);
            assertTrue(target.contains("the 1 build between ran the newest query"), target);
            assertTrue(target.contains("query unchanged since the run decided at <time>20"), target);
            assertTrue(target.contains("(last modified <time>20"), "an input's times as ISO timestamps: " + target);
            assertFalse(java.util.regex.Pattern.compile("(at|modified|then) \\d{11,}").matcher(target).find(), "no epoch ms left: " + target);

            String targets = get(d.port(), "/targets?sort=reuse").body();
            assertTrue(targets.contains("<b><a href='/targets?q=&sort=reuse'>reuse rate</a> ▼</b>"), targets);
            assertTrue(targets.contains("sorted by reuse rate"), targets);
            assertTrue(get(d.port(), "/targets").body().contains("sorted by target</p>"));
            assertTrue(targets.contains("<a href=\"/decision?id=" + newest + "\">EXECUTE</a>"), "the last decision links to it: " + targets);
            String decision = get(d.port(), "/decision?id=" + newest).body();
            assertTrue(decision.contains("<a href=\"/decision?id=" + newest + "\">" + newest + "</a>"), decision);
        }
        String forged = Pages.explanation(new dev.dbtstateoss.engine.Explanation("d1", "k", "n", 1, "SKIP onmouseover=alert(1)", "R",
                "x", List.of(new dev.dbtstateoss.engine.Explanation.Line("t", dev.dbtstateoss.engine.Explanation.Mark.INFO,
                        dev.dbtstateoss.engine.Explanation.Badge.NONE)), "FULL", 0));
        assertTrue(forged.contains("<td class=\"SKIP onmouseover=alert(1)\">"), "attribute values from the store are quoted: " + forged);
        assertFalse(forged.contains("class=SKIP"), forged);
    }

    @Test
    void withTokenAuthAPageShowsOnlyTheGrantedOrganization() throws Exception {
        MemoryStore store = new MemoryStore();
        fill(PrefixedStore.forOrg(store, "acme"));
        try (Warehouse other = new Warehouse(PrefixedStore.forOrg(store, "globex"))) {
            other.load("raw_secret");
            assertTrue(other.model("secret_model", "select id from \"db\".\"an\".\"raw_secret\"", List.of("raw_secret"), 5)
                    instanceof Decision.Execute);
        }
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        TokenCheck check = new TokenCheck(TokenCheck.fixedKey(key.toRSAPublicKey()), "https://issuer.test", "aud", 60);
        String token = TestIssuer.sign(key, "https://issuer.test", "aud", "user", "runcache:scope:org:acme:read",
                Instant.now().plusSeconds(600));
        try (DashboardServer d = DashboardServer.start("127.0.0.1", 0, store, Optional.of(check), 0.094, Clock.systemUTC(), w -> {})) {
            HttpResponse<String> anonymous = get(d.port(), "/targets");
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.body().contains("<form method=post action='/login'>"));
            assertEquals(401, get(d.port(), "/targets", "Authorization", "Bearer " + token, "x-organization-id", "globex").statusCode());
            String acme = get(d.port(), "/targets", "Authorization", "Bearer " + token, "x-organization-id", "acme").body();
            assertTrue(acme.contains("orders") && !acme.contains("secret_model"), acme);

            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("org=acme&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
            List<String> cookies = login.headers().allValues("Set-Cookie");
            assertEquals(2, cookies.size(), cookies.toString());
            for (String c : cookies) {
                List<String> attributes = java.util.Arrays.stream(c.split(";")).map(String::strip).toList();
                assertTrue(attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict") && attributes.contains("Path=/"),
                        "no script reads the token, no other site sends it: " + c);
                assertFalse(attributes.contains("Secure"), "the dashboard serves plain HTTP (a browser would drop a Secure cookie): " + c);
            }
            for (String c : get(d.port(), "/logout").headers().allValues("Set-Cookie")) {
                assertTrue(c.contains("Max-Age=0") && c.contains("HttpOnly") && c.contains("SameSite=Strict"), c);
            }
            String cookie = String.join("; ", cookies.stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
            assertTrue(get(d.port(), "/targets", "Cookie", cookie).body().contains("orders"));
            String forged = cookie.replace("dbtstate_org=acme", "dbtstate_org=globex");
            assertEquals(401, get(d.port(), "/targets", "Cookie", forged).statusCode());
        }
    }

    static int countOf(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

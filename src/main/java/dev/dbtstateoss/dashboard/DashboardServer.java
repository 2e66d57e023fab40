package dev.dbtstateoss.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The read-only web dashboard beside the gRPC server: overview, targets, a target, recommendations, a
 * decision by id. Pages are HTML rendered here with inline SVG charts; nothing is fetched from
 * elsewhere and no script runs (the Content-Security-Policy forbids both). Every page reads the store
 * when asked (listings, like {@code inspect}): never on the decision path.
 */
public final class DashboardServer implements AutoCloseable {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final HttpServer http;
    private final ExecutorService pool;
    private final Access access;
    private final double price;
    private final Clock clock;
    private final Consumer<String> warnings;

    private DashboardServer(HttpServer http, ExecutorService pool, Access access, double price, Clock clock,
            Consumer<String> warnings) {
        this.http = http;
        this.pool = pool;
        this.access = access;
        this.price = price;
        this.clock = clock;
        this.warnings = warnings;
    }

    /**
     * Starts serving at host:port (0 picks a free port) over {@code store}; with {@code tokens}, each page
     * shows only the organization the request's token grants.
     */
    public static DashboardServer start(String host, int port, StateStore store, Optional<TokenCheck> tokens, double price,
            Clock clock, Consumer<String> warnings) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dashboard");
            t.setDaemon(true);
            return t;
        });
        DashboardServer d = new DashboardServer(http, pool, new Access(store, tokens), price, clock, warnings);
        http.createContext("/", d::handle);
        http.setExecutor(pool);
        http.start();
        return d;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/login") && method.equals("POST") && access.authenticated()) {
                login(ex);
                return;
            }
            if (path.equals("/logout")) {
                ex.getResponseHeaders().add("Set-Cookie", Access.TOKEN_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
                ex.getResponseHeaders().add("Set-Cookie", Access.ORG_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
                redirect(ex, "/");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, Html.page("Not allowed", null, "<p>The dashboard is read-only.</p>"));
                return;
            }
            Access.Outcome who = access.of(ex);
            if (who.viewer() == null) {
                send(ex, 401, Access.loginPage(who.refusal()));
                return;
            }
            send(ex, 200, page(path, query(ex.getRequestURI()), who.viewer()));
        } catch (NotFound e) {
            send(ex, 404, Html.page("Not found", null, "<p>No page " + Html.esc(e.getMessage()) + ".</p>"));
        } catch (RuntimeException e) {
            warnings.accept("dashboard: " + ex.getRequestURI().getPath() + ": " + e.getMessage());
            send(ex, 500, Html.page("Cannot show this page", null, "<p>" + Html.esc(e.getMessage()) + "</p>"));
        } finally {
            ex.close();
        }
    }

    private String page(String path, Map<String, String> q, Access.Viewer viewer) {
        StoreHistory history;
        try {
            history = StoreHistory.forReading(viewer.store());
        } catch (StateStore.StoreException e) {
            return Html.page("No state yet", viewer.org(), "<p>No decision has been recorded here yet (" + Html.esc(e.getMessage())
                    + ").</p>");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return switch (path) {
            case "/" -> Pages.overview(history, viewer.org(), price, today);
            case "/targets" -> Pages.targets(history, viewer.org(), q.get("q"), q.get("sort"), today);
            case "/target" -> TargetPage.of(history, viewer.org(), q.getOrDefault("key", ""));
            case "/recommendations" -> Pages.recommendations(history, viewer.org(), clock.millis());
            case "/decision" -> Pages.decision(history, viewer.org(), q.get("id"));
            default -> throw new NotFound(path);
        };
    }

    private void login(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readNBytes(64 * 1024);
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String token = form.getOrDefault("token", "").strip();
        String org = form.getOrDefault("org", "").strip();
        Access.Outcome checked = access.check(token.isEmpty() ? null : "Bearer " + token, org);
        if (checked.viewer() == null) {
            send(ex, 401, Access.loginPage(checked.refusal()));
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", Access.TOKEN_COOKIE + "=" + Html.url(token) + "; Path=/; HttpOnly; SameSite=Strict");
        ex.getResponseHeaders().add("Set-Cookie", Access.ORG_COOKIE + "=" + Html.url(org) + "; Path=/; HttpOnly; SameSite=Strict");
        redirect(ex, "/");
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void redirect(HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().set("Location", to);
        ex.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange ex, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String path) {
            super(path);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}

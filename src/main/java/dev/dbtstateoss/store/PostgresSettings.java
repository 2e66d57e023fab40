package dev.dbtstateoss.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What it takes to open a {@link PostgresStore}.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} address without credentials in user-info form
 * @param user the role, or null for the URL's {@code user} parameter (or the driver's default)
 * @param password the password, or null for the URL's {@code password} parameter (or none)
 * @param statementTimeout how long one statement (and waiting for a pooled connection) may take
 * @param poolSize the most connections the store opens
 */
public record PostgresSettings(String jdbcUrl, String user, String password, Duration statementTimeout, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = 8;

    public PostgresSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("the statement timeout must be positive");
        }
    }

    /**
     * Settings from a URL as libpq writes it ({@code postgresql://user:password@host:port/db?sslmode=require},
     * also {@code postgres://}) or as the JDBC driver does ({@code jdbc:postgresql://host/db?user=u}).
     * A password in neither the URL nor {@code password} stays unset (trust or certificate auth).
     *
     * @param password used when the URL carries none (from PGPASSWORD or a file); may be null
     */
    public static PostgresSettings fromUrl(String url, String user, String password, Duration statementTimeout) {
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            return new PostgresSettings(u, user, password, statementTimeout, DEFAULT_POOL_SIZE);
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected postgresql://[user[:password]@]host[:port]/database or jdbc:postgresql://...");
        }
        String urlUser = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            urlUser = decode(parts[0]);
            urlPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + db
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return new PostgresSettings(jdbc, urlUser != null ? urlUser : user, urlPassword != null ? urlPassword : password,
                statementTimeout, DEFAULT_POOL_SIZE);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The address without parameters (never a password), for logs and errors. */
    public String where() {
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        int q = rest.indexOf('?');
        return "postgresql:" + (q < 0 ? rest : rest.substring(0, q));
    }

    public PostgresStore open() {
        return PostgresStore.open(this);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + where() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", statementTimeout=" + statementTimeout + ", poolSize=" + poolSize + "]";
    }
}

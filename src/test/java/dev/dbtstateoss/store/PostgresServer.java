package dev.dbtstateoss.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster started by {@code scripts/lib/pg.sh} (installed from Debian packages
 * when missing) on a free loopback port; {@link #newSchema} gives each store an empty schema of its own.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path dir;
    public final int port;
    public final String user;
    public final String password;

    private PostgresServer(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Starts a cluster in a new directory under {@code parent} (made traversable for the cluster's OS user). */
    public static PostgresServer start(Path parent) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve("pg-" + UUID.randomUUID().toString().substring(0, 8)));
        for (Path p = dir; p != null && p.startsWith(parent.getParent() == null ? parent : parent.getParent()); p = p.getParent()) {
            try {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException | UnsupportedOperationException ignored) {
                // not ours to change (a shared parent); pg.sh names the directory it cannot use
            }
        }
        String out = script("pg_start " + quote(dir) + " >&2 && echo \"$PGPORT $PGUSER $PGPASSWORD\"");
        String[] parts = out.strip().split(" ");
        return new PostgresServer(dir, Integer.parseInt(parts[0]), parts[1], parts[2]);
    }

    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/dbt" + (schema == null ? "" : "?currentSchema=" + schema);
    }

    /** A new empty schema; stores opened on it see only their own tables. */
    public String newSchema() throws SQLException {
        String name = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(jdbcUrl(null), user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return name;
    }

    public PostgresSettings settings(String schema, Duration timeout) {
        return new PostgresSettings(jdbcUrl(schema), user, password, timeout, 4);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("pg_stop " + quote(dir));
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    private static String script(String command) throws IOException, InterruptedException {
        String repo = System.getenv("DBTSTATE_REPO");
        Path lib = Path.of(repo != null ? repo : ".").toAbsolutePath().resolve("scripts/lib/pg.sh");
        Path log = Files.createTempFile("pg-", ".log");
        try {
            Process p = new ProcessBuilder("bash", "-c", ". " + quote(lib) + " && " + command)
                    .redirectError(log.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg.sh: " + command + " did not finish in 300 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pg.sh: " + command + " failed: " + Files.readString(log));
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

package dev.dbtstateoss.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A store in a PostgreSQL table of key, value and version ({@value #TABLE}); every write is one
 * conditional statement (insert ... on conflict do nothing, update/delete ... where version = ?),
 * and a batch is one transaction. Versions come from a sequence, so they never repeat. The tables
 * are created when absent, and their version is kept in {@value #SCHEMA_TABLE}; a newer one is
 * refused. Connections come from a bounded pool (HikariCP); every statement, and the wait for a
 * connection, is bounded by the settings' statement timeout.
 */
public final class PostgresStore implements StateStore, AtomicBatches {
    static final String TABLE = "dbtstate_blobs";
    static final String SCHEMA_TABLE = "dbtstate_schema";
    static final String SEQUENCE = "dbtstate_versions";
    static final int SCHEMA = 1;
    /** The advisory lock that serializes schema creation by servers starting at once. */
    private static final long SCHEMA_LOCK = 0x64627473L;
    private static final int BATCH_ATTEMPTS = 5;

    private final PostgresSettings settings;
    private final BlobTable table = new BlobTable(TABLE, "nextval('" + SEQUENCE + "')", null, false);
    private final HikariDataSource pool;

    private PostgresStore(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Connects once (a clear error when the server is unreachable or refuses the credentials), creates the tables, opens the pool. */
    static PostgresStore open(PostgresSettings settings) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), properties(settings))) {
            createSchema(c, settings);
        } catch (SQLException e) {
            throw new StoreException(startError(settings, e), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbtstate-postgres");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setDataSourceProperties(properties(settings));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, settings.statementTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(5_000, settings.statementTimeout().toMillis())));
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        config.setInitializationFailTimeout(-1);
        return new PostgresStore(settings, new HikariDataSource(config));
    }

    private static Properties properties(PostgresSettings s) {
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        long seconds = Math.max(1, (s.statementTimeout().toMillis() + 999) / 1000);
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        // a silent server (network gone) fails the read instead of hanging past the statement timeout
        p.setProperty("socketTimeout", Long.toString(seconds + 5));
        p.setProperty("ApplicationName", "dbt-state-oss");
        return p;
    }

    private static void createSchema(Connection c, PostgresSettings settings) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL statement_timeout = " + settings.statementTimeout().toMillis());
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA_TABLE + " (version integer NOT NULL)");
            int found;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + SCHEMA_TABLE)) {
                r.next();
                found = r.getInt(1);
            }
            if (found > SCHEMA) {
                c.rollback();
                throw new StoreException("the PostgreSQL tables at " + settings.where() + " are of version " + found
                        + ", newer than this version understands (" + SCHEMA + "); upgrade dbt-state-oss", null);
            }
            // COLLATE "C": keys compare byte by byte, so a listing's range (prefix <= key < next) is exact
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (key text COLLATE \"C\" PRIMARY KEY, value bytea NOT NULL,"
                    + " version bigint NOT NULL)");
            s.execute("CREATE SEQUENCE IF NOT EXISTS " + SEQUENCE);
            if (found == 0) {
                s.execute("INSERT INTO " + SCHEMA_TABLE + " (version) VALUES (" + SCHEMA + ")");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** One line for the first connection's failure: unreachable, refused credentials, missing database. */
    private static String startError(PostgresSettings s, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String user = s.user() == null ? "(the driver's default user)" : "'" + s.user() + "'";
        if (state.startsWith("28")) {
            return "PostgreSQL at " + s.where() + " refused the credentials of " + user
                    + ": give the password in the URL, in PGPASSWORD or in --password-file (" + e.getMessage() + ")";
        }
        if (state.equals("3D000")) {
            return "PostgreSQL at " + s.where() + ": " + e.getMessage() + "; create it or fix the database in --url";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || state.startsWith("08")) {
                return "cannot reach PostgreSQL at " + s.where() + " (" + e.getMessage() + "); check --url and that the server runs";
            }
        }
        return "cannot open the store in PostgreSQL at " + s.where() + ": " + e.getMessage();
    }

    @Override
    public Optional<Blob> read(String key) {
        StateStore.checkKey(key);
        return call("read " + key, c -> table.read(c, key));
    }

    @Override
    public Optional<byte[]> readValue(String key) {
        StateStore.checkKey(key);
        return call("read " + key, c -> table.readValue(c, key));
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        return applyAll(List.of(new CreateIfAbsent(key, value)));
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        return applyAll(List.of(new ReplaceIfVersion(key, value, expectedVersion)));
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        return applyAll(List.of(new DeleteIfVersion(key, expectedVersion)));
    }

    /**
     * One statement for one write; a transaction for several, its writes in key order (so batches
     * touching the same keys lock them in the same order), retried when PostgreSQL chose it as a
     * deadlock's victim.
     */
    @Override
    public boolean applyAll(List<Write> writes) {
        writes.forEach(w -> StateStore.checkKey(w.key()));
        if (writes.isEmpty()) {
            return true;
        }
        String what = "write " + writes.get(0).key() + (writes.size() > 1 ? " and " + (writes.size() - 1) + " more" : "");
        if (writes.size() == 1) {
            return call(what, c -> table.apply(c, writes.get(0)));
        }
        List<Write> ordered = writes.stream().sorted(Comparator.comparing(Write::key)).toList();
        return call(what, c -> {
            for (int attempt = 1; ; attempt++) {
                c.setAutoCommit(false);
                try {
                    boolean all = true;
                    for (Write w : ordered) {
                        if (!table.apply(c, w)) {
                            all = false;
                            break;
                        }
                    }
                    if (all) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    return all;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt == BATCH_ATTEMPTS || !("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()))) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    @Override
    public Stream<String> list(String prefix) {
        return call("list " + prefix, c -> table.list(c, prefix)).stream();
    }

    @Override
    public String describe() {
        return "PostgreSQL " + settings.where() + " table " + TABLE;
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T call(String what, Query<T> query) {
        try (Connection c = pool.getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            String why = "57014".equals(e.getSQLState()) ? "took longer than " + settings.statementTimeout().toMillis() + " ms"
                    : e.getMessage();
            throw new StoreException("cannot " + what + " in " + describe() + ": " + why, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

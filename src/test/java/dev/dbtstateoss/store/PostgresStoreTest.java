package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract, batches included, on a real PostgreSQL (scripts/lib/pg.sh). */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class PostgresStoreTest extends AtomicBatchesContract {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    @TempDir static Path serverDir;
    static PostgresServer server;

    private String schema;
    private final List<StateStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    StateStore newStore() throws Exception {
        schema = server.newSchema();
        return keep(server.settings(schema, TIMEOUT).open());
    }

    @Override
    StateStore sameData(StateStore store) {
        return keep(server.settings(schema, TIMEOUT).open());
    }

    private StateStore keep(StateStore s) {
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    @Test
    void aLibpqUrlCarriesTheCredentials() throws Exception {
        String s = server.newSchema();
        // the test cluster trusts local connections, so any password is accepted; this one is percent-encoded
        PostgresSettings settings = PostgresSettings.fromUrl("postgresql://" + server.user + ":s3cr%40t"
                + "@127.0.0.1:" + server.port + "/dbt?currentSchema=" + s, null, "from-env", TIMEOUT);
        assertEquals(server.user, settings.user());
        assertEquals("s3cr@t", settings.password(), "the URL's password wins over PGPASSWORD");
        assertTrue(!settings.toString().contains("s3cr") && !settings.where().contains("s3cr"), settings.toString());
        try (PostgresStore store = settings.open()) {
            assertTrue(store.createIfAbsent("k", b("v")));
            assertTrue(store.describe().contains("127.0.0.1:" + server.port + "/dbt"), store.describe());
        }
    }

    @Test
    void anUnreachableServerIsNamedAtOpen() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PostgresSettings s = new PostgresSettings("jdbc:postgresql://127.0.0.1:" + port + "/dbt", "dbt", "x", TIMEOUT, 2);
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, s::open);
        assertTrue(e.getMessage().startsWith("cannot reach PostgreSQL at postgresql://127.0.0.1:" + port + "/dbt"), e.getMessage());
    }

    @Test
    void aRefusedRoleIsNamedAtOpen() {
        PostgresSettings s = new PostgresSettings(server.jdbcUrl(null), "no_such_role", "x", TIMEOUT, 2);
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, s::open);
        assertTrue(e.getMessage().contains("refused the credentials of 'no_such_role'") && e.getMessage().contains("PGPASSWORD"),
                e.getMessage());
    }

    @Test
    void tablesOfANewerVersionAreRefused() throws Exception {
        String s = server.newSchema();
        server.settings(s, TIMEOUT).open().close();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(s), server.user, server.password);
                Statement st = c.createStatement()) {
            st.execute("UPDATE " + PostgresStore.SCHEMA_TABLE + " SET version = " + (PostgresStore.SCHEMA + 1));
        }
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> server.settings(s, TIMEOUT).open());
        assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("upgrade"), e.getMessage());
    }

    /** A statement that waits on a lock fails after the statement timeout rather than hanging. */
    @Test
    void aBlockedStatementFailsAfterTheTimeout() throws Exception {
        String s = server.newSchema();
        try (PostgresStore store = new PostgresSettings(server.jdbcUrl(s), server.user, server.password,
                Duration.ofMillis(700), 2).open();
                Connection locker = DriverManager.getConnection(server.jdbcUrl(s), server.user, server.password);
                Statement st = locker.createStatement()) {
            store.createIfAbsent("k", b("v"));
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE " + PostgresStore.TABLE + " IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> store.read("k"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("took longer than 700 ms"), e.getMessage());
            assertTrue(ms < 30_000, ms + " ms");
            locker.rollback();
            assertEquals("v", new String(store.read("k").orElseThrow().value()));
        }
    }
}

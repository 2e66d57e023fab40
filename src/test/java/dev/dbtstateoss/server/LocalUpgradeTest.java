package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.SubmitSQLResponse;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Fingerprinter;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.SqliteStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading the local store: a directory written in the file layout (LocalStore and StoreHistory,
 * as every release before the embedded database wrote it) is served in place by a real `serve`,
 * which says so at start; `migrate-store` then moves it into a database file, and a `serve` on that
 * skips every recorded run and takes the confirmation of a decision made before the move.
 */
@Tag("slow") // starts processes: left out by scripts/test --fast
class LocalUpgradeTest {
    static final int TARGETS = 5;

    @Test
    void aFileLayoutDirectoryIsServedInPlaceThenMigratedWithoutLosingARun(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old");
        String pending = writeWithTheFileLayout(old);
        assertTrue(Files.isRegularFile(old.resolve("format")) && !SqliteStore.existsIn(old));

        try (ServeProcessTest.Server a = new ServeProcessTest.Server(old, dir.resolve("a.log"))) {
            assertTrue(a.startLine.contains("local directory " + old) && a.startLine.contains("(one file per key, the layout of earlier releases;")
                    && a.startLine.contains("migrate-store"), a.startLine);
            for (int n = 0; n < TARGETS; n++) {
                assertTrue(a.decide(ServeProcessTest.target(n), 1000 + n).hasSkipExecution(), "run " + n + " of the old layout");
            }
            SubmitSQLResponse fresh = a.decide(ServeProcessTest.target(TARGETS), 0);
            assertTrue(fresh.hasReadyToExecute(), fresh.toString());
            assertTrue(a.confirm(fresh.getReadyToExecute().getRequestId(), 1000 + TARGETS));
        }
        assertFalse(SqliteStore.existsIn(old), "served in place: no database is created beside the files");

        Path moved = dir.resolve("moved");
        Process migrate = new ProcessBuilder("bash", ServeProcessTest.ROOT.resolve("scripts/dbt-state-oss").toString(),
                "migrate-store", "--from", "local", "--from-dir", old.toString(), "--to", "local", "--to-dir", moved.toString(),
                "--progress", "none").redirectErrorStream(true).start();
        String out = new String(migrate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(migrate.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, migrate.exitValue(), out);
        assertTrue(out.contains("local database " + moved.resolve(SqliteStore.FILE)), out);
        assertTrue(SqliteStore.existsIn(moved) && !LocalDirectory.hasFileLayout(moved));

        try (ServeProcessTest.Server b = new ServeProcessTest.Server(moved, dir.resolve("b.log"))) {
            assertTrue(b.startLine.contains("store: local database " + moved.resolve(SqliteStore.FILE)), b.startLine);
            for (int n = 0; n <= TARGETS; n++) {
                assertTrue(b.decide(ServeProcessTest.target(n), 1000 + n).hasSkipExecution(), "run " + n + " after the move");
            }
            assertTrue(b.confirm(pending, 1099), "a decision made before the move is confirmed after it");
            assertTrue(b.decide(ServeProcessTest.target(99), 1099).hasSkipExecution());
        }
    }

    /** Two runs per target and one unconfirmed decision, through the gRPC service over the file layout; the pending id. */
    private static String writeWithTheFileLayout(Path old) throws Exception {
        String name = "upgrade-" + System.nanoTime();
        try (LocalStore files = new LocalStore(old)) {
            DecisionEngine engine = DecisionEngine.over(new StoreHistory(files)).fingerprinter(new Fingerprinter(5)).ids(new Ids(Clock.systemUTC())).build();
            DecisionServer server = new DecisionServer(InProcessServerBuilder.forName(name), engine, Clock.systemUTC()).start();
            ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
            try {
                ServeProcessTest.Server client = new ServeProcessTest.Server(channel);
                for (int n = 0; n < TARGETS; n++) {
                    SubmitSQLResponse first = client.decide(ServeProcessTest.target(n), 0);
                    assertTrue(client.confirm(first.getReadyToExecute().getRequestId(), 500 + n));
                    SubmitSQLResponse second = client.decide(ServeProcessTest.target(n), 600 + n);
                    assertTrue(second.hasReadyToExecute(), "the target changed since: " + second);
                    assertTrue(client.confirm(second.getReadyToExecute().getRequestId(), 1000 + n));
                }
                return client.decide(ServeProcessTest.target(99), 0).getReadyToExecute().getRequestId();
            } finally {
                channel.shutdownNow();
                server.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}

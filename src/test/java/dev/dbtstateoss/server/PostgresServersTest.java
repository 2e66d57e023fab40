package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real `serve --store postgres` processes on one database (scripts/lib/pg.sh), threads deciding on
 * one and confirming on the other at once: every run is recorded; a wrong URL fails at start, clearly.
 */
@Tag("slow") // starts PostgreSQL and processes: left out by scripts/test --fast
class PostgresServersTest {
    static final int THREADS = 8;
    static final int ROUNDS = 10;

    @Test
    void twoServersConfirmingAtOnceLoseNoRun(@TempDir Path dir) throws Exception {
        try (PostgresServer pg = PostgresServer.start(dir)) {
            String schema = pg.newSchema();
            // the password from the environment, as a deployment would give it
            List<String> store = List.of("--store", "postgres", "--url",
                    "postgresql://" + pg.user + "@127.0.0.1:" + pg.port + "/dbt?currentSchema=" + schema);
            Map<String, String> env = Map.of("PGPASSWORD", pg.password);
            try (ServeProcessTest.Server a = new ServeProcessTest.Server(store, env, dir.resolve("a.log"));
                    ServeProcessTest.Server b = new ServeProcessTest.Server(store, env, dir.resolve("b.log"))) {
                assertTrue(a.startLine.contains("store: PostgreSQL postgresql://127.0.0.1:" + pg.port + "/dbt table dbtstate_blobs"),
                        a.startLine);
                assertFalse(a.startLine.contains(pg.password + "@"), a.startLine);
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
                AtomicInteger confirmed = new AtomicInteger();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int r = 0; r < ROUNDS; r++) {
                            int n = thread * ROUNDS + r;
                            ServeProcessTest.Server decider = n % 2 == 0 ? a : b;
                            ServeProcessTest.Server confirmer = n % 2 == 0 ? b : a;
                            try {
                                var answer = decider.decide(ServeProcessTest.target(n), 0);
                                if (!answer.hasReadyToExecute()) {
                                    refused.add(n + ": not EXECUTE: " + answer);
                                } else if (!confirmer.confirm(answer.getReadyToExecute().getRequestId(), 1000 + n)) {
                                    refused.add(n + ": confirm answered success=false");
                                } else {
                                    confirmed.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                refused.add(n + ": " + e);
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(240, TimeUnit.SECONDS);
                }
                pool.shutdown();
                assertEquals(List.of(), List.copyOf(refused));
                assertEquals(THREADS * ROUNDS, confirmed.get());
                for (int n = 0; n < THREADS * ROUNDS; n++) {
                    assertTrue((n % 2 == 0 ? a : b).decide(ServeProcessTest.target(n), 1000 + n).hasSkipExecution(), "run " + n + " lost");
                }
                for (Path log : List.of(dir.resolve("a.log"), dir.resolve("b.log"))) {
                    assertFalse(Files.readString(log).contains("SEVERE"), Files.readString(log));
                }
            }
            Process wrong = new ProcessBuilder("bash", ServeProcessTest.ROOT.resolve("scripts/dbt-state-oss").toString(), "serve",
                    "--store", "postgres", "--url", "postgresql://nobody_here@127.0.0.1:" + pg.port + "/dbt", "--port", "0")
                    .redirectErrorStream(true).start();
            String out = new String(wrong.getInputStream().readAllBytes());
            assertTrue(wrong.waitFor(120, TimeUnit.SECONDS));
            assertEquals(dev.dbtstateoss.cli.ExitCodes.FAILURE, wrong.exitValue(), out);
            assertTrue(out.contains("error: --store postgres: PostgreSQL at postgresql://127.0.0.1:" + pg.port
                    + "/dbt refused the credentials of 'nobody_here'"), out);
        }
    }
}

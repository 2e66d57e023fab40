package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Two real `serve` processes on one local directory, many threads deciding on one and confirming
 * on the other across many targets (so the processes' lock files cross): every run is recorded.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class TwoServersContentionTest {
    static final int THREADS = 12;
    static final int ROUNDS = 25;

    @Test
    void underContentionNoRunIsRefusedOrLost(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        try (ServeProcessTest.Server a = new ServeProcessTest.Server(state, dir.resolve("a.log"));
                ServeProcessTest.Server b = new ServeProcessTest.Server(state, dir.resolve("b.log"))) {
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
                                refused.add(n + ": confirm answered success=false (the pending run was not recorded)");
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
                assertTrue(a.decide(ServeProcessTest.target(n), 1000 + n).hasSkipExecution(), "run " + n + " lost");
            }
            for (String log : List.of(Files.readString(dir.resolve("a.log")), Files.readString(dir.resolve("b.log")))) {
                assertFalse(log.contains("deadlock"), log);
                assertFalse(log.contains("SEVERE"), log);
            }
        }
    }
}

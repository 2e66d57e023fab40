package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scripts/e2e: real dbt + dbt-postgres + the dbt-state client against a throwaway PostgreSQL and our
 * server, each scenario asserted per node, with the server's state in each kind of store (S3, Azure
 * and GCS on real S3-API, Azure and GCS-API servers started by the script, PostgreSQL in a database of
 * the e2e's own cluster): every scenario on the local store, the ones about storage on S3 and Azure,
 * a few on GCS and PostgreSQL (the list below), on dbt-core 1.11.16; and on
 * dbt-core 1.12.0 with a local store, a few scenarios only (first build, nothing changed, a logic
 * change, post-hooks on reuse, two projects, the replay) to keep the run short. Its output is
 * shown as it runs, each line prefixed with its store and dbt version.
 *
 * <p>The runs wait mostly on dbt, PostgreSQL and the server (child processes), and each has its own
 * work directory, PostgreSQL cluster, server and emulators on free ports, so two run at a time
 * ({@code DBTSTATE_E2E_PARALLEL}, default 2; 1 runs them one after the other), the longest first.
 * Each test waits for its own run and asserts on it.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class EndToEndTest {
    /** One scripts/e2e run: the store, the dbt-core version and the scenarios ('' for all). */
    record Run(String store, String dbt, String scenarios) {
        String label() {
            return store + " " + dbt;
        }
    }

    /** What one scripts/e2e run ended with. */
    record Outcome(boolean finished, int exit, String last, String tail) {}

    // The scenarios about decisions, not storage (3 cosmetic edit, 5-6 tolerance, 7 seeds, 12 post-hooks, 13 two projects,
    // 14-17 weak timestamps), run on the local store only; GCS and PostgreSQL run a short list (first build, nothing
    // changed, server restarts) to keep CI short. Listed longest first: they start in this order.
    static final List<Run> RUNS = List.of(
            new Run("local", "1.11.16", ""),
            new Run("s3", "1.11.16", "1,2,4,8,9,10,11"),
            new Run("azure", "1.11.16", "1,2,4,8,9,10,11"),
            new Run("local", "1.12.0", "1,2,4,12,13,11"),
            new Run("gcs", "1.11.16", "1,2,9"),
            new Run("postgres", "1.11.16", "1,2,9"));

    static ExecutorService pool;
    static Map<Run, Future<Outcome>> outcomes;

    static Stream<Arguments> runs() {
        return RUNS.stream().map(r -> Arguments.of(r.store(), r.dbt(), r.scenarios()));
    }

    static int parallelism() {
        String v = System.getenv("DBTSTATE_E2E_PARALLEL");
        return v == null || v.isBlank() ? 2 : Math.max(1, Integer.parseInt(v.strip()));
    }

    @BeforeAll
    static void startRuns() {
        pool = Executors.newFixedThreadPool(parallelism(), r -> {
            Thread t = new Thread(r, "e2e");
            t.setDaemon(true);
            return t;
        });
        outcomes = RUNS.stream().collect(Collectors.toMap(r -> r, r -> pool.submit(() -> e2e(r)),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @AfterAll
    static void stopRuns() {
        if (pool != null) {
            pool.shutdownNow(); // a run still going (a test failed early) is interrupted: its process is destroyed
        }
    }

    @ParameterizedTest(name = "store {0}, dbt-core {1}")
    @MethodSource("runs")
    void realDbtBuildsAgainstOurServer(String store, String dbt, String scenarios) throws Exception {
        Outcome o = outcomes.get(new Run(store, dbt, scenarios)).get();
        assertTrue(o.finished(), "scripts/e2e did not finish");
        assertEquals(0, o.exit(), "scripts/e2e failed:\n" + o.tail());
        assertTrue(o.last().matches("e2e: [1-9][0-9]* passed, 0 failed"), o.last());
    }

    /** Runs scripts/e2e for one store and dbt version, printing its output as it comes. */
    static Outcome e2e(Run run) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/e2e").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("E2E_STORE", run.store());
        pb.environment().put("E2E_DBT_VERSION", run.dbt());
        pb.environment().put("E2E_SCENARIOS", run.scenarios());
        Process p = pb.start();
        try {
            StringBuilder tail = new StringBuilder();
            String last = "";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println("  e2e " + run.label() + "| " + line);
                    tail.append(line).append('\n');
                    if (tail.length() > 20_000) {
                        tail.delete(0, tail.length() - 20_000);
                    }
                    if (!line.isBlank()) {
                        last = line;
                    }
                }
            }
            boolean finished = p.waitFor(40, TimeUnit.MINUTES);
            return new Outcome(finished, finished ? p.exitValue() : -1, last, tail.toString());
        } finally {
            if (p.isAlive()) {
                p.destroy(); // scripts/e2e's trap stops its server, PostgreSQL and emulators
            }
        }
    }
}

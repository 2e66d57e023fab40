package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * scripts/e2e: real dbt + dbt-postgres + the dbt-state client against a throwaway PostgreSQL and our
 * server, each scenario asserted per node, with the server's state in each kind of store (S3, Azure
 * and GCS on real S3-API, Azure and GCS-API servers started by the script, PostgreSQL in a database of
 * the e2e's own cluster): every scenario on the local store, the ones about storage on S3 and Azure,
 * a few on GCS and PostgreSQL (the list below), on dbt-core 1.11.16; and on
 * dbt-core 1.12.0 with a local store, a few scenarios only (first build, nothing changed, a logic
 * change, post-hooks on reuse, two projects, the replay) to keep the run short. Its output is
 * shown as it runs.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class EndToEndTest {
    @ParameterizedTest(name = "store {0}, dbt-core {1}")
    // The scenarios about decisions, not storage (3 cosmetic edit, 5-6 tolerance, 7 seeds, 12 post-hooks, 13 two projects,
    // 14-17 weak timestamps),
    // run on the local store only; GCS and PostgreSQL run a short list (first build, nothing changed, server restarts)
    // to keep CI short.
    @CsvSource({"local, 1.11.16, ''", "s3, 1.11.16, '1,2,4,8,9,10,11'", "azure, 1.11.16, '1,2,4,8,9,10,11'",
        "gcs, 1.11.16, '1,2,9'", "postgres, 1.11.16, '1,2,9'", "local, 1.12.0, '1,2,4,12,13,11'"})
    void realDbtBuildsAgainstOurServer(String store, String dbt, String scenarios) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/e2e").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("E2E_STORE", store);
        pb.environment().put("E2E_DBT_VERSION", dbt);
        pb.environment().put("E2E_SCENARIOS", scenarios);
        Process p = pb.start();
        StringBuilder tail = new StringBuilder();
        String last = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.out.println("  e2e " + store + " " + dbt + "| " + line);
                tail.append(line).append('\n');
                if (tail.length() > 20_000) {
                    tail.delete(0, tail.length() - 20_000);
                }
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        assertTrue(p.waitFor(40, TimeUnit.MINUTES), "scripts/e2e did not finish");
        assertEquals(0, p.exitValue(), "scripts/e2e failed:\n" + tail);
        assertTrue(last.matches("e2e: [1-9][0-9]* passed, 0 failed"), last);
    }
}

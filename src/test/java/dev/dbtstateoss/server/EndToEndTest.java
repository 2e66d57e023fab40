package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/e2e: real dbt + dbt-postgres + the dbt-state client against a throwaway PostgreSQL and our
 * server, every scenario asserted per node. Its output is shown as it runs.
 */
class EndToEndTest {
    @Test
    void realDbtBuildsAgainstOurServer() throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        Process p = new ProcessBuilder("bash", root.resolve("scripts/e2e").toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        StringBuilder tail = new StringBuilder();
        String last = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.out.println("  e2e| " + line);
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

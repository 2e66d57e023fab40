package dev.dbtstateoss.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/bench in its short mode, against real servers (ours twice, the Python one once): it still
 * runs, every phase answers, and the last line has its fixed shape. Numbers are not judged here.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class BenchTest {
    static final Path ROOT = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
    static final Pattern LAST = Pattern.compile(
            "vs_python=(\\d+\\.\\d) vs_floor=(\\d+\\.\\d\\d) p99_ms=(\\d+\\.\\d\\d) p99_ms_1m=(\\d+\\.\\d\\d)"
                    + " skip_vs_floor=(\\d+\\.\\d\\d) skip_p99_ms_1m=(\\d+\\.\\d\\d) exec_p99_vs_fsync=(\\d+\\.\\d)"
                    + " bytes_per_run=(\\d+) files_per_run=(\\d+\\.\\d\\d) retention_growth=(\\d+\\.\\d\\d)"
                    + " skip_p99_ms_1m_one_stream=(\\d+\\.\\d\\d) exec_p99_vs_fsync_one_stream=(\\d+\\.\\d)");

    @Test
    void quickRunEndsWithTheRatiosLine(@TempDir Path tmp) throws Exception {
        Path venv = Path.of(System.getenv().getOrDefault("DBTSTATE_CACHE",
                System.getProperty("user.home") + "/.cache/dbt-state-oss"), "venvs", "dbt-state-oss-0.1.1");
        Process p = new ProcessBuilder("bash", "-c", ". \"$1/scripts/lib/venv.sh\" && pyserver_venv \"$2\"", "venv",
                ROOT.toString(), venv.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "the Python server's virtualenv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc = BenchRun.run(new String[] {"--quick", "--seconds", "2", "--warmup", "1", "--records", "5000",
                "--python-venv", venv.toString(), "--work", tmp.resolve("work").toString(), "--repo", ROOT.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        List<String> lines = out.lines().toList();
        Matcher m = LAST.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1) + "\n" + out);
        for (int g = 1; g <= 12; g++) {
            assertTrue(Double.parseDouble(m.group(g)) > 0, out);
        }
        for (String phase : List.of("ours, fresh local store", "ours, 5,000 runs preloaded", "ours, skips only, 5,000 runs",
                "ours, 5,000 runs, one stream")) {
            String line = lines.stream().filter(l -> l.startsWith(phase)).findFirst().orElse("(no line)");
            assertTrue(line.contains("unexpected 0, errors 0"), "our server answered as the mix expects: " + line + "\n" + out);
        }
        assertTrue(out.contains("preloaded 5,000 confirmed runs"), out);
        assertTrue(out.contains("retention, day 365:") && out.contains("(the window has filled)"), out);
        assertTrue(Double.parseDouble(m.group(9)) >= 1.0, "at least the run itself is a document per run: " + m.group(9));
    }
}

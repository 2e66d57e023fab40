package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/dbt-state-oss with the pinned jbang (not one from PATH), and the catalog alias. */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class LauncherTest {
    record Run(int code, String out, String err) {}

    static Run run(Map<String, String> env, boolean clearEnv, String... cmd) throws Exception {
        Path root = SourcesListTest.ROOT.toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        if (clearEnv) {
            pb.environment().clear();
        }
        pb.environment().put("DBTSTATE_PINNED_JBANG", "1");
        pb.environment().putAll(env);
        Path err = Files.createTempFile("launcher", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        String errText = Files.readString(err);
        Files.delete(err);
        return new Run(code, out, errText);
    }

    @Test
    void helpThroughThePinnedJbangListsTheFiveSubcommands() throws Exception {
        Run r = run(Map.of(), false, "bash", "scripts/dbt-state-oss", "--help");
        assertEquals(0, r.code(), r.err());
        for (String verb : CliTest.VERBS) {
            assertTrue(r.out().contains(verb), r.out());
        }
    }

    @Test
    void theCatalogAliasRunsTheToolkit() throws Exception {
        Run r = run(Map.of(), false, "bash", "-c", ". scripts/lib/jbang.sh; jbang_run dbt-state-oss --version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dbt-state-oss " + VersionProvider.VERSION), r.out());
    }

    @Test
    void missingJavaIsOneClearLine(@TempDir Path bin) throws Exception {
        for (String tool : List.of("bash", "curl", "sha256sum", "cut", "dirname", "mkdir", "mv", "rm", "chmod", "cat")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Run r = run(Map.of("PATH", bin.toString(), "HOME", bin.toString()), true, bin.resolve("bash").toString(),
                "scripts/dbt-state-oss", "--help");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("Java 17") && r.err().contains("JAVA_HOME"), r.err());
    }

    @Test
    void aFailedDownloadIsOneClearLine(@TempDir Path cache) throws Exception {
        Run r = run(Map.of("PATH", "/usr/bin:/bin", "HOME", cache.toString(), "DBTSTATE_CACHE", cache.toString(),
                "MAVEN_CENTRAL", "http://127.0.0.1:9"), true, "bash", "scripts/dbt-state-oss", "--help");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("download failed") && r.err().contains("MAVEN_CENTRAL"), r.err());
    }
}

package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The protocol guards, run on the committed tree: protos wire-identical, generated code and //SOURCES current. */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class ProtocolChecksTest {
    static String run(String script, String... args) throws Exception {
        Path root = SourcesListTest.ROOT.toAbsolutePath();
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = root.resolve("scripts").resolve(script).toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), script + " failed:\n" + out);
        return out;
    }

    @Test
    void protosMatchTheWheel() throws Exception {
        assertEquals("check-wire: 0 differences", run("check-wire").strip().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void generatedCodeIsCurrent() throws Exception {
        run("gen-proto", "--check");
    }

    @Test
    void sourcesListIsCurrent() throws Exception {
        run("sync-sources", "--check");
    }
}

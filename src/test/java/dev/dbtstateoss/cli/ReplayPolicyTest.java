package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} runs its engine with the reuse settings {@code serve} takes. */
class ReplayPolicyTest {
    @Test
    void aCaptureReplaysWithTheServersMaxReuseAge(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        int calls = ReplayCommandTest.captureTraffic(capture);
        ReplayCommandTest.Result same = ReplayCommandTest.run("replay", "--max-reuse-age", "1h", capture.toString());
        assertEquals(ExitCodes.OK, same.code(), same.out() + same.err());
        // The captured skips (model, data test, seed) reused builds decided 2 s before: past a 1 s max age they run.
        ReplayCommandTest.Result stricter = ReplayCommandTest.run("replay", "--max-reuse-age", "1s", capture.toString());
        assertEquals(ExitCodes.DIFFERENT, stricter.code(), stricter.out());
        assertTrue(stricter.out().contains("response: recorded \"skip_execution\", ours \"ready_to_execute\""), stricter.out());
        assertTrue(stricter.out().strip().endsWith(calls + " calls, " + (calls - 3) + " match, 3 differ"), stricter.out());
        ReplayCommandTest.Result bad = ReplayCommandTest.run("replay", "--max-reuse-age", "soon", capture.toString());
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("--max-reuse-age 'soon'"), bad.err());
    }
}

package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --reuse-select-star} (serve and replay): off by default, a bare flag or true/false, else env. */
class ReuseSelectStarTest {
    private static boolean serve(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.reuse.policy().reuseSelectStar();
    }

    private static boolean replay(String... args) {
        ReplayCommand replay = new ReplayCommand();
        new CommandLine(replay).parseArgs(args);
        return replay.reuse.policy().reuseSelectStar();
    }

    @Test
    void offByDefaultOnWithTheBareFlagOrTrue() {
        assertFalse(serve(), "the safe default");
        assertTrue(serve("--reuse-select-star"));
        assertTrue(serve("--reuse-select-star=true"));
        assertTrue(serve("--reuse-select-star=TRUE"));
        assertFalse(serve("--reuse-select-star=false"));
        assertTrue(serve("--reuse-select-star", "--port", "0"), "the flag takes no value when an option follows");
        assertFalse(serve("--reuse-select-star", "false"));
        assertTrue(replay("--reuse-select-star", "capture.jsonl"), "a file after the bare flag is replay's capture");
        assertFalse(replay("--reuse-select-star=false", "capture.jsonl"));
    }

    @Test
    void aBadValueNamesTheFlagAndIsAUsageError() {
        for (String[] args : List.of(new String[] {"serve", "--store", "memory", "--port", "0", "--reuse-select-star=maybe"},
                new String[] {"replay", "--reuse-select-star=yes", "capture.jsonl"})) {
            CliTest.Result r = CliTest.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args));
            String value = args[args.length - 1].equals("capture.jsonl") ? "yes" : "maybe";
            assertTrue(r.err().contains("--reuse-select-star") && r.err().contains("'" + value + "': give true or false"), r.err());
        }
    }

    /** The flag's value from DBTSTATE_REUSE_SELECT_STAR, read in a JVM of its own (the variable is set there). */
    @Test
    @Tag("slow") // starts a JVM
    void theEnvironmentFillsInWhatTheFlagLeavesOut() throws Exception {
        assertEquals("true\n", child("true", List.of()).out());
        assertEquals("false\n", child("false", List.of()).out());
        assertEquals("false\n", child("true", List.of("--reuse-select-star=false")).out(), "a flag wins");
        Child bad = child("sometimes", List.of());
        assertEquals(ExitCodes.USAGE, bad.code(), bad.out());
        assertTrue(bad.out().contains("--reuse-select-star") && bad.out().contains("'sometimes': give true or false")
                && bad.out().contains("unset DBTSTATE_REUSE_SELECT_STAR"), bad.out());
    }

    record Child(int code, String out) {}

    private static Child child(String env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MigrateRoundTripTest.javaBinary(), "-cp", System.getProperty("java.class.path"),
                Print.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DBTSTATE_REUSE_SELECT_STAR", env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return new Child(p.exitValue(), out);
    }

    /** Prints what serve reads for the flag (a parse error the way the CLI reports it). */
    public static final class Print {
        public static void main(String[] args) {
            ServeCommand serve = new ServeCommand();
            try {
                new CommandLine(serve).parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                System.out.println("error: " + e.getMessage());
                System.exit(ExitCodes.forException(e));
            }
            System.out.println(serve.reuse.policy().reuseSelectStar());
        }
    }
}

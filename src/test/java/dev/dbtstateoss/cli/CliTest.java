package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    static final List<String> VERBS = List.of("serve", "fingerprint", "inspect", "migrate-store", "replay");

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        Result r = run("--help");
        assertEquals(ExitCodes.OK, r.code());
        for (String verb : VERBS) {
            assertTrue(r.out().contains(verb), verb + " missing from:\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes"));
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        for (String verb : VERBS) {
            Result help = run(verb, "--help");
            assertEquals(ExitCodes.OK, help.code(), verb);
            assertTrue(help.out().startsWith("Usage: dbt-state-oss " + verb), help.out());
            Result version = run(verb, "--version");
            assertEquals(ExitCodes.OK, version.code(), verb);
            assertTrue(version.out().contains("dbt-state-oss " + VersionProvider.VERSION), version.out());
        }
    }

    @Test
    void unknownSubcommandOrFlagIsAUsageErrorOnStderr() {
        Result r = run("bogus");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Usage:"), r.err());
        assertEquals("", r.out());
        r = run("serve", "--no-such-flag");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
        assertEquals(ExitCodes.USAGE, run().code(), "no subcommand");
    }

    @Test
    void fingerprintPrintsTheHashTheServerUses(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.sql"), "select id -- note\nfrom \"db\".\"s\".\"t\"");
        Path b = Files.writeString(dir.resolve("b.sql"), "SELECT id FROM \"db\".\"s\".\"t\"");
        Result ra = run("fingerprint", a.toString());
        Result rb = run("fingerprint", b.toString());
        assertEquals(ExitCodes.OK, ra.code(), ra.err());
        String hashA = ra.out().lines().filter(l -> l.startsWith("hash: ")).findFirst().orElseThrow();
        String hashB = rb.out().lines().filter(l -> l.startsWith("hash: ")).findFirst().orElseThrow();
        assertEquals(hashA, hashB);
        assertEquals(hashA.substring(6), new dev.dbtstateoss.engine.Fingerprinter(1).of(Files.readString(a)).hash());
    }

    @Test
    void fingerprintDiffSaysWhetherTheServerSeesTheSameQuery(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.sql"), "select id, amount\nfrom \"db\".\"s\".\"t\"\nwhere amount > 0");
        Path b = Files.writeString(dir.resolve("b.sql"), "-- reformatted\nSELECT id,\n  amount FROM \"db\".\"s\".\"t\" WHERE amount>0");
        Path c = Files.writeString(dir.resolve("c.sql"), "select id, amount from \"db\".\"s\".\"t\" where amount >= 0");
        Result same = run("fingerprint", a.toString(), "--diff", b.toString());
        assertEquals(ExitCodes.OK, same.code(), same.err());
        assertTrue(same.out().contains("same query"), same.out());
        Result different = run("fingerprint", a.toString(), "--diff", c.toString());
        assertEquals(ExitCodes.DIFFERENT, different.code());
        assertTrue(different.out().contains("- WHERE amount > 0") && different.out().contains("+ WHERE amount >= 0"),
                different.out());
        assertTrue(different.out().contains("different queries"), different.out());
        Result json = run("fingerprint", a.toString(), "--diff", c.toString(), "--format", "json");
        assertEquals(ExitCodes.DIFFERENT, json.code());
        var doc = com.google.gson.JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(false, doc.get("same_query").getAsBoolean());
        assertEquals(64, doc.get("hash").getAsString().length());
    }

    @Test
    void fingerprintReadsTheCompiledSqlOfADbtModel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dbt_project.yml"), "name: 'shop'\nversion: '1.0'\n");
        Path model = Files.createDirectories(dir.resolve("models/marts")).resolve("orders.sql");
        Files.writeString(model, "select id from {{ ref('stg_orders') }}");
        Result missing = run("fingerprint", model.toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("dbt compile"), missing.err());
        Path compiled = Files.createDirectories(dir.resolve("target/compiled/shop/models/marts")).resolve("orders.sql");
        Files.writeString(compiled, "select id from \"db\".\"s\".\"stg_orders\"");
        Result ok = run("fingerprint", model.toString());
        assertEquals(ExitCodes.OK, ok.code(), ok.err());
        assertTrue(ok.out().contains("using the compiled SQL") && ok.out().contains("stg_orders"), ok.out());
    }

    @Test
    void fingerprintNamesAMissingOrBinaryFile(@TempDir Path dir) throws Exception {
        Result r = run("fingerprint", dir.resolve("nope.sql").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("nope.sql") && r.err().contains("no such file"), r.err());
        Path bin = Files.write(dir.resolve("bin.sql"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        r = run("fingerprint", bin.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("bin.sql"), r.err());
    }

    @Test
    void aServeThatCannotListenClosesItsDashboard() throws Exception {
        int uiPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            uiPort = free.getLocalPort();
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("serve", "--store", "memory", "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()),
                    "--ui-port", Integer.toString(uiPort));
            assertEquals(ExitCodes.FAILURE, r.code(), r.err());
            assertTrue(r.err().contains("cannot listen"), r.err());
        }
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new java.net.Socket("127.0.0.1", uiPort).close(), "the dashboard stopped with the failed serve");
        assertTrue(refused instanceof java.net.ConnectException, refused.toString());
    }

    @Test
    void serveNamesABadStoreOrPort(@TempDir Path dir) throws Exception {
        Result r = run("serve", "--store", "floppy");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--store") && r.err().contains("floppy"), r.err());
        r = run("serve", "--port", "70000");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--port"), r.err());
        Path file = Files.writeString(dir.resolve("file"), "x");
        r = run("serve", "--store", "local", "--dir", file.resolve("sub").toString(), "--port", "0");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("--store local") && r.err().contains(file.toString()), r.err());
        r = run("serve", "--store", "memory", "--port", "0", "--capture", file.resolve("calls.jsonl").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--capture " + file.resolve("calls.jsonl") + ": cannot write"), r.err());
        for (String bad : new String[] {"tomorrow", "0h", "-5m", "24x"}) {
            r = run("serve", "--store", "memory", "--port", "0", "--max-reuse-age", bad);
            assertEquals(ExitCodes.USAGE, r.code(), bad);
            assertTrue(r.err().contains("--max-reuse-age '" + bad + "'"), r.err());
        }
    }

    @Test
    void maxReuseAgeReadsTheUsualDurations() {
        assertEquals(java.time.Duration.ofHours(24), ReuseOptions.parse("24h"));
        assertEquals(java.time.Duration.ofDays(14), ReuseOptions.parse("2w"));
        assertEquals(java.time.Duration.ofMinutes(90), ReuseOptions.parse(" 90m "));
        assertEquals(java.time.Duration.ofSeconds(45), ReuseOptions.parse("45s"));
        assertEquals(java.time.Duration.ofHours(12), ReuseOptions.parse("PT12H"));
    }
}

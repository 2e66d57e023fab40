package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--store postgres` settings that are wrong before any connection: each named by its flag, exit 2. */
class PostgresOptionsTest {
    @Test
    void aMissingOrMalformedUrlNamesTheFlag() {
        CliTest.Result r = CliTest.run("inspect", "targets", "--store", "postgres");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--url is required with --store postgres (or set DBTSTATE_PG_URL)"), r.err());
        r = CliTest.run("inspect", "targets", "--store", "postgres", "--url", "mysql://db/x");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--url: expected postgresql://"), r.err());
        r = CliTest.run("migrate-store", "--from", "memory", "--to", "postgres");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--to-url is required with --to postgres"), r.err());
    }

    @Test
    void anUnreadablePasswordFileNamesTheFlagAndTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-password");
        CliTest.Result r = CliTest.run("inspect", "targets", "--store", "postgres", "--url", "postgresql://u@127.0.0.1:1/db",
                "--password-file", missing.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--password-file " + missing + ": cannot read it"), r.err());
    }

    @Test
    void anUnreachableServerIsAStoreFailureNamingTheAddressNotThePassword() {
        CliTest.Result r = CliTest.run("inspect", "targets", "--store", "postgres", "--url",
                "postgresql://u:very-secret@127.0.0.1:1/db");
        assertTrue(r.code() != ExitCodes.OK, r.err());
        assertTrue(r.err().contains("cannot reach PostgreSQL at postgresql://127.0.0.1:1/db"), r.err());
        assertTrue(!r.err().contains("very-secret"), r.err());
    }
}

package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.StateStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateStoreTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A store as a server leaves it: the format marker, targets with runs, a pending run. */
    static List<String> fill(StateStore s) {
        List<String> keys = List.of("format", "targets/aa11/latest", "targets/aa11/runs/r1", "targets/aa11/runs/r2",
                "targets/bb22/latest", "targets/bb22/runs/r3", "pending/r4");
        for (String k : keys) {
            s.createIfAbsent(k, k.equals("format") ? b("{\"format\":2}") : b("value of " + k));
        }
        return keys;
    }

    Result migrate(Path from, Path to, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate-store", "--from", "local", "--from-dir", from.toString(),
                "--to", "local", "--to-dir", to.toString(), "--progress", "plain"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void copiesEveryKeyAndVerifiesPerTarget() {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        List<String> keys;
        try (LocalStore s = new LocalStore(from)) {
            keys = fill(s);
        }
        Result r = migrate(from, to);
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("copied 7 of 7 keys"), r.out());
        assertTrue(r.out().contains("verified targets/aa11/  3 keys"), r.out());
        assertTrue(r.out().contains("verified targets/bb22/  2 keys"), r.out());
        assertTrue(r.out().contains("verified pending/  1 key"), r.out());
        assertTrue(r.out().contains("verification: 4 of 4 prefixes match"), r.out());
        assertTrue(r.err().contains("7/7 records"), r.err());
        try (LocalStore a = new LocalStore(from); StateStore c = LocalDirectory.open(to)) {
            assertEquals(keys.stream().sorted().toList(), c.list("").toList());
            for (String k : keys) {
                assertArrayEquals(a.read(k).orElseThrow().value(), c.read(k).orElseThrow().value(), k);
            }
        }
    }

    @Test
    void aNonEmptyDestinationNeedsMergeAndAnInterruptedCopyResumes() {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        try (LocalStore s = new LocalStore(from); LocalStore d = new LocalStore(to)) {
            fill(s);
            // As an interrupted run leaves it: some keys copied already.
            d.createIfAbsent("targets/aa11/latest", s.read("targets/aa11/latest").orElseThrow().value());
            d.createIfAbsent("targets/aa11/runs/r1", s.read("targets/aa11/runs/r1").orElseThrow().value());
        }
        Result refused = migrate(from, to);
        assertEquals(ExitCodes.USAGE, refused.code());
        assertTrue(refused.err().contains("--merge") && refused.err().contains("2 keys"), refused.err());
        Result r = migrate(from, to, "--merge");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("copied 5 of 7 keys") && r.out().contains("2 already there"), r.out());
        assertFalse(r.out().contains("temporary"), r.out());
        Result again = migrate(from, to, "--merge");
        assertEquals(ExitCodes.OK, again.code(), again.out());
        assertTrue(again.out().contains("copied 0 of 7 keys") && again.out().contains("7 already there"), again.out());
    }

    @Test
    void aDifferentValueIsAConflictAndIsLeftAlone() {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        try (LocalStore s = new LocalStore(from); LocalStore d = new LocalStore(to)) {
            fill(s);
            d.createIfAbsent("targets/bb22/latest", b("a newer run of the destination"));
        }
        Result r = migrate(from, to, "--merge");
        assertEquals(ExitCodes.DIFFERENT, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 conflict") && r.out().contains("conflict: targets/bb22/latest"), r.out());
        assertTrue(r.out().contains("DIFFERS  targets/bb22/") && r.out().contains("verified targets/aa11/"), r.out());
        try (LocalStore d = new LocalStore(to)) {
            assertArrayEquals(b("a newer run of the destination"), d.read("targets/bb22/latest").orElseThrow().value());
            assertEquals(7, d.list("").count());
        }
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        try (LocalStore s = new LocalStore(from)) {
            fill(s);
        }
        Result r = migrate(from, to, "--dry-run");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("dry run: ") && r.out().contains("would copy 7 of 7 keys"), r.out());
        assertFalse(r.out().contains("verified"), r.out());
        try (StateStore d = LocalDirectory.open(to)) {
            assertEquals(0, d.list("").count());
        }
    }

    @Test
    void oneLocalDirectoryOnBothSidesIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (StateStore s = LocalDirectory.open(dir)) {
            s.createIfAbsent("k", new byte[] {1});
        }
        // spelled differently on the two sides: the same directory all the same
        Result r = run("migrate-store", "--from", "local", "--from-dir", dir.toString(), "--to", "local", "--to-dir",
                dir.resolve("sub").resolve("..").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--from and --to name the same store"), r.err());
    }

    @Test
    void badSettingsNameTheSideAndFlag() throws Exception {
        Result r = run("migrate-store", "--from", "s3", "--to", "memory");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--from-bucket is required with --from s3"), r.err());
        r = run("migrate-store", "--from", "memory", "--to", "local");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--to-dir is required with --to local"), r.err());
        r = run("migrate-store", "--from", "memory", "--to", "azure", "--to-endpoint", "not a url", "--to-account", "a");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--to-endpoint"), r.err());
        r = run("migrate-store", "--from", "floppy", "--to", "memory");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--from: unknown backend 'floppy'"), r.err());
        r = run("migrate-store", "--to", "memory");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--from"), r.err());
        Path same = Files.createDirectories(dir.resolve("same"));
        r = migrate(same, same);
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("same store"), r.err());
        Path file = Files.writeString(dir.resolve("file"), "x");
        r = run("migrate-store", "--from", "memory", "--to", "local", "--to-dir", file.resolve("sub").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("--to local") && r.err().contains(file.toString()), r.err());
        Path typo = dir.resolve("no-such-state");
        r = migrate(typo, dir.resolve("to"));
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--from-dir " + typo + ": no such directory"), r.err());
        assertTrue(Files.notExists(typo) && Files.notExists(dir.resolve("to")), "nothing created for a mistyped source");
    }

    @Test
    void theSourceIsOnlyRead() throws Exception {
        Path from = dir.resolve("from");
        Files.createDirectories(from.resolve("targets/aa11"));
        Files.writeString(from.resolve("format"), "{\"format\":2}");
        Files.writeString(from.resolve("targets/aa11/latest"), "value");
        Result r = migrate(from, dir.resolve("to"));
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("copied 2 of 2 keys"), r.out());
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            assertEquals(List.of("", "format", "targets", "targets/aa11", "targets/aa11/latest"),
                    files.map(f -> from.relativize(f).toString()).sorted().toList(), "the source is left as it was");
        }
    }

    @Test
    void aResumedCopyRemovesTheTemporaryFilesOfKilledWrites() throws Exception {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        try (LocalStore s = new LocalStore(from); LocalStore d = new LocalStore(to)) {
            fill(s);
            d.createIfAbsent("targets/aa11/latest", s.read("targets/aa11/latest").orElseThrow().value());
        }
        // What a writer killed an hour ago left, and what one writing now has in hand.
        java.time.Instant now = java.time.Instant.now();
        Path killed = Files.writeString(to.resolve("targets/aa11/.tmp-killed"), "half");
        Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.from(now.minusSeconds(3600)));
        Path writing = Files.writeString(to.resolve("targets/aa11/.tmp-writing"), "half");
        Files.setLastModifiedTime(writing, java.nio.file.attribute.FileTime.from(now.plusSeconds(1)));
        Result r = migrate(from, to, "--merge");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("removed 1 temporary file left in the destination by interrupted writes"), r.out());
        assertTrue(Files.notExists(killed) && Files.exists(writing));
        Result dry = migrate(from, dir.resolve("elsewhere"), "--dry-run");
        assertFalse(dry.out().contains("temporary"), dry.out());
    }
}

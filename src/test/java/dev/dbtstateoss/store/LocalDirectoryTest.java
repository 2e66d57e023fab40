package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.history.StoreHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store `--store local --dir DIR` opens: a database for a new directory, the files of an earlier release in place. */
class LocalDirectoryTest {
    @TempDir Path dir;

    @Test
    void aNewDirectoryGetsADatabase() {
        Path d = dir.resolve("new");
        try (StateStore s = LocalDirectory.open(d)) {
            assertInstanceOf(SqliteStore.class, s);
            new StoreHistory(s);
            assertTrue(s.describe().startsWith("local database " + d.resolve(SqliteStore.FILE)), s.describe());
        }
        try (StateStore again = LocalDirectory.existing(d)) {
            assertInstanceOf(SqliteStore.class, again);
            assertTrue(again.readValue("format").isPresent());
        }
        assertEquals(List.of(SqliteStore.FILE), List.of(d.toFile().list()).stream().filter(f -> !f.contains("-")).toList());
    }

    @Test
    void aDirectoryOfTheFileLayoutIsUsedInPlaceAndSaysSo() throws Exception {
        Path d = dir.resolve("old");
        try (LocalStore files = new LocalStore(d)) {
            new StoreHistory(files);
            files.createIfAbsent("targets/aa/latest", "run".getBytes(StandardCharsets.UTF_8));
        }
        for (StateStore s : List.of(LocalDirectory.open(d), LocalDirectory.existing(d))) {
            try (s) {
                assertInstanceOf(LocalStore.class, s);
                assertTrue(s.describe().contains("(one file per key, the layout of earlier releases;")
                        && s.describe().contains("migrate-store --from local --from-dir " + d.toAbsolutePath()), s.describe());
                assertEquals("run", new String(s.readValue("targets/aa/latest").orElseThrow(), StandardCharsets.UTF_8));
            }
        }
        try (StateStore s = LocalDirectory.open(d)) {
            assertTrue(s.createIfAbsent("targets/bb/latest", new byte[] {1}));
        }
        assertTrue(Files.isRegularFile(d.resolve("targets/bb/latest")), "written in the file layout");
        assertFalse(SqliteStore.existsIn(d));
    }

    @Test
    void readingADirectoryWithoutAStoreCreatesNothing() throws Exception {
        Path d = Files.createDirectories(dir.resolve("empty"));
        try (StateStore s = LocalDirectory.existing(d)) {
            assertEquals(List.of(), s.list("").toList());
        }
        assertEquals(0, d.toFile().list().length);
    }

    @Test
    void bothLayoutsInOneDirectoryAreRefused() throws Exception {
        Path d = dir.resolve("both");
        SqliteStore.open(d).close();
        Files.writeString(d.resolve("format"), "{\"format\":1}");
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> LocalDirectory.open(d));
        assertTrue(e.getMessage().contains("holds both"), e.getMessage());
    }
}

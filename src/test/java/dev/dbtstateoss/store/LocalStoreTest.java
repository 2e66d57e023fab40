package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest extends StoreContract {
    @TempDir Path dir;
    private int stores;

    @Override
    StateStore newStore() {
        return new LocalStore(dir.resolve("store" + stores++));
    }

    @Override
    StateStore sameData(StateStore store) {
        return new LocalStore(dir.resolve("store" + (stores - 1)));
    }

    @Test
    void leftoverTemporaryFilesAreInvisible() throws Exception {
        StateStore s = newStore();
        s.createIfAbsent("a/k", b("x"));
        Path root = dir.resolve("store0");
        Files.writeString(root.resolve("a/.tmp-crashed"), "half");
        assertEquals(java.util.List.of("a/k"), s.list("a/").toList());
        assertTrue(s.read("a/k").isPresent());
    }

    @Test
    void anUnwritableDirectoryIsNamedInTheError() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> new LocalStore(file.resolve("sub")));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void anExistingStoreIsOpenedWithoutCreatingAnything() throws Exception {
        Path missing = dir.resolve("missing");
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> LocalStore.existing(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(Files.notExists(missing), "a missing directory is not created");

        Path written = dir.resolve("written");
        try (LocalStore s = new LocalStore(written)) {
            s.createIfAbsent("a/k", b("x"));
        }
        Path source = dir.resolve("source");
        Files.createDirectories(source.resolve("a"));
        Files.writeString(source.resolve("a/k"), "x");
        try (LocalStore s = LocalStore.existing(source)) {
            assertEquals(java.util.List.of("a/k"), s.list("").toList());
            assertEquals("x", new String(s.read("a/k").orElseThrow().value(), java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(Files.notExists(source.resolve(".locks")), "reading creates no lock files");
            assertTrue(s.createIfAbsent("a/k2", b("y")), "a write still works, and takes its lock");
            assertTrue(Files.isDirectory(source.resolve(".locks")));
        }
    }

    @Test
    void leftoverTemporaryFilesOlderThanTheCutoffAreRemoved() throws Exception {
        LocalStore s = (LocalStore) newStore();
        s.createIfAbsent("a/b/k", b("x"));
        Path root = dir.resolve("store0");
        java.time.Instant now = java.time.Instant.now();
        Path old = Files.writeString(root.resolve("a/b/.tmp-killed"), "half");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(now.minusSeconds(3600)));
        Path fresh = Files.writeString(root.resolve("a/.tmp-in-progress"), "half");
        assertEquals(1, s.removeLeftoversOlderThan(now.minusSeconds(60)));
        assertTrue(Files.notExists(old) && Files.exists(fresh), "only the old one goes");
        assertEquals(java.util.List.of("a/b/k"), s.list("").toList());
        assertEquals(0, s.removeLeftoversOlderThan(now.minusSeconds(60)));
    }
}

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
}

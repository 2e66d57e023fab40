package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An organization's part of a local store behaves as a whole store and sees nothing of the others. */
class PrefixedStoreTest extends StoreContract {
    @TempDir Path dir;

    @Override
    StateStore newStore() {
        return PrefixedStore.forOrg(new LocalStore(dir), "Org One");
    }

    @Override
    StateStore sameData(StateStore store) {
        return PrefixedStore.forOrg(new LocalStore(dir), "Org One");
    }

    @Test
    void organizationsShareNothing() {
        LocalStore shared = new LocalStore(dir);
        StateStore a = PrefixedStore.forOrg(shared, "a");
        StateStore b = PrefixedStore.forOrg(shared, "b");
        assertTrue(a.createIfAbsent("targets/x/latest", b("A")));
        assertTrue(b.read("targets/x/latest").isEmpty());
        assertTrue(b.createIfAbsent("targets/x/latest", b("B")));
        assertEquals("A", new String(a.read("targets/x/latest").orElseThrow().value()));
        assertEquals(List.of("targets/x/latest"), a.list("targets/").toList());
        assertEquals(List.of("orgs/a/targets/x/latest", "orgs/b/targets/x/latest"), shared.list("").sorted().toList());
        assertTrue(shared.read("targets/x/latest").isEmpty(), "the root is untouched");
    }
}

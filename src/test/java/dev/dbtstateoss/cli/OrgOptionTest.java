package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.history.StoreHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect and migrate-store with --org see and copy one organization's part of a store. */
class OrgOptionTest {
    private static DecisionEngine engineOf(Path dir, String org) {
        return DecisionEngine.over(new StoreHistory(PrefixedStore.forOrg(new LocalStore(dir), org)))
                .ids(new Ids(Clock.systemUTC()))
                .build();
    }

    @Test
    void inspectAndMigrateOneOrganization(@TempDir Path dir) throws Exception {
        Path from = dir.resolve("from");
        InspectTest.build(engineOf(from, "acme"), "select id from " + InspectTest.RAW, 100, null, 500);
        InspectTest.build(engineOf(from, "Globex"), "select 1 from " + InspectTest.RAW, 100, null, 500);

        CliTest.Result acme = CliTest.run("inspect", "targets", "--dir", from.toString(), "--org", "acme");
        assertEquals(ExitCodes.OK, acme.code(), acme.err());
        assertTrue(acme.out().contains(InspectTest.ORDERS), acme.out());
        CliTest.Result root = CliTest.run("inspect", "targets", "--format", "json", "--dir", from.toString());
        assertEquals(ExitCodes.USAGE, root.code(), root.out());
        assertTrue(root.err().contains("pass --org ORG"), "the root holds only organizations' state: " + root.err());
        CliTest.Result nobody = CliTest.run("inspect", "history", InspectTest.ORDERS, "--dir", from.toString(), "--org", "nobody");
        assertEquals(ExitCodes.USAGE, nobody.code(), nobody.out());
        assertTrue(nobody.err().contains("organization 'nobody'"), nobody.err());
        assertFalse(java.nio.file.Files.exists(from.resolve(PrefixedStore.forOrg(new MemoryStore(), "nobody").prefix())),
                "inspecting an unknown organization writes nothing");

        Path to = dir.resolve("to");
        CliTest.Result copy = CliTest.run("migrate-store", "--from", "local", "--from-dir", from.toString(), "--to", "local",
                "--to-dir", to.toString(), "--org", "Globex", "--progress", "none");
        assertEquals(ExitCodes.OK, copy.code(), copy.out() + copy.err());
        List<String> keys = LocalDirectory.open(to).list("").toList();
        assertFalse(keys.isEmpty());
        String prefix = PrefixedStore.forOrg(LocalDirectory.open(to), "Globex").prefix();
        assertTrue(keys.stream().allMatch(k -> k.startsWith(prefix)), keys.toString());

        assertEquals(ExitCodes.USAGE, CliTest.run("inspect", "targets", "--dir", from.toString(), "--org", "x".repeat(200)).code());
    }
}

package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on Azurite (in memory, started by scripts/lib/azurite.sh). */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class AzureBlobStoreTest extends StoreContract {
    static final Duration BUDGET = Duration.ofSeconds(3);

    @TempDir static Path serverDir;
    static CloudServers.Server azurite;

    private String container;

    @BeforeAll
    static void startServer() throws Exception {
        azurite = CloudServers.azurite(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (azurite != null) {
            azurite.stop();
        }
    }

    static BlobServiceClient admin() {
        return new BlobServiceClientBuilder().connectionString(azurite.get("connection_string")).buildClient();
    }

    static String newContainer() {
        String name = "c-" + UUID.randomUUID().toString().substring(0, 13);
        admin().createBlobContainer(name);
        return name;
    }

    /** By connection string, as AZURE_STORAGE_CONNECTION_STRING would give it. */
    static AzureSettings byConnectionString(String container, String prefix) {
        return new AzureSettings(null, container, prefix, azurite.get("connection_string"), null, null, Duration.ofSeconds(5), BUDGET);
    }

    /** By account, key and endpoint, as --account --account-key --endpoint would give them. */
    static AzureSettings byAccountKey(String container, String key) {
        return new AzureSettings(azurite.get("account"), container, "state/", null, key, azurite.get("endpoint"),
                Duration.ofSeconds(5), BUDGET);
    }

    @Override
    StateStore newStore() {
        container = newContainer();
        return byConnectionString(container, "state/").open();
    }

    @Override
    StateStore sameData(StateStore store) {
        return byAccountKey(container, azurite.get("key")).open();
    }

    @Test
    void aMissingContainerIsNamedAtOpen() {
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class,
                () -> byConnectionString("no-such-container", "state/").open());
        assertTrue(e.getMessage().contains("no-such-container") && e.getMessage().contains("--container"), e.getMessage());
    }

    @Test
    void aWrongKeyIsNamedAtOpen() {
        String c = newContainer();
        String wrong = java.util.Base64.getEncoder().encodeToString("not the account key at all".getBytes());
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> byAccountKey(c, wrong).open());
        assertTrue(e.getMessage().contains("--account-key") && e.getMessage().contains(c), e.getMessage());
    }

    @Test
    void prefixesKeepStoresApartInOneContainer() {
        StateStore a = newStore();
        StateStore other = byConnectionString(container, "other").open();
        a.createIfAbsent("targets/x/latest", b("a"));
        other.createIfAbsent("targets/x/latest", b("b"));
        assertEquals(List.of("targets/x/latest"), a.list("").toList());
        assertArrayEquals(b("b"), other.read("targets/x/latest").orElseThrow().value());
        assertTrue(a.describe().contains(container + "/state/"), a.describe());
    }

    @Test
    void aStoppedServerFailsInTimeAndServesAgainAfterRestart() throws Exception {
        StateStore s = newStore();
        s.createIfAbsent("k", b("v1"));
        azurite.stop();
        try {
            long start = System.nanoTime();
            assertThrows(StateStore.StoreException.class, () -> s.read("k"));
            assertThrows(StateStore.StoreException.class, () -> s.createIfAbsent("k2", b("x")));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2 * (BUDGET.toMillis() + 5_000), "took " + ms + " ms");
        } finally {
            azurite.start();
        }
        // The emulator keeps its data in memory: after the restart the container is made anew.
        admin().createBlobContainer(container);
        assertTrue(s.read("k").isEmpty());
        assertTrue(s.createIfAbsent("k", b("v2")));
        String v = s.read("k").orElseThrow().version();
        assertTrue(s.replaceIfVersion("k", b("v3"), v));
        assertArrayEquals(b("v3"), s.read("k").orElseThrow().value());
    }
}

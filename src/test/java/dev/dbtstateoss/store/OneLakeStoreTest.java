package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OneLake shape of the Azure store (workspace as container, keys under {@code <item>/Files/<prefix>/},
 * folders as blobs marked {@code hdi_isfolder}) on Azurite, which speaks the same Blob API; the real
 * OneLake was not reachable from the test machines. The requests are recorded to check their shapes.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class OneLakeStoreTest extends StoreContract {
    static final String ITEM = "state.lakehouse";

    @TempDir static Path serverDir;
    static CloudServers.Server azurite;

    private String workspace;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

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

    /** A client of the workspace that notes "METHOD path [If-None-Match=..] [If-Match=..]" per request. */
    BlobContainerClient client(String workspace) {
        HttpPipelinePolicy recorder = (context, next) -> {
            HttpRequest r = context.getHttpRequest();
            String path = r.getUrl().getPath().replaceFirst("^/" + azurite.get("account"), "").replace("%2F", "/");
            String query = r.getUrl().getQuery() == null ? "" : "?" + r.getUrl().getQuery().replaceAll("&?(timeout|marker)=[^&]*", "");
            String ifNoneMatch = r.getHeaders().getValue("If-None-Match");
            String ifMatch = r.getHeaders().getValue("If-Match");
            requests.add(r.getHttpMethod() + " " + path + query + (ifNoneMatch == null ? "" : " If-None-Match=" + ifNoneMatch)
                    + (ifMatch == null ? "" : " If-Match"));
            return next.process();
        };
        return new BlobContainerClientBuilder().connectionString(azurite.get("connection_string")).containerName(workspace)
                .addPolicy(recorder).buildClient();
    }

    static OneLakeSettings settings(String workspace, String item) {
        return new OneLakeSettings(workspace, item, "state", null, Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    /** A workspace with the item's managed Files folder, as OneLake shows it over the Blob API. */
    String newWorkspace() {
        String name = "ws-" + UUID.randomUUID().toString().substring(0, 13);
        BlobContainerClient admin = new BlobContainerClientBuilder().connectionString(azurite.get("connection_string"))
                .containerName(name).buildClient();
        admin.create();
        folder(admin, ITEM);
        folder(admin, ITEM + "/Files");
        return name;
    }

    static void folder(BlobContainerClient c, String path) {
        c.getBlobClient(path).getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                .setMetadata(Map.of("hdi_isfolder", "true")), null, null);
    }

    @Override
    StateStore newStore() {
        workspace = newWorkspace();
        return settings(workspace, ITEM).open(client(workspace));
    }

    @Override
    StateStore sameData(StateStore store) {
        return settings(workspace, "/" + ITEM + "/").open(client(workspace));
    }

    @Test
    void openingChecksTheFilesFolderThenTheConditionalWritesBeforeWritingState() {
        StateStore s = newStore();
        String probe = "/" + workspace + "/" + ITEM + "/Files/state/.probe/";
        List<String> shapes = requests.stream().map(r -> r.replaceAll("\\.probe/[0-9a-f-]{36}", ".probe/ID")).toList();
        assertEquals(List.of(
                "HEAD /" + workspace + "/" + ITEM + "/Files",
                "PUT " + probe + "ID If-None-Match=*",
                "GET " + probe + "ID",
                "PUT " + probe + "ID If-None-Match=*",
                "PUT " + probe + "ID If-Match",
                "DELETE " + probe + "ID If-Match",
                "PUT " + probe + "ID If-Match",
                "DELETE " + probe + "ID If-Match",
                "GET " + probe + "ID",
                "DELETE " + probe + "ID If-Match"), shapes);
        assertEquals(List.of(), s.list("").toList(), "the probe leaves nothing behind");
        assertTrue(s.describe().contains(workspace + "/" + ITEM + "/Files/state/"), s.describe());
    }

    @Test
    void foldersOfTheHierarchicalNamespaceAreNotKeys() {
        StateStore s = newStore();
        s.createIfAbsent("targets/t1/latest", b("x"));
        BlobContainerClient admin = client(workspace);
        folder(admin, ITEM + "/Files/state/targets");
        folder(admin, ITEM + "/Files/state/targets/t1");
        requests.clear();
        assertEquals(List.of("targets/t1/latest"), s.list("").toList());
        assertEquals(List.of("GET /" + workspace + "?restype=container&comp=list&prefix=" + ITEM + "/Files/state/&include=metadata"),
                requests);
    }

    @Test
    void aMissingItemIsNamedAtOpen() {
        workspace = newWorkspace();
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class,
                () -> settings(workspace, "other.lakehouse").open(client(workspace)));
        assertTrue(e.getMessage().contains("other.lakehouse/Files") && e.getMessage().contains("--item"), e.getMessage());
    }

    @Test
    void anItemWithAPathIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings("ws", "x.lakehouse/Files"));
        assertTrue(e.getMessage().contains("Files/"), e.getMessage());
        assertEquals("x.lakehouse/Files/p/", new OneLakeSettings("ws", "x.lakehouse", "/p/", null, Duration.ZERO, Duration.ZERO).storePrefix());
        assertEquals("https://onelake.blob.fabric.microsoft.com",
                new OneLakeSettings("ws", "x.lakehouse", "p", null, Duration.ZERO, Duration.ZERO).azure().resolvedEndpoint());
    }
}

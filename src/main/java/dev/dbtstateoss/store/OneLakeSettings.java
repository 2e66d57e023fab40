package dev.dbtstateoss.store;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import dev.dbtstateoss.store.StateStore.StoreException;
import java.time.Duration;

/**
 * The Azure Blob store pointed at Microsoft Fabric's OneLake through its blob-compatible endpoint: the
 * workspace is the container, and keys live under {@code <item>/Files/<prefix>/} (an item is named
 * {@code MyLakehouse.lakehouse}, or by its GUID with a workspace GUID). OneLake takes Entra ID tokens
 * only, so the client authenticates with the default Azure credential chain (environment, workload or
 * managed identity, az login); keys and connection strings do not apply.
 *
 * <p>Opening checks that the item's {@code Files} folder exists (one HEAD request) and then, before
 * anything is written, that OneLake honours the conditional writes the store relies on
 * ({@link ConditionalWriteProbe}, 9 requests under {@code <prefix>/.probe/}); it refuses to start otherwise.
 *
 * @param workspace the Fabric workspace (name or GUID)
 * @param item the item holding the state, such as {@code MyLakehouse.lakehouse} (or its GUID)
 * @param prefix keys live under {@code <item>/Files/<prefix>/}
 * @param endpoint OneLake's blob endpoint, or null for {@code https://onelake.blob.fabric.microsoft.com}
 * @param attemptTimeout the longest one request may take before it is tried again
 * @param retryBudget how long a call may keep retrying throttling, 5xx answers and network failures
 */
public record OneLakeSettings(String workspace, String item, String prefix, String endpoint, Duration attemptTimeout,
        Duration retryBudget) {

    public static final String DEFAULT_ENDPOINT = "https://onelake.blob.fabric.microsoft.com";

    public OneLakeSettings {
        if (workspace == null || workspace.isBlank() || workspace.contains("/")) {
            throw new IllegalArgumentException("a OneLake workspace name (or GUID) without '/' is required");
        }
        if (item == null || item.isBlank() || item.strip().replaceAll("^/+|/+$", "").contains("/")) {
            throw new IllegalArgumentException("a OneLake item such as MyLakehouse.lakehouse (or its GUID) is required,"
                    + " without a path: the state lives under its Files/ folder");
        }
    }

    /** The item without surrounding slashes. */
    public String itemName() {
        return item.strip().replaceAll("^/+|/+$", "");
    }

    /** Where the keys live inside the workspace: {@code <item>/Files/<prefix>/}. */
    public String storePrefix() {
        return itemName() + "/Files/" + S3Store.normalizePrefix(prefix);
    }

    /** The settings of the Azure client: account "onelake", the workspace as container, no keys. */
    public AzureSettings azure() {
        String e = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
        return new AzureSettings("onelake", workspace.strip(), storePrefix(), null, null, e, attemptTimeout, retryBudget);
    }

    /** Opens the store with a client for OneLake and the default Azure credential chain. */
    public AzureBlobStore open() {
        return open(azure().client());
    }

    /** Opens the store on the given client (pointed at the workspace), after the checks above. */
    public AzureBlobStore open(BlobContainerClient client) {
        String files = itemName() + "/Files";
        boolean found;
        try {
            found = client.getBlobClient(files).existsWithResponse(attemptTimeout, Context.NONE).getValue();
        } catch (BlobStorageException e) {
            throw new StoreException("checking OneLake item '" + itemName() + "' in workspace '" + workspace.strip()
                    + "' failed: OneLake answered " + e.getStatusCode() + (e.getStatusCode() == 401 || e.getStatusCode() == 403
                            ? ": the identity of the default Azure credential chain (az login, managed or workload identity)"
                                    + " needs a workspace role that may write (Contributor or higher)" : ""), e);
        } catch (RuntimeException e) {
            throw new StoreException("checking OneLake item '" + itemName() + "' in workspace '" + workspace.strip()
                    + "' failed: " + e.getMessage(), e);
        }
        if (!found) {
            throw new StoreException("OneLake has no folder '" + files + "' in workspace '" + workspace.strip()
                    + "' (--workspace / DBTSTATE_ONELAKE_WORKSPACE, --item / DBTSTATE_ONELAKE_ITEM): name a lakehouse"
                    + " as MyLakehouse.lakehouse, or workspace and item both by GUID", null);
        }
        AzureBlobStore store = new AzureBlobStore(client, storePrefix(), attemptTimeout, retryBudget, false);
        ConditionalWriteProbe.verify(store, ".probe", "OneLake (" + store.describe() + ")");
        return store;
    }
}

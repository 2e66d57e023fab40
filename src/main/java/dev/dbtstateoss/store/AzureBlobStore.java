package dev.dbtstateoss.store;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A store in an Azure Blob Storage container (or a service speaking its API: Azurite, OneLake): each
 * key is the block blob {@code <prefix>/<key>} and its version is the blob's ETag. A create is an
 * upload with {@code If-None-Match: *} and a replace an upload with {@code If-Match: <etag>}; the
 * service decides atomically which writer wins. Throttling, 5xx answers and network failures are
 * retried with backoff within a time budget.
 *
 * <p>The client is given (configured by {@link AzureSettings} for the command line); it should not
 * retry by itself, so that this class can tell a lost race from its own earlier, half-answered write.
 */
public final class AzureBlobStore implements StateStore {
    private final BlobContainerClient container;
    private final String prefix;
    private final Duration attemptTimeout;
    private final RetryingCall retrying;

    /** Opens the store and checks the container exists and the credentials may use it. */
    public AzureBlobStore(BlobContainerClient container, String prefix, Duration attemptTimeout, Duration retryBudget) {
        this(container, prefix, attemptTimeout, retryBudget, true);
    }

    /**
     * Opens the store; {@code checkContainer} false when the caller has checked where the keys live in
     * another way (OneLake allows only HEAD requests on a workspace, and the container check is a GET).
     */
    public AzureBlobStore(BlobContainerClient container, String prefix, Duration attemptTimeout, Duration retryBudget,
            boolean checkContainer) {
        this.container = container;
        this.prefix = S3Store.normalizePrefix(prefix);
        this.attemptTimeout = attemptTimeout;
        this.retrying = new RetryingCall(retryBudget);
        if (!checkContainer) {
            return;
        }
        boolean exists = retrying.run("checking the Azure container '" + container.getBlobContainerName() + "'", again -> {
            try {
                return container.existsWithResponse(attemptTimeout, Context.NONE).getValue();
            } catch (RuntimeException e) {
                throw failure("checking the container", null, e);
            }
        });
        if (!exists) {
            throw new StoreException(missingContainer(), null);
        }
    }

    @Override

    public Optional<byte[]> readValue(String key) {

        return read(key).map(Blob::value); // the version comes with the value at no extra cost

    }


    @Override
    public Optional<Blob> read(String key) {
        StateStore.checkKey(key);
        return retrying.run("reading " + where(key), again -> fetch(key));
    }

    private Optional<Blob> fetch(String key) {
        try {
            BlobDownloadContentResponse r = container.getBlobClient(prefix + key)
                    .downloadContentWithResponse(null, null, attemptTimeout, Context.NONE);
            String etag = r.getDeserializedHeaders().getETag();
            if (etag == null || etag.isBlank()) {
                throw new StoreException("reading " + where(key) + ": the service answered without an ETag", null);
            }
            return Optional.of(new Blob(r.getValue().toBytes(), etag));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw failure("reading", key, e);
        } catch (RuntimeException e) {
            throw failure("reading", key, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        StateStore.checkKey(key);
        byte[] copy = value.clone();
        return retrying.run("creating " + where(key),
                again -> upload(key, copy, new BlobRequestConditions().setIfNoneMatch("*"), again));
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        StateStore.checkKey(key);
        byte[] copy = value.clone();
        return retrying.run("replacing " + where(key),
                again -> upload(key, copy, new BlobRequestConditions().setIfMatch(expectedVersion), again));
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        StateStore.checkKey(key);
        return retrying.run("deleting " + where(key), again -> {
            try {
                container.getBlobClient(prefix + key).deleteWithResponse(null,
                        new BlobRequestConditions().setIfMatch(expectedVersion), attemptTimeout, Context.NONE);
                return true;
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404 && BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
                    return again; // after a failed attempt whose fate is unknown, it may have been ours
                }
                if (isConditionFailure(e)) {
                    return false;
                }
                throw failure("deleting", key, e);
            } catch (RuntimeException e) {
                throw failure("deleting", key, e);
            }
        });
    }

    /** One conditional upload; false when the condition does not hold (409 exists, 412, 404 for If-Match). */
    private boolean upload(String key, byte[] value, BlobRequestConditions conditions, boolean afterFailure) {
        try {
            container.getBlobClient(prefix + key).getBlockBlobClient().uploadWithResponse(
                    new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(value)).setRequestConditions(conditions),
                    attemptTimeout, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (isConditionFailure(e)) {
                // After a failed attempt whose fate is unknown, the value found may be our own write.
                return afterFailure && fetch(key).map(b -> Arrays.equals(b.value(), value)).orElse(false);
            }
            throw failure("writing", key, e);
        } catch (RuntimeException e) {
            throw failure("writing", key, e);
        }
    }

    private static boolean isConditionFailure(BlobStorageException e) {
        BlobErrorCode code = e.getErrorCode();
        return e.getStatusCode() == 412
                || (e.getStatusCode() == 409 && BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code))
                || (e.getStatusCode() == 404 && BlobErrorCode.BLOB_NOT_FOUND.equals(code));
    }

    @Override
    public Stream<String> list(String keyPrefix) {
        String full = prefix + keyPrefix;
        List<String> keys = retrying.run("listing " + where(keyPrefix), again -> {
            List<String> found = new ArrayList<>();
            try {
                ListBlobsOptions options = new ListBlobsOptions().setPrefix(full).setDetails(new BlobListDetails().setRetrieveMetadata(true));
                for (BlobItem item : container.listBlobs(options, attemptTimeout)) {
                    if (isFolder(item)) {
                        continue; // a directory of a hierarchical namespace (ADLS Gen2, OneLake), not a key
                    }
                    if (!item.getName().startsWith(full)) {
                        throw new StoreException("listing " + where(keyPrefix) + ": the service listed '" + item.getName()
                                + "', outside the prefix asked for", null);
                    }
                    found.add(item.getName().substring(prefix.length()));
                }
            } catch (StoreException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure("listing", keyPrefix, e);
            }
            return found;
        });
        return keys.stream().sorted();
    }

    private static boolean isFolder(BlobItem item) {
        return item.getMetadata() != null && "true".equalsIgnoreCase(item.getMetadata().get("hdi_isfolder"));
    }

    @Override
    public String describe() {
        return "azure " + container.getBlobContainerUrl() + "/" + prefix;
    }

    private String where(String key) {
        return container.getBlobContainerUrl() + "/" + prefix + key;
    }

    private String missingContainer() {
        return "the Azure container '" + container.getBlobContainerName() + "' does not exist in account '"
                + container.getAccountName() + "' (--container / DBTSTATE_AZURE_CONTAINER, --account, --endpoint)";
    }

    /** Maps a failed request to a retry ({@link RetryingCall.Transient}) or a final {@link StoreException}. */
    private RuntimeException failure(String doing, String key, RuntimeException e) {
        String subject = key == null ? container.getBlobContainerUrl() : where(key);
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof HttpResponseException hre && hre.getResponse() != null) {
            int status = hre.getResponse().getStatusCode();
            String code = e instanceof BlobStorageException bse && bse.getErrorCode() != null ? bse.getErrorCode().toString() : null;
            String said = "Azure answered " + status + (code == null ? "" : " " + code);
            if (status == 429 || status >= 500) {
                return new RetryingCall.Transient(said + " (" + doing + " " + subject + ")", e);
            }
            if (status == 404 && (key == null || BlobErrorCode.CONTAINER_NOT_FOUND.toString().equals(code))) {
                return new StoreException(missingContainer(), e);
            }
            if (status == 403 || status == 401) {
                return new StoreException("access to the Azure container '" + container.getBlobContainerName() + "' was refused ("
                        + said + "): check --connection-string / --account-key, or for the default credential chain (az login,"
                        + " managed or workload identity) the 'Storage Blob Data Contributor' role on the account", e);
            }
            return new StoreException(doing + " " + subject + " failed: " + said + ": " + CloudErrors.firstLine(e.getMessage()), e);
        }
        if (CloudErrors.hasCause(e, IOException.class) || CloudErrors.hasCause(e, TimeoutException.class)) {
            return new RetryingCall.Transient("no answer from Azure (" + doing + " " + subject + "): " + CloudErrors.firstLine(e.getMessage()), e);
        }
        return new StoreException(doing + " " + subject + " failed: " + e, e);
    }
}

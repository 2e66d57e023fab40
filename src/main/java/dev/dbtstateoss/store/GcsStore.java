package dev.dbtstateoss.store;

import com.google.api.gax.paging.Page;
import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A store in a Google Cloud Storage bucket (or a service speaking its JSON API, such as
 * fake-gcs-server): each key is the object {@code <prefix>/<key>} and its version is the object's
 * generation. A create is an upload with {@code ifGenerationMatch=0}, a replace an upload with
 * {@code ifGenerationMatch=<generation>} and a delete a delete with the same precondition, so the
 * service decides which of several writers wins (412 means "not written"). Throttling, 5xx answers
 * and network failures are retried with backoff within a time budget.
 *
 * <p>A read with its version is two requests: the object's metadata (its generation), then the bytes
 * of that generation, so value and version always belong together (when the object changed in
 * between, the read starts over); a read of the value alone ({@link #readValue}) is one request. A
 * delete is checked against the object's metadata first (two requests).
 *
 * <p>The client is given (configured by {@link GcsSettings} for the command line); it should not
 * retry by itself, so that this class can tell a lost race from its own earlier, half-answered write.
 */
public final class GcsStore implements StateStore {
    /** How often a read starts over when the object changes between its metadata and its bytes. */
    private static final int READ_RACES = 5;

    private final Storage storage;
    private final String bucket;
    private final String prefix;
    private final RetryingCall retrying;

    /**
     * Opens the store and checks the bucket can be listed (one list request of at most one object); a
     * missing bucket, refused credentials or an unreachable endpoint fail here with one message.
     * Closing the store closes the client.
     */
    public GcsStore(Storage storage, String bucket, String prefix, Duration retryBudget) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = S3Store.normalizePrefix(prefix);
        this.retrying = new RetryingCall(retryBudget);
        retrying.run("checking the GCS bucket '" + bucket + "'", again -> {
            try {
                storage.list(bucket, Storage.BlobListOption.prefix(this.prefix), Storage.BlobListOption.pageSize(1));
                return null;
            } catch (RuntimeException e) {
                throw failure("checking the bucket", null, e);
            }
        });
    }

    @Override
    public Optional<Blob> read(String key) {
        StateStore.checkKey(key);
        return retrying.run("reading " + where(key), again -> {
            for (int race = 0; ; race++) {
                com.google.cloud.storage.Blob meta = metadata(key);
                if (meta == null) {
                    return Optional.<Blob>empty();
                }
                Long generation = meta.getGeneration();
                if (generation == null) {
                    throw new StoreException("reading " + where(key) + ": the service answered without a generation", null);
                }
                Optional<byte[]> value = bytes(BlobId.of(bucket, prefix + key, generation), key);
                if (value.isPresent()) {
                    return Optional.of(new Blob(value.get(), Long.toString(generation)));
                }
                if (race + 1 >= READ_RACES) {
                    throw new RetryingCall.Transient("reading " + where(key) + ": the object changed during each of "
                            + READ_RACES + " reads", null);
                }
            }
        });
    }

    @Override
    public Optional<byte[]> readValue(String key) {
        StateStore.checkKey(key);
        return retrying.run("reading " + where(key), again -> bytes(BlobId.of(bucket, prefix + key), key));
    }

    /** The object's metadata, or null when it is absent. */
    private com.google.cloud.storage.Blob metadata(String key) {
        try {
            return storage.get(BlobId.of(bucket, prefix + key));
        } catch (RuntimeException e) {
            throw failure("reading", key, e);
        }
    }

    /** The object's bytes (of the generation in the id, if any); empty when it (or that generation) is absent. */
    private Optional<byte[]> bytes(BlobId id, String key) {
        try {
            return Optional.of(storage.readAllBytes(id));
        } catch (RuntimeException e) {
            if (code(e) == 404) { // the bucket's existence was checked at open
                return Optional.empty();
            }
            throw failure("reading", key, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        StateStore.checkKey(key);
        byte[] copy = value.clone();
        return retrying.run("creating " + where(key),
                again -> upload(key, copy, Storage.BlobTargetOption.doesNotExist(), again));
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        StateStore.checkKey(key);
        Long generation = generation(expectedVersion);
        if (generation == null) {
            return false; // not a version this store ever gave out: it cannot be the current one
        }
        byte[] copy = value.clone();
        return retrying.run("replacing " + where(key),
                again -> upload(key, copy, Storage.BlobTargetOption.generationMatch(generation), again));
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        StateStore.checkKey(key);
        Long generation = generation(expectedVersion);
        if (generation == null) {
            return false;
        }
        return retrying.run("deleting " + where(key), again -> {
            // Checked against a fresh read first, and the delete names the generation, for services that
            // ignore ifGenerationMatch on deletes (fake-gcs-server 1.56.1 does; see docs/stores.md).
            com.google.cloud.storage.Blob current = metadata(key);
            if (current == null) {
                return again; // absent: after a failed attempt whose fate is unknown, it may have been ours
            }
            if (!generation.equals(current.getGeneration())) {
                return false;
            }
            try {
                return storage.delete(BlobId.of(bucket, prefix + key, generation),
                        Storage.BlobSourceOption.generationMatch(generation)) || again;
            } catch (RuntimeException e) {
                if (code(e) == 412) {
                    return false;
                }
                throw failure("deleting", key, e);
            }
        });
    }

    /** One conditional upload; false when the precondition does not hold (412). */
    private boolean upload(String key, byte[] value, Storage.BlobTargetOption condition, boolean afterFailure) {
        try {
            storage.create(BlobInfo.newBuilder(bucket, prefix + key).setContentType("application/octet-stream").build(),
                    value, condition);
            return true;
        } catch (RuntimeException e) {
            if (code(e) == 412) {
                // After a failed attempt whose fate is unknown, the value found may be our own write.
                return afterFailure && bytes(BlobId.of(bucket, prefix + key), key).map(b -> Arrays.equals(b, value)).orElse(false);
            }
            throw failure("writing", key, e);
        }
    }

    private static Long generation(String version) {
        try {
            long g = Long.parseLong(version);
            return g > 0 ? g : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Stream<String> list(String keyPrefix) {
        String full = prefix + keyPrefix;
        List<String> keys = retrying.run("listing " + where(keyPrefix), again -> {
            List<String> found = new ArrayList<>();
            try {
                Page<com.google.cloud.storage.Blob> page = storage.list(bucket, Storage.BlobListOption.prefix(full));
                for (com.google.cloud.storage.Blob b : page.iterateAll()) {
                    if (!b.getName().startsWith(full)) {
                        throw new StoreException("listing " + where(keyPrefix) + ": the service listed '" + b.getName()
                                + "', outside the prefix asked for", null);
                    }
                    found.add(b.getName().substring(prefix.length()));
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

    @Override
    public String describe() {
        String host = storage.getOptions().getHost();
        return "gs://" + bucket + "/" + prefix + (host == null || host.contains("storage.googleapis.com") ? "" : " at " + host);
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            // nothing was pending: every call waits for its answer
        }
    }

    private String where(String key) {
        return "gs://" + bucket + "/" + prefix + key;
    }

    private static int code(RuntimeException e) {
        return e instanceof BaseServiceException bse ? bse.getCode() : 0;
    }

    /** Maps a failed request to a retry ({@link RetryingCall.Transient}) or a final {@link StoreException}. */
    private RuntimeException failure(String doing, String key, RuntimeException e) {
        String subject = key == null ? "gs://" + bucket : where(key);
        if (e instanceof StoreException se) {
            return se;
        }
        int status = code(e);
        if (status > 0) {
            String reason = e instanceof StorageException se && se.getReason() != null ? " " + se.getReason() : "";
            String said = "GCS answered " + status + reason;
            if (status == 429 || status == 408 || status >= 500) {
                return new RetryingCall.Transient(said + " (" + doing + " " + subject + ")", e);
            }
            if (status == 404) { // reads and deletes take a missing object's 404 before; a write's is the bucket's
                return new StoreException("the GCS bucket '" + bucket + "' does not exist or is not visible with these"
                        + " settings (--bucket / DBTSTATE_GCS_BUCKET, --endpoint)", e);
            }
            if (status == 403 || status == 401) {
                return new StoreException("access to the GCS bucket '" + bucket + "' was refused (" + said + "): check the"
                        + " Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default"
                        + " login, the attached service account) and that they may read, create, delete and list objects"
                        + " (roles/storage.objectUser)", e);
            }
            return new StoreException(doing + " " + subject + " failed: " + said + ": " + CloudErrors.firstLine(e.getMessage()), e);
        }
        if (CloudErrors.hasCause(e, IOException.class) || CloudErrors.hasCause(e, TimeoutException.class)) {
            return new RetryingCall.Transient("no answer from GCS (" + doing + " " + subject + "): " + CloudErrors.firstLine(e.getMessage()), e);
        }
        return new StoreException(doing + " " + subject + " failed: " + e, e);
    }
}

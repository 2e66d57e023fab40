package dev.dbtstateoss.store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A store in an S3 bucket (AWS or an S3-compatible service that honours conditional writes): each
 * key is the object {@code <prefix>/<key>} and its version is the object's ETag. A create is a
 * PutObject with {@code If-None-Match: *} and a replace a PutObject with {@code If-Match: <etag>}, so
 * the service decides atomically which of several writers wins (a 412 answer means "not written").
 * Throttling, 5xx answers and network failures are retried with backoff within a time budget.
 *
 * <p>The client is given (configured by {@link S3Settings} for the command line); it should not retry
 * by itself, so that this class can tell a lost race from its own earlier, half-answered write.
 */
public final class S3Store implements StateStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final RetryingCall retrying;

    /**
     * Opens the store and checks the bucket is reachable (HeadBucket); a missing bucket, refused
     * credentials or an unreachable endpoint fail here with one message. Closing the store closes the client.
     */
    public S3Store(S3Client s3, String bucket, String prefix, Duration retryBudget) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = S3Store.normalizePrefix(prefix);
        this.retrying = new RetryingCall(retryBudget);
        retrying.run("checking the S3 bucket '" + bucket + "'", again -> {
            try {
                s3.headBucket(b -> b.bucket(bucket));
                return null;
            } catch (SdkException e) {
                throw failure("checking the bucket", null, e);
            }
        });
    }

    /** "state/" and "state" both mean keys under "state/"; "" means the bucket's root. */
    static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "" : p + "/";
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
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key));
            String etag = got.response().eTag();
            if (etag == null || etag.isBlank()) {
                throw new StoreException("reading " + where(key) + ": the service answered without an ETag", null);
            }
            return Optional.of(new Blob(got.asByteArray(), etag));
        } catch (SdkException e) {
            if (e instanceof AwsServiceException ase && ase.statusCode() == 404 && !"NoSuchBucket".equals(code(ase))) {
                return Optional.empty();
            }
            throw failure("reading", key, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        StateStore.checkKey(key);
        byte[] copy = value.clone();
        return retrying.run("creating " + where(key), again -> put(key, copy, b -> b.ifNoneMatch("*"), again));
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        StateStore.checkKey(key);
        byte[] copy = value.clone();
        return retrying.run("replacing " + where(key), again -> put(key, copy, b -> b.ifMatch(expectedVersion), again));
    }

    /**
     * DeleteObject with If-Match (AWS S3 honours it; a service that ignores it still only deletes a
     * value whose version was just read as {@code expectedVersion}).
     */
    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        StateStore.checkKey(key);
        return retrying.run("deleting " + where(key), again -> {
            Optional<Blob> current = fetch(key);
            if (current.isEmpty()) {
                return again; // after a failed attempt whose fate is unknown, it may have been ours
            }
            if (!current.get().version().equals(expectedVersion)) {
                return false;
            }
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(prefix + key).ifMatch(expectedVersion));
                return true;
            } catch (SdkException e) {
                if (e instanceof AwsServiceException ase && isConditionFailure(ase)) {
                    return false;
                }
                throw failure("deleting", key, e);
            }
        });
    }

    private interface Condition {
        void apply(PutObjectRequest.Builder b);
    }

    /** One conditional PutObject; false when the condition does not hold (412, or 404 for If-Match). */
    private boolean put(String key, byte[] value, Condition condition, boolean afterFailure) {
        try {
            PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(prefix + key)
                    .contentLength((long) value.length).contentType("application/octet-stream");
            condition.apply(req);
            s3.putObject(req.build(), RequestBody.fromBytes(value));
            return true;
        } catch (SdkException e) {
            if (e instanceof AwsServiceException ase && isConditionFailure(ase)) {
                // After a failed attempt whose fate is unknown, the value found may be our own write.
                return afterFailure && fetch(key).map(b -> Arrays.equals(b.value(), value)).orElse(false);
            }
            throw failure("writing", key, e);
        }
    }

    private static boolean isConditionFailure(AwsServiceException e) {
        return e.statusCode() == 412 || (e.statusCode() == 404 && "NoSuchKey".equals(code(e)));
    }

    @Override
    public Stream<String> list(String keyPrefix) {
        String full = prefix + keyPrefix;
        List<String> keys = retrying.run("listing " + where(keyPrefix), again -> {
            List<String> found = new ArrayList<>();
            String token = null;
            try {
                do {
                    String from = token;
                    ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(full).continuationToken(from));
                    for (S3Object o : page.contents()) {
                        if (!o.key().startsWith(full)) {
                            throw new StoreException("listing " + where(keyPrefix) + ": the service listed '" + o.key()
                                    + "', outside the prefix asked for", null);
                        }
                        found.add(o.key().substring(prefix.length()));
                    }
                    token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
                } while (token != null);
            } catch (SdkException e) {
                throw failure("listing", keyPrefix, e);
            }
            return found;
        });
        return keys.stream().sorted();
    }

    @Override
    public String describe() {
        String endpoint = s3.serviceClientConfiguration().endpointOverride().map(u -> " at " + u).orElse("");
        return "s3://" + bucket + "/" + prefix + endpoint;
    }

    @Override
    public void close() {
        s3.close();
    }

    private String where(String key) {
        return "s3://" + bucket + "/" + prefix + key;
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** Maps a failed request to a retry ({@link RetryingCall.Transient}) or a final {@link StoreException}. */
    private RuntimeException failure(String doing, String key, SdkException e) {
        String subject = key == null ? "s3://" + bucket : where(key);
        if (e instanceof AwsServiceException ase) {
            int status = ase.statusCode();
            String code = code(ase);
            String said = "S3 answered " + status + (code == null ? "" : " " + code);
            if (status == 429 || status >= 500 || status == 409) {
                return new RetryingCall.Transient(said + " (" + doing + " " + subject + ")", e);
            }
            if (status == 404 && (key == null || "NoSuchBucket".equals(code))) {
                return new StoreException("the S3 bucket '" + bucket + "' does not exist or is not visible with these"
                        + " settings (--bucket / DBTSTATE_S3_BUCKET, --endpoint, --region)", e);
            }
            if (status == 403 || status == 401) {
                return new StoreException("access to the S3 bucket '" + bucket + "' was refused (" + said + "): check the"
                        + " AWS credentials (default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an"
                        + " instance or task role) and that they may read, write and list the bucket", e);
            }
            if (status == 301 || status == 307 || "AuthorizationHeaderMalformed".equals(code)) {
                return new StoreException("the S3 bucket '" + bucket + "' is in another region (" + said
                        + "): set --region or AWS_REGION to the bucket's region", e);
            }
            return new StoreException(doing + " " + subject + " failed: " + said + ": " + ase.getMessage(), e);
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException
                || (e instanceof SdkClientException && hasIoCause(e))) {
            return new RetryingCall.Transient("no answer from S3 (" + doing + " " + subject + "): " + e.getMessage(), e);
        }
        return new StoreException(doing + " " + subject + " failed: unusable answer from S3: " + e.getMessage(), e);
    }

    private static boolean hasIoCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}

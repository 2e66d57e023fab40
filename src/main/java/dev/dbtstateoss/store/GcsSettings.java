package dev.dbtstateoss.store;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.net.URI;
import java.time.Duration;

/**
 * What it takes to open a {@link GcsStore}, and the client it is given. Credentials are Google's
 * Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, {@code gcloud auth
 * application-default login}, the attached service account), except with an emulator endpoint,
 * whose requests carry none.
 *
 * @param bucket the bucket (must exist)
 * @param prefix keys live under {@code <prefix>/}; empty for the bucket's root
 * @param project the Google Cloud project, or null for the one of the credentials / GOOGLE_CLOUD_PROJECT
 * @param endpoint an emulator's address (fake-gcs-server), or null for {@code https://storage.googleapis.com}
 * @param attemptTimeout the longest one request may take before it is tried again
 * @param retryBudget how long a call may keep retrying throttling, 5xx answers and network failures
 */
public record GcsSettings(String bucket, String prefix, String project, URI endpoint, Duration attemptTimeout,
        Duration retryBudget) {

    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(8);

    public GcsSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a GCS bucket name is required");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException("the GCS endpoint must be an http(s) address, not '" + endpoint + "'");
        }
    }

    /** A client that does not retry by itself (the store does) and gives up on a silent server. */
    public Storage client() {
        int ms = (int) Math.min(Integer.MAX_VALUE, attemptTimeout.toMillis());
        StorageOptions.Builder b = StorageOptions.http()
                .setTransportOptions(HttpTransportOptions.newBuilder().setConnectTimeout(Math.min(ms, 3_000)).setReadTimeout(ms).build())
                .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1)
                        .setTotalTimeoutDuration(attemptTimeout.multipliedBy(2)).build());
        if (project != null && !project.isBlank()) {
            b.setProjectId(project.strip());
        }
        if (endpoint != null) {
            String host = endpoint.toString();
            b.setHost(host.endsWith("/") ? host.substring(0, host.length() - 1) : host).setCredentials(NoCredentials.getInstance());
            if (project == null || project.isBlank()) {
                b.setProjectId("emulator"); // an emulator ignores it; without it the client looks for one in the environment
            }
        }
        return b.build().getService();
    }

    /** Opens the store (checking the bucket); the store closes the client. */
    public GcsStore open() {
        Storage client = client();
        try {
            return new GcsStore(client, bucket, prefix, retryBudget);
        } catch (RuntimeException e) {
            try {
                client.close();
            } catch (Exception ignored) {
                // the opening failure is the one to report
            }
            throw e;
        }
    }
}

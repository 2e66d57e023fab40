package dev.dbtstateoss.store;

import com.azure.core.util.HttpClientOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;

/**
 * What it takes to open an {@link AzureBlobStore}, and the container client it is given. Credentials,
 * first found wins: a connection string, an account key, else the default Azure credential chain
 * (environment, workload or managed identity, az login).
 *
 * @param account the storage account (may be omitted with a connection string)
 * @param container the container (must exist)
 * @param prefix keys live under {@code <prefix>/}; empty for the container's root
 * @param connectionString a storage connection string, or null
 * @param accountKey the account's shared key, or null
 * @param endpoint the blob service address, or null for {@code https://<account>.blob.core.windows.net}
 *     (Azurite: {@code http://127.0.0.1:10000/devstoreaccount1})
 * @param attemptTimeout the longest one request may take before it is tried again
 * @param retryBudget how long a call may keep retrying throttling, 5xx answers and network failures
 */
public record AzureSettings(
        String account,
        String container,
        String prefix,
        String connectionString,
        String accountKey,
        String endpoint,
        Duration attemptTimeout,
        Duration retryBudget) {

    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(8);

    public AzureSettings {
        if (container == null || container.isBlank()) {
            throw new IllegalArgumentException("an Azure container name is required");
        }
        if (blank(connectionString) && blank(account) && blank(endpoint)) {
            throw new IllegalArgumentException("an Azure storage account (or a connection string) is required");
        }
        if (!blank(accountKey) && blank(account)) {
            throw new IllegalArgumentException("an account key needs the account's name");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The blob service address used when neither a connection string nor an endpoint gives one. */
    public String resolvedEndpoint() {
        return !blank(endpoint) ? endpoint.strip() : "https://" + account.strip() + ".blob.core.windows.net";
    }

    /** A container client that does not retry by itself (the store does) and gives up on a silent server. */
    public BlobContainerClient client() {
        BlobContainerClientBuilder b = new BlobContainerClientBuilder()
                .containerName(container.strip())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, attemptTimeout, (Duration) null, null, null))
                .clientOptions(new HttpClientOptions()
                        .setConnectTimeout(Duration.ofSeconds(3))
                        .setResponseTimeout(attemptTimeout)
                        .setReadTimeout(attemptTimeout)
                        .setWriteTimeout(attemptTimeout));
        if (!blank(connectionString)) {
            b.connectionString(connectionString.strip());
            if (!blank(endpoint)) {
                b.endpoint(endpoint.strip());
            }
        } else if (!blank(accountKey)) {
            b.endpoint(resolvedEndpoint()).credential(new StorageSharedKeyCredential(account.strip(), accountKey.strip()));
        } else {
            b.endpoint(resolvedEndpoint()).credential(new DefaultAzureCredentialBuilder().build());
        }
        return b.buildClient();
    }

    /** Opens the store (checking the container). */
    public AzureBlobStore open() {
        return new AzureBlobStore(client(), prefix, attemptTimeout, retryBudget);
    }
}

package dev.dbtstateoss.store;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * What it takes to open an {@link S3Store}, and the S3 client it is given.
 *
 * @param bucket the bucket (must exist)
 * @param prefix keys live under {@code <prefix>/}; empty for the bucket's root
 * @param endpoint an S3-compatible service's address, or null for AWS (the SDK then also honours
 *     AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL)
 * @param pathStyle address buckets as {@code endpoint/bucket} instead of {@code bucket.endpoint}
 * @param region the region, or null for the SDK's default chain (AWS_REGION, profile, instance)
 * @param credentials null for the SDK's default credential chain
 * @param attemptTimeout the longest one request may take before it is tried again
 * @param retryBudget how long a call may keep retrying throttling, 5xx answers and network failures
 */
public record S3Settings(
        String bucket,
        String prefix,
        URI endpoint,
        boolean pathStyle,
        String region,
        AwsCredentialsProvider credentials,
        Duration attemptTimeout,
        Duration retryBudget) {

    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(8);

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 bucket name is required");
        }
    }

    /** The region to use: the given one, the default chain's, or a placeholder for a custom endpoint. */
    public Region resolvedRegion() {
        if (region != null && !region.isBlank()) {
            return Region.of(region.strip());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            if (endpoint != null) {
                return Region.US_EAST_1; // S3-compatible services mostly ignore it, but signing needs one
            }
            throw new IllegalArgumentException("no AWS region found (set --region or AWS_REGION): " + e.getMessage());
        }
    }

    /** An S3 client that does not retry by itself (the store does) and gives up on a silent server. */
    public S3Client client() {
        S3ClientBuilder b = S3Client.builder()
                .region(resolvedRegion())
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .forcePathStyle(pathStyle)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(attemptTimeout)
                        .maxConnections(32))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout)
                        .apiCallTimeout(attemptTimeout.multipliedBy(2))
                        .build());
        if (endpoint != null) {
            // Checksums only when required: many S3-compatible services refuse the newer trailing ones.
            b.endpointOverride(endpoint)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return b.build();
    }

    /** Opens the store (checking the bucket); the store closes the client. */
    public S3Store open() {
        S3Client client = client();
        try {
            return new S3Store(client, bucket, prefix, retryBudget);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}

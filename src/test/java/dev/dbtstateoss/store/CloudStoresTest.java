package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.history.StoreHistoryTest;

import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.dbtstateoss.engine.RunRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The cloud stores under load and under nonsense: two servers' histories over one bucket or container
 * confirming runs of one target at once, and a server that answers in another protocol.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class CloudStoresTest {
    @TempDir static Path serverDir;
    static CloudServers.Server s3;
    static CloudServers.Server azurite;
    static CloudServers.Server gcs;

    @BeforeAll
    static void start() throws Exception {
        s3 = CloudServers.s3(serverDir);
        azurite = CloudServers.azurite(serverDir.resolve("azurite"));
        gcs = CloudServers.gcs(serverDir.resolve("gcs"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.stop();
        }
        if (azurite != null) {
            azurite.stop();
        }
        if (gcs != null) {
            gcs.stop();
        }
    }

    static S3Store s3Store(String bucket) {
        return new S3Settings(bucket, "state", URI.create(s3.get("endpoint")), true, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.get("access_key"), s3.get("secret_key"))),
                Duration.ofSeconds(5), Duration.ofSeconds(8)).open();
    }

    static AzureBlobStore azureStore(String container) {
        return new AzureSettings(null, container, "state", azurite.get("connection_string"), null, null, Duration.ofSeconds(5),
                Duration.ofSeconds(8)).open();
    }

    @Test
    void s3KeepsEveryRunAndTheNewest() throws Exception {
        String bucket = "h-" + UUID.randomUUID().toString().substring(0, 13);
        createBucket(bucket);
        confirmConcurrently(s3Store(bucket), s3Store(bucket));
    }

    @Test
    void azureKeepsEveryRunAndTheNewest() throws Exception {
        String container = "h-" + UUID.randomUUID().toString().substring(0, 13);
        new BlobServiceClientBuilder().connectionString(azurite.get("connection_string")).buildClient().createBlobContainer(container);
        confirmConcurrently(azureStore(container), azureStore(container));
    }

    @Test
    void gcsKeepsEveryRunAndTheNewest() throws Exception {
        String bucket = "h-" + UUID.randomUUID().toString().substring(0, 13);
        CloudServers.gcsClient(gcs).create(com.google.cloud.storage.BucketInfo.of(bucket));
        GcsSettings settings = new GcsSettings(bucket, "state", null, URI.create(gcs.get("endpoint")), Duration.ofSeconds(5),
                Duration.ofSeconds(8));
        confirmConcurrently(settings.open(), settings.open());
    }

    @Test
    void anAnswerInAnotherProtocolIsAStoreErrorNotAHang() {
        // Azurite answers S3 requests with Azure's errors, and S3Proxy answers Azure requests with S3's.
        long start = System.nanoTime();
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> new S3Settings("bucket", "state",
                URI.create(azurite.get("endpoint")), true, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), Duration.ofSeconds(5),
                Duration.ofSeconds(2)).open());
        assertTrue(e.getMessage().contains("bucket"), e.getMessage());
        e = assertThrows(StateStore.StoreException.class, () -> new AzureSettings("devstoreaccount1", "container", "state", null,
                azurite.get("key"), s3.get("endpoint") + "/devstoreaccount1", Duration.ofSeconds(5), Duration.ofSeconds(2)).open());
        assertTrue(e.getMessage().contains("container"), e.getMessage());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 20_000, "took " + ms + " ms");
    }

    private static void createBucket(String bucket) {
        try (var client = new S3Settings(bucket, "", URI.create(s3.get("endpoint")), true, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.get("access_key"), s3.get("secret_key"))),
                Duration.ofSeconds(5), Duration.ofSeconds(8)).client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    private static void confirmConcurrently(StateStore a, StateStore b) throws Exception {
        StoreHistory first = new StoreHistory(a);
        StoreHistory second = new StoreHistory(b);
        int runs = 24;
        List<RunRecord> confirmed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String id = String.format("0190a000-0000-7000-8000-%012d", i);
            RunRecord p = StoreHistoryTest.pending(id, "f" + i);
            first.savePending(p);
            confirmed.add(p.withOutcome(StoreHistoryTest.at(10_000 + i)));
        }
        Collections.shuffle(confirmed, new java.util.Random(3));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            StoreHistory h = i % 2 == 0 ? first : second;
            RunRecord r = confirmed.get(i);
            done.add(pool.submit(() -> h.recordConfirmed(r)));
        }
        for (Future<Boolean> f : done) {
            f.get();
        }
        pool.shutdown();
        String target = confirmed.get(0).targetKey();
        assertEquals("f" + (runs - 1), first.latest(target).orElseThrow().fingerprint(), "the newest confirmation is the latest");
        assertEquals(runs, a.list("runs/").count(), "each run is stored once");
        assertEquals(runs, second.runs(target).size(), "every confirmed run is in its target's day lists");
        for (RunRecord r : confirmed) {
            assertEquals(true, second.pending(r.requestId()).orElseThrow().confirmed(), r.requestId());
        }
    }
}

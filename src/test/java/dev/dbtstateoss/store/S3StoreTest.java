package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The store contract on a real S3-compatible server (S3Proxy over Azurite, started by scripts/lib/s3server.sh). */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class S3StoreTest extends StoreContract {
    static final Duration BUDGET = Duration.ofSeconds(3);

    @TempDir static Path serverDir;
    static CloudServers.Server server;
    static S3Client admin;

    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = CloudServers.s3(serverDir);
        admin = settings("unused", server.get("secret_key")).client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    static S3Settings settings(String bucket, String secret) {
        return new S3Settings(bucket, "state/", URI.create(server.get("endpoint")), true, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(server.get("access_key"), secret)),
                Duration.ofSeconds(5), BUDGET);
    }

    static String newBucket() {
        String name = "b-" + UUID.randomUUID().toString().substring(0, 13);
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    @Override
    StateStore newStore() {
        bucket = newBucket();
        return settings(bucket, server.get("secret_key")).open();
    }

    @Override
    StateStore sameData(StateStore store) {
        return settings(bucket, server.get("secret_key")).open();
    }

    @Test
    void aMissingBucketIsNamedAtOpen() {
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class,
                () -> settings("no-such-bucket", server.get("secret_key")).open());
        assertTrue(e.getMessage().contains("no-such-bucket") && e.getMessage().contains("--bucket"), e.getMessage());
    }

    @Test
    void refusedCredentialsAreNamedAtOpen() {
        String b = newBucket();
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> settings(b, "wrong-secret").open());
        assertTrue(e.getMessage().contains("credentials") && e.getMessage().contains(b), e.getMessage());
    }

    @Test
    void prefixesKeepStoresApartInOneBucket() throws Exception {
        StateStore a = newStore();
        StateStore other = new S3Settings(bucket, "other", URI.create(server.get("endpoint")), true, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(server.get("access_key"), server.get("secret_key"))),
                Duration.ofSeconds(5), BUDGET).open();
        a.createIfAbsent("targets/x/latest", b("a"));
        other.createIfAbsent("targets/x/latest", b("b"));
        assertEquals(List.of("targets/x/latest"), a.list("").toList());
        assertArrayEquals(b("b"), other.read("targets/x/latest").orElseThrow().value());
        assertTrue(a.describe().contains(bucket + "/state/"), a.describe());
    }

    @Test
    void aStoppedServerFailsInTimeAndServesAgainAfterRestart() throws Exception {
        StateStore s = newStore();
        s.createIfAbsent("k", b("v1"));
        server.pause();
        try {
            long start = System.nanoTime();
            assertThrows(StateStore.StoreException.class, () -> s.read("k"));
            assertThrows(StateStore.StoreException.class, () -> s.createIfAbsent("k2", b("x")));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2 * (BUDGET.toMillis() + 5_000), "took " + ms + " ms");
        } finally {
            server.start();
        }
        assertArrayEquals(b("v1"), s.read("k").orElseThrow().value());
        String v = s.read("k").orElseThrow().version();
        assertTrue(s.replaceIfVersion("k", b("v2"), v));
        assertArrayEquals(b("v2"), s.read("k").orElseThrow().value());
    }
}

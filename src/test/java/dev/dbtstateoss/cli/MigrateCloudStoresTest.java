package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.dbtstateoss.store.AzureBlobStore;
import dev.dbtstateoss.store.CloudServers;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.S3Store;
import dev.dbtstateoss.store.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** migrate-store and --store s3|azure through the command line, against real servers (S3Proxy, Azurite). */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class MigrateCloudStoresTest {
    @TempDir static Path serverDir;
    static CloudServers.Server s3;
    static CloudServers.Server azurite;

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = CloudServers.s3(serverDir);
        // The emulator behind S3Proxy serves as the Azure side too.
        azurite = CloudServers.azurite(serverDir.resolve("azurite"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.stop();
        }
    }

    static String newContainer() {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 13);
        new BlobServiceClientBuilder().connectionString(azurite.get("connection_string")).buildClient().createBlobContainer(name);
        return name;
    }

    static String newBucket() {
        return newBucket(s3);
    }

    static String newBucket(CloudServers.Server s3) {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 13);
        try (S3Client admin = S3Client.builder().endpointOverride(java.net.URI.create(s3.get("endpoint"))).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.get("access_key"),
                        s3.get("secret_key"))))
                .build()) {
            admin.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** Runs the command line with the AWS default chain's system-property credentials set to the test server's. */
    static MigrateStoreTest.Result runWithAwsCredentials(String... args) {
        return runWithAwsCredentials(s3, java.util.Arrays.asList(args));
    }

    static MigrateStoreTest.Result runWithAwsCredentials(CloudServers.Server s3, List<String> args) {
        System.setProperty("aws.accessKeyId", s3.get("access_key"));
        System.setProperty("aws.secretAccessKey", s3.get("secret_key"));
        try {
            return MigrateStoreTest.run(args.toArray(String[]::new));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void localToAzureToS3ToLocalKeepsEveryByte() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        List<String> keys;
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        try (LocalStore s = new LocalStore(a)) {
            keys = new java.util.ArrayList<>(MigrateStoreTest.fill(s));
            s.createIfAbsent("targets/cc33/runs/big", big);
            keys.add("targets/cc33/runs/big");
        }
        String container = newContainer();
        String bucket = newBucket();
        String cs = azurite.get("connection_string");

        MigrateStoreTest.Result r = MigrateStoreTest.run("migrate-store", "--from", "local", "--from-dir", a.toString(),
                "--to", "azure", "--to-connection-string", cs, "--to-container", container, "--progress", "none");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("copied 8 of 8 keys") && r.out().contains("verification: 5 of 5 prefixes match"), r.out());

        r = runWithAwsCredentials("migrate-store", "--from", "azure", "--from-connection-string", cs, "--from-container", container,
                "--to", "s3", "--to-bucket", bucket, "--to-endpoint", s3.get("endpoint"), "--to-path-style", "--to-region",
                "us-east-1", "--to-prefix", "team/state", "--progress", "none");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("s3://" + bucket + "/team/state/"), r.out());

        r = runWithAwsCredentials("migrate-store", "--from", "s3", "--from-bucket", bucket, "--from-endpoint", s3.get("endpoint"),
                "--from-path-style", "--from-region", "us-east-1", "--from-prefix", "team/state/", "--to", "local", "--to-dir",
                b.toString(), "--threads", "2", "--progress", "none");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());

        try (LocalStore from = new LocalStore(a); LocalStore to = new LocalStore(b)) {
            assertEquals(keys.stream().sorted().toList(), to.list("").toList());
            for (String k : keys) {
                assertArrayEquals(from.read(k).orElseThrow().value(), to.read(k).orElseThrow().value(), k);
            }
        }
    }

    @Test
    void storeOptionsOpenAzureAndS3WithTheirEnvironment() {
        String container = newContainer();
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--store", "azure", "--connection-string", azurite.get("connection_string"),
                "--container", container);
        try (StateStore s = serve.store.spec(Map.of("DBTSTATE_AZURE_PREFIX", "from-env")).open()) {
            assertTrue(s instanceof AzureBlobStore && s.describe().endsWith(container + "/from-env/"), s.describe());
        }
        String bucket = newBucket();
        serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--store", "s3", "--bucket", bucket, "--path-style", "--region", "us-east-1");
        StoreSpec withEndpoint = serve.store.spec(Map.of("DBTSTATE_S3_ENDPOINT", s3.get("endpoint")));
        System.setProperty("aws.accessKeyId", s3.get("access_key"));
        System.setProperty("aws.secretAccessKey", s3.get("secret_key"));
        try (StateStore s = withEndpoint.open()) {
            assertTrue(s instanceof S3Store && s.describe().startsWith("s3://" + bucket + "/state/ at "), s.describe());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void serveNamesAMissingBucketOrContainer() {
        MigrateStoreTest.Result r = runWithAwsCredentials("serve", "--store", "s3", "--bucket", "no-such-bucket", "--endpoint",
                s3.get("endpoint"), "--path-style", "--region", "us-east-1", "--port", "0");
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("--store s3") && r.err().contains("no-such-bucket") && r.err().contains("--bucket"), r.err());
        r = MigrateStoreTest.run("serve", "--store", "azure", "--connection-string", azurite.get("connection_string"),
                "--container", "no-such-container", "--port", "0");
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("--store azure") && r.err().contains("no-such-container"), r.err());
        r = MigrateStoreTest.run("serve", "--store", "s3", "--port", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--bucket is required"), r.err());
    }
}

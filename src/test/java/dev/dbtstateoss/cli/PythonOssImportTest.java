package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.specialized.AppendBlobClient;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.NodeState;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.engine.SqlRequest;
import dev.dbtstateoss.engine.StalePolicy;
import dev.dbtstateoss.engine.TableStamp;
import dev.dbtstateoss.migration.PythonOssImport;
import dev.dbtstateoss.store.CloudServers;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * migrate-store --from-format python-oss on stores the real Python dbt-state-oss 0.1.1 server wrote
 * (its venv, driven over gRPC by scripts/lib/pyoss_client.py), in its local layout; the same records
 * in its S3 layout (S3Proxy) and its Azure append-blob layout (Azurite).
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class PythonOssImportTest {
    static final String ORDERS = InspectTest.ORDERS;
    static final String RAW = InspectTest.RAW;

    @TempDir static Path shared;
    static Path pythonStore;
    static String clientOutput;
    static Path venv;
    static Path client;
    static CloudServers.Server s3;

    @TempDir Path dir;

    @BeforeAll
    static void writeWithThePythonServer() throws Exception {
        Path repo = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        String cache = System.getenv().getOrDefault("DBTSTATE_CACHE", System.getProperty("user.home") + "/.cache/dbt-state-oss");
        venv = Path.of(cache, "venvs", "dbt-state-oss-0.1.1");
        client = repo.resolve("scripts/lib/pyoss_client.py");
        exec(List.of("bash", "-c", ". \"$0/scripts/lib/venv.sh\" && pyserver_venv \"$1\"", repo.toString(), venv.toString()));
        pythonStore = shared.resolve("python-state");
        clientOutput = drivePythonServer(List.of("--store", "local", "--dir", pythonStore.toString()), Map.of());
        s3 = CloudServers.s3(shared.resolve("s3"));
    }

    /** Starts the Python server with these store flags and environment, drives it with pyoss_client.py, stops it. */
    static String drivePythonServer(List<String> storeArgs, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(venv.resolve("bin/dbt-state-oss").toString(), "--port", String.valueOf(port)));
        command.addAll(storeArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(shared.resolve("pyserver-" + port + ".log").toFile());
        pb.environment().putAll(env);
        Process server = pb.start();
        try {
            return exec(List.of(venv.resolve("bin/python").toString(), client.toString(), String.valueOf(port)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nserver log:\n" + Files.readString(shared.resolve("pyserver-" + port + ".log")), e);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.stop();
        }
    }

    static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
        return out;
    }

    /** The Python server's files: name and lines. */
    static Map<String, List<String>> pythonFiles() throws Exception {
        Map<String, List<String>> files = new java.util.TreeMap<>();
        try (var list = Files.list(pythonStore)) {
            for (Path f : list.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                files.put(f.getFileName().toString(), Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList());
            }
        }
        return files;
    }

    @Test
    void theLocalLayoutImportsAsHistoryThatNeverSkips() throws Exception {
        assertTrue(clientOutput.contains("again SKIP"), "the Python server's own history works: " + clientOutput);
        assertEquals(3, pythonFiles().size(), pythonFiles().toString());
        Path to = dir.resolve("to");
        MigrateStoreTest.Result r = MigrateStoreTest.run("migrate-store", "--from", "local", "--from-dir", pythonStore.toString(),
                "--from-format", "python-oss", "--to", "local", "--to-dir", to.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("imported 4 of 4 records from 3 files; 0 already there"), r.out());
        assertTrue(r.out().contains("verification: 3 of 3 targets match"), r.out());

        MigrateStoreTest.Result again = MigrateStoreTest.run("migrate-store", "--from", "local", "--from-dir",
                pythonStore.toString(), "--from-format", "python-oss", "--to", "local", "--to-dir", to.toString(), "--merge");
        assertEquals(ExitCodes.OK, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("imported 0 of 4 records from 3 files; 4 already there"), again.out());

        CliTest.Result history = CliTest.run("inspect", "history", ORDERS, "--dir", to.toString());
        assertEquals(ExitCodes.OK, history.code(), history.err());
        assertTrue(history.out().contains("2 runs") && history.out().contains("imported:"), history.out());

        try (StateStore store = LocalDirectory.open(to)) {
            StoreHistory h = new StoreHistory(store);
            String key = dev.dbtstateoss.engine.Keys.target("", ORDERS);
            List<RunRecord> runs = h.runs(key);
            assertEquals(2, runs.size());
            assertTrue(runs.stream().allMatch(run -> run.kind() == RunKind.IMPORTED && run.fingerprint().startsWith("imported:")));
            assertEquals(600L, h.latest(key).orElseThrow().outcome().targetLastModifiedMs());
            // The query the Python server skipped last: here the first decision executes, then history continues.
            DecisionEngine engine = DecisionEngine.over(h).ids(new Ids(Clock.systemUTC())).build();
            String sql = "select id from " + RAW + " where amount > 0";
            Decision first = engine.decide(request(sql));
            assertInstanceOf(Decision.Execute.class, first, first.toString());
            engine.confirm(new dev.dbtstateoss.engine.Confirmation(((Decision.Execute) first).requestId(), 900L, 25, null, null,
                    1_800_000_000_900L));
            Decision second = engine.decide(request(sql));
            assertInstanceOf(Decision.Skip.class, second, second.toString());
            assertEquals(3, h.runs(key).size());
        }
    }

    static SqlRequest request(String sql) {
        return new SqlRequest(ORDERS, "", "postgres", ExecutionType.FULL, sql, List.of(new TableStamp(RAW, 120L),
                new TableStamp(ORDERS, 900L)), Map.of(), Map.of(), 0, true, StalePolicy.ANY, false, true, false, NodeState.EMPTY,
                Map.of("dbt_node_unique_id", "model.p.orders"), 1_800_000_000_000L);
    }

    @Test
    void theS3AndAzureLayoutsImportTheSameRecords() throws Exception {
        String bucket = MigrateCloudStoresTest.newBucket(s3);
        String container = "py-" + bucket.substring(2);
        String azure = azuriteConnectionString();
        BlobContainerClient c = new BlobServiceClientBuilder().connectionString(azure).buildClient().createBlobContainer(container);
        try (S3Client client = S3Client.builder().endpointOverride(java.net.URI.create(s3.get("endpoint"))).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        s3.get("access_key"), s3.get("secret_key")))).build()) {
            // As the Python server's S3Store and AzureBlobStore lay records out (see its store.py).
            for (Map.Entry<String, List<String>> f : pythonFiles().entrySet()) {
                String hash = f.getKey().substring(0, 16);
                AppendBlobClient blob = c.getBlobClient("state/" + f.getKey()).getAppendBlobClient();
                blob.create();
                for (String line : f.getValue()) {
                    String key = "state/" + hash + "/" + PythonOssImport.sha256(line).substring(0, 16) + ".json";
                    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(line));
                    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    blob.appendBlock(new ByteArrayInputStream(bytes), bytes.length);
                }
            }
        }
        List<String> s3Args = new ArrayList<>(List.of("migrate-store", "--from", "s3", "--from-bucket", bucket, "--from-endpoint",
                s3.get("endpoint"), "--from-path-style", "--from-region", "us-east-1", "--from-format", "python-oss", "--to",
                "local", "--to-dir", dir.resolve("from-s3").toString()));
        MigrateStoreTest.Result r = MigrateCloudStoresTest.runWithAwsCredentials(s3, s3Args);
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("imported 4 of 4 records from 4 files") && r.out().contains("3 of 3 targets match"), r.out());

        r = MigrateStoreTest.run("migrate-store", "--from", "azure", "--from-connection-string", azure, "--from-container",
                container, "--from-format", "python-oss", "--to", "local", "--to-dir", dir.resolve("from-azure").toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("imported 4 of 4 records from 3 files") && r.out().contains("3 of 3 targets match"), r.out());
    }

    @Test
    void whatThePythonServerWritesToS3Imports() throws Exception {
        String bucket = MigrateCloudStoresTest.newBucket(s3);
        Path config = Files.writeString(dir.resolve("aws-config"), "[default]\ns3 =\n    addressing_style = path\n");
        // boto3 takes endpoint, credentials and region from its standard settings, as the Python server documents.
        String output = drivePythonServer(List.of("--store", "s3", "--bucket", bucket), Map.of(
                "AWS_ENDPOINT_URL_S3", s3.get("endpoint"), "AWS_ACCESS_KEY_ID", s3.get("access_key"),
                "AWS_SECRET_ACCESS_KEY", s3.get("secret_key"), "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(),
                "AWS_REQUEST_CHECKSUM_CALCULATION", "when_required", "AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required"));
        assertTrue(output.contains("again SKIP"), "the Python server's S3 history works: " + output);
        List<String> keys;
        try (S3Client client = S3Client.builder().endpointOverride(java.net.URI.create(s3.get("endpoint"))).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        s3.get("access_key"), s3.get("secret_key")))).build()) {
            keys = client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
        }
        assertEquals(4, keys.size(), keys.toString());
        assertTrue(keys.stream().allMatch(k -> k.matches("state/[0-9a-f]{16}/[0-9a-f]{16}\\.json")), "its layout: " + keys);

        Path to = dir.resolve("from-python-s3");
        MigrateStoreTest.Result r = MigrateCloudStoresTest.runWithAwsCredentials(s3, List.of("migrate-store", "--from", "s3",
                "--from-bucket", bucket, "--from-endpoint", s3.get("endpoint"), "--from-path-style", "--from-region", "us-east-1",
                "--from-format", "python-oss", "--to", "local", "--to-dir", to.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("imported 4 of 4 records from 4 files") && r.out().contains("3 of 3 targets match"), r.out());
        try (StateStore store = LocalDirectory.open(to)) {
            List<RunRecord> runs = new StoreHistory(store).runs(dev.dbtstateoss.engine.Keys.target("", ORDERS));
            assertEquals(2, runs.size());
            assertTrue(runs.stream().allMatch(run -> run.kind() == RunKind.IMPORTED), runs.toString());
        }
    }

    /** The Azurite behind S3Proxy (scripts/lib/s3server.sh keeps it in DIR/azurite) serves as the Azure side. */
    static String azuriteConnectionString() throws Exception {
        return CloudServers.azurite(shared.resolve("s3").resolve("azurite")).get("connection_string");
    }
}

package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.BucketInfo;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Fingerprinter;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.CloudServers;
import dev.dbtstateoss.store.GcsStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --store gcs} (and {@code onelake}'s settings) from the command line, on fake-gcs-server. */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class GcsCliTest {
    @TempDir static Path serverDir;
    static CloudServers.Server gcs;

    @BeforeAll
    static void start() throws Exception {
        gcs = CloudServers.gcs(serverDir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gcs != null) {
            gcs.stop();
        }
    }

    static String newBucket() {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 13);
        CloudServers.gcsClient(gcs).create(BucketInfo.of(name));
        return name;
    }

    /** The Python server's variables, and Google's STORAGE_EMULATOR_HOST (host:port, no scheme). */
    @Test
    void storeOptionsOpenGcsWithItsEnvironment() {
        String bucket = newBucket();
        String hostPort = gcs.get("endpoint").replaceFirst("^http://", "");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--store", "gcs");
        StoreSpec spec = serve.store.spec(Map.of("DBTSTATE_GCS_BUCKET", bucket, "DBTSTATE_GCS_PREFIX", "from-env",
                "STORAGE_EMULATOR_HOST", hostPort));
        try (StateStore s = spec.open()) {
            assertTrue(s instanceof GcsStore && s.describe().startsWith("gs://" + bucket + "/from-env/ at "), s.describe());
        }
    }

    @Test
    void inspectReadsAHistoryInGcs() {
        String bucket = newBucket();
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--store", "gcs", "--bucket", bucket, "--endpoint", gcs.get("endpoint"));
        try (StateStore s = serve.store.spec(Map.of()).open()) {
            DecisionEngine engine = DecisionEngine.over(new StoreHistory(s)).fingerprinter(new Fingerprinter(5)).ids(new Ids(Clock.systemUTC())).build();
            InspectTest.build(engine, "select id from " + InspectTest.RAW, 100, null, 500);
            InspectTest.build(engine, "select id from " + InspectTest.RAW + " where amount > 0", 120, 500L, 600);
        }
        CliTest.Result targets = CliTest.run("inspect", "targets", "--store", "gcs", "--bucket", bucket, "--endpoint",
                gcs.get("endpoint"));
        assertEquals(ExitCodes.OK, targets.code(), targets.err());
        assertTrue(targets.out().lines().anyMatch(l -> l.startsWith(InspectTest.ORDERS) && l.contains("  2  ")), targets.out());
        CliTest.Result history = CliTest.run("inspect", "history", InspectTest.ORDERS, "--store", "gcs", "--bucket", bucket,
                "--endpoint", gcs.get("endpoint"));
        assertEquals(ExitCodes.OK, history.code(), history.err());
        assertTrue(history.out().contains("2 runs"), history.out());
    }

    @Test
    void badGcsAndOneLakeSettingsAreNamed() {
        CliTest.Result r = CliTest.run("serve", "--store", "gcs", "--bucket", "no-such-bucket", "--endpoint", gcs.get("endpoint"),
                "--port", "0");
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("no-such-bucket") && r.err().contains("--bucket"), r.err());
        r = CliTest.run("serve", "--store", "gcs", "--port", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--bucket is required"), r.err());
        r = CliTest.run("serve", "--store", "onelake", "--workspace", "ws", "--port", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--item is missing"), r.err());
        r = CliTest.run("serve", "--store", "onelake", "--workspace", "ws", "--item", "x.lakehouse/Files/deeper", "--port", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--item") && r.err().contains("without a path"), r.err());
    }
}

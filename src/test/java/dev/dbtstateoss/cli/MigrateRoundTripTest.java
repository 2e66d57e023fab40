package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.dbtstateoss.store.CloudServers;
import dev.dbtstateoss.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate-store local -> gcs -> s3 -> azure -> local with a store of realistic history, verified at
 * every hop; the last hop's real process is killed (SIGKILL) halfway and resumed with --merge; the
 * final store must hold every key of the original with the same bytes, and nothing else. The stores
 * between the two local ends are the list {@code route} (one line a backend).
 *
 * <p>Size: {@code DBTSTATE_MIGRATE_KEYS} (default {@value #DEFAULT_KEYS}, sized for CI). The Azurite
 * emulator's in-memory store spends time per request in proportion to the blobs it holds, so the
 * time grows with the square of the size; for large sizes set {@code AZURITE_SQL=1} too (the
 * emulators then keep their metadata in MariaDB, and the time grows linearly). See docs/stores.md.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class MigrateRoundTripTest {
    static final int DEFAULT_KEYS = 3000;

    @TempDir static Path serverDir;
    static CloudServers.Server s3;
    static CloudServers.Server azurite;
    static CloudServers.Server gcs;

    @TempDir Path dir;

    /** One store of the route: its {@code --from}/{@code --to} kind and its settings in serve's spelling. */
    record Side(String kind, List<String> settings) {}

    @BeforeAll
    static void start() throws Exception {
        s3 = CloudServers.s3(serverDir.resolve("s3"));
        // An emulator of its own for the Azure hop, so neither holds both copies.
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

    static int size() {
        String v = System.getenv("DBTSTATE_MIGRATE_KEYS");
        return v == null || v.isBlank() ? DEFAULT_KEYS : Integer.parseInt(v.strip());
    }

    static long seconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    @Test
    void roundTripThroughGcsS3AndAzureSurvivesAKillAndLosesNothing() throws Exception {
        Path original = dir.resolve("original");
        Path back = dir.resolve("back");
        int keys;
        long t0 = System.nanoTime();
        try (LocalStore s = new LocalStore(original)) {
            keys = HistoryFixture.write(s, size(), 42);
        }
        System.err.println("round trip: wrote " + keys + " keys in " + seconds(t0) + " s");
        String bucket = MigrateCloudStoresTest.newBucket(s3);
        String container = "round-trip";
        String cs = azurite.get("connection_string");
        new BlobServiceClientBuilder().connectionString(cs).buildClient().createBlobContainer(container);
        String gcsBucket = "round-trip-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        CloudServers.gcsClient(gcs).create(com.google.cloud.storage.BucketInfo.of(gcsBucket));
        List<Side> route = List.of(
                new Side("gcs", List.of("--bucket", gcsBucket, "--endpoint", gcs.get("endpoint"), "--prefix", "trip/")),
                new Side("s3", List.of("--bucket", bucket, "--endpoint", s3.get("endpoint"), "--path-style", "--region",
                        "us-east-1", "--prefix", "trip/")),
                new Side("azure", List.of("--connection-string", cs, "--container", container)));

        Side from = new Side("local", List.of("--dir", original.toString()));
        long t;
        for (Side to : route) {
            t = System.nanoTime();
            MigrateStoreTest.Result r = MigrateCloudStoresTest.runWithAwsCredentials(s3,
                    args(from.kind(), from.settings(), to.kind(), to.settings()));
            assertVerified(r, keys, keys);
            System.err.println("round trip: " + from.kind() + " -> " + to.kind() + " " + seconds(t) + " s");
            from = to;
        }
        Side last = from;

        t = System.nanoTime();
        List<String> lastHop = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "DbtStateOss"));
        lastHop.addAll(args(last.kind(), last.settings(), "local", List.of("--dir", back.toString())));
        Process p = new ProcessBuilder(lastHop).redirectErrorStream(true).redirectOutput(dir.resolve("hop3.log").toFile()).start();
        try {
            killHalfway(p, back, keys);
        } finally {
            p.destroyForcibly();
        }
        long left = count(back);
        System.err.println("round trip: killed " + last.kind() + " -> local after " + seconds(t) + " s with " + left + " of " + keys + " keys");
        assertTrue(left > 0 && left < keys, left + " keys after the kill");


        t = System.nanoTime();
        MigrateStoreTest.Result r = MigrateStoreTest.run(args(last.kind(), last.settings(), "local",
                List.of("--dir", back.toString()), "--merge").toArray(String[]::new));
        assertVerified(r, keys, keys - left);
        System.err.println("round trip: resumed " + last.kind() + " -> local " + seconds(t) + " s");

        try (LocalStore a = new LocalStore(original); LocalStore b = new LocalStore(back)) {
            List<String> want = a.list("").toList();
            assertEquals(keys, want.size());
            assertEquals(want, b.list("").toList(), "the same keys, none lost and none added");
            for (String k : want) {
                assertArrayEquals(a.read(k).orElseThrow().value(), b.read(k).orElseThrow().value(), k);
            }
        }
        System.err.println("round trip: " + keys + " keys in " + seconds(t0) + " s in all, byte-equal");
    }

    /** Waits until half the keys are there, then kills the process with SIGKILL. */
    void killHalfway(Process p, Path back, int keys) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (p.isAlive() && System.nanoTime() < deadline && count(back) < keys / 2) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the process ended before it could be killed: " + Files.readString(dir.resolve("hop3.log")));
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line of one hop: {@code --from-X}/{@code --to-X} spellings of each side's settings. */
    static List<String> args(String fromKind, List<String> from, String toKind, List<String> to, String... more) {
        List<String> a = new ArrayList<>(List.of("migrate-store", "--from", fromKind, "--to", toKind,
                "--progress", "plain"));
        from.forEach(s -> a.add(s.startsWith("--") ? "--from-" + s.substring(2) : s));
        to.forEach(s -> a.add(s.startsWith("--") ? "--to-" + s.substring(2) : s));
        a.addAll(List.of(more));
        return a;
    }

    /** Keys in a local store's directory (files, without lock and temporary files). */
    static long count(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        while (true) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(f -> !root.relativize(f).toString().startsWith(".")
                        && !f.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).count();
            } catch (java.io.UncheckedIOException e) {
                // a temporary file renamed while walking: count again
            }
        }
    }

    static void assertVerified(MigrateStoreTest.Result r, int keys, long copied) {
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("copied " + copied + " of " + keys + " keys"), r.out());
        assertTrue(r.out().contains("; 0 conflicts"), r.out());
        assertTrue(r.out().matches("(?s).*verification: (\\d+) of \\1 prefixes match\\n.*"), r.out());
    }
}

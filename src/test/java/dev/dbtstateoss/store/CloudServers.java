package dev.dbtstateoss.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real test servers, started and stopped by the project's scripts on free loopback ports:
 * {@code scripts/lib/s3server.sh} (S3Proxy in front of Azurite), {@code scripts/lib/azurite.sh} and
 * {@code scripts/lib/gcs.sh} (fake-gcs-server).
 */
public final class CloudServers {
    private CloudServers() {}

    /** One running server: its script, its state directory, and the settings it printed. */
    public static final class Server {
        private final String script;
        private final Path dir;
        private Map<String, String> settings;

        private Server(String script, Path dir) {
            this.script = script;
            this.dir = dir;
        }

        public String get(String key) {
            String v = settings.get(key);
            if (v == null) {
                throw new IllegalStateException(script + " printed no " + key + ": " + settings);
            }
            return v;
        }

        /** Starts the server again (on the same port) after {@link #pause} or {@link #stop}. */
        public void start() throws IOException, InterruptedException {
            settings = parse(run(script, "start", dir));
        }

        /** S3 only: stops the front server; its backend keeps the data. */
        public void pause() throws IOException, InterruptedException {
            run(script, "pause", dir);
        }

        public void stop() throws IOException, InterruptedException {
            run(script, "stop", dir);
        }
    }

    public static Server s3(Path dir) throws IOException, InterruptedException {
        Server s = new Server("s3server.sh", dir);
        s.start();
        return s;
    }

    public static Server azurite(Path dir) throws IOException, InterruptedException {
        Server s = new Server("azurite.sh", dir);
        s.start();
        return s;
    }

    /** fake-gcs-server; its objects are files in the directory, so they survive {@link Server#stop} and start. */
    public static Server gcs(Path dir) throws IOException, InterruptedException {
        Server s = new Server("gcs.sh", dir);
        s.start();
        return s;
    }

    /** A client of a fake-gcs-server started by {@link #gcs}, for arranging what a test then finds. */
    public static com.google.cloud.storage.Storage gcsClient(Server gcs) {
        return new GcsSettings("admin", "", null, java.net.URI.create(gcs.get("endpoint")), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(5)).client();
    }

    private static Path repo() {
        String r = System.getenv("DBTSTATE_REPO");
        return Path.of(r != null ? r : ".").toAbsolutePath();
    }

    private static String run(String script, String verb, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cloud-server-", ".log");
        try {
            Process p = new ProcessBuilder("bash", repo().resolve("scripts/lib").resolve(script).toString(), verb, dir.toString())
                    .redirectErrorStream(false)
                    .redirectError(log.toFile())
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // The first start may install Azurite from npm and fetch S3Proxy from Maven Central.
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " " + verb + " did not finish in 300 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(script + " " + verb + " failed (" + p.exitValue() + "): " + Files.readString(log));
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Map<String, String> parse(String out) {
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return m;
    }
}

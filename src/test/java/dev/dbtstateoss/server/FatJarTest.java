package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.SubmitSQLResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/package builds one jar; `java -jar` of it serves real gRPC calls (so the merged
 * META-INF/services of gRPC survived), metrics, JSON logs, and the drain notice on SIGTERM.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class FatJarTest {

    static String services(java.util.jar.JarFile jar, String service) throws java.io.IOException {
        java.util.jar.JarEntry e = jar.getJarEntry("META-INF/services/" + service);
        assertTrue(e != null, "no META-INF/services/" + service);
        return new String(jar.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theFatJarServes(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("dbt-state-oss.jar");
        ProcessBuilder build = new ProcessBuilder("bash", ServeProcessTest.ROOT.resolve("scripts/package").toString(), jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("package.log").toFile());
        build.environment().put("DBTSTATE_PINNED_JBANG", "1");
        Process p = build.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "scripts/package did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("package.log")));
        assertTrue(Files.size(jar) > 1_000_000, "jar too small");
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            assertEquals("DbtStateOss", j.getManifest().getMainAttributes().getValue("Main-Class"));
            String resolvers = services(j, "io.grpc.NameResolverProvider");
            String balancers = services(j, "io.grpc.LoadBalancerProvider");
            // Each list gathers the providers of several jars (grpc-core, grpc-util, grpc-services, netty-shaded).
            assertTrue(resolvers.contains("io.grpc.internal.DnsNameResolverProvider")
                    && resolvers.contains("io.grpc.netty.shaded.io.grpc.netty.UdsNameResolverProvider"), resolvers);
            assertTrue(balancers.contains("io.grpc.internal.PickFirstLoadBalancerProvider")
                    && balancers.contains("io.grpc.util.OutlierDetectionLoadBalancerProvider"), balancers);
            assertTrue(services(j, "io.grpc.ManagedChannelProvider").contains("NettyChannelProvider"));
            assertTrue(services(j, "io.grpc.ServerProvider").contains("NettyServerProvider"));
        }

        int metricsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            metricsPort = s.getLocalPort();
        }
        Path err = dir.resolve("serve.log");
        long started = System.nanoTime();
        Path capture = dir.resolve("calls.jsonl");
        Process serve = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--store", "local", "--dir",
                dir.resolve("state").toString(), "--capture", capture.toString(), "--host", "127.0.0.1", "--port", "0", "--metrics-port", Integer.toString(metricsPort),
                "--log-format", "json", "--drain-notice-seconds", "3", "--drain-seconds", "5")
                .redirectError(err.toFile()).start();
        ManagedChannel channel = null;
        try {
            String line = new BufferedReader(new InputStreamReader(serve.getInputStream())).readLine();
            Matcher m = line == null ? null : ServeProcessTest.SERVING.matcher(line);
            if (m == null || !m.find()) {
                throw new AssertionError("serve did not start: " + line + "\n" + Files.readString(err));
            }
            System.out.printf("fat jar: serving after %.2f s%n", (System.nanoTime() - started) / 1e9);
            channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(m.group(1))).usePlaintext().build();
            assertEquals(ServingStatus.SERVING, StoreHealthTest.status(channel));

            ServeProcessTest.Server client = new ServeProcessTest.Server(channel);
            SubmitSQLResponse first = client.decide("\"db\".\"an\".\"t\"", 0);
            assertTrue(first.hasReadyToExecute(), first.toString());
            assertTrue(client.confirm(first.getReadyToExecute().getRequestId(), 100));
            assertTrue(client.decide("\"db\".\"an\".\"t\"", 100).hasSkipExecution());

            String metrics = MetricsTest.scrape(metricsPort);
            assertEquals(1, MetricsTest.sample(metrics, "dbtstate_decisions_total", "outcome=\"skip\"", "reason=\"UP_TO_DATE\""),
                    metrics);
            assertEquals(1, MetricsTest.sample(metrics, "dbtstate_confirms_total", "result=\"recorded\""), metrics);
            assertTrue(MetricsTest.sample(metrics, "dbtstate_store_calls_total", "backend=\"local\"") >= 3, metrics);

            // SIGTERM: NOT_SERVING at once, still answering during the notice, then drained and gone.
            serve.destroy();
            StoreHealthTest.await(channel, ServingStatus.NOT_SERVING, "after SIGTERM");
            assertTrue(client.decide("\"db\".\"an\".\"t\"", 100).hasSkipExecution(), "calls are answered during the notice");
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop");
            assertEquals(143, serve.exitValue());

            List<String> lines = Files.readAllLines(err);
            boolean sawDecision = false;
            for (String l : lines) {
                JsonObject o = JsonParser.parseString(l).getAsJsonObject(); // every line is one JSON object
                assertTrue(o.has("time") && o.has("level") && o.has("message"), l);
                if ("SKIP".equals(o.has("outcome") ? o.get("outcome").getAsString() : null)) {
                    sawDecision = true;
                    assertEquals("UP_TO_DATE", o.get("reason").getAsString(), l);
                    assertTrue(o.get("ms").getAsDouble() >= 0, l);
                }
            }
            assertTrue(sawDecision, String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("NOT_SERVING")), String.join("\n", lines));

            // The jar as a gRPC client (DNS name resolver, pick_first from the merged service lists):
            // replay the captured calls against a second server with an empty store: same answers.
            Process fresh = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--store", "memory", "--host",
                    "127.0.0.1", "--port", "0").redirectError(dir.resolve("fresh.log").toFile()).start();
            try {
                Matcher f = ServeProcessTest.SERVING.matcher(
                        String.valueOf(new BufferedReader(new InputStreamReader(fresh.getInputStream())).readLine()));
                assertTrue(f.find(), Files.readString(dir.resolve("fresh.log")));
                Process replay = new ProcessBuilder("java", "-jar", jar.toString(), "replay", capture.toString(), "--target",
                        "localhost:" + f.group(1)).redirectErrorStream(true).redirectOutput(dir.resolve("replay.log").toFile())
                        .start();
                assertTrue(replay.waitFor(120, TimeUnit.SECONDS), "replay did not finish");
                String replayed = Files.readString(dir.resolve("replay.log"));
                assertEquals(0, replay.exitValue(), replayed);
                Matcher summary = java.util.regex.Pattern.compile("(\\d+) calls, (\\d+) match, 0 differ").matcher(replayed);
                assertTrue(summary.find() && Integer.parseInt(summary.group(2)) >= 4, replayed);
            } finally {
                fresh.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.SQLGrpc;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.CloudServers;
import dev.dbtstateoss.store.InstrumentedStore;
import dev.dbtstateoss.store.S3Settings;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Health follows a real store: S3Proxy is stopped (its data kept) and started again while the server
 * runs; a drain reports NOT_SERVING for good while calls are still answered.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class StoreHealthTest {

    @Test
    void healthFollowsTheStoreAndTheDrain(@TempDir Path dir) throws Exception {
        CloudServers.Server s3 = CloudServers.s3(dir.resolve("s3"));
        String name = InProcessServerBuilder.generateName();
        PrometheusRegistry registry = new PrometheusRegistry();
        Metrics metrics = new Metrics(registry);
        List<String> logged = new CopyOnWriteArrayList<>();
        S3Settings settings = new S3Settings("health-" + UUID.randomUUID().toString().substring(0, 8), "state/",
                URI.create(s3.get("endpoint")), true, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.get("access_key"), s3.get("secret_key"))),
                Duration.ofSeconds(5), Duration.ofSeconds(2));
        try (S3Client admin = settings.client()) {
            admin.createBucket(b -> b.bucket(settings.bucket()));
        }
        StateStore store = new InstrumentedStore(settings.open(), "s3", metrics::storeCall);
        Clock clock = Clock.systemUTC();
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(store)).ids(new Ids(clock)).build();
        DecisionServer server = new DecisionServer(InProcessServerBuilder.forName(name), engine, clock,
                List.of(metrics.interceptor())).start();
        StoreProbe probe = new StoreProbe(() -> store.read("health/probe"), Duration.ofMillis(300), Duration.ofSeconds(4),
                up -> {
                    server.setServing(up);
                    metrics.storeUp(up);
                }, logged::add).start();
        HTTPServer http = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry).buildAndStart();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            assertEquals(ServingStatus.SERVING, status(channel));
            Thread.sleep(1000);
            assertEquals(ServingStatus.SERVING, status(channel), "the store answers: " + logged);

            s3.pause();
            await(channel, ServingStatus.NOT_SERVING, "store stopped");
            assertTrue(logged.stream().anyMatch(l -> l.startsWith("store unreachable")), logged.toString());
            String m = MetricsTest.scrape(http.getPort());
            assertEquals(0, MetricsTest.sample(m, "dbtstate_store_up"), m);
            assertTrue(MetricsTest.sample(m, "dbtstate_store_errors_total", "operation=\"read\"", "backend=\"s3\"") >= 1, m);
            // Decisions still answer (safely: EXECUTE) while the store is away.
            assertTrue(SQLGrpc.newBlockingStub(channel).submitEnrichedSQL(MetricsTest.model(null)).hasReadyToExecute());

            s3.start();
            await(channel, ServingStatus.SERVING, "store back");
            assertTrue(logged.stream().anyMatch(l -> l.startsWith("store answers again")), logged.toString());
            assertEquals(1, MetricsTest.sample(MetricsTest.scrape(http.getPort()), "dbtstate_store_up"));

            // Drain: NOT_SERVING for good, even when the probe succeeds, while calls are still answered.
            server.stopServing();
            assertEquals(ServingStatus.NOT_SERVING, status(channel));
            Thread.sleep(1000);
            assertEquals(ServingStatus.NOT_SERVING, status(channel), "a successful probe must not undo a drain");
            assertTrue(SQLGrpc.newBlockingStub(channel).submitEnrichedSQL(MetricsTest.model(null)).hasReadyToExecute());
        } finally {
            channel.shutdownNow();
            probe.close();
            http.stop();
            server.shutdown(Duration.ofSeconds(1));
            store.close();
            s3.stop();
        }
    }

    static ServingStatus status(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    static void await(ManagedChannel channel, ServingStatus wanted, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status(channel) != wanted) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + ": health stayed " + status(channel) + ", expected " + wanted);
            }
            Thread.sleep(100);
        }
    }
}

package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.TableModifiedInfo;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.InstrumentedStore;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real calls over a real (Netty) server, then a real HTTP scrape of /metrics. */
class MetricsTest {
    static final String TARGET = "\"db\".\"analytics\".\"orders\"";
    static final String RAW = "\"db\".\"raw\".\"orders\"";

    private DecisionServer server;
    private HTTPServer http;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Metrics metrics = new Metrics(registry);
        Clock clock = Clock.systemUTC();
        InstrumentedStore store = new InstrumentedStore(new MemoryStore(), "memory", metrics::storeCall);
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(store)).ids(new Ids(clock)).build();
        server = new DecisionServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), engine, clock,
                List.of(metrics.interceptor())).start();
        http = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry).buildAndStart();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdown(Duration.ofSeconds(1));
        http.stop();
    }

    static SubmitEnrichedSQLRequest model(Long targetMs) {
        TableModifiedInfo.Builder t = TableModifiedInfo.newBuilder().setName(TARGET);
        if (targetMs != null) {
            t.setLastModifiedEpoch(targetMs);
        }
        return SubmitEnrichedSQLRequest.newBuilder().setTargetTable(TARGET).setDialect("postgres")
                .setExecutionType(ModelExecutionType.FULL).setSql("select id from " + RAW).setTolerateNondeterminism(true)
                .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(100)).addTables(t)
                .putLabels("dbt_node_unique_id", "model.p.orders").build();
    }

    /** The value of the sample {@code name{...}} whose labels include every {@code k="v"} given, or 0. */
    static double sample(String scrape, String name, String... labels) {
        double total = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            String labelPart = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
            boolean all = true;
            for (String l : labels) {
                all &= labelPart.contains(l);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? total : 0;
    }

    static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void realCallsMoveTheCounters() throws Exception {
        String before = scrape(http.getPort());
        assertEquals(0, sample(before, "dbtstate_decisions_total"), before);

        SQLGrpc.SQLBlockingStub sql = SQLGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        ExecutionGrpc.ExecutionBlockingStub execution = ExecutionGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        SubmitSQLResponse first = sql.submitEnrichedSQL(model(null));
        assertTrue(first.hasReadyToExecute());
        assertTrue(execution.confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId(first.getReadyToExecute().getRequestId()).setLastModifiedEpoch(500).build()).getSuccess());
        assertTrue(sql.submitEnrichedSQL(model(500L)).hasSkipExecution());
        assertTrue(sql.submitEnrichedSQL(model(500L)).hasSkipExecution());
        execution.confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId("0190c5a0-0000-7000-8000-000000000000").setLastModifiedEpoch(1).build());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> sql.submitEnrichedSQL(SubmitEnrichedSQLRequest.getDefaultInstance()));

        String m = scrape(http.getPort());
        assertEquals(1, sample(m, "dbtstate_decisions_total", "outcome=\"execute\"", "reason=\"TARGET_MISSING\""), m);
        assertEquals(2, sample(m, "dbtstate_decisions_total", "outcome=\"skip\"", "reason=\"UP_TO_DATE\""), m);
        assertEquals(3, sample(m, "dbtstate_decisions_total"), m);
        assertEquals(1, sample(m, "dbtstate_confirms_total", "result=\"recorded\""), m);
        assertEquals(1, sample(m, "dbtstate_confirms_total", "result=\"unknown_request\""), m);
        String submit = "method=\"com.fivetran.query_cache.SQL/SubmitEnrichedSQL\"";
        assertEquals(3, sample(m, "dbtstate_rpc_duration_seconds_count", submit, "code=\"OK\""), m);
        assertEquals(1, sample(m, "dbtstate_rpc_duration_seconds_count", submit,
                "code=\"" + refused.getStatus().getCode().name() + "\""), m);
        assertEquals(2, sample(m, "dbtstate_rpc_duration_seconds_count",
                "method=\"com.fivetran.query_cache.Execution/ConfirmExecution\"", "code=\"OK\""), m);
        assertTrue(sample(m, "dbtstate_rpc_duration_seconds_sum", submit) > 0, m);
        assertEquals(0, sample(m, "dbtstate_rpc_in_flight"), m);
        assertTrue(sample(m, "dbtstate_store_calls_total", "operation=\"read\"", "backend=\"memory\"") >= 3, m);
        assertTrue(sample(m, "dbtstate_store_calls_total", "operation=\"create_if_absent\"", "backend=\"memory\"") >= 1, m);
        assertEquals(0, sample(m, "dbtstate_store_errors_total"), m);
        assertEquals(1, sample(m, "dbtstate_store_up"), m);
    }
}

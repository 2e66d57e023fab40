package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ClientTelemetryGrpc;
import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.CloneGrpc;
import com.fivetran.query_cache.CloneRequest;
import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.DbtNodeData;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.ResolveDeferredRelationsRequest;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SelectorCriteria;
import com.fivetran.query_cache.SelectorRequest;
import com.fivetran.query_cache.SelectorServiceGrpc;
import com.fivetran.query_cache.SessionStartRequest;
import com.fivetran.query_cache.Struct;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.SubmitValuesRequest;
import com.fivetran.query_cache.TableModifiedInfo;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import com.fivetran.query_cache.Value;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dbtstateoss.capture.CaptureWriter;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.server.CaptureInterceptor;
import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay: our own capture replays without differences; changes, broken lines and bad input are reported. */
class ReplayCommandTest {
    static final String TARGET = "\"db\".\"analytics\".\"orders\"";
    static final String RAW = "\"db\".\"raw\".\"orders\"";

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static DecisionServer server(io.grpc.ServerBuilder<?> builder, CaptureWriter capture) throws Exception {
        Clock clock = Clock.systemUTC();
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore())).ids(new Ids(clock)).build();
        return new DecisionServer(builder, engine, clock,
                capture == null ? List.of() : List.of(new CaptureInterceptor(capture, clock))).start();
    }

    /** Traffic like a dbt build's, through real stubs, recorded into {@code file}; returns the number of calls. */
    static int captureTraffic(Path file) throws Exception {
        String name = InProcessServerBuilder.generateName();
        CaptureWriter capture = CaptureWriter.open(file, m -> {
            throw new AssertionError(m);
        });
        DecisionServer server = server(InProcessServerBuilder.forName(name).directExecutor(), capture);
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            return new Traffic(channel).run();
        } finally {
            channel.shutdownNow();
            server.shutdown(Duration.ofSeconds(1));
            capture.close();
        }
    }

    /** The calls of a small project: a model, a data test, a seed, and the services around them. */
    static final class Traffic {
        final Channel channel;
        long now = 1_800_000_000_000L;
        int calls;

        Traffic(Channel channel) {
            this.channel = channel;
        }

        <S extends AbstractStub<S>> S at(S stub) {
            Metadata m = new Metadata();
            m.put(Metadata.Key.of("x-submitted-at-epoch", Metadata.ASCII_STRING_MARSHALLER), Long.toString(now += 1_000));
            m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer not-for-the-file");
            calls++;
            return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
        }

        SubmitEnrichedSQLRequest model(Long targetMs) {
            TableModifiedInfo.Builder own = TableModifiedInfo.newBuilder().setName(TARGET);
            if (targetMs != null) {
                own.setLastModifiedEpoch(targetMs);
            }
            return SubmitEnrichedSQLRequest.newBuilder().setTargetTable(TARGET).setDialect("postgres")
                    .setExecutionType(ModelExecutionType.FULL).setSql("select id from " + RAW)
                    .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(100)).addTables(own)
                    .putLabels("dbt_node_unique_id", "model.p.orders").setTolerateNondeterminism(true).build();
        }

        int run() {
            SQLGrpc.SQLBlockingStub sql = SQLGrpc.newBlockingStub(channel);
            ExecutionGrpc.ExecutionBlockingStub execution = ExecutionGrpc.newBlockingStub(channel);
            at(ClientValidationGrpc.newBlockingStub(channel)).validateClientVersion(
                    ValidateClientVersionRequest.newBuilder().setDbtRunCacheVersion("2.62.3").build());
            at(ClientTelemetryGrpc.newBlockingStub(channel)).registerSessionStart(SessionStartRequest.getDefaultInstance());
            at(ExecutionGrpc.newBlockingStub(channel)).resolveDeferredRelations(ResolveDeferredRelationsRequest.newBuilder()
                    .setProfileName("p").addNodeUniqueIds("model.p.orders").build());
            at(SelectorServiceGrpc.newBlockingStub(channel)).getStateSelection(SelectorRequest.newBuilder()
                    .setSelectorCriteria(SelectorCriteria.MODIFIED).addNodes(DbtNodeData.newBuilder().setNodeUniqueId("model.p.orders"))
                    .build());
            at(sql).submitEnrichedSQLSpeculative(model(null));
            SubmitSQLResponse first = at(sql).submitEnrichedSQL(model(null));
            at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(first.getReadyToExecute().getRequestId())
                    .setLastModifiedEpoch(now + 40).setExecutionRuntimeMs(1234).build());
            // Read back as the confirmation left it (the call's own clock step is 1,000 ms).
            at(sql).submitEnrichedSQL(model(now - 960));

            SubmitEnrichedSQLRequest test = SubmitEnrichedSQLRequest.newBuilder().setExecutionType(ModelExecutionType.DBT_DATA_TEST)
                    .setSql("select count(*) as failures from " + RAW).setDialect("postgres")
                    .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(100))
                    .putLabels("dbt_node_unique_id", "test.p.not_null").setTolerateNondeterminism(true).build();
            SubmitSQLResponse ran = at(sql).submitEnrichedSQL(test);
            at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(ran.getReadyToExecute().getRequestId())
                    .setExecutionRuntimeMs(50).setExecutionResults(Struct.newBuilder()
                            .putFields("failures", Value.newBuilder().setIntValue(0).build())
                            .putFields("should_warn", Value.newBuilder().setBoolValue(false).build())).build());
            at(sql).submitEnrichedSQL(test);

            SubmitValuesRequest seed = SubmitValuesRequest.newBuilder().setTargetTable("\"db\".\"s\".\"countries\"")
                    .setValuesHash("md5a").build();
            SubmitSQLResponse load = at(sql).submitValues(seed);
            at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(load.getReadyToExecute().getRequestId())
                    .setLastModifiedEpoch(now + 40).build());
            at(sql).submitValues(seed.toBuilder().setLastModifiedEpoch(now - 960).build());
            at(sql).submitValues(seed.toBuilder().setLastModifiedEpoch(now - 1_960).setValuesHash("md5b").build());

            at(CloneGrpc.newBlockingStub(channel)).registerClone(CloneRequest.newBuilder().setTargetTable("\"dev\".\"s\".\"orders\"")
                    .setCloneSourceTable(TARGET).setDialect("snowflake").setExecutionType(ModelExecutionType.FULL).build());
            assertThrows(StatusRuntimeException.class, () -> at(sql).submitEnrichedSQL(model(null).toBuilder().setSql(" ").build()));
            // A confirmation of an id this server never issued (from before the capture, say): answered "no".
            at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId("01900000-0000-7000-8000-000000000000")
                    .build());
            return calls;
        }
    }

    @Test
    void ourOwnCaptureReplaysIntoAFreshEngineWithoutDifferences(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        int calls = captureTraffic(capture);
        assertEquals(calls, Files.readAllLines(capture).size());
        assertFalse(Files.readString(capture).contains("not-for-the-file"));

        Result r = run("replay", capture.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().strip().endsWith("\n" + calls + " calls, " + calls + " match, 0 differ"), r.out());
        assertFalse(r.out().contains("differs"), r.out());
        assertTrue(r.out().contains(":" + calls + " Execution/ConfirmExecution 01900000-0000-7000-8000-000000000000: matches\n"
                + "  note: request_id 01900000-0000-7000-8000-000000000000 was not issued by any answer"), r.out());
        assertEquals("", r.err());

        Result json = run("replay", "--format", "json", capture.toString());
        assertEquals(ExitCodes.OK, json.code(), json.err());
        JsonObject doc = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(calls, doc.get("calls").getAsInt());
        assertEquals(calls, doc.get("match").getAsInt());
        assertEquals(0, doc.get("differ").getAsInt());
        assertEquals(calls, doc.getAsJsonArray("results").size());
    }

    @Test
    void replayAgainstARunningServer(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        int calls = captureTraffic(capture);
        DecisionServer fresh = server(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), null);
        int port = fresh.port();
        try {
            Result r = run("replay", "--target", "127.0.0.1:" + port, capture.toString());
            assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
            assertTrue(r.out().strip().endsWith(calls + " calls, " + calls + " match, 0 differ"), r.out());
            Result again = run("replay", "--target", "127.0.0.1:" + port, capture.toString());
            assertEquals(ExitCodes.DIFFERENT, again.code(), "the server remembers the first replay: " + again.out());
        } finally {
            fresh.shutdown(Duration.ofSeconds(1));
        }
        Result down = run("replay", "--target", "127.0.0.1:" + port, capture.toString());
        assertEquals(ExitCodes.FAILURE, down.code(), down.out() + down.err());
        assertTrue(down.err().contains("--target") && down.err().contains("cannot connect"), down.err());
        assertEquals("", down.out());
    }

    @Test
    void aDifferentAnswerIsReportedWithLineMethodAndField(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        captureTraffic(capture);
        List<String> lines = new ArrayList<>(Files.readAllLines(capture));
        int skipLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"skip_execution\":{") && lines.get(i).contains("model.p.orders")) {
                skipLine = i;
            }
        }
        assertTrue(skipLine >= 0, "the capture has the model's skip");
        lines.set(skipLine, lines.get(skipLine).replace("\"execution_runtime_ms\":1234", "\"execution_runtime_ms\":999")
                .replace("\"is_stale\":false", "\"is_stale\":true"));
        Files.write(capture, lines);
        Result r = run("replay", capture.toString());
        assertEquals(ExitCodes.DIFFERENT, r.code(), r.out());
        String where = capture + ":" + (skipLine + 1) + " SQL/SubmitEnrichedSQL model.p.orders: differs";
        assertTrue(r.out().contains(where), r.out());
        assertTrue(r.out().contains("  skip_execution.execution_runtime_ms: recorded 999, ours 1234"), r.out());
        assertTrue(r.out().contains("  skip_execution.explained_decision.is_stale: recorded true, ours false"), r.out());
        assertTrue(r.out().strip().endsWith(lines.size() + " calls, " + (lines.size() - 1) + " match, 1 differ"), r.out());

        Result json = run("replay", "--format", "json", capture.toString());
        JsonObject doc = JsonParser.parseString(json.out()).getAsJsonObject();
        JsonObject call = doc.getAsJsonArray("results").get(skipLine).getAsJsonObject();
        assertEquals("differ", call.get("status").getAsString());
        assertEquals(skipLine + 1, call.get("line").getAsInt());
        assertEquals(2, call.getAsJsonArray("differences").size());
    }

    @Test
    void anOutcomeChangeAndAnUnissuedIdAreExplained(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        captureTraffic(capture);
        List<String> lines = Files.readAllLines(capture);
        // Without the first decision, our engine never issues the id its confirmation refers to.
        List<String> cut = new ArrayList<>();
        for (String l : lines) {
            if (!(l.contains("\"method\":\"SubmitEnrichedSQL\"") && l.contains("ready_to_execute") && l.contains("model.p.orders"))) {
                cut.add(l);
            }
        }
        assertEquals(lines.size() - 1, cut.size());
        Files.write(capture, cut);
        Result r = run("replay", capture.toString());
        assertEquals(ExitCodes.DIFFERENT, r.code(), r.out());
        assertTrue(r.out().contains("was not issued by any answer of this replay"), r.out());
        assertTrue(r.out().contains("  success: recorded true, ours false"), r.out());
        assertTrue(r.out().contains("  response: recorded \"skip_execution\", ours \"ready_to_execute\""), r.out());
    }

    @Test
    void brokenLinesUnknownMethodsAndUnknownFieldsAreReportedAndTheReplayGoesOn(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        captureTraffic(capture);
        List<String> lines = new ArrayList<>(Files.readAllLines(capture));
        String validate = lines.get(0);
        lines.add(1, "{\"service\": \"SQL\", \"method\": \"SubmitEnriched");
        lines.add(2, validate.replace("\"method\":\"ValidateClientVersion\"", "\"method\":\"ValidateEverything\""));
        lines.add(3, validate.replace("\"dbt_run_cache_version\":\"2.62.3\"",
                "\"dbt_run_cache_version\":\"2.62.3\",\"shiny\":\"new\",\"lenient_dependencies\":[]"));
        lines.add(4, "");
        lines.add(5, validate.replace("\"is_supported\":true", "\"is_supported\":\"yes\""));
        Files.write(capture, lines);
        Result r = run("replay", capture.toString());
        assertEquals(ExitCodes.DIFFERENT, r.code(), r.out());
        assertTrue(r.out().contains(capture + ":2: broken line, not replayed: not JSON"), r.out());
        assertTrue(r.out().contains(capture + ":3: unknown method ClientValidation/ValidateEverything, not replayed"), r.out());
        assertTrue(r.out().contains(capture + ":4 ClientValidation/ValidateClientVersion: matches"), r.out());
        assertTrue(r.out().contains("  note: unknown field request.shiny ignored"), r.out());
        assertTrue(r.out().contains("ValidateClientVersionRequest.lenient_dependencies (1 line)"), r.out());
        assertTrue(r.out().contains(capture + ":6: broken line, not replayed: response.is_supported:"), r.out());
        int calls = lines.size() - 1;
        assertTrue(r.out().strip().endsWith(calls + " calls, " + (calls - 3) + " match, 0 differ, 3 not replayed"), r.out());
    }

    @Test
    void missingFilesAndBadOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        Result r = run("replay", dir.resolve("nope.jsonl").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("nope.jsonl: no such file"), r.err());
        Path capture = Files.writeString(dir.resolve("c.jsonl"), "");
        assertEquals(ExitCodes.USAGE, run("replay").code(), "FILE is required");
        assertEquals(ExitCodes.USAGE, run("replay", "--format", "xml", capture.toString()).code());
        assertEquals(ExitCodes.USAGE, run("replay", "--store", "local", "--dir", dir.resolve("none").toString(),
                capture.toString()).code());
        assertEquals(ExitCodes.USAGE, run("replay", "--target", "127.0.0.1:1", "--store", "memory", capture.toString()).code());
        assertEquals(ExitCodes.USAGE, run("replay", "--target", "no-port", capture.toString()).code());
        Result empty = run("replay", capture.toString());
        assertEquals(ExitCodes.OK, empty.code());
        assertEquals("0 calls, 0 match, 0 differ", empty.out().strip());
    }

    @Test
    void aLocalStoreIsReplayedInto(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("capture.jsonl");
        int calls = captureTraffic(capture);
        Path store = Files.createDirectory(dir.resolve("state"));
        Result first = run("replay", "--store", "local", "--dir", store.toString(), capture.toString());
        assertEquals(ExitCodes.OK, first.code(), first.out() + first.err());
        Result second = run("replay", "--store", "local", "--dir", store.toString(), capture.toString());
        assertEquals(ExitCodes.DIFFERENT, second.code(), "the store kept the first replay's runs");
        assertTrue(second.out().contains("differs"), second.out());
        assertTrue(second.out().strip().endsWith(" differ") && !second.out().contains(calls + " match"), second.out());
    }
}

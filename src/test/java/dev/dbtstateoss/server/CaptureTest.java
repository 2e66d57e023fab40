package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.TableModifiedInfo;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import com.fivetran.query_cache.ValidateClientVersionResponse;
import dev.dbtstateoss.capture.CaptureRecord;
import dev.dbtstateoss.capture.CaptureWriter;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --capture: every call recorded off the call's path, read back equal, never failing a decision. */
class CaptureTest {
    static final String TARGET = "\"db\".\"analytics\".\"orders\"";
    static final Metadata.Key<String> SUBMITTED_AT = Metadata.Key.of("x-submitted-at-epoch", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** An in-process server with capture on, and a channel to it. */
    static final class Capturing implements AutoCloseable {
        final CaptureWriter writer;
        final DecisionServer server;
        final ManagedChannel channel;

        Capturing(CaptureWriter writer) throws IOException {
            this.writer = writer;
            String name = InProcessServerBuilder.generateName();
            Clock clock = Clock.systemUTC();
            DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore()))
                    .ids(new Ids(clock))
                    .build();
            server = new DecisionServer(InProcessServerBuilder.forName(name).directExecutor(), engine, clock,
                    List.of(new CaptureInterceptor(writer, clock))).start();
            channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        }

        @Override
        public void close() throws Exception {
            channel.shutdownNow();
            server.shutdown(Duration.ofSeconds(1));
            writer.close();
        }
    }

    static <S extends AbstractStub<S>> S at(S stub, long now) {
        Metadata m = new Metadata();
        m.put(SUBMITTED_AT, Long.toString(now));
        m.put(AUTHORIZATION, "Bearer secret-token");
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    static SubmitEnrichedSQLRequest model(Long targetMs) {
        TableModifiedInfo.Builder target = TableModifiedInfo.newBuilder().setName(TARGET);
        if (targetMs != null) {
            target.setLastModifiedEpoch(targetMs);
        }
        return SubmitEnrichedSQLRequest.newBuilder().setTargetTable(TARGET).setDialect("postgres")
                .setExecutionType(ModelExecutionType.FULL).setSql("select id from \"db\".\"raw\".\"orders\"")
                .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"orders\"").setLastModifiedEpoch(100))
                .addTables(target).putLabels("dbt_node_unique_id", "model.p.orders").build();
    }

    @Test
    void everyCallIsRecordedAndReadsBackEqual(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("capture.jsonl");
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        ValidateClientVersionResponse valid;
        SubmitSQLResponse first;
        SubmitSQLResponse second;
        try (Capturing c = new Capturing(CaptureWriter.open(file, warnings::add))) {
            valid = at(ClientValidationGrpc.newBlockingStub(c.channel), 1_000).validateClientVersion(
                    ValidateClientVersionRequest.newBuilder().setDbtRunCacheVersion("2.62.3").build());
            first = at(SQLGrpc.newBlockingStub(c.channel), 2_000).submitEnrichedSQL(model(null));
            at(ExecutionGrpc.newBlockingStub(c.channel), 3_000).confirmExecution(ConfirmExecutionRequest.newBuilder()
                    .setRequestId(first.getReadyToExecute().getRequestId()).setLastModifiedEpoch(500).build());
            second = at(SQLGrpc.newBlockingStub(c.channel), 4_000).submitEnrichedSQL(model(500L));
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> at(SQLGrpc.newBlockingStub(c.channel), 5_000).submitEnrichedSQL(model(1L).toBuilder().setSql(" ").build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
            HealthGrpc.newBlockingStub(c.channel).check(HealthCheckRequest.getDefaultInstance());
        }
        assertEquals(List.of(), warnings);
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size(), "health checks are not recorded:\n" + String.join("\n", lines));
        assertFalse(Files.readString(file).contains("secret-token"), "credentials never reach the file");

        CaptureRecord v = CaptureRecord.parse(lines.get(0)).record();
        assertEquals("ClientValidation", v.service());
        assertEquals("ValidateClientVersion", v.method());
        assertEquals(valid, v.response());
        assertTrue(v.recordedAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00"), v.recordedAt());
        assertTrue(v.metadata().contains(new CaptureRecord.Header("authorization", "[redacted]")), v.metadata().toString());
        assertTrue(v.metadata().contains(new CaptureRecord.Header("x-submitted-at-epoch", "1000")), v.metadata().toString());

        CaptureRecord.Parsed decided = CaptureRecord.parse(lines.get(1));
        assertEquals(List.of(), decided.unknownFields());
        assertEquals("SQL", decided.record().service());
        assertEquals(model(null), decided.record().request());
        assertEquals(first, decided.record().response());
        assertEquals("Execution", CaptureRecord.parse(lines.get(2)).record().service());
        assertTrue(((com.fivetran.query_cache.ConfirmExecutionResponse) CaptureRecord.parse(lines.get(2)).record().response())
                .getSuccess());
        assertEquals(second, CaptureRecord.parse(lines.get(3)).record().response());
        assertTrue(second.hasSkipExecution(), second.toString());

        CaptureRecord error = CaptureRecord.parse(lines.get(4)).record();
        assertNull(error.response());
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), error.error().code());
        assertTrue(error.error().message().startsWith("sql:"), error.error().message());
        assertTrue(lines.get(4).contains("\"error\":{\"code\":3,"), lines.get(4));
    }

    /** /dev/full accepts the open and fails every write with ENOSPC, like a full disk. */
    @Test
    void aFullDiskStopsCaptureWithOneWarningAndDecisionsGoOn() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (Capturing c = new Capturing(CaptureWriter.open(full, warnings::add))) {
            SQLGrpc.SQLBlockingStub sql = SQLGrpc.newBlockingStub(c.channel);
            assertTrue(at(sql, 1_000).submitEnrichedSQL(model(null)).hasReadyToExecute());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (warnings.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(c.writer.accepting(), "capture stopped");
            for (int i = 0; i < 50; i++) {
                assertTrue(at(sql, 2_000 + i).submitEnrichedSQL(model(null)).hasReadyToExecute());
            }
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("/dev/full") && warnings.get(0).contains("stopped"), warnings.get(0));
    }

    /** A writer that cannot keep up: calls are dropped from the capture (one warning), never delayed. */
    @Test
    void aFullQueueDropsWithOneWarningWithoutBlockingCalls() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StringBuilder written = new StringBuilder();
        Writer stuck = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                written.append(buf, off, len);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (Capturing c = new Capturing(new CaptureWriter("stuck", stuck, 2, warnings::add))) {
            ClientValidationGrpc.ClientValidationBlockingStub stub = ClientValidationGrpc.newBlockingStub(c.channel);
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertTrue(at(stub, i + 1).validateClientVersion(ValidateClientVersionRequest.getDefaultInstance()).getIsSupported());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "calls were not held up by the writer");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("dropped"), warnings.get(0));
            release.countDown();
        }
        long lines = written.chars().filter(ch -> ch == '\n').count();
        assertTrue(lines >= 2 && lines <= 3, "the queued calls (and the one being written) are kept: " + lines);
    }

    @Test
    void aFileThatCannotBeOpenedIsReportedToTheCaller(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> CaptureWriter.open(dir.resolve("no/such/dir/c.jsonl"), m -> {}));
        assertTrue(e.getMessage().contains("directory does not exist"), e.getMessage());
    }
}

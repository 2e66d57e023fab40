package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.Struct;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.SubmitValuesRequest;
import com.fivetran.query_cache.TableModifiedInfo;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import com.fivetran.query_cache.Value;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real services on an in-process server, called through real stubs. */
class DecisionServerTest {
    static final Pattern UUID_V7 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    static final String TARGET = "\"db\".\"analytics\".\"orders\"";
    static final String RAW = "\"db\".\"raw\".\"orders\"";

    private InProcessServer server;
    private ManagedChannel channel;
    private SQLGrpc.SQLBlockingStub sql;
    private ExecutionGrpc.ExecutionBlockingStub execution;
    private long now = 1_800_000_000_000L;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServer.start(DecisionEngine.over(new StoreHistory(new MemoryStore())).build());
        channel = server.channel();
        sql = SQLGrpc.newBlockingStub(channel);
        execution = ExecutionGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private <S extends io.grpc.stub.AbstractStub<S>> S at(S stub) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("x-submitted-at-epoch", Metadata.ASCII_STRING_MARSHALLER), Long.toString(now));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    private SubmitEnrichedSQLRequest.Builder model(long rawMs, Long targetMs) {
        SubmitEnrichedSQLRequest.Builder b = SubmitEnrichedSQLRequest.newBuilder()
                .setTargetTable(TARGET).setDialect("postgres").setExecutionType(ModelExecutionType.FULL)
                .setSql("select id from " + RAW).setFreshnessToleranceSeconds(0).setTolerateNondeterminism(true)
                .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(rawMs))
                .putLabels("dbt_node_unique_id", "model.p.orders");
        TableModifiedInfo.Builder t = TableModifiedInfo.newBuilder().setName(TARGET);
        if (targetMs != null) {
            t.setLastModifiedEpoch(targetMs);
        }
        return b.addTables(t);
    }

    @Test
    void executeConfirmThenSkip() {
        SubmitSQLResponse first = at(sql).submitEnrichedSQL(model(100, null).build());
        assertTrue(first.hasReadyToExecute());
        assertEquals("model was executed because its table did not exist",
                first.getReadyToExecute().getExplainedDecision().getDecisionDescription());
        String requestId = first.getReadyToExecute().getRequestId();
        assertTrue(UUID_V7.matcher(requestId).matches(), requestId);
        assertTrue(UUID_V7.matcher(first.getReadyToExecute().getExecutionDecisionId()).matches());
        assertNotEquals(requestId, first.getReadyToExecute().getExecutionDecisionId());

        assertTrue(at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(requestId)
                .setLastModifiedEpoch(500).setExecutionRuntimeMs(1234).build()).getSuccess());

        now += 60_000;
        SubmitSQLResponse second = at(sql).submitEnrichedSQL(model(100, 500L).build());
        assertTrue(second.hasSkipExecution(), second.toString());
        assertEquals(1234, second.getSkipExecution().getExecutionRuntimeMs());
        assertEquals("model was a no-op because both its query and its upstream data are up to date",
                second.getSkipExecution().getExplainedDecision().getDecisionDescription());
        assertTrue(second.getSkipExecution().hasExecutionResults());

        SubmitSQLResponse third = at(sql).submitEnrichedSQL(model(101, 500L).build());
        assertTrue(third.hasReadyToExecute(), "a newer input with tolerance 0 must execute");
    }

    @Test
    void aQueryBackToAnOlderOneExecutesWithTheHostedReasons() {
        String a = at(sql).submitEnrichedSQL(model(100, null).build()).getReadyToExecute().getRequestId();
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(a).setLastModifiedEpoch(500).build());
        now += 1000;
        SubmitSQLResponse b = at(sql).submitEnrichedSQL(model(100, 500L).setSql("select 2").build());
        assertEquals(com.fivetran.query_cache.RejectionReason.NO_SUITABLE_MATCH_FOUND,
                b.getReadyToExecute().getExplainedDecision().getSkipRejectionReason());
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId(b.getReadyToExecute().getRequestId()).setLastModifiedEpoch(600).build());
        now += 1000;
        SubmitSQLResponse again = at(sql).submitEnrichedSQL(model(100, 600L).build());
        assertTrue(again.hasReadyToExecute(), "after A -> B -> A the table holds B: execute");
        assertEquals(com.fivetran.query_cache.RejectionReason.LATEST_QUERY_HASH_NOT_MATCH,
                again.getReadyToExecute().getExplainedDecision().getSkipRejectionReason());
        assertEquals(com.fivetran.query_cache.RejectionReason.TARGET_TABLE_MATCH,
                again.getReadyToExecute().getExplainedDecision().getCloneRejectionReason());
    }

    @Test
    void speculativeRequestsGetOnlyTheSkipsTheFullRequestWouldGet() {
        assertTrue(at(sql).submitEnrichedSQLSpeculative(model(100, null).build()).hasUndecided());
        String id = at(sql).submitEnrichedSQL(model(100, null).build()).getReadyToExecute().getRequestId();
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(id).setLastModifiedEpoch(500).build());
        var skip = at(sql).submitEnrichedSQLSpeculative(model(100, 500L).build());
        assertTrue(skip.hasSkipExecution(), skip.toString());
        assertTrue(at(sql).submitEnrichedSQL(model(100, 500L).build()).hasSkipExecution());
        assertTrue(at(sql).submitEnrichedSQLSpeculative(model(101, 500L).build()).hasUndecided(), "newer input: not early");
        assertTrue(at(sql).submitEnrichedSQLSpeculative(model(100, 500L).setSql(" ").build()).hasUndecided());
    }

    @Test
    void explainSaysWhyAndNamesTheStaleInput() {
        SubmitSQLResponse first = at(sql).submitEnrichedSQL(model(100, null).build());
        String run = first.getReadyToExecute().getRequestId();
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(run).setLastModifiedEpoch(500).build());
        SubmitSQLResponse stale = at(sql).submitEnrichedSQL(model(160, 500L).build());
        String id = stale.getReadyToExecute().getExecutionDecisionId();
        var explain = com.fivetran.query_cache.ExplainGrpc.newBlockingStub(channel).getExplainMessages(
                com.fivetran.query_cache.GetExplainMessagesRequest.newBuilder().addExecutionDecisionIds(id)
                        .addExecutionDecisionIds("01900000-0000-7000-8000-000000000000").build());
        assertEquals(1, explain.getMessagesCount(), "unknown ids are left out");
        var entry = explain.getMessages(0);
        assertEquals(com.fivetran.query_cache.SubmitSQLResultType.READY_TO_EXECUTE, entry.getDecision());
        assertTrue(entry.getExplainLinesList().stream().anyMatch(l -> l.getText().contains(RAW + ": newer by 60 ms")
                && l.getBadge() == com.fivetran.query_cache.ExplainBadge.OUTDATED), entry.toString());
        assertTrue(entry.getExplainLinesList().stream().anyMatch(l -> l.getBadge() == com.fivetran.query_cache.ExplainBadge.NODE_QUERY_UNCHANGED));
        String rebuilt = stale.getReadyToExecute().getRequestId();
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(rebuilt).setLastModifiedEpoch(600).build());
        var upstream = com.fivetran.query_cache.ExplainGrpc.newBlockingStub(channel).getUpstreamDependencyChanges(
                com.fivetran.query_cache.GetUpstreamDependencyChangesRequest.newBuilder().addExecutionIds(rebuilt).addExecutionIds(run)
                        .addExecutionIds("01900000-0000-7000-8000-000000000000").build());
        assertEquals(2, upstream.getDependencyChangesCount(), "unknown ids are left out");
        assertEquals(rebuilt, upstream.getDependencyChanges(0).getExecutionId());
        assertEquals(java.util.List.of(RAW + ": modified at 160, newer by 60 ms than at the run before (100)"),
                upstream.getDependencyChanges(0).getLinesList().stream().map(l -> l.getText()).toList(), upstream.toString());
        assertEquals(com.fivetran.query_cache.ExplainBadge.OUTDATED, upstream.getDependencyChanges(0).getLines(0).getBadge());
        assertTrue(upstream.getDependencyChanges(1).getLines(0).getText().startsWith("no earlier run"), upstream.toString());
    }

    @Test
    void recordedExecutionsFeedTheHistoryAndABadBatchWritesNothing() {
        SubmitEnrichedSQLRequest m = model(100, 500L).build();
        com.fivetran.query_cache.ExecutionRecord sqlRun = com.fivetran.query_cache.ExecutionRecord.newBuilder()
                .setOutcome(com.fivetran.query_cache.ExecutionOutcome.newBuilder().setLastModifiedEpoch(500).setExecutionRuntimeMs(9))
                .setEnrichedSql(com.fivetran.query_cache.SQLExecution.newBuilder().setTargetTable(m.getTargetTable()).setDialect(m.getDialect())
                        .setExecutionType(m.getExecutionType()).setSql(m.getSql()).addAllTables(m.getTablesList())
                        .putAllLabels(m.getLabelsMap()))
                .build();
        com.fivetran.query_cache.ExecutionRecord broken = com.fivetran.query_cache.ExecutionRecord.newBuilder()
                .setEnrichedSql(com.fivetran.query_cache.SQLExecution.newBuilder().setTargetTable("\"x\"")).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> at(execution).recordExecutions(
                com.fivetran.query_cache.RecordExecutionsRequest.newBuilder().addRecords(sqlRun).addRecords(broken).build()));
        assertTrue(e.getStatus().getDescription().startsWith("records[1]"), e.getStatus().toString());
        assertTrue(at(sql).submitEnrichedSQL(m).hasReadyToExecute(), "nothing of the refused batch was recorded");

        assertEquals(1, at(execution).recordExecutions(
                com.fivetran.query_cache.RecordExecutionsRequest.newBuilder().addRecords(sqlRun).build()).getRecordsStored());
        SubmitSQLResponse after = at(sql).submitEnrichedSQL(m);
        assertTrue(after.hasSkipExecution(), after.toString());
        assertEquals(9, after.getSkipExecution().getExecutionRuntimeMs());
    }

    @Test
    void preClonesGetCloneSqlWhereTheWarehouseCanClone() {
        var clone = com.fivetran.query_cache.CloneGrpc.newBlockingStub(channel);
        var req = com.fivetran.query_cache.CloneRequest.newBuilder().setTargetTable("\"D\".\"DEV\".\"T\"")
                .setCloneSourceTable("\"D\".\"PROD\".\"T\"").setDialect("snowflake")
                .setExecutionType(ModelExecutionType.MERGE).setCloneSourceTableType("TRANSIENT TABLE").build();
        var ready = at(clone).registerClone(req);
        assertTrue(ready.hasReadyToClone() && ready.hasReadyToCloneV1(), ready.toString());
        assertTrue(ready.getReadyToClone().getCloneSqls(0).contains("CLONE \"D\".\"PROD\".\"T\""));
        var confirmed = at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId(ready.getReadyToClone().getRequestId()).setLastModifiedEpoch(10).build());
        assertTrue(confirmed.getSuccess());
        assertNotEquals(ready.getReadyToClone().getRequestId(), confirmed.getExecutionId(), "a pre-clone's execution id is new");
        var postgres = at(clone).registerClone(req.toBuilder().setDialect("postgres").build());
        assertTrue(postgres.hasUnableToClone() && !postgres.hasReadyToClone(), postgres.toString());
    }

    @Test
    void dataTestSkipReturnsTheConfirmedResults() {
        SubmitEnrichedSQLRequest test = SubmitEnrichedSQLRequest.newBuilder().setExecutionType(ModelExecutionType.DBT_DATA_TEST)
                .setSql("select count(*) as failures, count(*) != 0 as should_warn, count(*) != 0 as should_error from " + RAW)
                .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(100))
                .putLabels("dbt_node_unique_id", "test.p.warns").setTolerateNondeterminism(true).build();
        SubmitSQLResponse first = at(sql).submitEnrichedSQL(test);
        assertEquals("data test was executed because it has no prior execution or its query changed",
                first.getReadyToExecute().getExplainedDecision().getDecisionDescription());
        Struct results = Struct.newBuilder()
                .putFields("failures", Value.newBuilder().setIntValue(3).build())
                .putFields("should_warn", Value.newBuilder().setBoolValue(true).build())
                .putFields("should_error", Value.newBuilder().setBoolValue(false).build()).build();
        assertTrue(at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId(first.getReadyToExecute().getRequestId()).setExecutionResults(results).build()).getSuccess());
        SubmitSQLResponse second = at(sql).submitEnrichedSQL(test);
        assertTrue(second.hasSkipExecution());
        assertEquals(results, second.getSkipExecution().getExecutionResults());
    }

    @Test
    void seedsAreSkippedWhenTheirValuesAreUnchanged() {
        SubmitValuesRequest seed = SubmitValuesRequest.newBuilder().setTargetTable("\"db\".\"s\".\"countries\"")
                .setValuesHash("md5a").build();
        SubmitSQLResponse missing = at(sql).submitValues(seed);
        assertEquals("seed was loaded because it did not exist",
                missing.getReadyToExecute().getExplainedDecision().getDecisionDescription());
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId(missing.getReadyToExecute().getRequestId()).setLastModifiedEpoch(700).build());
        SubmitSQLResponse same = at(sql).submitValues(seed.toBuilder().setLastModifiedEpoch(700).build());
        assertEquals("seed was a no-op because its data has not changed",
                same.getSkipExecution().getExplainedDecision().getDecisionDescription());
        SubmitSQLResponse changed = at(sql).submitValues(seed.toBuilder().setLastModifiedEpoch(700).setValuesHash("md5b").build());
        assertEquals("seed was loaded because its data changed",
                changed.getReadyToExecute().getExplainedDecision().getDecisionDescription());
    }

    @Test
    void confirmOfAnUnknownIdIsNotSuccessAndRepeatsAreHarmless() {
        assertFalse(at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setLastModifiedEpoch(1).build()).getSuccess());
        assertFalse(at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder()
                .setRequestId("not-a-uuid/../x").build()).getSuccess());
        String id = at(sql).submitEnrichedSQL(model(100, null).build()).getReadyToExecute().getRequestId();
        ConfirmExecutionRequest c = ConfirmExecutionRequest.newBuilder().setRequestId(id).setLastModifiedEpoch(5).build();
        assertTrue(at(execution).confirmExecution(c).getSuccess());
        assertTrue(at(execution).confirmExecution(c).getSuccess());
    }

    @Test
    void invalidRequestsGetInvalidArgumentNamingTheField() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> at(sql).submitEnrichedSQL(model(1, null).setSql("  ").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("sql:"), e.getStatus().getDescription());
        e = assertThrows(StatusRuntimeException.class,
                () -> at(sql).submitEnrichedSQL(model(1, null).clearTargetTable().build()));
        assertTrue(e.getStatus().getDescription().startsWith("target_table:"));
        e = assertThrows(StatusRuntimeException.class,
                () -> at(execution).confirmExecution(ConfirmExecutionRequest.getDefaultInstance()));
        assertTrue(e.getStatus().getDescription().startsWith("request_id:"));
    }

    @Test
    void unknownEnumValuesAreExecutedNeverSkipped() {
        SubmitEnrichedSQLRequest odd = model(100, null).setExecutionTypeValue(77).setStaleUpstreamPolicyValue(9).build();
        String id = at(sql).submitEnrichedSQL(odd).getReadyToExecute().getRequestId();
        at(execution).confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(id).setLastModifiedEpoch(5).build());
        assertTrue(at(sql).submitEnrichedSQL(model(100, 5L).setExecutionTypeValue(77).build()).hasReadyToExecute());
    }

    /** Thousands of malformed requests: each gets a status or an execute, never a skip, and the server lives on. */
    @Test
    void malformedRequestsNeverCrashOrSkip() {
        Random rnd = new Random(3);
        byte[] valid = model(100, 5L).build().toByteArray();
        int answered = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] bytes = valid.clone();
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt(256);
            }
            SubmitEnrichedSQLRequest req;
            try {
                req = SubmitEnrichedSQLRequest.parseFrom(bytes);
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                req = SubmitEnrichedSQLRequest.newBuilder().setSql(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .setTargetTable("\"x\"").setExecutionTypeValue(rnd.nextInt(20)).build();
            }
            try {
                SubmitSQLResponse r = at(sql).submitEnrichedSQL(req);
                assertFalse(r.hasSkipExecution(), "nothing was ever confirmed, so nothing may be skipped");
                answered++;
            } catch (StatusRuntimeException ex) {
                assertEquals(Status.Code.INVALID_ARGUMENT, ex.getStatus().getCode(), ex.toString());
            }
        }
        assertTrue(answered > 100, "most mutations still make a valid request: " + answered);
        executeConfirmThenSkip();
    }

    @Test
    void reflectionListsEveryService() throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        var call = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionResponse>() {
                    @Override
                    public void onNext(io.grpc.reflection.v1.ServerReflectionResponse r) {
                        r.getListServicesResponse().getServiceList().forEach(s -> names.add(s.getName()));
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        call.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
        call.onCompleted();
        assertTrue(done.await(5, java.util.concurrent.TimeUnit.SECONDS));
        for (String service : java.util.List.of("SQL", "Execution", "Clone", "ClientValidation", "Explain", "SelectorService",
                "ClientTelemetry")) {
            assertTrue(names.contains("com.fivetran.query_cache." + service), names.toString());
        }
        assertTrue(names.contains("grpc.health.v1.Health"), names.toString());
    }

    @Test
    void healthAndValidationAnswer() {
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertTrue(ClientValidationGrpc.newBlockingStub(channel)
                .validateClientVersion(ValidateClientVersionRequest.newBuilder().setDbtRunCacheVersion("2.62.3").build())
                .getIsSupported());
    }
}

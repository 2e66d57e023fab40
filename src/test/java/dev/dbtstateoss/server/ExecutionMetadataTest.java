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
import com.fivetran.query_cache.UpdateExecutionMetadataRequest;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Execution/UpdateExecutionMetadata: after its post-hooks modified the target of a reused run, the
 * client sends the skip's execution_id with the new timestamp; the run keeps it, so the next build
 * still skips. Never an older timestamp, never for a run that is no longer its target's latest.
 */
class ExecutionMetadataTest {
    static final String RAW = "\"db\".\"raw\".\"orders\"";

    private InProcessServer server;
    private ManagedChannel channel;
    private SQLGrpc.SQLBlockingStub sql;
    private ExecutionGrpc.ExecutionBlockingStub execution;

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

    private SubmitSQLResponse submit(String table, String query, Long targetMs) {
        TableModifiedInfo.Builder t = TableModifiedInfo.newBuilder().setName(table);
        if (targetMs != null) {
            t.setLastModifiedEpoch(targetMs);
        }
        return sql.submitEnrichedSQL(SubmitEnrichedSQLRequest.newBuilder()
                .setTargetTable(table).setDialect("postgres").setExecutionType(ModelExecutionType.FULL)
                .setSql(query).setFreshnessToleranceSeconds(0).setTolerateNondeterminism(true)
                .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(100))
                .addTables(t).build());
    }

    /** Executes and confirms a build of {@code table} that left it at {@code targetMs}; the request id. */
    private String built(String table, String query, long targetMs) {
        SubmitSQLResponse r = submit(table, query, null);
        assertTrue(r.hasReadyToExecute(), r.toString());
        String id = r.getReadyToExecute().getRequestId();
        assertTrue(execution.confirmExecution(ConfirmExecutionRequest.newBuilder().setRequestId(id)
                .setLastModifiedEpoch(targetMs).build()).getSuccess());
        return id;
    }

    private void update(String executionId, long ms) {
        execution.updateExecutionMetadata(UpdateExecutionMetadataRequest.newBuilder().setExecutionId(executionId)
                .setLastModifiedEpoch(ms).build());
    }

    @Test
    void aPostHookAfterASkipKeepsTheNextBuildASkip() {
        String table = "\"db\".\"a\".\"hooked\"";
        String run = built(table, "select id from " + RAW, 500);
        SubmitSQLResponse skip = submit(table, "select id from " + RAW, 500L);
        assertTrue(skip.hasSkipExecution(), skip.toString());
        assertEquals(run, skip.getSkipExecution().getExecutionId(), "a skip names the reused run");

        update(skip.getSkipExecution().getExecutionId(), 900);
        assertTrue(submit(table, "select id from " + RAW, 900L).hasSkipExecution(), "the hook's own write is known");
        assertTrue(submit(table, "select id from " + RAW, 901L).hasReadyToExecute(), "a later write still counts");

        update(run, 700);
        assertTrue(submit(table, "select id from " + RAW, 900L).hasSkipExecution(), "an older timestamp is never recorded");
    }

    @Test
    void onlyTheRunsOwnTargetAndOnlyWhileItIsTheLatestRun() {
        String a = "\"db\".\"a\".\"one\"";
        String b = "\"db\".\"a\".\"two\"";
        String first = built(a, "select 1 from " + RAW, 500);
        String second = built(a, "select 2 from " + RAW, 600);
        built(b, "select 1 from " + RAW, 500);

        update(first, 900);
        assertTrue(submit(a, "select 2 from " + RAW, 900L).hasReadyToExecute(), "a superseded run changes nothing");
        assertTrue(submit(b, "select 1 from " + RAW, 900L).hasReadyToExecute(), "nor another target");

        update(second, 900);
        assertTrue(submit(a, "select 2 from " + RAW, 900L).hasSkipExecution());
        assertTrue(submit(b, "select 1 from " + RAW, 900L).hasReadyToExecute(), "another target keeps its own timestamp");
    }

    @Test
    void unknownIdsAreAnsweredAndBadRequestsNameTheField() {
        update("01900000-0000-7000-8000-000000000000", 900);
        update("not-an-id", 900);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> update("", 900));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("execution_id"), e.getStatus().getDescription());
        e = assertThrows(StatusRuntimeException.class, () -> execution.updateExecutionMetadata(
                UpdateExecutionMetadataRequest.newBuilder().setExecutionId("01900000-0000-7000-8000-000000000000").build()));
        assertTrue(e.getStatus().getDescription().contains("last_modified_epoch"), e.getStatus().getDescription());
    }
}

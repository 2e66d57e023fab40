package dev.dbtstateoss.server;

import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ConfirmExecutionResponse;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ExecutionOutcome;
import com.fivetran.query_cache.ExecutionRecord;
import com.fivetran.query_cache.RecordExecutionsRequest;
import com.fivetran.query_cache.RecordExecutionsResponse;
import com.fivetran.query_cache.ResolveDeferredRelationsRequest;
import com.fivetran.query_cache.ResolveDeferredRelationsResponse;
import com.fivetran.query_cache.SQLExecution;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitValuesRequest;
import com.fivetran.query_cache.UpdateExecutionMetadataRequest;
import com.fivetran.query_cache.UpdateExecutionMetadataResponse;
import com.fivetran.query_cache.ValuesExecution;
import dev.dbtstateoss.engine.Confirmation;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecutionMetadata;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.RunRecord;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The Execution service: confirmations of runs, and runs reported without a decision. */
final class ExecutionEndpoint extends ExecutionGrpc.ExecutionImplBase {
    /** The largest batch RecordExecutions takes (the dbt-state client sends one record per call). */
    static final int MAX_RECORDS = 1000;

    private final Engines engines;
    private final Clock clock;
    private final Ids ids;

    ExecutionEndpoint(Engines engines, Clock clock) {
        this.engines = engines;
        this.clock = clock;
        this.ids = new Ids(clock);
    }

    @Override
    public void confirmExecution(ConfirmExecutionRequest request, StreamObserver<ConfirmExecutionResponse> out) {
        DecisionEngine engine = engines.current();
        Confirmation c;
        try {
            c = ProtoMapping.toConfirmation(request, ClientMetadata.now(clock));
        } catch (ProtoMapping.InvalidRequest e) {
            SqlEndpoint.refuse(out, "ConfirmExecution", e);
            return;
        }
        Confirmation.Outcome outcome;
        try {
            outcome = engine.confirm(c);
        } catch (RuntimeException e) {
            DecisionLog.failed("ConfirmExecution " + c.requestId(), e);
            Metrics.noteConfirm("failed");
            out.onError(Status.UNAVAILABLE.withDescription("the run could not be recorded: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        Metrics.noteConfirm(outcome.name());
        boolean success = outcome != Confirmation.Outcome.UNKNOWN_REQUEST;
        if (!success) {
            DecisionLog.warn("confirm of unknown request_id " + c.requestId());
        }
        // Like the hosted service: the id of the execution, which for a pre-clone is a new one.
        String executionId = !success ? "" : outcome == Confirmation.Outcome.CLONE_NOTED ? ids.next() : c.requestId();
        out.onNext(ConfirmExecutionResponse.newBuilder()
                .setSuccess(success)
                .setExecutionId(executionId)
                .build());
        out.onCompleted();
    }

    /**
     * Records every run of the batch; the batch is checked whole before anything is written. At most
     * {@link #MAX_RECORDS} records per call. Writing stops when the call is cancelled or its deadline
     * passes; the status then says how many runs were recorded.
     */
    @Override
    public void recordExecutions(RecordExecutionsRequest request, StreamObserver<RecordExecutionsResponse> out) {
        if (request.getRecordsCount() > MAX_RECORDS) {
            SqlEndpoint.refuse(out, "RecordExecutions", new ProtoMapping.InvalidRequest("records",
                    request.getRecordsCount() + " records in one call; at most " + MAX_RECORDS + " (send several calls)"));
            return;
        }
        DecisionEngine engine = engines.current();
        long now = ClientMetadata.now(clock);
        List<Runnable> writes = new ArrayList<>();
        try {
            for (int i = 0; i < request.getRecordsCount(); i++) {
                writes.add(toWrite(engine, request.getRecords(i), now, i));
            }
        } catch (ProtoMapping.InvalidRequest e) {
            SqlEndpoint.refuse(out, "RecordExecutions", e);
            return;
        }
        Context call = Context.current();
        int written = 0;
        try {
            for (Runnable write : writes) {
                if (call.isCancelled() || expired(call)) {
                    break;
                }
                write.run();
                written++;
            }
        } catch (RuntimeException e) {
            // A store call cut short by the call's deadline may fail before the deadline's cancellation arrives.
            if (!call.isCancelled() && !expired(call)) {
                DecisionLog.failed("RecordExecutions after " + written + " of " + writes.size() + " runs", e);
                out.onError(Status.UNAVAILABLE.withDescription(written + " of " + writes.size()
                        + " runs recorded; the rest could not be: " + e.getMessage()).asRuntimeException());
                return;
            }
        }
        if (call.isCancelled() || expired(call)) {
            Status status = call.isCancelled() ? Contexts.statusFromCancelled(call) : Status.DEADLINE_EXCEEDED;
            String why = written + " of " + writes.size() + " runs recorded, then the call ended ("
                    + (status == null ? "cancelled" : status.getCode()) + "); the rest were not written";
            DecisionLog.warn("RecordExecutions stopped: " + why);
            out.onError((status == null ? Status.CANCELLED : status).withDescription(why).asRuntimeException());
            return;
        }
        out.onNext(RecordExecutionsResponse.newBuilder().setRecordsStored(written).build());
        out.onCompleted();
    }

    private static boolean expired(Context call) {
        return call.getDeadline() != null && call.getDeadline().isExpired();
    }

    private Runnable toWrite(DecisionEngine engine, ExecutionRecord rec, long now, int index) {
        ExecutionOutcome o = rec.getOutcome();
        RunRecord.Outcome outcome = new RunRecord.Outcome(now, o.hasLastModifiedEpoch() ? o.getLastModifiedEpoch() : null,
                Math.max(0, o.getExecutionRuntimeMs()),
                o.hasExecutionResults() ? ProtoMapping.structToJson(o.getExecutionResults()) : null,
                o.hasTableType() ? o.getTableType() : null);
        try {
            if (rec.hasEnrichedSql()) {
                SQLExecution s = rec.getEnrichedSql();
                var r = ProtoMapping.toSqlRequest(SubmitEnrichedSQLRequest.newBuilder()
                        .setTargetTable(s.getTargetTable()).setDialect(s.getDialect()).setExecutionType(s.getExecutionType())
                        .setSql(s.getSql()).addAllTables(s.getTablesList()).addAllQueryDependencies(s.getQueryDependenciesList()).putAllSemanticExtras(s.getSemanticExtrasMap())
                        .putAllLabels(s.getLabelsMap()).setDbtNodeState(s.getDbtNodeState())
                        .setTableNamespace(s.getTableNamespace()).build(), now);
                return () -> engine.recordExecution(r, outcome);
            }
            if (rec.hasValues()) {
                ValuesExecution v = rec.getValues();
                var r = ProtoMapping.toValuesRequest(SubmitValuesRequest.newBuilder()
                        .setTargetTable(v.getTargetTable()).setValuesHash(v.getValuesHash()).putAllLabels(v.getLabelsMap())
                        .setTableNamespace(v.getTableNamespace()).build(), now);
                return () -> engine.recordValuesExecution(r, outcome);
            }
        } catch (ProtoMapping.InvalidRequest e) {
            throw new ProtoMapping.InvalidRequest("records[" + index + "]", e.getMessage());
        }
        throw new ProtoMapping.InvalidRequest("records[" + index + "].input", "must be enriched_sql or values");
    }

    /** The hosted service answers an empty map: the client then defers as dbt itself would. */
    @Override
    public void resolveDeferredRelations(ResolveDeferredRelationsRequest request,
            StreamObserver<ResolveDeferredRelationsResponse> out) {
        out.onNext(ResolveDeferredRelationsResponse.getDefaultInstance());
        out.onCompleted();
    }

    /**
     * After post-hooks modified the target of a reused or cloned run, the client sends the run's
     * execution id (a skip's {@code execution_id}, a confirmation's) and the target's new timestamp:
     * recorded for that run while it is its target's latest. An id that names no such run is
     * answered like the others (the client only logs), and logged here.
     */
    @Override
    public void updateExecutionMetadata(UpdateExecutionMetadataRequest request,
            StreamObserver<UpdateExecutionMetadataResponse> out) {
        if (request.getExecutionId().isEmpty()) {
            SqlEndpoint.refuse(out, "UpdateExecutionMetadata", new ProtoMapping.InvalidRequest("execution_id", "must be set"));
            return;
        }
        if (!request.hasLastModifiedEpoch() || request.getLastModifiedEpoch() <= 0) {
            SqlEndpoint.refuse(out, "UpdateExecutionMetadata",
                    new ProtoMapping.InvalidRequest("last_modified_epoch", "must be a positive epoch in milliseconds"));
            return;
        }
        ExecutionMetadata.Outcome outcome;
        try {
            outcome = engines.current().updateTargetModified(request.getExecutionId(), request.getLastModifiedEpoch());
        } catch (RuntimeException e) {
            DecisionLog.failed("UpdateExecutionMetadata " + request.getExecutionId(), e);
            out.onError(Status.UNAVAILABLE.withDescription("the timestamp could not be recorded: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        if (outcome == ExecutionMetadata.Outcome.UNKNOWN_EXECUTION) {
            DecisionLog.warn("UpdateExecutionMetadata for unknown execution_id " + request.getExecutionId());
        }
        out.onNext(UpdateExecutionMetadataResponse.getDefaultInstance());
        out.onCompleted();
    }
}

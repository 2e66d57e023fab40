package dev.dbtstateoss.server;

import com.fivetran.query_cache.CloneGrpc;
import com.fivetran.query_cache.CloneRequest;
import com.fivetran.query_cache.CloneResponse;
import com.fivetran.query_cache.ExplainedDecision;
import com.fivetran.query_cache.ReadyToCloneResponse;
import com.fivetran.query_cache.RejectionReason;
import com.fivetran.query_cache.SubmitSQLResultType;
import com.fivetran.query_cache.UnableToCloneResponse;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecutionType;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;

/**
 * The Clone service: the client asks to seed a missing dev table from prod before building it.
 * Where the warehouse can clone, the answer carries the clone SQL (in both the current and the
 * deprecated field, as the hosted service does); elsewhere it is "unable to clone" and the client
 * builds the node normally.
 */
final class CloneEndpoint extends CloneGrpc.CloneImplBase {
    private final Engines engines;
    private final Clock clock;

    CloneEndpoint(Engines engines, Clock clock) {
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    public void registerClone(CloneRequest request, StreamObserver<CloneResponse> out) {
        DecisionEngine engine = engines.current();
        if (request.getTargetTable().isBlank() || request.getCloneSourceTable().isBlank()) {
            String field = request.getTargetTable().isBlank() ? "target_table" : "clone_source_table";
            DecisionLog.refused("RegisterClone", field + ": must not be empty");
            out.onError(Status.INVALID_ARGUMENT.withDescription(field + ": must not be empty").asRuntimeException());
            return;
        }
        long start = System.nanoTime();
        Decision d;
        try {
            d = engine.registerClone(request.getTableNamespace(), request.getDialect(),
                    ExecutionType.ofNumber(request.getExecutionTypeValue()), request.getCloneSourceTable(),
                    request.getTargetTable(), request.hasCloneSourceTableType() ? request.getCloneSourceTableType() : null,
                    request.hasCloneSourceLastModifiedEpoch() ? request.getCloneSourceLastModifiedEpoch() : null,
                    request.getLabelsMap(), ClientMetadata.now(clock));
        } catch (RuntimeException e) {
            DecisionLog.failed("RegisterClone for " + request.getTargetTable(), e);
            d = engine.safeExecute(ExecutionType.FULL, "internal error: " + e);
        }
        CloneResponse.Builder b = CloneResponse.newBuilder();
        if (d instanceof Decision.Clone c) {
            ReadyToCloneResponse ready = ProtoMapping.readyToClone(c);
            b.setReadyToClone(ready).setReadyToCloneV1(ready);
        } else {
            b.setUnableToClone(UnableToCloneResponse.newBuilder()
                    .setCloneSource(request.getCloneSourceTable())
                    .setCloneTarget(request.getTargetTable())
                    .setExplainedDecision(ExplainedDecision.newBuilder()
                            .setDecision(SubmitSQLResultType.READY_TO_EXECUTE)
                            .setCloneRejectionReason(RejectionReason.NO_SUITABLE_MATCH_FOUND)
                            .setDecisionDescription(d.description())));
        }
        out.onNext(b.build());
        out.onCompleted();
        Metrics.noteDecision(d);
        DecisionLog.decision(request.getLabelsOrDefault("dbt_node_unique_id", request.getTargetTable()), d, start);
    }
}

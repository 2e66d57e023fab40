package dev.dbtstateoss.server;

import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.SubmitSQLSpeculativeResponse;
import com.fivetran.query_cache.SubmitValuesRequest;
import com.fivetran.query_cache.UndecidedResponse;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.SqlRequest;
import dev.dbtstateoss.engine.ValuesRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Optional;

/** The SQL service: the per-node "can this be skipped?" questions. */
final class SqlEndpoint extends SQLGrpc.SQLImplBase {
    private final Engines engines;
    private final Clock clock;

    SqlEndpoint(Engines engines, Clock clock) {
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    public void submitEnrichedSQL(SubmitEnrichedSQLRequest request, StreamObserver<SubmitSQLResponse> out) {
        DecisionEngine engine = engines.current();
        long start = System.nanoTime();
        SqlRequest r;
        try {
            r = ProtoMapping.toSqlRequest(request, ClientMetadata.now(clock));
        } catch (ProtoMapping.InvalidRequest e) {
            refuse(out, "SubmitEnrichedSQL", e);
            return;
        }
        Decision d;
        try {
            d = engine.decide(r);
        } catch (RuntimeException e) {
            DecisionLog.failed("SubmitEnrichedSQL for " + r.displayName(), e);
            d = engine.safeExecute(r.executionType(), "internal error: " + e);
        }
        answer(engine, out, d, r.displayName(), r.executionType(), start);
    }

    @Override
    public void submitValues(SubmitValuesRequest request, StreamObserver<SubmitSQLResponse> out) {
        DecisionEngine engine = engines.current();
        long start = System.nanoTime();
        ValuesRequest r;
        try {
            r = ProtoMapping.toValuesRequest(request, ClientMetadata.now(clock));
        } catch (ProtoMapping.InvalidRequest e) {
            refuse(out, "SubmitValues", e);
            return;
        }
        Decision d;
        try {
            d = engine.decideValues(r);
        } catch (RuntimeException e) {
            DecisionLog.failed("SubmitValues for " + r.displayName(), e);
            d = engine.safeExecute(ExecutionType.VALUES, "internal error: " + e);
        }
        answer(engine, out, d, r.displayName(), ExecutionType.VALUES, start);
    }

    /**
     * A skip when the request already proves one (nothing is stored); otherwise undecided, and the
     * client asks again with the full request, as it does after every hosted answer.
     */
    @Override
    public void submitEnrichedSQLSpeculative(SubmitEnrichedSQLRequest request, StreamObserver<SubmitSQLSpeculativeResponse> out) {
        DecisionEngine engine = engines.current();
        long start = System.nanoTime();
        SubmitSQLSpeculativeResponse.Builder response = SubmitSQLSpeculativeResponse.newBuilder()
                .setUndecided(UndecidedResponse.getDefaultInstance());
        try {
            SqlRequest r = ProtoMapping.toSqlRequest(request, ClientMetadata.now(clock));
            Optional<Decision> skip = engine.decideSpeculatively(r);
            if (skip.isPresent()) {
                response.setSkipExecution(ProtoMapping.toResponse(skip.get()).getSkipExecution());
                Metrics.noteDecision(skip.get());
                DecisionLog.decision(r.displayName() + " (speculative)", skip.get(), start);
            }
        } catch (RuntimeException e) {
            // Invalid or failing: undecided is always safe; the full request will say what is wrong.
            DecisionLog.warn("speculative request answered undecided: " + e.getMessage());
        }
        out.onNext(response.build());
        out.onCompleted();
    }

    private void answer(DecisionEngine engine, StreamObserver<SubmitSQLResponse> out, Decision d, String node, ExecutionType type, long start) {
        SubmitSQLResponse response;
        try {
            response = ProtoMapping.toResponse(d);
        } catch (RuntimeException e) {
            DecisionLog.failed("answer for " + node, e);
            d = engine.safeExecute(type, "internal error: " + e);
            response = ProtoMapping.toResponse(d);
        }
        out.onNext(response);
        out.onCompleted();
        Metrics.noteDecision(d);
        DecisionLog.decision(node, d, start);
    }

    static void refuse(StreamObserver<?> out, String method, RuntimeException e) {
        DecisionLog.refused(method, e.getMessage());
        out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
}

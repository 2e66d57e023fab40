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
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The SQL service: the per-node "can this be skipped?" questions. A question with a time limit (the
 * call's deadline or decision budget, {@link CallDeadline}) is decided on the calling thread, its
 * store calls included, and answered in time whatever the store does: when the limit passes first,
 * {@code fallbacks} sends the safe answer (EXECUTE, or undecided for a speculative question).
 */
final class SqlEndpoint extends SQLGrpc.SQLImplBase {
    private final Engines engines;
    private final Clock clock;
    private final ScheduledExecutorService fallbacks;

    SqlEndpoint(Engines engines, Clock clock, ScheduledExecutorService fallbacks) {
        this.engines = engines;
        this.clock = clock;
        this.fallbacks = fallbacks;
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
        SqlRequest q = r;
        decideInTime(engine, out, q.displayName(), q.executionType(), start, () -> engine.decide(q));
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
        ValuesRequest q = r;
        decideInTime(engine, out, q.displayName(), ExecutionType.VALUES, start, () -> engine.decideValues(q));
    }

    /**
     * A skip when the request already proves one (nothing is stored); otherwise undecided, and the
     * client asks again with the full request, as it does after every hosted answer.
     */
    @Override
    public void submitEnrichedSQLSpeculative(SubmitEnrichedSQLRequest request, StreamObserver<SubmitSQLSpeculativeResponse> out) {
        DecisionEngine engine = engines.current();
        long start = System.nanoTime();
        SubmitSQLSpeculativeResponse undecided = SubmitSQLSpeculativeResponse.newBuilder()
                .setUndecided(UndecidedResponse.getDefaultInstance()).build();
        GuardedAnswer<SubmitSQLSpeculativeResponse> guard = new GuardedAnswer<>(out, fallbacks, CallDeadline.millisLeft(),
                () -> undecided);
        guard.send(guard.compute(() -> speculate(engine, request, undecided, start)));
    }

    /** The skip the full question would get, or {@code undecided}. */
    private SubmitSQLSpeculativeResponse speculate(DecisionEngine engine, SubmitEnrichedSQLRequest request,
            SubmitSQLSpeculativeResponse undecided, long start) {
        try {
            SqlRequest r = ProtoMapping.toSqlRequest(request, ClientMetadata.now(clock));
            Optional<Decision> skip = engine.decideSpeculatively(r);
            if (skip.isPresent()) {
                Metrics.noteDecision(skip.get());
                DecisionLog.decision(r.displayName() + " (speculative)", skip.get(), start);
                return SubmitSQLSpeculativeResponse.newBuilder()
                        .setSkipExecution(ProtoMapping.toResponse(skip.get()).getSkipExecution()).build();
            }
        } catch (RuntimeException e) {
            // Invalid or failing: undecided is always safe; the full request will say what is wrong.
            DecisionLog.warn("speculative request answered undecided: " + e.getMessage());
        }
        return undecided;
    }

    /** Decides with {@code decide} and answers, within the call's time limit when it has one. */
    private void decideInTime(DecisionEngine engine, StreamObserver<SubmitSQLResponse> out, String node, ExecutionType type,
            long start, Supplier<Decision> decide) {
        long limitMs = CallDeadline.millisLeft();
        GuardedAnswer<SubmitSQLResponse> guard = new GuardedAnswer<>(out, fallbacks, limitMs, () -> {
            Decision late = engine.safeExecute(type, "the state store did not answer within " + limitMs + " ms");
            DecisionLog.warn("decision for " + node + " answered EXECUTE: the state store did not answer within " + limitMs + " ms");
            noted(late, node, start);
            return ProtoMapping.toResponse(late);
        });
        Answered a = answered(engine, guard.compute(() -> decided(engine, node, type, decide)), node, type);
        if (guard.send(a.response())) {
            noted(a.decision(), node, start);
        } else {
            DecisionLog.warn("decision for " + node + " came after its time limit (" + limitMs + " ms) and was dropped");
        }
    }

    private static Decision decided(DecisionEngine engine, String node, ExecutionType type, Supplier<Decision> decide) {
        try {
            return decide.get();
        } catch (RuntimeException e) {
            DecisionLog.failed("decision for " + node, e);
            return engine.safeExecute(type, "internal error: " + e);
        }
    }

    /** A decision and its answer on the wire (an internal error turns into a safe EXECUTE). */
    private record Answered(Decision decision, SubmitSQLResponse response) {}

    private static Answered answered(DecisionEngine engine, Decision d, String node, ExecutionType type) {
        try {
            return new Answered(d, ProtoMapping.toResponse(d));
        } catch (RuntimeException e) {
            DecisionLog.failed("answer for " + node, e);
            Decision safe = engine.safeExecute(type, "internal error: " + e);
            return new Answered(safe, ProtoMapping.toResponse(safe));
        }
    }

    private static void noted(Decision d, String node, long start) {
        Metrics.noteDecision(d);
        DecisionLog.decision(node, d, start);
    }

    static void refuse(StreamObserver<?> out, String method, RuntimeException e) {
        DecisionLog.refused(method, e.getMessage());
        out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
}

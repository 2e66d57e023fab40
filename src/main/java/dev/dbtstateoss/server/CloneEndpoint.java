package dev.dbtstateoss.server;

import com.fivetran.query_cache.CloneGrpc;
import com.fivetran.query_cache.CloneRequest;
import com.fivetran.query_cache.CloneResponse;
import com.fivetran.query_cache.ExplainedDecision;
import com.fivetran.query_cache.RejectionReason;
import com.fivetran.query_cache.SubmitSQLResultType;
import com.fivetran.query_cache.UnableToCloneResponse;
import io.grpc.stub.StreamObserver;

/**
 * The Clone service (pre-cloning dev tables from prod). This version does not clone: it answers
 * "unable to clone", after which the client builds the node normally.
 */
final class CloneEndpoint extends CloneGrpc.CloneImplBase {
    static final String NOT_CLONED = "model was executed because no clone source is available on this server";

    @Override
    public void registerClone(CloneRequest request, StreamObserver<CloneResponse> out) {
        out.onNext(CloneResponse.newBuilder()
                .setUnableToClone(UnableToCloneResponse.newBuilder()
                        .setCloneSource(request.getCloneSourceTable())
                        .setCloneTarget(request.getTargetTable())
                        .setExplainedDecision(ExplainedDecision.newBuilder()
                                .setDecision(SubmitSQLResultType.READY_TO_EXECUTE)
                                .setCloneRejectionReason(RejectionReason.NO_SUITABLE_MATCH_FOUND)
                                .setDecisionDescription(NOT_CLONED)))
                .build());
        out.onCompleted();
    }
}

package dev.dbtstateoss.server;

import com.fivetran.query_cache.DbtNodeData;
import com.fivetran.query_cache.SelectorCriteria;
import com.fivetran.query_cache.SelectorRequest;
import com.fivetran.query_cache.SelectorResponse;
import com.fivetran.query_cache.SelectorServiceGrpc;
import io.grpc.stub.StreamObserver;

/**
 * State selection ({@code --select state:modified}). Node hashes of other environments are not kept
 * by this version, so the answer errs towards building: every node counts as modified and new, none
 * as unmodified or old. Unchanged nodes then still come out as NO-OP through the decisions.
 */
final class SelectorEndpoint extends SelectorServiceGrpc.SelectorServiceImplBase {
    @Override
    public void getStateSelection(SelectorRequest request, StreamObserver<SelectorResponse> out) {
        SelectorResponse.Builder b = SelectorResponse.newBuilder();
        SelectorCriteria c = request.getSelectorCriteria();
        if (c != SelectorCriteria.UNMODIFIED && c != SelectorCriteria.OLD) {
            for (DbtNodeData n : request.getNodesList()) {
                b.addNodeUniqueIds(n.getNodeUniqueId());
            }
        }
        out.onNext(b.build());
        out.onCompleted();
    }
}

package dev.dbtstateoss.server;

import com.fivetran.query_cache.ExplainBadge;
import com.fivetran.query_cache.ExplainGrpc;
import com.fivetran.query_cache.ExplainLine;
import com.fivetran.query_cache.ExplainMarker;
import com.fivetran.query_cache.ExplainMessageEntry;
import com.fivetran.query_cache.GetExplainMessagesRequest;
import com.fivetran.query_cache.GetExplainMessagesResponse;
import com.fivetran.query_cache.GetUpstreamDependencyChangesRequest;
import com.fivetran.query_cache.GetUpstreamDependencyChangesResponse;
import com.fivetran.query_cache.SubmitSQLResultType;
import com.fivetran.query_cache.UpstreamDependencyChanges;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Explanation;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/**
 * The Explain service: why a decision was taken (this server's recent decisions from memory, older
 * ones and other servers' from the store) and what changed upstream of a run since the run of its
 * target before it (from the store).
 * Unknown ids are left out.
 */
final class ExplainEndpoint extends ExplainGrpc.ExplainImplBase {
    private final Engines engines;

    ExplainEndpoint(Engines engines) {
        this.engines = engines;
    }

    @Override
    public void getExplainMessages(GetExplainMessagesRequest request, StreamObserver<GetExplainMessagesResponse> out) {
        DecisionEngine engine = engines.current();
        GetExplainMessagesResponse.Builder b = GetExplainMessagesResponse.newBuilder();
        Map<String, Explanation> found = engine.explain(request.getExecutionDecisionIdsList());
        for (String id : request.getExecutionDecisionIdsList()) {
            java.util.Optional.ofNullable(found.get(id)).ifPresent(e -> {
                ExplainMessageEntry.Builder entry = ExplainMessageEntry.newBuilder()
                        .setExecutionDecisionId(id)
                        .setDecision(decision(e.outcome()))
                        .setDecisionDescription(e.description());
                e.lines().forEach(l -> entry.addExplainLines(line(l)));
                b.addMessages(entry);
            });
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void getUpstreamDependencyChanges(GetUpstreamDependencyChangesRequest request,
            StreamObserver<GetUpstreamDependencyChangesResponse> out) {
        DecisionEngine engine = engines.current();
        GetUpstreamDependencyChangesResponse.Builder b = GetUpstreamDependencyChangesResponse.newBuilder();
        for (String id : request.getExecutionIdsList()) {
            engine.upstreamChanges(id).ifPresent(lines -> {
                UpstreamDependencyChanges.Builder changes = UpstreamDependencyChanges.newBuilder().setExecutionId(id);
                lines.forEach(l -> changes.addLines(line(l)));
                b.addDependencyChanges(changes);
            });
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    private static SubmitSQLResultType decision(String outcome) {
        switch (outcome) {
            case "SKIP":
                return SubmitSQLResultType.SKIP_EXECUTION;
            case "CLONE":
                return SubmitSQLResultType.READY_TO_CLONE;
            default:
                return SubmitSQLResultType.READY_TO_EXECUTE;
        }
    }

    private static ExplainLine line(Explanation.Line l) {
        ExplainLine.Builder b = ExplainLine.newBuilder().setText(l.text()).setMarker(ExplainMarker.valueOf(l.mark().name()));
        if (l.badge() != Explanation.Badge.NONE) {
            b.setBadge(ExplainBadge.valueOf(l.badge().name()));
        }
        return b.build();
    }
}

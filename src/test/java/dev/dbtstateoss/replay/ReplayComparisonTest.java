package dev.dbtstateoss.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ConfirmExecutionResponse;
import com.fivetran.query_cache.ExplainMessageEntry;
import com.fivetran.query_cache.ExplainedDecision;
import com.fivetran.query_cache.GetExplainMessagesResponse;
import com.fivetran.query_cache.ReadyToExecuteResponse;
import com.fivetran.query_cache.SkipExecutionResponse;
import com.fivetran.query_cache.Struct;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How replay compares answers: decision fields, ids by shape and consistency, structures by content. */
class ReplayComparisonTest {
    static final String R1 = "01a11da2-5790-7000-8000-000000000001";
    static final String R2 = "01a11da2-5790-7000-8000-000000000002";
    static final String O1 = "01b00000-0000-7000-8000-00000000000a";
    static final String O2 = "01b00000-0000-7000-8000-00000000000b";

    static SubmitSQLResponse execute(String requestId, String decisionId, int skipReason) {
        return SubmitSQLResponse.newBuilder().setReadyToExecute(ReadyToExecuteResponse.newBuilder().setRequestId(requestId)
                .setExecutionDecisionId(decisionId).setLastModifiedQuery("ignored " + requestId)
                .setExplainedDecision(ExplainedDecision.newBuilder().setDecisionValue(1).setSkipRejectionReasonValue(skipReason)
                        .setCloneRejectionReasonValue(6).setDecisionDescription("model was executed"))).build();
    }

    @Test
    void idsArePairedOnceAndMustStayPaired() {
        ReplayIds ids = new ReplayIds();
        assertEquals(List.of(), ReplayComparison.compare(execute(R1, R2, 6), execute(O1, O2, 6), ids));
        assertEquals(O1, ids.oursFor(R1).orElseThrow());
        ConfirmExecutionResponse echoed = ConfirmExecutionResponse.newBuilder().setSuccess(true).setExecutionId(R1).build();
        assertEquals(List.of(), ReplayComparison.compare(echoed, echoed.toBuilder().setExecutionId(O1).build(), ids));
        List<ReplayResult.Difference> reused = ReplayComparison.compare(echoed.toBuilder().setExecutionId(R2).build(),
                echoed.toBuilder().setExecutionId(O1).build(), ids);
        assertEquals(1, reused.size());
        assertEquals("execution_id", reused.get(0).field());
        assertTrue(reused.get(0).why().contains("this recorded id was answered by our id " + O2), reused.get(0).why());
        List<ReplayResult.Difference> shape = ReplayComparison.compare(echoed.toBuilder().setExecutionId("").build(),
                echoed.toBuilder().setExecutionId("01b00000-0000-4000-8000-00000000000c").build(), ids);
        assertEquals("recorded an empty string, ours is a UUID that is not v7", shape.get(0).why());
    }

    @Test
    void decisionsAreComparedOnWhatTheClientActsOn() {
        List<ReplayResult.Difference> d = ReplayComparison.compare(execute(R1, R2, 8), execute(O1, O2, 6), new ReplayIds());
        assertEquals(1, d.size(), d.toString());
        assertEquals("ready_to_execute.explained_decision.skip_rejection_reason", d.get(0).field());
        assertEquals(8, d.get(0).recorded().getAsInt());
        assertNull(d.get(0).why());

        SubmitSQLResponse skip = SubmitSQLResponse.newBuilder().setSkipExecution(SkipExecutionResponse.newBuilder()
                .setExplainedDecision(ExplainedDecision.newBuilder().setDecisionDescription("model was a no-op"))
                .setExecutionResults(Struct.newBuilder().putFields("failures", Value.newBuilder().setIntValue(0).build())
                        .putFields("should_warn", Value.newBuilder().setBoolValue(false).build()))).build();
        List<ReplayResult.Difference> outcome = ReplayComparison.compare(skip, execute(O1, O2, 6), new ReplayIds());
        assertEquals("response", outcome.get(0).field());
        assertEquals("\"skip_execution\"", outcome.get(0).recorded().toString());
        assertTrue(outcome.stream().anyMatch(x -> x.field().equals("explained_decision.decision_description")), outcome.toString());

        SubmitSQLResponse reordered = SubmitSQLResponse.newBuilder().setSkipExecution(skip.getSkipExecution().toBuilder()
                .setExecutionResults(Struct.newBuilder().putFields("should_warn", Value.newBuilder().setBoolValue(false).build())
                        .putFields("failures", Value.newBuilder().setIntValue(0).build()))).build();
        assertEquals(List.of(), ReplayComparison.compare(skip, reordered, new ReplayIds()), "key order does not count");
        SubmitSQLResponse runtime = SubmitSQLResponse.newBuilder().setSkipExecution(skip.getSkipExecution().toBuilder()
                .setExecutionRuntimeMs(0)).build();
        assertEquals("skip_execution.execution_runtime_ms", ReplayComparison.compare(skip, runtime, new ReplayIds()).get(0).field(),
                "an unset optional differs from a set zero");
    }

    @Test
    void idsInsideListsAreComparedAsIds() {
        GetExplainMessagesResponse recorded = GetExplainMessagesResponse.newBuilder().addMessages(ExplainMessageEntry.newBuilder()
                .setExecutionDecisionId(R1).setDecisionDescription("d")).build();
        GetExplainMessagesResponse ours = GetExplainMessagesResponse.newBuilder().addMessages(ExplainMessageEntry.newBuilder()
                .setExecutionDecisionId(O1).setDecisionDescription("d")).build();
        assertEquals(List.of(), ReplayComparison.compare(recorded, ours, new ReplayIds()));
        List<ReplayResult.Difference> d = ReplayComparison.compare(recorded,
                ours.toBuilder().setMessages(0, ours.getMessages(0).toBuilder().setDecisionDescription("e")).build(), new ReplayIds());
        assertEquals("messages[0].decision_description", d.get(0).field());
    }
}

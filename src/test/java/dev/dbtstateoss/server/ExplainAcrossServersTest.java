package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ExplainGrpc;
import com.fivetran.query_cache.GetExplainMessagesRequest;
import com.fivetran.query_cache.GetExplainMessagesResponse;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.TableModifiedInfo;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.history.ExplanationWriter;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's {@code dbt-state explain} asks for decisions by id, later and perhaps of another
 * server behind the same load balancer: a server that did not take a decision (or was restarted
 * since) answers from the explanations kept in the shared store.
 */
class ExplainAcrossServersTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A server as serve builds it: explanations written in the background and looked up in the store. */
    private record Server(DecisionServer server, ManagedChannel channel, ExplanationWriter writer) {}

    private Server start(StateStore store) throws Exception {
        StoreHistory history = new StoreHistory(store);
        ExplanationWriter writer = new ExplanationWriter(history.explanations(), m -> {});
        DecisionEngine engine = DecisionEngine.over(history)
                .explained(writer)
                .archive(history.explanations())
                .build();
        InProcessServer server = InProcessServer.start(engine);
        opened.add(() -> {
            server.close();
            writer.close();
        });
        return new Server(server.server(), server.channel(), writer);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static SubmitEnrichedSQLRequest model(String target, long rawMs) {
        return SubmitEnrichedSQLRequest.newBuilder().setTargetTable(target).setDialect("postgres")
                .setExecutionType(ModelExecutionType.FULL).setSql("select id from \"db\".\"raw\".\"orders\"")
                .setTolerateNondeterminism(true)
                .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"orders\"").setLastModifiedEpoch(rawMs))
                .putLabels("dbt_node_unique_id", "model.p." + target.replaceAll("\\W", "")).build();
    }

    private static GetExplainMessagesResponse explain(Server s, List<String> ids) {
        return ExplainGrpc.newBlockingStub(s.channel()).getExplainMessages(
                GetExplainMessagesRequest.newBuilder().addAllExecutionDecisionIds(ids).build());
    }

    @Test
    void anotherServerOnTheSameStoreExplainsTheDecisions() throws Exception {
        MemoryStore store = new MemoryStore();
        Server a = start(store);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SubmitSQLResponse r = SQLGrpc.newBlockingStub(a.channel()).submitEnrichedSQL(model("\"db\".\"an\".\"m" + i + "\"", 100));
            ids.add(r.getReadyToExecute().getExecutionDecisionId());
        }
        GetExplainMessagesResponse fromA = explain(a, ids);
        assertEquals(30, fromA.getMessagesCount());

        Server b = start(store);
        a.writer().close(); // what a drained server leaves in the store
        List<String> asked = new ArrayList<>(ids);
        asked.add("01900000-0000-7000-8000-000000000000"); // a UUIDv7 no server decided
        asked.add("not-an-id");
        GetExplainMessagesResponse fromB = explain(b, asked);
        assertEquals(fromA, fromB, "the same answers, in the order asked, unknown ids left out");
        assertTrue(fromB.getMessages(0).getExplainLinesCount() > 0, fromB.toString());

        long documents = store.list("explanations/").count();
        assertTrue(documents >= 1 && documents <= 4, documents + " documents: batched, not one per decision");
    }
}

package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.TableModifiedInfo;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.store.ForwardingStore;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.history.TimeLimitedHistory;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store that answers every call, slowly: a decision's store calls together stay within the store timeout. */
class DecisionBudgetTest {
    static final Duration TIMEOUT = Duration.ofMillis(1000);

    /** Every call takes 400 ms. */
    static final class SlowStore extends ForwardingStore {
        SlowStore() {
            super(new MemoryStore());
        }

        @Override
        protected void before(String operation) {
            sleep(400);
        }
    }

    /** Milliseconds one decision takes (three inputs: four reads and a write) on a server with these interceptors. */
    private static long decide(List<ServerInterceptor> interceptors) throws Exception {
        StoreHistory history = new StoreHistory(new SlowStore());
        try (TimeLimitedHistory bounded = new TimeLimitedHistory(history, TIMEOUT, CallDeadline::millisLeft)) {
            InProcessServer server = InProcessServer.start(Engines.single(DecisionEngine.over(bounded).build()), interceptors,
                    false);
            ManagedChannel channel = server.channel();
            try {
                SubmitEnrichedSQLRequest.Builder r = SubmitEnrichedSQLRequest.newBuilder().setTargetTable("\"db\".\"an\".\"m\"")
                        .setDialect("postgres").setExecutionType(ModelExecutionType.FULL).setTolerateNondeterminism(true)
                        .setSql("select a.id from \"db\".\"raw\".\"a\" a join \"db\".\"raw\".\"b\" b using (id) join \"db\".\"raw\".\"c\" c using (id)")
                        .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"an\".\"m\"").setLastModifiedEpoch(5));
                for (String in : List.of("a", "b", "c")) {
                    r.addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"" + in + "\"").setLastModifiedEpoch(1));
                }
                long t0 = System.nanoTime();
                SubmitSQLResponse answer = SQLGrpc.newBlockingStub(channel).submitEnrichedSQL(r.build());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(answer.hasReadyToExecute(), answer.toString());
                return ms;
            } finally {
                server.close();
            }
        }
    }

    @Test
    void aSlowStoreMakesADecisionExecuteWithinTheStoreTimeout() throws Exception {
        long unbounded = decide(List.of());
        assertTrue(unbounded >= 1600, "each call within the timeout, the decision past it: " + unbounded + " ms");
        long budgeted = decide(List.of(CallDeadline.decisionBudget(TIMEOUT)));
        assertTrue(budgeted < TIMEOUT.toMillis() + 300, "the decision's store calls share the store timeout: " + budgeted + " ms");
    }
}

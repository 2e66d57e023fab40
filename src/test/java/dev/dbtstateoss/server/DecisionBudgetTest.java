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

/**
 * A store that answers every call, slowly: a decision's store calls together stay within the store timeout. A store
 * that does not answer at all: an organization's first decision (which opens its history) is EXECUTE within it.
 */
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

    /** Every call waits until {@code answering} is counted down. */
    static final class HungStore extends ForwardingStore {
        final java.util.concurrent.CountDownLatch answering = new java.util.concurrent.CountDownLatch(1);

        HungStore(MemoryStore inner) {
            super(inner);
        }

        @Override
        protected void before(String operation) {
            try {
                answering.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.dbtstateoss.store.StateStore.StoreException("interrupted", e);
            }
        }
    }

    @Test
    void anOrganizationsFirstDecisionOnAHungStoreExecutesWithinTheStoreTimeout() throws Exception {
        MemoryStore inner = new MemoryStore();
        HungStore store = new HungStore(inner);
        dev.dbtstateoss.serving.ServeEngines engines = dev.dbtstateoss.serving.ServeEngines.open(store, true, TIMEOUT,
                java.time.Clock.systemUTC(), dev.dbtstateoss.engine.ReusePolicy.DEFAULT, null, w -> {});
        ServerInterceptor acme = new ServerInterceptor() {
            @Override
            public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call, io.grpc.Metadata headers,
                    io.grpc.ServerCallHandler<Q, A> next) {
                return io.grpc.Contexts.interceptCall(io.grpc.Context.current().withValue(AuthInterceptor.ORG, "acme"), call, headers,
                        next);
            }
        };
        InProcessServer server = InProcessServer.start(engines.engines(), List.of(acme, CallDeadline.decisionBudget(TIMEOUT)), false);
        try {
            SubmitEnrichedSQLRequest r = SubmitEnrichedSQLRequest.newBuilder().setTargetTable("\"db\".\"an\".\"m\"")
                    .setDialect("postgres").setExecutionType(ModelExecutionType.FULL)
                    .setSql("select id from \"db\".\"raw\".\"a\"")
                    .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"a\"").setLastModifiedEpoch(1)).build();
            for (int i = 0; i < 2; i++) { // the first opens the organization's history; the second finds the open still waiting
                long t0 = System.nanoTime();
                SubmitSQLResponse answer = SQLGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS)
                        .submitEnrichedSQL(r);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(answer.hasReadyToExecute(), answer.toString());
                assertTrue(ms < TIMEOUT.toMillis() + 1500, "EXECUTE within the store timeout, not when the store answers: " + ms + " ms");
            }
            assertTrue(inner.list("").findAny().isEmpty(), "nothing reached the store");
            store.answering.countDown();
            assertTrue(SQLGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS)
                    .submitEnrichedSQL(r).hasReadyToExecute());
            assertTrue(inner.list("orgs/acme/runs/").count() >= 1, "once the store answers, the history opens and decisions are kept");
            assertTrue(inner.readValue("orgs/acme/format").isPresent());
        } finally {
            store.answering.countDown();
            server.close();
            engines.close();
        }
    }

    /** Records the threads its reads come on. */
    static final class WatchedStore extends ForwardingStore {
        final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(0);

        WatchedStore() {
            super(new MemoryStore());
        }

        @Override
        protected void before(String operation) {
            if (operation.startsWith("read")) {
                threads.add(Thread.currentThread().getName());
            }
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.dbtstateoss.store.StateStore.StoreException("interrupted", e);
            }
        }
    }

    @Test
    void aDecisionWithABudgetReadsOnItsOwnThreadAndIsAnsweredInTimeWhenTheStoreHangs() throws Exception {
        WatchedStore store = new WatchedStore();
        dev.dbtstateoss.serving.ServeEngines engines = dev.dbtstateoss.serving.ServeEngines.open(store, false, TIMEOUT,
                java.time.Clock.systemUTC(), dev.dbtstateoss.engine.ReusePolicy.DEFAULT, null, w -> {});
        InProcessServer server = InProcessServer.start(engines.engines(), List.of(CallDeadline.decisionBudget(TIMEOUT)), false);
        try {
            SubmitEnrichedSQLRequest r = SubmitEnrichedSQLRequest.newBuilder().setTargetTable("\"db\".\"an\".\"m\"")
                    .setDialect("postgres").setExecutionType(ModelExecutionType.FULL).setTolerateNondeterminism(true)
                    .setSql("select id from \"db\".\"raw\".\"a\"")
                    .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"an\".\"m\"").setLastModifiedEpoch(5))
                    .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"a\"").setLastModifiedEpoch(1)).build();
            SQLGrpc.SQLBlockingStub stub = SQLGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS);
            store.threads.clear();
            assertTrue(stub.submitEnrichedSQL(r).hasReadyToExecute());
            assertTrue(store.threads.stream().anyMatch(t -> t.startsWith("grpc-default-executor")),
                    "a guarded decision reads the store itself: " + store.threads);
            store.hang = new java.util.concurrent.CountDownLatch(1);
            long t0 = System.nanoTime();
            SubmitSQLResponse answer = stub.submitEnrichedSQL(r);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(answer.hasReadyToExecute(), answer.toString());
            assertTrue(ms >= TIMEOUT.toMillis() - 50 && ms < TIMEOUT.toMillis() + 1500,
                    "EXECUTE when the budget is spent, while the decision still waits for the store: " + ms + " ms");
            com.fivetran.query_cache.SubmitSQLSpeculativeResponse speculative = SQLGrpc.newBlockingStub(server.channel())
                    .withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).submitEnrichedSQLSpeculative(r);
            assertTrue(speculative.hasUndecided(), "a speculative question on a hung store is undecided in time");
        } finally {
            store.hang.countDown();
            server.close();
            engines.close();
        }
    }
}

package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ExecutionOutcome;
import com.fivetran.query_cache.ExecutionRecord;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.RecordExecutionsRequest;
import com.fivetran.query_cache.SQLExecution;
import com.fivetran.query_cache.TableModifiedInfo;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.store.ForwardingStore;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.history.TimeLimitedHistory;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RecordExecutions: a bounded batch, and writing that stops with the call, on a store that takes its time. */
class RecordExecutionsLimitsTest {
    private final MemoryStore memory = new MemoryStore();
    private final SlowStore store = new SlowStore(memory);
    private TimeLimitedHistory history;
    private InProcessServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        history = new TimeLimitedHistory(new StoreHistory(store), Duration.ofSeconds(10), CallDeadline::millisLeft);
        server = InProcessServer.start(Engines.single(DecisionEngine.over(history).build()), List.of(), false);
        channel = server.channel();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        history.close();
    }

    static RecordExecutionsRequest batch(int n) {
        RecordExecutionsRequest.Builder b = RecordExecutionsRequest.newBuilder();
        for (int i = 0; i < n; i++) {
            String target = "\"db\".\"s\".\"t" + i + "\"";
            b.addRecords(ExecutionRecord.newBuilder()
                    .setEnrichedSql(SQLExecution.newBuilder().setTargetTable(target).setDialect("postgres")
                            .setExecutionType(ModelExecutionType.FULL).setSql("select " + i)
                            .addTables(TableModifiedInfo.newBuilder().setName(target).setLastModifiedEpoch(1000 + i)))
                    .setOutcome(ExecutionOutcome.newBuilder().setLastModifiedEpoch(2000 + i)));
        }
        return b.build();
    }

    private long runs() {
        return memory.list("runs/").count();
    }

    @Test
    void aBatchOverTheMaximumIsRefusedWholeAndNothingIsWritten() {
        int before = store.writes.get();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ExecutionGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS).recordExecutions(batch(ExecutionEndpoint.MAX_RECORDS + 1)));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("at most " + ExecutionEndpoint.MAX_RECORDS), e.getStatus().toString());
        assertEquals(0, runs());
        assertEquals(before, store.writes.get());
    }

    @Test
    void aBatchAtTheMaximumIsRecordedWhole() {
        store.delayMs = 0;
        var answer = ExecutionGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .recordExecutions(batch(ExecutionEndpoint.MAX_RECORDS));
        assertEquals(ExecutionEndpoint.MAX_RECORDS, answer.getRecordsStored());
        assertEquals(ExecutionEndpoint.MAX_RECORDS, runs());
    }

    @Test
    void writingStopsAtTheCallsDeadline() throws Exception {
        store.delayMs = 10;
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ExecutionGrpc.newBlockingStub(channel)
                .withDeadlineAfter(500, TimeUnit.MILLISECONDS).recordExecutions(batch(500)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        Thread.sleep(300);
        long soon = runs();
        int writesSoon = store.writes.get();
        Thread.sleep(1500);
        assertEquals(soon, runs(), "runs recorded after the deadline");
        assertEquals(writesSoon, store.writes.get(), "store writes after the deadline");
        assertTrue(soon < 500, soon + " runs");
    }

    @Test
    void writingStopsWhenTheClientCancelsMidBatch() throws Exception {
        store.delayMs = 10;
        var call = ExecutionGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).recordExecutions(batch(500));
        for (int i = 0; i < 1000 && runs() < 5; i++) {
            Thread.sleep(10);
        }
        assertTrue(runs() >= 5, "the batch is being written: " + runs());
        assertTrue(call.cancel(true), "still in flight when cancelled");
        Thread.sleep(300);
        long soon = runs();
        int writesSoon = store.writes.get();
        Thread.sleep(1500);
        assertEquals(soon, runs(), "runs recorded after the cancel");
        assertEquals(writesSoon, store.writes.get(), "store writes after the cancel");
        assertTrue(soon < 500, soon + " runs");
    }

    @Test
    void aStoreFailureMidBatchSaysHowManyWereRecorded() {
        store.delayMs = 0;
        store.failAfterWrites = 12;
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ExecutionGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS).recordExecutions(batch(10)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        String d = e.getStatus().getDescription();
        long latest = memory.list("targets/").filter(k -> k.endsWith("/latest")).count();
        int said = Integer.parseInt(d.substring(0, d.indexOf(' ')));
        // the run being written when the store failed may have reached its latest (then a later write failed)
        assertTrue(said > 0 && said < 10 && (latest == said || latest == said + 1), d + " / latest runs in the store: " + latest);
        assertTrue(d.contains(said + " of 10 runs recorded; the rest could not be: the disk is full"), d);
    }

    /** A store whose writes take {@code delayMs} each and may start failing after some writes. */
    static final class SlowStore extends ForwardingStore {
        volatile int delayMs = 10;
        volatile int failAfterWrites = Integer.MAX_VALUE;
        final AtomicInteger writes = new AtomicInteger();

        SlowStore(StateStore inner) {
            super(inner);
        }

        @Override
        protected void before(String operation) {
            if (operation.startsWith("read") || operation.equals("list")) {
                return;
            }
            if (writes.incrementAndGet() > failAfterWrites) {
                throw new StoreException("the disk is full", null);
            }
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which organizations stay open: a cap, least recently used out first, idle ones closed, calls in flight kept. */
class OrgEnginesTest {
    private final MemoryStore shared = new MemoryStore();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private OrgEngines engines(int maxOpen, Duration idle) {
        return new OrgEngines(org -> new OrgEngines.OrgEngine(DecisionEngine.over(new StoreHistory(PrefixedStore.forOrg(shared, org)))
                .ids(new Ids(Clock.systemUTC()))
                .build(), () -> closed.add(org)), maxOpen, idle);
    }

    /** A call of {@code org} that stays in flight until its context is cancelled. */
    private static Context.CancellableContext call(String org) {
        return Context.current().withValue(AuthInterceptor.ORG, org).withCancellation();
    }

    private static DecisionEngine in(Context.CancellableContext call, OrgEngines engines) {
        Context previous = call.attach();
        try {
            return engines.current();
        } finally {
            call.detach(previous);
        }
    }

    private void awaitClosed(String org) throws InterruptedException {
        for (int i = 0; i < 200 && !closed.contains(org); i++) {
            Thread.sleep(10);
        }
        assertTrue(closed.contains(org), org + " not closed: " + closed);
    }

    @Test
    void pastTheCapTheLeastRecentlyUsedIdleOrganizationIsClosed() throws Exception {
        try (OrgEngines engines = engines(2, Duration.ofHours(1))) {
            Context.CancellableContext a = call("a");
            Context.CancellableContext b = call("b");
            DecisionEngine first = in(a, engines);
            in(b, engines);
            a.cancel(null);
            b.cancel(null);
            assertSame(first, in(call("a"), engines), "an open organization keeps its engine");
            in(call("c"), engines);
            awaitClosed("b");
            assertEquals(Set.of("a", "c"), engines.organizations());
        }
    }

    @Test
    void whenEveryOpenOrganizationHasACallInFlightANewOneIsRefused() throws Exception {
        try (OrgEngines engines = engines(2, Duration.ofHours(1))) {
            Context.CancellableContext a = call("a");
            in(a, engines);
            in(call("b"), engines);
            Context.CancellableContext b2 = call("b");
            in(b2, engines);
            // a and b have calls in flight: c has no place
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> in(call("c"), engines));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("2 organizations open"), e.getStatus().toString());
            a.cancel(null);
            in(call("c"), engines);
            awaitClosed("a");
            assertEquals(Set.of("b", "c"), engines.organizations());
            b2.cancel(null);
        }
    }

    @Test
    void anIdleOrganizationIsClosedAndOpensAgainOnItsNextCall() throws Exception {
        try (OrgEngines engines = engines(10, Duration.ofMillis(50))) {
            Context.CancellableContext a = call("a");
            DecisionEngine first = in(a, engines);
            a.cancel(null);
            Thread.sleep(120);
            Context.CancellableContext b = call("b");
            in(b, engines);
            awaitClosed("a");
            assertEquals(Set.of("b"), engines.organizations());
            assertNotSame(first, in(call("a"), engines));
        }
    }

    @Test
    void anOrganizationIdTheStoreCannotHoldIsInvalidArgument() {
        try (OrgEngines engines = engines(10, Duration.ofHours(1))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> in(call("x".repeat(129)), engines));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
            assertTrue(e.getStatus().getDescription().contains("x-organization-id"), e.getStatus().toString());
            assertEquals(Set.of(), engines.organizations());
        }
    }

    @Test
    void anOrganizationOpenedAgainAddsToItsDailyDocument() throws Exception {
        dev.dbtstateoss.serving.ServeEngines serving = dev.dbtstateoss.serving.ServeEngines.open(shared, true, Duration.ofSeconds(10),
                Clock.systemUTC(), dev.dbtstateoss.engine.ReusePolicy.DEFAULT, null, w -> {});
        InProcessServer server = InProcessServer.start(serving.engines(), List.of(BY_HEADER), false);
        try {
            // a, then as many other organizations as may be open (a is closed for the last), then a again
            decide(server, "a");
            for (int i = 0; i < OrgEngines.DEFAULT_MAX_OPEN; i++) {
                decide(server, "o" + i);
            }
            assertTrue(!((OrgEngines) serving.engines()).organizations().contains("a"), "a was closed");
            decide(server, "a");
        } finally {
            server.close();
            serving.close();
        }
        List<String> documents = shared.list("orgs/a/aggregates/").toList();
        assertEquals(1, documents.size(), "one document of the day, however often the organization opened: " + documents);
        java.util.Map<java.time.LocalDate, java.util.Map<String, dev.dbtstateoss.report.TargetDay>> days =
                new dev.dbtstateoss.report.DayAggregates(PrefixedStore.forOrg(shared, "a")).since(java.time.LocalDate.of(2000, 1, 1));
        dev.dbtstateoss.report.TargetDay t = days.values().iterator().next().get("table||\"db\".\"an\".\"m\"");
        assertEquals(2, t.decisions(), "both openings' decisions counted: " + t);
        assertEquals(2, t.executed(), t.toString());
    }

    @Test
    void nothingIsWrittenIntoAnOrganizationsStoreOfAnotherFormat() throws Exception {
        shared.createIfAbsent("orgs/acme/format", "{\"format\":99}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dev.dbtstateoss.serving.ServeEngines serving = dev.dbtstateoss.serving.ServeEngines.open(shared, true, Duration.ofSeconds(10),
                Clock.systemUTC(), dev.dbtstateoss.engine.ReusePolicy.DEFAULT, null, w -> {});
        InProcessServer server = InProcessServer.start(serving.engines(), List.of(BY_HEADER), false);
        try {
            decide(server, "acme");
            decide(server, "acme");
        } finally {
            server.close();
            serving.close(); // writes out what the writers hold
        }
        assertEquals(List.of("orgs/acme/format"), shared.list("orgs/acme/").toList(),
                "no run, explanation or daily figure written into a store this version does not understand");
    }

    /** Takes the organization from the x-organization-id header (as AuthInterceptor does after checking a token). */
    private static final io.grpc.ServerInterceptor BY_HEADER = new io.grpc.ServerInterceptor() {
        @Override
        public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call, io.grpc.Metadata headers,
                io.grpc.ServerCallHandler<Q, A> next) {
            return io.grpc.Contexts.interceptCall(Context.current().withValue(AuthInterceptor.ORG, headers.get(AuthInterceptor.ORG_HEADER)),
                    call, headers, next);
        }
    };

    private static void decide(InProcessServer server, String org) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(AuthInterceptor.ORG_HEADER, org);
        com.fivetran.query_cache.SubmitSQLResponse answer = com.fivetran.query_cache.SQLGrpc.newBlockingStub(server.channel())
                .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                .submitEnrichedSQL(com.fivetran.query_cache.SubmitEnrichedSQLRequest.newBuilder()
                        .setTargetTable("\"db\".\"an\".\"m\"").setDialect("postgres")
                        .setExecutionType(com.fivetran.query_cache.ModelExecutionType.FULL).setSql("select id from \"db\".\"raw\".\"a\"")
                        .addTables(com.fivetran.query_cache.TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"a\"")
                                .setLastModifiedEpoch(1))
                        .build());
        assertTrue(answer.hasReadyToExecute(), answer.toString());
    }
}

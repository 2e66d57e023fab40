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
}

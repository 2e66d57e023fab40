package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.DecisionEngine;
import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * One engine per organization, opened on the organization's first call: the organization comes from
 * the call's {@link AuthInterceptor#ORG}, so a call can only reach the history of the organization
 * its token grants. At most {@code maxOpen} organizations are open at once; an organization without
 * a call in flight is closed when it has been idle for {@code idleClose}, or, least recently used
 * first, when a new one needs its place. When every open organization has a call in flight a new one
 * is refused with RESOURCE_EXHAUSTED. An organization id the store cannot hold is INVALID_ARGUMENT.
 */
public final class OrgEngines implements Engines, AutoCloseable {
    /** An organization's engine and what to close with it. */
    public record OrgEngine(DecisionEngine engine, AutoCloseable resources) {}

    public static final int DEFAULT_MAX_OPEN = 100;
    public static final Duration DEFAULT_IDLE_CLOSE = Duration.ofMinutes(10);

    /** One open (or opening) organization; guarded by the OrgEngines' lock except {@link #engine}. */
    private final class Open {
        final String org;
        int inFlight;
        long lastUsedNanos;
        private OrgEngine engine;

        Open(String org) {
            this.org = org;
        }

        /** Opens the engine on first use (outside the map's lock: opening may wait for the store). */
        synchronized OrgEngine engine() {
            if (engine == null) {
                engine = open.apply(org);
            }
            return engine;
        }

        synchronized void close() {
            if (engine != null) {
                try {
                    engine.resources().close();
                } catch (Exception ex) {
                    DecisionLog.warn("closing the history of organization " + org + ": " + ex.getMessage());
                }
            }
        }
    }

    private final Function<String, OrgEngine> open;
    private final int maxOpen;
    private final long idleNanos;
    /** In access order: the eldest is the least recently used. */
    private final LinkedHashMap<String, Open> byOrg = new LinkedHashMap<>(16, 0.75f, true);
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "org-closer");
        t.setDaemon(true);
        return t;
    });

    /** {@code open} builds the engine of one organization; an IllegalArgumentException means the id is invalid. */
    public OrgEngines(Function<String, OrgEngine> open) {
        this(open, DEFAULT_MAX_OPEN, DEFAULT_IDLE_CLOSE);
    }

    public OrgEngines(Function<String, OrgEngine> open, int maxOpen, Duration idleClose) {
        this.open = open;
        this.maxOpen = maxOpen;
        this.idleNanos = idleClose.toNanos();
    }

    @Override
    public DecisionEngine current() {
        String org = AuthInterceptor.ORG.get();
        if (org == null) {
            throw Status.PERMISSION_DENIED.withDescription("no authenticated organization").asRuntimeException();
        }
        Open o = lease(org);
        // The lease ends with the call (its context is cancelled when the call closes, however it closes).
        Context.current().addListener(ctx -> release(o), Runnable::run);
        try {
            return o.engine().engine();
        } catch (IllegalArgumentException e) {
            forget(o);
            throw Status.INVALID_ARGUMENT.withDescription("x-organization-id: " + e.getMessage()).asRuntimeException();
        } catch (RuntimeException e) {
            forget(o);
            DecisionLog.failed("opening the history of organization " + org, e);
            throw Status.UNAVAILABLE.withDescription("the organization's history cannot be opened: " + e.getMessage())
                    .asRuntimeException();
        }
    }

    private synchronized Open lease(String org) {
        long now = System.nanoTime();
        List<Open> closing = new ArrayList<>();
        for (Iterator<Open> it = byOrg.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (o.inFlight == 0 && now - o.lastUsedNanos > idleNanos && !o.org.equals(org)) {
                it.remove();
                closing.add(o);
            }
        }
        Open o = byOrg.get(org);
        if (o == null) {
            if (byOrg.size() >= maxOpen && !evictOne(closing)) {
                closeLater(closing);
                throw Status.RESOURCE_EXHAUSTED.withDescription("the server has " + maxOpen
                        + " organizations open, each with a call in flight; retry later").asRuntimeException();
            }
            o = new Open(org);
            byOrg.put(org, o);
        }
        o.inFlight++;
        o.lastUsedNanos = now;
        closeLater(closing);
        return o;
    }

    /** Removes the least recently used organization without a call in flight; false when there is none. */
    private boolean evictOne(List<Open> closing) {
        for (Iterator<Map.Entry<String, Open>> it = byOrg.entrySet().iterator(); it.hasNext(); ) {
            Open o = it.next().getValue();
            if (o.inFlight == 0) {
                it.remove();
                closing.add(o);
                return true;
            }
        }
        return false;
    }

    private synchronized void release(Open o) {
        o.inFlight--;
        o.lastUsedNanos = System.nanoTime();
    }

    private synchronized void forget(Open o) {
        byOrg.remove(o.org, o);
    }

    private void closeLater(List<Open> closing) {
        for (Open o : closing) {
            closer.execute(o::close);
        }
    }

    /** The organizations open now. */
    public synchronized Set<String> organizations() {
        return Set.copyOf(byOrg.keySet());
    }

    @Override
    public void close() {
        List<Open> all;
        synchronized (this) {
            all = new ArrayList<>(byOrg.values());
            byOrg.clear();
        }
        closer.shutdown();
        try {
            closer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(Open::close);
    }
}

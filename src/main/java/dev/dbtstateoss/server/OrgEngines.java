package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.DecisionEngine;
import io.grpc.Status;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One engine per organization, opened on the organization's first call and kept: the organization
 * comes from the call's {@link AuthInterceptor#ORG}, so a call can only reach the history of the
 * organization its token grants.
 */
public final class OrgEngines implements Engines, AutoCloseable {
    /** An organization's engine and what to close with it. */
    public record OrgEngine(DecisionEngine engine, AutoCloseable resources) {}

    private final Function<String, OrgEngine> open;
    private final ConcurrentHashMap<String, OrgEngine> byOrg = new ConcurrentHashMap<>();

    /** {@code open} builds the engine of one organization (its history under the organization's prefix). */
    public OrgEngines(Function<String, OrgEngine> open) {
        this.open = open;
    }

    @Override
    public DecisionEngine current() {
        String org = AuthInterceptor.ORG.get();
        if (org == null) {
            throw Status.PERMISSION_DENIED.withDescription("no authenticated organization").asRuntimeException();
        }
        try {
            return byOrg.computeIfAbsent(org, open).engine();
        } catch (RuntimeException e) {
            DecisionLog.failed("opening the history of organization " + org, e);
            throw Status.UNAVAILABLE.withDescription("the organization's history cannot be opened: " + e.getMessage())
                    .asRuntimeException();
        }
    }

    /** The organizations opened so far. */
    public java.util.Set<String> organizations() {
        return java.util.Set.copyOf(byOrg.keySet());
    }

    @Override
    public void close() {
        for (OrgEngine e : byOrg.values()) {
            try {
                e.resources().close();
            } catch (Exception ex) {
                DecisionLog.warn("closing an organization's history: " + ex.getMessage());
            }
        }
    }
}

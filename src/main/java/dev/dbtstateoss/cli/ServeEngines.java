package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Fingerprinter;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.ReusePolicy;
import dev.dbtstateoss.report.AggregateWriter;
import dev.dbtstateoss.report.ConfirmedRuns;
import dev.dbtstateoss.report.DayAggregates;
import dev.dbtstateoss.server.Engines;
import dev.dbtstateoss.server.OrgEngines;
import dev.dbtstateoss.store.ExplanationWriter;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.store.StoreHistory;
import dev.dbtstateoss.store.TimeLimitedHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The engines {@code serve} answers with: one over the whole store, or with token auth one per
 * organization over {@code orgs/<org>/} of the store, opened on the organization's first call. Each
 * engine's store calls are bounded by the store timeout, and its explanations and daily figures (report package)
 * are written in the background; the Explain service finds the explanations of decisions no longer in memory (or
 * taken by another server) there.
 */
final class ServeEngines implements AutoCloseable {
    private final Engines engines;
    private final AutoCloseable resources;

    private ServeEngines(Engines engines, AutoCloseable resources) {
        this.engines = engines;
        this.resources = resources;
    }

    static ServeEngines open(StateStore store, boolean perOrganization, Duration storeTimeout, Clock clock,
            ReusePolicy policy, Consumer<String> warnings) {
        if (perOrganization) {
            OrgEngines orgs = new OrgEngines(org -> engine(PrefixedStore.forOrg(store, org), storeTimeout, clock, policy, warnings));
            return new ServeEngines(orgs, orgs);
        }
        OrgEngines.OrgEngine one = engine(store, storeTimeout, clock, policy, warnings);
        return new ServeEngines(Engines.single(one.engine()), one.resources());
    }

    private static OrgEngines.OrgEngine engine(StateStore store, Duration storeTimeout, Clock clock, ReusePolicy policy,
            Consumer<String> warnings) {
        StoreHistory history = new StoreHistory(store);
        TimeLimitedHistory bounded = new TimeLimitedHistory(history, storeTimeout);
        ExplanationWriter explanations = new ExplanationWriter(history.explanations(), warnings);
        AggregateWriter aggregates = new AggregateWriter(new DayAggregates(store), warnings);
        DecisionEngine engine = new DecisionEngine(new ConfirmedRuns(bounded, aggregates::confirmed), new Fingerprinter(20_000),
                new Ids(clock), warnings, explanations.andThen(aggregates), history.explanations(), policy);
        return new OrgEngines.OrgEngine(engine, () -> {
            explanations.close();
            aggregates.close();
            bounded.close();
        });
    }

    Engines engines() {
        return engines;
    }

    /** Writes out pending explanations and stops the store-call threads. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the engines: " + e.getMessage(), e);
        }
    }
}

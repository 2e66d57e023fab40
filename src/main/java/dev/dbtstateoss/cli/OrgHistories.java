package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Fingerprinter;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.server.OrgEngines;
import dev.dbtstateoss.store.ExplanationWriter;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.store.StoreHistory;
import dev.dbtstateoss.store.TimeLimitedHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** With token auth, {@code serve} keeps one engine per organization, each on its own part of the store. */
final class OrgHistories {
    private OrgHistories() {}

    /** Engines opened lazily, each as serve's single engine but over {@code orgs/<org>/} of {@code shared}. */
    static OrgEngines engines(StateStore shared, Duration storeTimeout, Clock clock, Consumer<String> warnings) {
        return new OrgEngines(org -> {
            StoreHistory history = new StoreHistory(PrefixedStore.forOrg(shared, org));
            TimeLimitedHistory bounded = new TimeLimitedHistory(history, storeTimeout);
            ExplanationWriter explanations = new ExplanationWriter(history.explanations(), warnings);
            DecisionEngine engine = new DecisionEngine(bounded, new Fingerprinter(20_000), new Ids(clock), warnings,
                    explanations);
            return new OrgEngines.OrgEngine(engine, () -> {
                explanations.close();
                bounded.close();
            });
        });
    }
}

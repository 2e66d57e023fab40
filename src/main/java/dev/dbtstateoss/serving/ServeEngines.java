package dev.dbtstateoss.serving;

import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.ReusePolicy;
import dev.dbtstateoss.report.AggregateWriter;
import dev.dbtstateoss.report.ConfirmedRuns;
import dev.dbtstateoss.report.DayAggregates;
import dev.dbtstateoss.server.CallDeadline;
import dev.dbtstateoss.server.Engines;
import dev.dbtstateoss.server.OrgEngines;
import dev.dbtstateoss.history.ExplanationWriter;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.Retention;
import dev.dbtstateoss.history.OpeningHistory;
import dev.dbtstateoss.history.TimeLimitedHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one place engines are assembled for serving (by {@code serve} and {@code replay}'s in-process
 * engine; tests build plain engines with {@link DecisionEngine#over}): one over the whole store, or with token auth one per
 * organization over {@code orgs/<org>/} of the store, opened on the organization's first call. Each
 * engine's store calls are bounded by the store timeout, and its explanations and daily figures (report package)
 * are written in the background; the Explain service finds the explanations of decisions no longer in memory (or
 * taken by another server) there.
 */
public final class ServeEngines implements AutoCloseable {
    /** How long one store call may take when no --store-timeout-ms says otherwise (serve's default). */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXPIRY_FIRST = Duration.ofMinutes(5);
    private static final Duration EXPIRY_EVERY = Duration.ofHours(6);

    private final Engines engines;
    private final AutoCloseable resources;

    private ServeEngines(Engines engines, AutoCloseable resources) {
        this.engines = engines;
        this.resources = resources;
    }

    /** The engines; {@code retain} is the retention window of the background sweep, null for none (see {@link Retention}). */
    public static ServeEngines open(StateStore store, boolean perOrganization, Duration storeTimeout, Clock clock,
            ReusePolicy policy, Duration retain, Consumer<String> warnings) {
        // One writer id for the daily figures of this server process (each organization has its own part of the store).
        String writer = java.util.UUID.randomUUID().toString().substring(0, 18);
        Shared shared = new Shared(TimeLimitedHistory.storeCallPool(), Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        }), writer, storeTimeout, clock, policy, retain, warnings);
        if (perOrganization) {
            // An organization's history opens on its first store call, within the store timeout (OpeningHistory).
            OrgEngines orgs = new OrgEngines(org -> {
                StateStore own = PrefixedStore.forOrg(store, org);
                return engine(own, new OpeningHistory(own), shared);
            });
            return new ServeEngines(orgs, () -> {
                orgs.close();
                shared.close();
            });
        }
        OrgEngines.OrgEngine one = engine(store, OpeningHistory.openNow(store), shared); // a refused store stops serve at start
        return new ServeEngines(Engines.single(one.engine()), () -> {
            one.resources().close();
            shared.close();
        });
    }

    /**
     * What every engine shares: the store-call threads, the expiry thread, the id of the server's daily-figures
     * documents (so an organization opened again adds to its documents of the day), the settings.
     */
    private record Shared(ExecutorService storeCalls, ScheduledExecutorService expiry, String writer, Duration storeTimeout, Clock clock,
            ReusePolicy policy, Duration retain, Consumer<String> warnings) implements AutoCloseable {
        @Override
        public void close() {
            storeCalls.shutdownNow();
            expiry.shutdownNow();
        }
    }

    private static OrgEngines.OrgEngine engine(StateStore store, OpeningHistory history, Shared shared) {
        TimeLimitedHistory bounded = new TimeLimitedHistory(history, shared.storeTimeout(), CallDeadline::millisLeft,
                shared.storeCalls(), CallDeadline::isGuarded);
        ExplanationWriter explanations = new ExplanationWriter(history.explanations(), shared.warnings());
        AggregateWriter aggregates = new AggregateWriter(new DayAggregates(store), shared.writer(), shared.warnings());
        DecisionEngine engine = DecisionEngine.over(new ConfirmedRuns(bounded, aggregates::confirmed))
                .ids(new Ids(shared.clock()))
                .warnings(shared.warnings())
                .explained(explanations.andThen(aggregates)) // only decisions that read the history: it is open
                .archive(bounded.bounded(history.explanations()))
                .policy(shared.policy())
                .build();
        ScheduledFuture<?> expiry = shared.expiry().scheduleWithFixedDelay(() -> {
            if (history.isOpen()) { // never sweep a store not (yet) opened: it may hold another format
                sweep(new Retention(store, shared.retain()), store, shared);
            }
        },
                EXPIRY_FIRST.toMinutes(), EXPIRY_EVERY.toMinutes(), TimeUnit.MINUTES);
        return new OrgEngines.OrgEngine(engine, () -> {
            expiry.cancel(false);
            explanations.close();
            aggregates.close();
            bounded.close();
        });
    }

    /** Removes what is past the retention window (see {@link Retention}); several servers may sweep one store. */
    private static void sweep(Retention retention, StateStore store, Shared shared) {
        try {
            Retention.Sweep done = retention.sweep(shared.clock().instant());
            if (done.total() > 0) {
                shared.warnings().accept("retention removed " + done.runs() + " runs, " + done.pending()
                        + " decisions never confirmed, " + done.sqlTexts() + " SQL texts, " + done.weekLists() + " week lists, "
                        + done.explanations() + " explanation batches (" + done.bytes() + " bytes) from " + store.describe());
            }
        } catch (RuntimeException e) {
            shared.warnings().accept("retention sweep failed (" + store.describe() + "): " + e.getMessage());
        }
    }

    public Engines engines() {
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

package dev.dbtstateoss.engine;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/** The parts of a {@link DecisionEngine} ({@link DecisionEngine#over}); {@link #build()} gives the engine. */
public final class DecisionEngineBuilder {
    final History history;
    Fingerprinter fingerprinter;
    Ids ids;
    Consumer<String> warnings = w -> {};
    Consumer<Explanation> explained = e -> {};
    ExplanationArchive archive = ExplanationArchive.NONE;
    ReusePolicy policy = ReusePolicy.DEFAULT;

    DecisionEngineBuilder(History history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    public DecisionEngineBuilder fingerprinter(Fingerprinter f) {
        this.fingerprinter = f;
        return this;
    }

    /** Where ids and "now" come from. */
    public DecisionEngineBuilder ids(Ids i) {
        this.ids = i;
        return this;
    }

    /** Receives store failures and other things an operator should see. */
    public DecisionEngineBuilder warnings(Consumer<String> w) {
        this.warnings = w;
        return this;
    }

    /** Receives the explanation of every decision (e.g. to keep them in the store); it must not block. */
    public DecisionEngineBuilder explained(Consumer<Explanation> e) {
        this.explained = e;
        return this;
    }

    /** Where the explanations of decisions no longer in memory are looked up. */
    public DecisionEngineBuilder archive(ExplanationArchive a) {
        this.archive = a;
        return this;
    }

    /** Server settings that narrow reuse (max reuse age, select * on DDL-blind warehouses). */
    public DecisionEngineBuilder policy(ReusePolicy p) {
        this.policy = p;
        return this;
    }

    public DecisionEngine build() {
        if (fingerprinter == null) {
            fingerprinter = new Fingerprinter();
        }
        if (ids == null) {
            ids = new Ids(Clock.systemUTC());
        }
        return new DecisionEngine(this);
    }
}

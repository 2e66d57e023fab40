package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.DecisionEngine;

/** Which engine (and so which history) answers the current call. */
public interface Engines {
    DecisionEngine current();

    /** One engine for every call: the server without token authentication. */
    static Engines single(DecisionEngine engine) {
        return () -> engine;
    }
}

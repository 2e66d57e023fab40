package dev.dbtstateoss.engine;

/** Wire enum StaleUpstreamPolicy: rebuild when ANY input is stale (default) or only when ALL are. */
public enum StalePolicy {
    ANY,
    ALL
}

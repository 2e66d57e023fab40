package dev.dbtstateoss.engine;

/** Why a node must run. Every doubt is a reason to execute. */
public enum ExecuteReason {
    NO_PRIOR_RUN,
    TARGET_MISSING,
    QUERY_CHANGED,
    SETTINGS_CHANGED,
    INPUTS_CHANGED,
    INPUT_TIMESTAMP_MISSING,
    UPSTREAM_NEWER,
    TARGET_MODIFIED,
    NONDETERMINISTIC,
    VALUES_CHANGED,
    UNSUPPORTED_REQUEST,
    STORE_ERROR
}

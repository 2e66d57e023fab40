package dev.dbtstateoss.engine;

/** Why a node must run. Every doubt is a reason to execute. */
public enum ExecuteReason {
    NO_PRIOR_RUN,
    TARGET_MISSING,
    QUERY_CHANGED,
    /** The query or settings differ from the latest run but equal an older run of the same target. */
    OLDER_RUN_MATCHED,
    SETTINGS_CHANGED,
    INPUTS_CHANGED,
    INPUT_TIMESTAMP_MISSING,
    UPSTREAM_NEWER,
    /** An input was rebuilt with other logic since the recorded run: lag tolerance does not apply. */
    UPSTREAM_LOGIC_CHANGED,
    TARGET_MODIFIED,
    /** The target reads older than the recorded run left it (rows deleted, restored, re-created). */
    TARGET_WENT_BACK,
    /** An input reads older than at the recorded run: its newest rows were deleted or it was restored. */
    INPUT_WENT_BACK,
    /** The output takes a relation's columns by a star, and the warehouse's timestamps do not show added columns. */
    COLUMNS_UNPROVABLE,
    /** The reused build is older than the server's max reuse age. */
    REUSE_TOO_OLD,
    NONDETERMINISTIC,
    VALUES_CHANGED,
    UNSUPPORTED_REQUEST,
    STORE_ERROR
}

package dev.dbtstateoss.engine;

/** Why a node may be reused. */
public enum SkipReason {
    /** Same query and settings, no input newer than at the reused run. */
    UP_TO_DATE,
    /** Same query; some input is newer but the node's lag tolerance has not run out. */
    WITHIN_TOLERANCE,
    /** Same query; some but not all inputs are newer and the policy is ALL. */
    NOT_ALL_INPUTS_STALE,
    /** Seed whose values hash is unchanged. */
    SAME_VALUES
}

package dev.dbtstateoss.engine;

/** The hosted service's decision descriptions, word for word (see docs/decision-rules.md). */
final class Wording {
    private Wording() {}

    static String skip(ExecutionType type, SkipReason reason) {
        String noun = type.noun();
        return switch (reason) {
            case SAME_VALUES -> "seed was a no-op because its data has not changed";
            case WITHIN_TOLERANCE, NOT_ALL_INPUTS_STALE ->
                    noun + " was a no-op because its query is up to date and its data is within lag tolerance";
            case UP_TO_DATE -> noun + " was a no-op because both its query and its upstream data are up to date";
        };
    }

    /** Reasons the hosted service never gave: the description names what changed (relation, timestamps, age). */
    private static final java.util.Set<ExecuteReason> OWN = java.util.EnumSet.of(ExecuteReason.TARGET_WENT_BACK,
            ExecuteReason.INPUT_WENT_BACK, ExecuteReason.COLUMNS_UNPROVABLE, ExecuteReason.REUSE_TOO_OLD);

    static String execute(ExecutionType type, ExecuteReason reason, String detail) {
        if (OWN.contains(reason)) {
            String verb = type == ExecutionType.VALUES ? "seed was loaded" : type.noun() + " was executed";
            return verb + " because " + detail;
        }
        return execute(type, reason);
    }

    static String execute(ExecutionType type, ExecuteReason reason) {
        if (type == ExecutionType.VALUES) {
            return reason == ExecuteReason.TARGET_MISSING
                    ? "seed was loaded because it did not exist"
                    : "seed was loaded because its data changed";
        }
        if (type == ExecutionType.DBT_DATA_TEST) {
            return "data test was executed because it has no prior execution or its query changed";
        }
        String noun = type.noun();
        if (reason == ExecuteReason.TARGET_MISSING) {
            return noun + " was executed because its table did not exist";
        }
        return noun + " was executed because either its query didn't match or its upstream data is out of date";
    }
}

package dev.dbtstateoss.engine;

/** How the client will build a node; numbers are those of the wire enum ModelExecutionType. */
public enum ExecutionType {
    UNSPECIFIED(0), FULL(1), APPEND(2), MERGE(3), INSERT_OVERWRITE(4), DELETE_INSERT(5), MICROBATCH(6),
    SNAPSHOT(7), DBT_DATA_TEST(8), VALUES(9), VIEW(10), DBT_CUSTOM(11),
    /** A number this version does not know; never skipped. */
    UNRECOGNIZED(-1);

    private final int number;

    ExecutionType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static ExecutionType ofNumber(int n) {
        for (ExecutionType t : values()) {
            if (t.number == n) {
                return t;
            }
        }
        return UNRECOGNIZED;
    }

    /** The word the hosted service uses for the node in decision descriptions. */
    public String noun() {
        return switch (this) {
            case DBT_DATA_TEST -> "data test";
            case SNAPSHOT -> "snapshot";
            case VALUES -> "seed";
            default -> "model";
        };
    }
}

package dev.dbtstateoss.engine;

/**
 * Server settings that narrow when a node may be reused, for what no request shows.
 *
 * @param maxReuseAgeMs a reused build may be at most this old (its decision time to the request's);
 *     0 for no bound
 * @param reuseSelectStar reuse nodes that select {@code *} from a relation even where the warehouse's
 *     timestamps do not move when a column is added (PostgreSQL); off by default, since the rebuilt
 *     table would have the new column
 */
public record ReusePolicy(long maxReuseAgeMs, boolean reuseSelectStar) {
    public static final ReusePolicy DEFAULT = new ReusePolicy(0, false);

    public ReusePolicy {
        if (maxReuseAgeMs < 0) {
            throw new IllegalArgumentException("the max reuse age cannot be negative: " + maxReuseAgeMs + " ms");
        }
    }
}

package dev.dbtstateoss.engine;

import java.util.Locale;

/**
 * What a warehouse's table timestamps (as the dbt-state client reads them) can and cannot show.
 *
 * @param backwardAllowanceMs how much older than recorded a read of an unchanged table may be; an
 *     older read beyond it counts as a change (rows deleted, the table restored or re-created)
 * @param movesOnDdl whether a schema change (a column added) moves the timestamp
 * @param source what the timestamp is, for docs and explanations
 */
public record FreshnessSignal(long backwardAllowanceMs, boolean movesOnDdl, String source) {
    /**
     * PostgreSQL: the newest row's commit timestamp, exact, blind to DDL and to deletes of older rows.
     * Snowflake: LAST_ALTERED; the client confirms a build with the warehouse's clock after it wrote,
     * so later reads of the same table are older by up to 9.2 s in the hosted recordings (10 s allowed).
     * Redshift: the client confirms with the warehouse clock as on Snowflake (allowance assumed, not
     * measured); whether its metadata moves on DDL is not known, so it is treated as blind.
     * BigQuery and Databricks: table metadata that moves on schema changes; no jitter is known.
     * Any other dialect: exact and blind, the safe assumption.
     */
    public static FreshnessSignal of(String dialect) {
        return switch (dialect == null ? "" : dialect.toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql" -> new FreshnessSignal(0, false, "the newest row's commit timestamp");
            case "snowflake" -> new FreshnessSignal(10_000, true, "LAST_ALTERED, confirmed with the warehouse clock");
            case "redshift" -> new FreshnessSignal(10_000, false, "table metadata, confirmed with the warehouse clock");
            case "bigquery", "databricks", "spark" -> new FreshnessSignal(0, true, "the table's last modification time");
            default -> new FreshnessSignal(0, false, "the table timestamps the client reads");
        };
    }
}

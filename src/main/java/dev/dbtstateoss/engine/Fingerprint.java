package dev.dbtstateoss.engine;

/**
 * What the server compares between runs of a node.
 *
 * @param normalizedSql the SQL's significant tokens: comments, white space, keyword case and the
 *     optional {@code AS} of aliases normalized away
 * @param hash hex SHA-256 of the normalized SQL under both readings of literals
 */
public record Fingerprint(String normalizedSql, String hash) {}

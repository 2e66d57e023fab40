package dev.dbtstateoss.engine;

/**
 * What the server compares between runs of a node.
 *
 * @param normalizedSql the SQL with comments, white space and keyword case normalized away
 * @param hash hex SHA-256 of {@code normalizedSql}
 * @param parsed true when JSqlParser parsed the SQL and its rendering kept every token; false when
 *     the comment/whitespace-normalized text was used instead
 */
public record Fingerprint(String normalizedSql, String hash, boolean parsed) {}

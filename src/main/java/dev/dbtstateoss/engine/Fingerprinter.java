package dev.dbtstateoss.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;

/**
 * Computes the {@link Fingerprint} of SQL: the same for texts that differ only in comments, white
 * space, keyword case and the optional {@code AS} of aliases; different for any other change.
 *
 * <p>The hash is taken from the token stream of the SQL (see {@link SqlTokens}), never from a parse:
 * a parser that fails or times out on one run and not on the next would otherwise turn an unchanged
 * query into a changed one. JSqlParser checks that the SQL parses and renders it in one canonical
 * layout for people ({@link #render}); the rendering is shown only when it kept every significant
 * token of the original, so what is shown is what is compared. The hash also covers the backslash
 * reading of literals. Results are cached by the exact SQL text (bounded).
 */
public final class Fingerprinter {
    private static final Set<String> OPTIONAL_TOKENS = Set.of("AS", ";");
    private static final int PARSE_TIMEOUT_MS = 2000;

    private final TextCache<Fingerprint> cache;
    private final TextCache<SelectStar.Result> stars;
    private final TextCache<ViewHashes.Of> views;

    /** How many distinct SQL texts a server keeps fingerprints of: a project's models and tests many times over. */
    public static final int DEFAULT_CACHE_SIZE = 20_000;

    /** A fingerprinter with the server's cache size. */
    public Fingerprinter() {
        this(DEFAULT_CACHE_SIZE);
    }

    public Fingerprinter(int cacheSize) {
        this.cache = new TextCache<>(cacheSize);
        this.stars = new TextCache<>(cacheSize);
        this.views = new TextCache<>(cacheSize);
    }

    /** {@link SelectStar#of} the SQL, parsed once per distinct text (bounded cache). */
    public SelectStar.Result selectStar(String sql) {
        return stars.get(sql, SelectStar::of);
    }

    /** The {@link ViewHashes} of the request's views, each definition hashed once per distinct text (bounded cache). */
    public ViewHashes views(SqlRequest r) {
        return ViewHashes.of(r, sql -> views.get(sql, ViewHashes.Of::definition));
    }

    public Fingerprint of(String sql) {
        return cache.get(sql, Fingerprinter::compute);
    }

    private static Fingerprint compute(String sql) {
        String normalized = String.join(" ", significant(SqlTokens.of(sql, SqlTokens.Reading.STANDARD)));
        String backslash = String.join(" ", significant(SqlTokens.of(sql, SqlTokens.Reading.BACKSLASH)));
        return new Fingerprint(normalized, sha256(normalized + "\n\u0000\n" + backslash));
    }

    /** What a person sees: JSqlParser's canonical layout when it parses the SQL faithfully. */
    public record Rendering(String sql, boolean parsed) {}

    public static Rendering render(String sql) {
        List<String> standard = significant(SqlTokens.of(sql, SqlTokens.Reading.STANDARD));
        String rendered = parse(sql);
        if (rendered != null && significant(SqlTokens.of(rendered, SqlTokens.Reading.STANDARD)).equals(standard)) {
            return new Rendering(rendered, true);
        }
        return new Rendering(String.join(" ", standard), false);
    }

    /**
     * A hash of SQL that ignores comments, white space and keyword case, without the alias
     * normalization: for the exact text of view definitions.
     */
    public static String textHash(String sql) {
        return sha256(String.join(" ", SqlTokens.of(sql, SqlTokens.Reading.STANDARD)) + "\n\u0000\n"
                + String.join(" ", SqlTokens.of(sql, SqlTokens.Reading.BACKSLASH)));
    }

    /**
     * A hash of what a view definition selects: a leading {@code CREATE [OR REPLACE] ... VIEW name
     * [(columns)] AS} and the parentheses around the query are left out, so the warehouse's DDL and
     * dbt's compiled SQL of one view hash alike.
     */
    public static String viewBodyHash(String definition) {
        return sha256(String.join(" ", significant(viewBody(SqlTokens.of(definition, SqlTokens.Reading.STANDARD))))
                + "\n\u0000\n"
                + String.join(" ", significant(viewBody(SqlTokens.of(definition, SqlTokens.Reading.BACKSLASH)))));
    }

    static List<String> viewBody(List<String> tokens) {
        List<String> t = tokens;
        while (!t.isEmpty() && t.get(t.size() - 1).equals(";")) {
            t = t.subList(0, t.size() - 1);
        }
        int view = t.indexOf("VIEW");
        if (t.isEmpty() || !t.get(0).equals("CREATE") || view < 0) {
            return t;
        }
        int depth = 0;
        for (int i = view + 1; i < t.size(); i++) {
            String tok = t.get(i);
            if (tok.equals("(")) {
                depth++;
            } else if (tok.equals(")")) {
                depth--;
            } else if (depth == 0 && tok.equals("AS")) {
                List<String> body = t.subList(i + 1, t.size());
                return body.size() >= 2 && body.get(0).equals("(") && closesAtEnd(body) ? body.subList(1, body.size() - 1) : body;
            }
        }
        return t;
    }

    /** True when the parenthesis opening {@code body} is closed by its last token. */
    private static boolean closesAtEnd(List<String> body) {
        int depth = 0;
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).equals("(")) {
                depth++;
            } else if (body.get(i).equals(")") && --depth == 0) {
                return i == body.size() - 1;
            }
        }
        return false;
    }

    /** JSqlParser's canonical rendering, or null when the SQL does not parse in time. */
    private static String parse(String sql) {
        try {
            Statements statements = CCJSqlParserUtil.parseStatements(sql, p -> p.withTimeOut(PARSE_TIMEOUT_MS));
            return statements == null || statements.isEmpty() ? null : statements.toString().strip();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static List<String> significant(List<String> tokens) {
        return tokens.stream().filter(t -> !OPTIONAL_TOKENS.contains(t)).toList();
    }

    static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package dev.dbtstateoss.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;

/**
 * Computes the {@link Fingerprint} of SQL: the same for texts that differ only in comments, white
 * space and keyword case, different for any other change.
 *
 * <p>JSqlParser parses the SQL and renders it in one canonical layout. That rendering is used only
 * when it kept every significant token of the original in order (keywords JSqlParser adds, such as
 * {@code AS}, aside), so a clause the parser might drop can never make two queries look alike. When
 * the SQL does not parse, or its rendering lost a token, the comment/whitespace-normalized token text
 * is used instead. The hash also covers the backslash reading of literals (see {@link SqlTokens}).
 * Results are cached by the exact SQL text; the cache is bounded and a pure function of its key.
 */
public final class Fingerprinter {
    private static final Set<String> RENDERING_NOISE = Set.of("AS", ";");
    private static final int PARSE_TIMEOUT_MS = 2000;

    private final Map<String, Fingerprint> cache;

    public Fingerprinter(int cacheSize) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Fingerprint> eldest) {
                return size() > cacheSize;
            }
        };
    }

    public Fingerprint of(String sql) {
        synchronized (cache) {
            Fingerprint hit = cache.get(sql);
            if (hit != null) {
                return hit;
            }
        }
        Fingerprint fp = compute(sql);
        synchronized (cache) {
            cache.put(sql, fp);
        }
        return fp;
    }

    private static Fingerprint compute(String sql) {
        List<String> standard = SqlTokens.of(sql, SqlTokens.Reading.STANDARD);
        String rendered = render(sql);
        boolean parsed = rendered != null && significant(SqlTokens.of(rendered, SqlTokens.Reading.STANDARD))
                .equals(significant(standard));
        String normalized = parsed ? rendered : String.join(" ", standard);
        String backslash = String.join(" ", SqlTokens.of(sql, SqlTokens.Reading.BACKSLASH));
        return new Fingerprint(normalized, sha256(normalized + "\n\u0000\n" + backslash), parsed);
    }

    /**
     * A hash of SQL that ignores comments, white space and keyword case, without parsing: for view
     * definitions and other SQL that is compared but not shown.
     */
    public static String textHash(String sql) {
        return sha256(String.join(" ", SqlTokens.of(sql, SqlTokens.Reading.STANDARD)) + "\n\u0000\n"
                + String.join(" ", SqlTokens.of(sql, SqlTokens.Reading.BACKSLASH)));
    }

    /**
     * A hash of what a view definition selects: like {@link #textHash}, but a leading
     * {@code CREATE [OR REPLACE] ... VIEW name [(columns)] AS} and the parentheses around the query are
     * left out, so the warehouse's DDL and dbt's compiled SQL of one view hash alike.
     */
    public static String viewBodyHash(String definition) {
        return sha256(String.join(" ", viewBody(SqlTokens.of(definition, SqlTokens.Reading.STANDARD))) + "\n\u0000\n"
                + String.join(" ", viewBody(SqlTokens.of(definition, SqlTokens.Reading.BACKSLASH))));
    }

    static List<String> viewBody(List<String> tokens) {
        List<String> t = tokens;
        while (!t.isEmpty() && t.get(t.size() - 1).equals(";")) {
            t = t.subList(0, t.size() - 1);
        }
        if (t.isEmpty() || !t.get(0).equals("CREATE")) {
            return t;
        }
        int view = t.indexOf("VIEW");
        if (view < 0) {
            return t;
        }
        int depth = 0;
        int as = -1;
        for (int i = view + 1; i < t.size(); i++) {
            String tok = t.get(i);
            if (tok.equals("(")) {
                depth++;
            } else if (tok.equals(")")) {
                depth--;
            } else if (depth == 0 && tok.equals("AS")) {
                as = i;
                break;
            }
        }
        if (as < 0) {
            return t;
        }
        List<String> body = t.subList(as + 1, t.size());
        if (body.size() >= 2 && body.get(0).equals("(") && closes(body)) {
            body = body.subList(1, body.size() - 1);
        }
        return body;
    }

    /** True when the parenthesis opening {@code body} is closed by its last token. */
    private static boolean closes(List<String> body) {
        int depth = 0;
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).equals("(")) {
                depth++;
            } else if (body.get(i).equals(")")) {
                depth--;
                if (depth == 0) {
                    return i == body.size() - 1;
                }
            }
        }
        return false;
    }

    /** JSqlParser's canonical rendering, or null when the SQL does not parse in time. */
    private static String render(String sql) {
        try {
            Statements statements = CCJSqlParserUtil.parseStatements(sql, p -> p.withTimeOut(PARSE_TIMEOUT_MS));
            if (statements == null || statements.isEmpty()) {
                return null;
            }
            return statements.toString().strip();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static List<String> significant(List<String> tokens) {
        return tokens.stream().filter(t -> !RENDERING_NOISE.contains(t)).toList();
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

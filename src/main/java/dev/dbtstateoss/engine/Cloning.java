package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cloning: which warehouses can copy a table instead of building it, with what SQL, and which
 * builds in different environments are equivalent (same query once each environment's own names
 * are taken out).
 */
public final class Cloning {
    private static final String INDENT = "\n            ";

    private Cloning() {}

    /** The SQL that makes {@code target} a copy of {@code source}, or empty where the warehouse cannot clone. */
    public static Optional<List<String>> cloneSql(String dialect, String source, String target, String tableType) {
        String d = dialect == null ? "" : dialect.toLowerCase(Locale.ROOT);
        switch (d) {
            case "snowflake":
                String kind = tableType != null && tableType.toUpperCase(Locale.ROOT).contains("TRANSIENT") ? "TRANSIENT TABLE" : "TABLE";
                return Optional.of(List.of(INDENT + "CREATE OR REPLACE " + kind + " " + target + INDENT + "CLONE " + source
                        + INDENT + "COPY GRANTS"));
            case "bigquery":
                return Optional.of(List.of("CREATE OR REPLACE TABLE " + target + " CLONE " + source));
            case "databricks":
                return Optional.of(List.of("CREATE OR REPLACE TABLE " + target + " SHALLOW CLONE " + source));
            default:
                return Optional.empty();
        }
    }

    /**
     * What builds of this node in any environment share: namespace, dialect, execution type, semantic
     * settings, and the SQL with the node's own table written as SELF and each view it reads as the
     * view's query. Null when the node cannot be cloned (data tests, views, warehouses without clones).
     */
    public static String cloneKey(SqlRequest r) {
        if (r.isDataTest() || r.executionType() == ExecutionType.VIEW || r.executionType() == ExecutionType.UNRECOGNIZED
                || cloneSql(r.dialect(), "s", "t", null).isEmpty()) {
            return null;
        }
        Map<String, String> names = new TreeMap<>();
        names.put(normalizedName(r.targetTable()), "SELF");
        r.viewDefinitions().forEach((view, body) -> names.put(normalizedName(view), "VIEW[" + Fingerprinter.viewBodyHash(body) + "]"));
        StringBuilder key = new StringBuilder();
        key.append(r.namespace()).append('|').append(r.dialect().toLowerCase(Locale.ROOT)).append('|').append(r.executionType())
                .append('|').append(new TreeMap<>(r.semanticExtras())).append('|');
        for (String token : substitute(SqlTokens.of(r.sql(), SqlTokens.Reading.STANDARD), names)) {
            key.append(token).append(' ');
        }
        return Fingerprinter.sha256(key.toString());
    }

    /** Replaces every qualified name found in {@code names} by its substitute. */
    static List<String> substitute(List<String> tokens, Map<String, String> names) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int end = i;
            if (identifier(tokens.get(i))) {
                end = i + 1;
                while (end + 1 < tokens.size() && tokens.get(end).equals(".") && identifier(tokens.get(end + 1))) {
                    end += 2;
                }
            }
            if (end > i) {
                String name = String.join(".", normalizedParts(tokens.subList(i, end)));
                String replacement = names.get(name);
                if (replacement != null) {
                    out.add(replacement);
                } else {
                    out.addAll(tokens.subList(i, end));
                }
                i = end;
            } else {
                out.add(tokens.get(i));
                i++;
            }
        }
        return out;
    }

    static String normalizedName(String fqn) {
        return String.join(".", normalizedParts(SqlTokens.of(fqn, SqlTokens.Reading.STANDARD)));
    }

    /** Name parts with the dots left out; a quoted part that is already upper case loses its quotes. */
    private static List<String> normalizedParts(List<String> tokens) {
        List<String> parts = new ArrayList<>();
        for (String t : tokens) {
            if (t.equals(".")) {
                continue;
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String inner = t.substring(1, t.length() - 1);
                parts.add(inner.matches("[A-Z_][A-Z0-9_$]*") ? inner : t);
            } else {
                parts.add(t);
            }
        }
        return parts;
    }

    private static boolean identifier(String t) {
        char c = t.charAt(0);
        return c == '"' || c == '`' || Character.isLetter(c) || c == '_';
    }
}

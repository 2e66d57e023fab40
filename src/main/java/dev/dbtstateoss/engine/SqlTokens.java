package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL lexer: enough to drop comments and white space without touching string literals or
 * quoted identifiers. Unquoted words are upper-cased (SQL folds their case); nothing else changes.
 *
 * <p>Warehouses disagree on literals and comments: PostgreSQL doubles quotes, nests block comments
 * and has dollar quoting; Snowflake, BigQuery and Databricks also accept backslash escapes and do not
 * nest comments. {@link Reading} picks one of the two; the fingerprint uses both, so that a text
 * which is a comment in one reading but part of a literal in the other always counts.
 */
final class SqlTokens {
    /** How literals and comments are read. */
    enum Reading {
        /** Doubled quotes only, nested block comments, dollar quotes (PostgreSQL, ANSI). */
        STANDARD,
        /** Backslash escapes inside quotes, flat block comments, no dollar quotes. */
        BACKSLASH
    }

    private SqlTokens() {}

    /** The significant tokens of {@code sql}, comments and white space removed. */
    static List<String> of(String sql, Reading reading) {
        boolean std = reading == Reading.STANDARD;
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = endOfLine(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = endOfBlockComment(sql, i, std);
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(sql, i, c, !std);
                out.add(sql.substring(i, end));
                i = end;
            } else if (std && c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                int end = close < 0 ? n : close + tag.length();
                out.add(sql.substring(i, end));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                out.add(sql.substring(i, end).toUpperCase(Locale.ROOT));
                i = end;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    private static int endOfLine(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl + 1;
    }

    private static int endOfBlockComment(String s, int i, boolean nested) {
        int depth = 0;
        int n = s.length();
        while (i < n) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0 || !nested) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** End (exclusive) of a quoted run starting at {@code i}; a doubled quote stays inside. */
    private static int endOfQuoted(String s, int i, char q, boolean backslash) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\' && backslash && j + 1 < n) {
                j += 2;
            } else if (c == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            String tag = s.substring(i, j + 1);
            return tag.length() == 2 || Character.isLetter(tag.charAt(1)) || tag.charAt(1) == '_' ? tag : null;
        }
        return null;
    }
}

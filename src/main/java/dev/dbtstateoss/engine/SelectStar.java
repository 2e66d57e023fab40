package dev.dbtstateoss.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Which relations a query's output columns are taken from by {@code *} or {@code t.*}: a column
 * added to such a relation changes what a build produces. A star over a CTE or subquery counts only
 * when that CTE or subquery itself takes its columns from a relation by a star; an explicit column
 * list (in the select or as an alias's column list) stops it. Stars in {@code WHERE}/{@code EXISTS}
 * subqueries do not shape the output and do not count.
 *
 * <p>SQL without a {@code *} where a select item can stand is not parsed at all; SQL with one that
 * does not parse counts, over an unknown relation.
 */
public final class SelectStar {
    /** The relations (as written in the SQL) whose columns the output takes by a star, or {@link #UNKNOWN}. */
    public record Result(List<String> relations, boolean unknown) {
        public Result {
            relations = List.copyOf(relations);
        }

        public boolean any() {
            return unknown || !relations.isEmpty();
        }
    }

    public static final Result NONE = new Result(List.of(), false);
    /** The SQL did not parse and has a star where a select item can stand. */
    public static final Result UNKNOWN = new Result(List.of(), true);

    private static final int PARSE_TIMEOUT_MS = 2000;

    private SelectStar() {}

    public static Result of(String sql) {
        if (fromTokens(sql) == NONE) {
            return NONE; // no '*' stands where a select item can: nothing to parse
        }
        Statement st;
        try {
            st = CCJSqlParserUtil.parse(sql, p -> p.withTimeOut(PARSE_TIMEOUT_MS));
        } catch (Exception | StackOverflowError e) {
            return UNKNOWN;
        }
        if (!(st instanceof Select select)) {
            return UNKNOWN;
        }
        List<String> found = new java.util.ArrayList<>();
        collect(select, Map.of(), found);
        return found.isEmpty() ? NONE : new Result(found.stream().distinct().toList(), false);
    }

    /** Adds to {@code out} the relations the output columns of {@code s} are taken from by a star. */
    private static void collect(Select s, Map<String, List<String>> outerCtes, List<String> out) {
        Map<String, List<String>> ctes = new HashMap<>(outerCtes);
        if (s.getWithItemsList() != null) {
            for (WithItem<?> w : s.getWithItemsList()) {
                List<String> leaked = new java.util.ArrayList<>();
                if (w.getWithItemList() == null || w.getWithItemList().isEmpty()) {
                    collect(w.getSelect(), ctes, leaked);
                }
                ctes.put(w.getAliasName().replace("\"", "").toLowerCase(Locale.ROOT), leaked);
            }
        }
        if (s instanceof ParenthesedSelect p) {
            collect(p.getSelect(), ctes, out);
        } else if (s instanceof SetOperationList set) {
            for (Select branch : set.getSelects()) {
                collect(branch, ctes, out);
            }
        } else if (s instanceof PlainSelect plain) {
            collectPlain(plain, ctes, out);
        }
    }

    private static void collectPlain(PlainSelect plain, Map<String, List<String>> ctes, List<String> out) {
        List<FromItem> from = new java.util.ArrayList<>();
        if (plain.getFromItem() != null) {
            from.add(plain.getFromItem());
        }
        if (plain.getJoins() != null) {
            for (Join j : plain.getJoins()) {
                from.add(j.getFromItem());
            }
        }
        for (SelectItem<?> item : plain.getSelectItems()) {
            if (item.getExpression() instanceof AllTableColumns t) {
                String name = t.getTable().getFullyQualifiedName();
                from.stream().filter(f -> names(f, name)).findFirst().ifPresent(f -> leak(f, ctes, out));
            } else if (item.getExpression() instanceof AllColumns) {
                from.forEach(f -> leak(f, ctes, out));
            }
        }
    }

    /** The relations whose columns a star over {@code f} takes. */
    private static void leak(FromItem f, Map<String, List<String>> ctes, List<String> out) {
        if (hasColumnList(f.getAlias())) {
            return;
        }
        if (f instanceof Table t) {
            String key = t.getSchemaName() == null ? t.getName().replace("\"", "").toLowerCase(Locale.ROOT) : null;
            if (key != null && ctes.containsKey(key)) {
                out.addAll(ctes.get(key));
            } else {
                out.add(t.getFullyQualifiedName());
            }
        } else if (f instanceof Select sub) {
            collect(sub, ctes, out);
        } else if (f instanceof ParenthesedFromItem p) {
            leak(p.getFromItem(), ctes, out);
            if (p.getJoins() != null) {
                p.getJoins().forEach(j -> leak(j.getFromItem(), ctes, out));
            }
        }
        // Anything else (table functions, VALUES lists) has columns fixed by the SQL itself.
    }

    /** True when {@code t.*} refers to {@code f}: by its alias, else by its (last) name. */
    private static boolean names(FromItem f, String qualifier) {
        String q = unquoted(qualifier);
        if (f.getAlias() != null) {
            return unquoted(f.getAlias().getName()).equals(q);
        }
        if (f instanceof Table t) {
            String full = unquoted(t.getFullyQualifiedName());
            return full.equals(q) || full.endsWith("." + q) || unquoted(t.getName()).equals(q);
        }
        return false;
    }

    private static boolean hasColumnList(Alias a) {
        return a != null && a.getAliasColumns() != null && !a.getAliasColumns().isEmpty();
    }

    private static String unquoted(String name) {
        return name.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    /**
     * From the tokens alone: {@link #UNKNOWN} when a {@code *} follows SELECT, DISTINCT, ALL, a comma,
     * a dot, a closing parenthesis ({@code DISTINCT ON (a) *}) or a number ({@code TOP 10 *}), else
     * {@link #NONE}. A star select item always stands so; a product may too, which the parse tells apart.
     */
    static Result fromTokens(String sql) {
        List<String> tokens = SqlTokens.of(sql, SqlTokens.Reading.STANDARD);
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).equals("*") && canStandForItems(tokens, i - 1)) {
                return UNKNOWN;
            }
        }
        return NONE;
    }

    /**
     * Whether a {@code *} after the token at {@code before} can be a select item rather than a
     * multiplication: after SELECT, DISTINCT, ALL, a comma, a dot ({@code t.*}), BigQuery's
     * {@code AS STRUCT}/{@code AS VALUE}, {@code TOP n [PERCENT]} or {@code TOP (n)}, and
     * PostgreSQL's {@code DISTINCT ON (...)}. Any other closing parenthesis or number before it
     * ({@code coalesce(a, 0) * 100}, {@code 2 * b}) is an operand.
     */
    private static boolean canStandForItems(List<String> tokens, int before) {
        String t = tokens.get(before);
        if (List.of("SELECT", "DISTINCT", "ALL", ",", ".", "STRUCT", "VALUE", "PERCENT", "TIES").contains(t)) {
            return true;
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return before > 0 && tokens.get(before - 1).equals("TOP");
        }
        if (t.equals(")")) {
            int open = opening(tokens, before);
            return open > 0 && List.of("ON", "TOP").contains(tokens.get(open - 1));
        }
        return false;
    }

    /** The index of the parenthesis the one at {@code close} closes, or -1. */
    private static int opening(List<String> tokens, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            if (tokens.get(i).equals(")")) {
                depth++;
            } else if (tokens.get(i).equals("(") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The stamped relation {@code written} refers to, among {@code relations}: compared unquoted and in
     * lower case, a shorter name matching the end of a longer one; empty when none or several match.
     */
    public static Optional<String> match(String written, java.util.Collection<String> relations) {
        String w = unquoted(written);
        List<String> hits = relations.stream().filter(r -> unquoted(r).equals(w) || unquoted(r).endsWith("." + w)).toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }
}

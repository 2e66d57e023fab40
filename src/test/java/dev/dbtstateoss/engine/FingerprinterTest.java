package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
    private final Fingerprinter fp = new Fingerprinter(100);

    private String hash(String sql) {
        return fp.of(sql).hash();
    }

    @Test
    void commentsWhitespaceAndKeywordCaseDoNotMatter() {
        String a = "select id, amount from \"db\".\"raw\".\"orders\" where amount > 0";
        String b = "SELECT id,\n       amount -- the money\n  FROM \"db\".\"raw\".\"orders\" /* source */\n WHERE amount>0\n";
        assertEquals(hash(a), hash(b));
        assertTrue(Fingerprinter.render(a).parsed());
        assertEquals(Fingerprinter.render(a).sql(), Fingerprinter.render(b).sql());
    }

    @Test
    void logicChangesMatter() {
        String base = "select id, amount from \"db\".\"raw\".\"orders\" where amount > 0";
        assertNotEquals(hash(base), hash(base.replace("> 0", ">= 0")));
        assertNotEquals(hash(base), hash(base.replace("amount >", "id >")));
        assertNotEquals(hash(base), hash(base.replace("\"orders\"", "\"Orders\"")));
        assertNotEquals(hash(base), hash(base + " limit 5"));
        assertNotEquals(hash("select 'a  b'"), hash("select 'a b'"));
    }

    @Test
    void aCommentInsideALiteralIsContent() {
        assertNotEquals(hash("select '-- a' as x"), hash("select '-- b' as x"));
        // In a backslash-escaping warehouse the literal runs on; in PostgreSQL the comment is real.
        assertNotEquals(hash("select 'x\\' as y, '  --a'"), hash("select 'x\\' as y, '  --b'"));
        assertNotEquals(hash("select E'x\\'  --a'"), hash("select E'x\\'  --b'"));
    }

    @Test
    void unparseableSqlFallsBackToNormalizedText() {
        String a = "select {{ not rendered }} from x -- note";
        String b = "SELECT {{ NOT RENDERED }}\nFROM x";
        Fingerprint f = fp.of(a);
        assertFalse(Fingerprinter.render(a).parsed());
        assertEquals(f.hash(), hash(b));
        assertNotEquals(f.hash(), hash("select {{ other }} from x"));
    }

    /** The hash comes from tokens, so whether (or how fast) the SQL parses cannot change it. */
    @Test
    void theOptionalAliasKeywordDoesNotMatter() {
        assertEquals(hash("select a as b from \"db\".\"s\".\"t\""), hash("select a b from \"db\".\"s\".\"t\";"));
        assertNotEquals(hash("select cast(a as int) from t"), hash("select cast(a as text) from t"));
        String unparseable = "select {{ a }} as b";
        assertEquals(hash(unparseable), hash("SELECT {{ a }} b -- x"));
    }

    @Test
    void garbageNeverThrows() {
        for (String s : List.of("", "'", "\"", "/*", "$$", "$a$ x", "--", ";;;", "\u0000", "select (((((", "é ü ß")) {
            assertEquals(64, fp.of(s).hash().length());
        }
    }

    /** Property: any re-formatting of a query (white space, comments, keyword case) keeps the hash. */
    @Test
    void formattingInvariantOverRandomQueries() {
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) {
            List<String> tokens = randomQuery(rnd);
            String plain = String.join(" ", tokens);
            String messy = reformat(tokens, rnd);
            assertEquals(hash(plain), hash(messy), () -> plain + "\n vs \n" + messy);
        }
    }

    /** Property: changing one identifier, literal or operator changes the hash. */
    @Test
    void logicSensitiveOverRandomQueries() {
        Random rnd = new Random(7);
        for (int i = 0; i < 300; i++) {
            List<String> tokens = randomQuery(rnd);
            List<String> changed = new ArrayList<>(tokens);
            int at;
            do {
                at = rnd.nextInt(changed.size());
            } while (!changed.get(at).matches("c[0-9]+|'[^']*'|[0-9]+|<|>|=|\\+|-"));
            String t = changed.get(at);
            changed.set(at, switch (t) {
                case "<" -> ">";
                case ">" -> "<";
                case "=" -> "<>";
                case "+" -> "-";
                case "-" -> "+";
                default -> t.startsWith("'") ? "'" + t.substring(1, t.length() - 1) + "z'" : t + "9";
            });
            assertNotEquals(hash(String.join(" ", tokens)), hash(String.join(" ", changed)),
                    () -> tokens + " vs " + changed);
        }
    }

    private static List<String> randomQuery(Random rnd) {
        List<String> t = new ArrayList<>(List.of("select"));
        int cols = 1 + rnd.nextInt(4);
        for (int c = 0; c < cols; c++) {
            if (c > 0) {
                t.add(",");
            }
            t.add("c" + rnd.nextInt(50));
            if (rnd.nextBoolean()) {
                t.addAll(List.of(rnd.nextBoolean() ? "+" : "-", Integer.toString(rnd.nextInt(1000))));
            }
            t.addAll(List.of("as", "a" + c));
        }
        t.addAll(List.of("from", "\"db\".\"s\".\"t" + rnd.nextInt(9) + "\"", "where", "c" + rnd.nextInt(50)));
        t.add(List.of("<", ">", "=").get(rnd.nextInt(3)));
        t.add(rnd.nextBoolean() ? Integer.toString(rnd.nextInt(100)) : "'v " + rnd.nextInt(100) + "'");
        return t;
    }

    private static String reformat(List<String> tokens, Random rnd) {
        StringBuilder b = new StringBuilder();
        for (String t : tokens) {
            boolean word = t.matches("[a-z]+");
            b.append(word && rnd.nextBoolean() ? t.toUpperCase() : t);
            switch (rnd.nextInt(5)) {
                case 0 -> b.append("\n   ");
                case 1 -> b.append(" /* note ").append(rnd.nextInt()).append(" */ ");
                case 2 -> b.append(" -- comment ").append(rnd.nextInt()).append("\n");
                default -> b.append(" ".repeat(1 + rnd.nextInt(3)));
            }
        }
        return b.toString();
    }

    @Test
    void viewHashesAreTheSameCachedOrNot() {
        Requests q = new Requests();
        q.views.put("\"db\".\"v\"", "create view \"db\".\"v\" as (select a as b from t)");
        q.views.put("\"db\".\"w\"", "select   1");
        SqlRequest r = q.build();
        Fingerprinter f = new Fingerprinter();
        ViewHashes fresh = ViewHashes.of(r);
        assertEquals(fresh, f.views(r));
        assertEquals(fresh, f.views(r));
        assertEquals(Fingerprinter.viewBodyHash("select a as b from t"), fresh.bodies().get("\"db\".\"v\""));
        assertEquals(Fingerprinter.textHash("select 1"), fresh.texts().get("\"db\".\"w\""));
        q.views.put("\"db\".\"w\"", "select 2");
        assertEquals(Fingerprinter.textHash("select 2"), f.views(q.build()).texts().get("\"db\".\"w\""));
    }
}

package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SelectStarTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "select * from raw.customers | raw.customers",
        "select c.* from raw.customers c join raw.orders o on o.cid = c.id | raw.customers",
        "select o.*, c.name from raw.customers c join raw.orders o on o.cid = c.id | raw.orders",
        "select customers.* from raw.customers | raw.customers",
        "select * from raw.customers c join raw.orders o on o.cid = c.id | raw.customers,raw.orders",
        "select * from \"db\".\"raw\".\"customers\" | \"db\".\"raw\".\"customers\"",
        "with s as (select * from raw.customers) select * from s | raw.customers",
        "with s as (select * from raw.customers), t as (select * from s) select * from t | raw.customers",
        "select * from (select * from raw.customers) sub | raw.customers",
        "select * from raw.a union all select id from raw.b | raw.a",
        "select * exclude (secret) from raw.customers | raw.customers",
        "select distinct * from raw.customers | raw.customers",
        "with s as (select * from raw.customers) select id, name from s | ''",
        "with s as (select id, name from raw.customers) select * from s | ''",
        "with s (id, name) as (select * from raw.customers) select * from s | ''",
        "select * from (select id from raw.customers) sub | ''",
        "select count(*) from raw.customers | ''",
        "select id from raw.customers where exists (select * from raw.orders) | ''",
        "select a * b as p from raw.customers | ''",
        "select (a + 1) * b, 2 * c from raw.customers | ''",
        "select distinct on (id) * from raw.customers | raw.customers",
    })
    void findsTheRelationsWhoseColumnsAStarTakes(String sql, String expected) {
        SelectStar.Result r = SelectStar.of(sql);
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), r.relations(), sql);
        assertEquals(!expected.isEmpty(), r.any(), sql);
    }

    @Test
    void sqlThatDoesNotParseCountsAnyStarItem() {
        assertTrue(SelectStar.of("select * from raw.customers where {{ broken").unknown());
        assertTrue(SelectStar.of("select id, * from raw.customers where {{ broken").unknown());
        assertTrue(SelectStar.of("select t.* from raw.customers t where {{ broken").unknown());
        assertTrue(SelectStar.of("select distinct on (id) * from raw.customers where {{ broken").unknown());
        assertTrue(SelectStar.of("select top 10 * from raw.customers where {{ broken").unknown());
        assertEquals(SelectStar.NONE, SelectStar.of("select count(*) from raw.customers where {{ broken"));
        assertEquals(SelectStar.NONE, SelectStar.of("select a * b from raw.customers where {{ broken"));
        assertTrue(SelectStar.of("select top (10) * from raw.customers where {{ broken").unknown());
        assertTrue(SelectStar.of("select top 10 percent * from raw.customers where {{ broken").unknown());
        assertTrue(SelectStar.of("select as struct * from raw.customers where {{ broken").unknown());
        assertTrue(SelectStar.of("select distinct on (a, (b + 1)) * from raw.customers where {{ broken").unknown());
    }

    /** A multiplication after a closing parenthesis or a number is no star item: such SQL is not parsed at all. */
    @Test
    void aProductIsNoStarAndNeedsNoParse() {
        assertEquals(SelectStar.NONE, SelectStar.fromTokens("select coalesce(a.amount, 0) * 100 as cents, 2 * b from raw.t a"));
        assertEquals(SelectStar.NONE, SelectStar.fromTokens("select (a + 1) * b, cast(x as int) * 3 from raw.t"));
        assertEquals(SelectStar.NONE, SelectStar.fromTokens("select count(*) * 2 from raw.t"));
        assertEquals(SelectStar.UNKNOWN, SelectStar.fromTokens("select coalesce(a, 0) * 100, * from raw.t"));
        assertEquals(SelectStar.UNKNOWN, SelectStar.fromTokens("select distinct on (id) * from raw.t"));
    }

    @Test
    void aWrittenNameMatchesOneStampedRelation() {
        List<String> stamped = List.of("\"db\".\"raw\".\"customers\"", "\"db\".\"an\".\"orders\"", "\"db\".\"raw\".\"orders\"");
        assertEquals(Optional.of(stamped.get(0)), SelectStar.match("raw.customers", stamped));
        assertEquals(Optional.of(stamped.get(0)), SelectStar.match("\"db\".\"raw\".\"customers\"", stamped));
        assertEquals(Optional.of(stamped.get(0)), SelectStar.match("RAW.CUSTOMERS", stamped));
        assertEquals(Optional.empty(), SelectStar.match("orders", stamped), "ambiguous");
        assertEquals(Optional.empty(), SelectStar.match("raw.payments", stamped));
    }
}

package dev.dbtstateoss.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbtstateoss.engine.Explanation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One decision's figures, and the project named by a node. */
class TargetDayTest {

    @Test
    void theProjectIsTheSecondPartOfTheNodeAsSplittingOnDotsGivesIt() {
        assertEquals("shop", TargetDay.projectOf("model.shop.orders"));
        assertEquals("shop", TargetDay.projectOf("test.shop.not_null.orders.id"));
        assertEquals("", TargetDay.projectOf(null));
        assertEquals("", TargetDay.projectOf(""));
        assertEquals("", TargetDay.projectOf("orders"));
        assertEquals("", TargetDay.projectOf("model.shop"));
        assertEquals("", TargetDay.projectOf("a.b."), "split drops the empty part at the end");
        assertEquals("", TargetDay.projectOf("a.b.."));
        assertEquals("", TargetDay.projectOf("a..c"));
        assertEquals("b", TargetDay.projectOf("a.b..c"));
        assertEquals("a", TargetDay.projectOf(".a.b"));
        assertEquals("", TargetDay.projectOf("..."));
        // Every string of up to 7 characters of 'a' and '.' against split.
        for (int length = 0; length <= 7; length++) {
            for (int bits = 0; bits < 1 << length; bits++) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    s.append((bits >> i & 1) == 1 ? '.' : (char) ('a' + i));
                }
                String[] parts = s.toString().split("\\.");
                assertEquals(parts.length >= 3 ? parts[1] : "", TargetDay.projectOf(s.toString()), s.toString());
            }
        }
    }

    @Test
    void theToleranceIsReadFromItsLine() {
        Explanation e = new Explanation("d", "t", "model.shop.orders", 5, "SKIP", "R", "d", List.of(
                new Explanation.Line("upstream fresh", Explanation.Mark.SUCCESS, Explanation.Badge.FRESH),
                new Explanation.Line("freshness tolerance: 300 seconds", Explanation.Mark.INFO, Explanation.Badge.NONE)));
        TargetDay day = TargetDay.of(e);
        assertEquals(300, day.toleranceSeconds());
        assertEquals("shop", day.project());
        assertEquals(-1, TargetDay.of(new Explanation("d", "t", "n", 5, "SKIP", "R", "d", List.of(
                new Explanation.Line("no freshness tolerance: 300 seconds", Explanation.Mark.INFO,
                        Explanation.Badge.NONE)))).toleranceSeconds());
    }

    @Test
    void onlyAWholeToleranceLineIsRead() {
        assertEquals(0, TargetDay.toleranceOf("freshness tolerance: 0 seconds", -1));
        assertEquals(2700, TargetDay.toleranceOf("freshness tolerance: 2700 seconds", -1));
        assertEquals(-1, TargetDay.toleranceOf("freshness tolerance:  seconds", -1));
        assertEquals(-1, TargetDay.toleranceOf("freshness tolerance: -5 seconds", -1));
        assertEquals(-1, TargetDay.toleranceOf("freshness tolerance: 12x seconds", -1));
        assertEquals(-1, TargetDay.toleranceOf("freshness tolerance: 99999999999999999999 seconds", -1));
        assertEquals(7, TargetDay.toleranceOf(null, 7));
    }
}

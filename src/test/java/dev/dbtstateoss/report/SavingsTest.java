package dev.dbtstateoss.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The savings report as a pure function of daily figures. */
class SavingsTest {
    static TargetDay day(String key, String type, long reused, long executed, long savedMs) {
        return new TargetDay(key, "p", "model.p." + key, type, reused + executed, reused, 0, executed, savedMs, executed, 0,
                executed > 0 ? Map.of("UPSTREAM_NEWER", executed) : Map.of(), 0, 1);
    }

    @Test
    void weeksAreIsoWeeksAndDattCountsTablesAndTestsPerDayButNotViews() {
        LocalDate sunday = LocalDate.of(2026, 11, 29);
        Map<LocalDate, Map<String, TargetDay>> days = Map.of(
                sunday, Map.of("a", day("a", "FULL", 2, 1, 100), "v", day("v", "VIEW", 5, 0, 5), "t", day("t", "DBT_DATA_TEST", 1, 0, 7)),
                sunday.plusDays(1), Map.of("a", day("a", "FULL", 1, 0, 50), "b", day("b", "FULL", 0, 3, 0)));
        Savings.Report r = Savings.of(days, sunday, Savings.By.WEEK, 0.5);
        assertEquals(List.of("2026-W48", "2026-W49"), r.rows().stream().map(Savings.Row::group).toList());
        assertEquals(2, r.rows().get(0).dailyActiveTargetTables(), "a and the test; the view is free");
        assertEquals(1, r.rows().get(1).dailyActiveTargetTables(), "b was never reused");
        assertEquals(1.5, r.total().hostedPriceUsd());
        assertEquals(162, r.total().timeSavedMs());
        assertEquals(new Savings.Reason("UPSTREAM_NEWER", 4), r.notReused().get(0));
        assertEquals("model.p.a", r.topTargets().get(0).target(), "keys that are no table show the node");
        assertEquals(1, Savings.of(days, sunday.plusDays(1), Savings.By.MONTH, 0.5).rows().size());
        assertEquals("2026-11", Savings.of(days, sunday.plusDays(1), Savings.By.MONTH, 0.5).rows().get(0).group());
    }

    @Test
    void sinceTakesADateOrDaysBackIncludingToday() {
        LocalDate today = LocalDate.of(2026, 12, 3);
        assertEquals(today, Savings.since("1d", today));
        assertEquals(LocalDate.of(2026, 11, 4), Savings.since("30d", today));
        assertEquals(LocalDate.of(2026, 11, 1), Savings.since("2026-11-01", today));
        assertThrows(IllegalArgumentException.class, () -> Savings.since("0d", today));
        assertThrows(IllegalArgumentException.class, () -> Savings.since("yesterday", today));
        assertEquals("2h 05m", Savings.duration(7_500_000));
        assertEquals("3m 20s", Savings.duration(200_000));
        assertEquals("850 ms", Savings.duration(850));
    }
}

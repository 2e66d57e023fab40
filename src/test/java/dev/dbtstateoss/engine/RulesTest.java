package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RulesTest {
    static final String RAW = "\"db\".\"raw\".\"orders\"";
    private final Fingerprinter fingerprinter = new Fingerprinter(10);
    private Requests q;

    @BeforeEach
    void setUp() {
        q = new Requests();
        q.table(RAW, 100L).table(q.target, 500L);
    }

    /** The confirmed run a request would leave behind, built at {@code now}, target stamped {@code targetMs}. */
    private RunRecord runOf(SqlRequest r, long targetMs) {
        Fingerprint fp = fingerprinter.of(r.sql());
        return RunRecord.builder().requestId("0190a000-0000-7000-8000-000000000001").targetKey("k")
                .targetTable(r.targetTable()).kind(RunKind.SQL).displayName("n").executionType(r.executionType())
                .fingerprint(fp.hash()).nodeHash(r.nodeState().nodeHash()).settingsHash(Rules.settingsHash(r))
                .inputs(Rules.inputs(r)).viewTexts(ViewHashes.of(r).texts()).decidedAtMs(r.nowMs())
                .outcome(new RunRecord.Outcome(r.nowMs() + 1, targetMs, 42, null, null)).build();
    }

    private Rules.Verdict decide(SqlRequest r, RunRecord last) {
        return Rules.decide(r, fingerprinter.of(r.sql()), Optional.ofNullable(last));
    }

    private static void assertRun(ExecuteReason expected, Rules.Verdict v) {
        Rules.Run run = assertInstanceOf(Rules.Run.class, v);
        assertEquals(expected, run.reason(), run.detail());
    }

    private static void assertReuse(SkipReason expected, Rules.Verdict v) {
        Rules.Reuse reuse = assertInstanceOf(Rules.Reuse.class, v, v.toString());
        assertEquals(expected, reuse.reason());
    }

    @Test
    void unchangedNodeIsReused() {
        RunRecord last = runOf(q.build(), 500);
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
    }

    @Test
    void noHistoryExecutes() {
        assertRun(ExecuteReason.NO_PRIOR_RUN, decide(q.build(), null));
    }

    @Test
    void missingOrUnstampedTargetExecutes() {
        RunRecord last = runOf(q.build(), 500);
        q.tables.remove(q.target);
        assertRun(ExecuteReason.TARGET_MISSING, decide(q.build(), last));
        q.table(q.target, null);
        assertRun(ExecuteReason.TARGET_MISSING, decide(q.build(), last));
    }

    @Test
    void sqlLogicChangeExecutesButFormattingDoesNot() {
        RunRecord last = runOf(q.build(), 500);
        q.sql = "SELECT id\n  FROM " + RAW + " -- reformatted";
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.sql = "select id from " + RAW + " where 1 = 1";
        assertRun(ExecuteReason.QUERY_CHANGED, decide(q.build(), last));
    }

    @Test
    void semanticSettingsViewsAndTypeCount() {
        RunRecord last = runOf(q.build(), 500);
        q.extras.put("unique_key", "\"id\"");
        assertRun(ExecuteReason.SETTINGS_CHANGED, decide(q.build(), last));
        q.extras.clear();
        q.views.put("\"db\".\"s\".\"v\"", "select 1");
        assertRun(ExecuteReason.SETTINGS_CHANGED, decide(q.build(), last));
        q.views.clear();
        q.type = ExecutionType.MERGE;
        assertRun(ExecuteReason.SETTINGS_CHANGED, decide(q.build(), last));
    }

    @Test
    void aViewReadThroughCountsByItsQuery() {
        String view = "\"db\".\"s\".\"v\"";
        q.views.put(view, "select id from " + RAW);
        RunRecord last = runOf(q.build(), 500);
        q.views.put(view, "select id from " + RAW + " -- note");
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.views.put(view, "select id from " + RAW + " where id > 0");
        assertRun(ExecuteReason.SETTINGS_CHANGED, decide(q.build(), last));
        // The same query as DDL: the view was re-created, which counts as a newer upstream.
        q.views.put(view, "create or replace view " + view + " (id) as (select id from " + RAW + ");");
        assertRun(ExecuteReason.UPSTREAM_NEWER, decide(q.build(), last));
        q.tolerance = 2700;
        q.now += 60_000;
        assertReuse(SkipReason.WITHIN_TOLERANCE, decide(q.build(), last));
    }

    @Test
    void compareUnrenderedCodeKeepsAnUnchangedNodeWhoseRenderedSqlChanged() {
        q.node = new NodeState("model.p.orders", "prod", "p", "model", "nodehash1", "b", "c", "", "m", "", "prof");
        RunRecord last = runOf(q.build(), 500);
        q.sql = "select id from " + RAW + " where d > '2026-11-24'";
        assertRun(ExecuteReason.QUERY_CHANGED, decide(q.build(), last));
        q.compareUnrendered = true;
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.node = new NodeState("model.p.orders", "prod", "p", "model", "nodehash2", "b2", "c", "", "m", "", "prof");
        assertRun(ExecuteReason.QUERY_CHANGED, decide(q.build(), last));
    }

    @Test
    void configOnlyHashesDoNotCount() {
        RunRecord last = runOf(q.build(), 500);
        q.node = new NodeState("model.p.orders", "prod", "p", "model", "h2", "b2", "c2", "", "m2", "", "prof");
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
    }

    @Test
    void targetModifiedAfterTheRunExecutesUnlessIgnored() {
        RunRecord last = runOf(q.build(), 500);
        q.table(q.target, 500L);
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.table(q.target, 501L);
        assertRun(ExecuteReason.TARGET_MODIFIED, decide(q.build(), last));
        q.ignoreExternal = true;
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
    }

    @Test
    void aTargetOlderThanTheRunLeftItExecutesBeyondTheDialectsAllowance() {
        RunRecord last = runOf(q.build(), 500_000);
        q.table(q.target, 499_999L);
        Rules.Run run = assertInstanceOf(Rules.Run.class, decide(q.build(), last));
        assertEquals(ExecuteReason.TARGET_WENT_BACK, run.reason());
        assertTrue(run.detail().contains(q.target) && run.detail().contains("499999") && run.detail().contains("500000"), run.detail());
        // Snowflake confirms with the warehouse clock: reads up to 10 s older are the same table.
        q.dialect = "snowflake";
        RunRecord snow = runOf(q.build(), 500_000);
        q.table(q.target, 490_000L);
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), snow));
        q.table(q.target, 489_999L);
        assertRun(ExecuteReason.TARGET_WENT_BACK, decide(q.build(), snow));
        q.ignoreExternal = true;
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), snow));
    }

    @Test
    void newerInputWithZeroToleranceExecutes() {
        RunRecord last = runOf(q.build(), 500);
        q.table(RAW, 101L);
        q.now += 10_000_000;
        assertRun(ExecuteReason.UPSTREAM_NEWER, decide(q.build(), last));
    }

    @Test
    void anInputOlderThanAtTheRunIsAChange() {
        RunRecord last = runOf(q.build(), 500);
        q.table(RAW, 99L);
        Rules.Run run = assertInstanceOf(Rules.Run.class, decide(q.build(), last));
        assertEquals(ExecuteReason.INPUT_WENT_BACK, run.reason());
        assertTrue(run.detail().contains(RAW) && run.detail().contains("99") && run.detail().contains("100"), run.detail());
        // It is a change of data, like a newer one: a lag tolerance covers it while the build is young.
        q.tolerance = 2700;
        q.now += 60_000;
        assertReuse(SkipReason.WITHIN_TOLERANCE, decide(q.build(), last));
    }

    @Test
    void snowflakeReadsOfAnInputMayBeOlderByTheMeasuredJitter() {
        q.dialect = "snowflake";
        q.table(RAW, 1_791_588_126_130L);
        RunRecord last = runOf(q.build(), 500);
        q.table(RAW, 1_791_588_125_833L); // c1_config_vs_logic: ORDERS read 297 ms older, unchanged
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.table(RAW, 1_791_588_116_129L);
        assertRun(ExecuteReason.INPUT_WENT_BACK, decide(q.build(), last));
    }

    @Test
    void toleranceAllowsStaleInputsUntilTheLastBuildIsOlderThanIt() {
        q.tolerance = 2700;
        RunRecord last = runOf(q.build(), 500);
        q.table(RAW, 200L);
        q.now += 20 * 60_000;
        Rules.Verdict within = decide(q.build(), last);
        assertReuse(SkipReason.WITHIN_TOLERANCE, within);
        assertTrue(((Rules.Reuse) within).stale());
        q.now += 30 * 60_000;
        assertRun(ExecuteReason.UPSTREAM_NEWER, decide(q.build(), last));
    }

    @Test
    void clockBeforeTheRecordedRunIsNotWithinTolerance() {
        q.tolerance = 2700;
        RunRecord last = runOf(q.build(), 500);
        q.table(RAW, 200L);
        q.now -= 1000;
        assertRun(ExecuteReason.UPSTREAM_NEWER, decide(q.build(), last));
    }

    @Test
    void policyAllNeedsEveryInputStale() {
        String other = "\"db\".\"raw\".\"customers\"";
        q.table(other, 100L);
        q.policy = StalePolicy.ALL;
        RunRecord last = runOf(q.build(), 500);
        q.table(RAW, 300L);
        assertReuse(SkipReason.NOT_ALL_INPUTS_STALE, decide(q.build(), last));
        q.table(other, 300L);
        assertRun(ExecuteReason.UPSTREAM_NEWER, decide(q.build(), last));
    }

    @Test
    void changedInputSetOrMissingInputTimestampExecutes() {
        RunRecord last = runOf(q.build(), 500);
        q.table("\"db\".\"raw\".\"new\"", 1L);
        assertRun(ExecuteReason.INPUTS_CHANGED, decide(q.build(), last));
        q.tables.remove("\"db\".\"raw\".\"new\"");
        q.table(RAW, null);
        assertRun(ExecuteReason.INPUT_TIMESTAMP_MISSING, decide(q.build(), last));
    }

    @Test
    void volatileSqlExecutesWhenNondeterminismIsNotTolerated() {
        q.sql = "select id, now() as loaded from " + RAW;
        RunRecord last = runOf(q.build(), 500);
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.tolerateNondeterminism = false;
        assertRun(ExecuteReason.NONDETERMINISTIC, decide(q.build(), last));
    }

    @Test
    void unknownExecutionTypesAreNeverSkipped() {
        q.type = ExecutionType.UNRECOGNIZED;
        RunRecord last = runOf(q.build(), 500);
        assertRun(ExecuteReason.UNSUPPORTED_REQUEST, decide(q.build(), last));
    }

    @Test
    void dataTestsHaveNoTarget() {
        q.type = ExecutionType.DBT_DATA_TEST;
        q.target = "";
        q.tables.clear();
        q.table(RAW, 100L);
        RunRecord last = runOf(q.build(), 0).withOutcome(new RunRecord.Outcome(2, null, 5, "{\"fields\":{}}", null));
        assertReuse(SkipReason.UP_TO_DATE, decide(q.build(), last));
        q.table(RAW, 101L);
        assertRun(ExecuteReason.UPSTREAM_NEWER, decide(q.build(), last));
    }

    @Test
    void seedsAreDecidedByTheirValuesHash() {
        ValuesRequest v = new ValuesRequest("\"db\".\"s\".\"seed\"", "", "postgres", "abc", 500L, java.util.Map.of(), 1);
        RunRecord last = RunRecord.builder().requestId("0190a000-0000-7000-8000-000000000002").targetKey("k")
                .targetTable(v.targetTable()).kind(RunKind.VALUES).displayName("n").executionType(ExecutionType.VALUES)
                .fingerprint("abc").decidedAtMs(1).outcome(new RunRecord.Outcome(2, 500L, 10, null, null)).build();
        assertReuse(SkipReason.SAME_VALUES, Rules.decideValues(v, Optional.of(last)));
        assertRun(ExecuteReason.VALUES_CHANGED, Rules.decideValues(
                new ValuesRequest(v.targetTable(), "", "postgres", "xyz", 500L, java.util.Map.of(), 1), Optional.of(last)));
        assertRun(ExecuteReason.TARGET_MISSING, Rules.decideValues(
                new ValuesRequest(v.targetTable(), "", "postgres", "abc", null, java.util.Map.of(), 1), Optional.of(last)));
        assertRun(ExecuteReason.TARGET_MODIFIED, Rules.decideValues(
                new ValuesRequest(v.targetTable(), "", "postgres", "abc", 501L, java.util.Map.of(), 1), Optional.of(last)));
        assertRun(ExecuteReason.TARGET_WENT_BACK, Rules.decideValues(
                new ValuesRequest(v.targetTable(), "", "postgres", "abc", 499L, java.util.Map.of(), 1), Optional.of(last)));
        assertReuse(SkipReason.SAME_VALUES, Rules.decideValues(
                new ValuesRequest(v.targetTable(), "", "snowflake", "abc", 499L, java.util.Map.of(), 1), Optional.of(last)));
        assertRun(ExecuteReason.NO_PRIOR_RUN, Rules.decideValues(v, Optional.empty()));
    }
}

package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules for what PostgreSQL's timestamps cannot show: columns added under a star, and the max reuse age. */
class WeakSignalRulesTest {
    static final String RAW = "\"db\".\"raw\".\"customers\"";
    static final String STG = "\"db\".\"an\".\"stg_customers\"";
    private final Fingerprinter fingerprinter = new Fingerprinter(10);
    private Requests q;

    @BeforeEach
    void setUp() {
        q = new Requests();
        q.target = "\"db\".\"an\".\"customers\"";
        q.table(RAW, 100L).table(STG, 200L).table(q.target, 500L);
    }

    /** The confirmed run of {@code r}, with {@code lineages} as the inputs' lineages at the time. */
    private RunRecord runOf(SqlRequest r, Map<String, String> lineages) {
        Fingerprint fp = fingerprinter.of(r.sql());
        return RunRecord.builder().requestId("0190a000-0000-7000-8000-000000000001").targetKey("k")
                .targetTable(r.targetTable()).kind(RunKind.SQL).displayName("n").executionType(r.executionType())
                .fingerprint(fp.hash()).settingsHash(Rules.settingsHash(r)).inputs(Rules.inputs(r)).viewTexts(ViewHashes.of(r).texts())
                .inputLineages(lineages).lineage("l").decidedAtMs(r.nowMs())
                .outcome(new RunRecord.Outcome(r.nowMs() + 1, 500L, 42, null, null)).build();
    }

    private Rules.Verdict decide(SqlRequest r, RunRecord last, ReusePolicy policy) {
        return Rules.decide(r, fingerprinter.of(r.sql()), ViewHashes.of(r), Rules.settingsHash(r), Optional.of(last), policy,
                () -> SelectStar.of(r.sql()));
    }

    private Rules.Run assertRun(ExecuteReason expected, Rules.Verdict v) {
        Rules.Run run = assertInstanceOf(Rules.Run.class, v, v.toString());
        assertEquals(expected, run.reason(), run.detail());
        return run;
    }

    @Test
    void aStarStraightFromASourceCannotBeProvenUnchangedOnPostgres() {
        q.sql = "select * from " + RAW + " join " + STG + " using (id)";
        RunRecord last = runOf(q.build(), Map.of(STG, "built-here"));
        Rules.Run run = assertRun(ExecuteReason.COLUMNS_UNPROVABLE, decide(q.build(), last, ReusePolicy.DEFAULT));
        assertTrue(run.detail().contains(RAW) && run.detail().contains("commit timestamp"), run.detail());
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), last, new ReusePolicy(0, true)), "the documented opt-out");
        q.dialect = "snowflake";
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), runOf(q.build(), Map.of()), ReusePolicy.DEFAULT),
                "LAST_ALTERED moves on DDL");
    }

    @Test
    void aStarOverAModelBuiltHereIsFineUntilThatModelIsNewer() {
        q.sql = "select c.* from " + STG + " c join " + RAW + " r on r.id = c.id";
        q.tolerance = 2700;
        RunRecord last = runOf(q.build(), Map.of(STG, "built-here"));
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), last, ReusePolicy.DEFAULT));
        q.table(STG, 300L);
        q.now += 60_000;
        // Within lag tolerance, but the rebuilt model may have new columns.
        Rules.Run run = assertRun(ExecuteReason.COLUMNS_UNPROVABLE, decide(q.build(), last, ReusePolicy.DEFAULT));
        assertTrue(run.detail().contains(STG), run.detail());
        // With explicit columns the same newer model is only newer data, which the tolerance covers.
        q.sql = "select c.id, c.name from " + STG + " c join " + RAW + " r on r.id = c.id";
        q.table(STG, 200L);
        RunRecord explicit = runOf(q.build(), Map.of(STG, "built-here"));
        q.table(STG, 300L);
        Rules.Reuse reuse = assertInstanceOf(Rules.Reuse.class, decide(q.build(), explicit, ReusePolicy.DEFAULT));
        assertEquals(SkipReason.WITHIN_TOLERANCE, reuse.reason());
    }

    @Test
    void aStarOverACteWithExplicitColumnsIsFine() {
        q.sql = "with source as (select * from " + RAW + "), renamed as (select id, name from source) select * from renamed";
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), runOf(q.build(), Map.of()), ReusePolicy.DEFAULT));
        q.sql = "with source as (select * from " + RAW + ") select * from source";
        assertRun(ExecuteReason.COLUMNS_UNPROVABLE, decide(q.build(), runOf(q.build(), Map.of()), ReusePolicy.DEFAULT));
    }

    @Test
    void aStarOverTheNodesOwnTableIsFine() {
        q.sql = "select id, name from " + STG + " union all select t.* from " + q.target + " t";
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), runOf(q.build(), Map.of(STG, "built-here")), ReusePolicy.DEFAULT));
        q.sql = "select * from " + "\"db\".\"raw\".\"elsewhere\"";
        Rules.Run run = assertRun(ExecuteReason.COLUMNS_UNPROVABLE, decide(q.build(), runOf(q.build(), Map.of()), ReusePolicy.DEFAULT));
        assertTrue(run.detail().contains("not among its stamped inputs"), run.detail());
    }

    @Test
    void dataTestsReportACountThatNoColumnChanges() {
        q.type = ExecutionType.DBT_DATA_TEST;
        q.target = "";
        q.tables.remove("\"db\".\"an\".\"customers\"");
        q.sql = "select * from " + RAW + " where id is null";
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), runOf(q.build(), Map.of()), ReusePolicy.DEFAULT));
    }

    @Test
    void aBuildOlderThanTheMaxReuseAgeIsRebuilt() {
        q.sql = "select id from " + RAW;
        RunRecord last = runOf(q.build(), Map.of());
        ReusePolicy day = new ReusePolicy(86_400_000L, false);
        q.now += 86_400_000L;
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), last, day), "exactly the max age is still reused");
        q.now += 1;
        Rules.Run run = assertRun(ExecuteReason.REUSE_TOO_OLD, decide(q.build(), last, day));
        assertTrue(run.detail().contains("86400 s"), run.detail());
        assertInstanceOf(Rules.Reuse.class, decide(q.build(), last, ReusePolicy.DEFAULT), "off unless set");
    }

    @Test
    void aSeedOlderThanTheMaxReuseAgeIsReloaded() {
        ValuesRequest v = new ValuesRequest("\"db\".\"s\".\"seed\"", "", "postgres", "abc", 500L, Map.of(), 1 + 3_600_001);
        RunRecord last = RunRecord.builder().requestId("0190a000-0000-7000-8000-000000000002").targetKey("k")
                .targetTable(v.targetTable()).kind(RunKind.VALUES).displayName("n").executionType(ExecutionType.VALUES)
                .fingerprint("abc").decidedAtMs(1).outcome(new RunRecord.Outcome(2, 500L, 10, null, null)).build();
        assertRun(ExecuteReason.REUSE_TOO_OLD, Rules.decideValues(v, Optional.of(last), new ReusePolicy(3_600_000, false)));
        assertInstanceOf(Rules.Reuse.class, Rules.decideValues(v, Optional.of(last), new ReusePolicy(3_600_001, false)));
    }

    @Test
    void theAnswerAndItsExplanationNameTheRelationAndBothTimestamps() {
        DecisionEngine engine = DecisionEngine.over(new dev.dbtstateoss.history.StoreHistory(new dev.dbtstateoss.store.MemoryStore()))
                .ids(new Ids(java.time.Clock.systemUTC()))
                .build();
        q.sql = "select id, name from " + RAW;
        Decision.Execute first = assertInstanceOf(Decision.Execute.class, engine.decide(q.build()));
        engine.confirm(new Confirmation(first.requestId(), 500L, 10, null, null, q.now));
        q.table(RAW, 17L); // the newest row was deleted
        Decision.Execute again = assertInstanceOf(Decision.Execute.class, engine.decide(q.build()));
        assertEquals(ExecuteReason.INPUT_WENT_BACK, again.reason());
        assertTrue(again.description().startsWith("model was executed because " + RAW + " reads 17, older than the 100"),
                again.description());
        Explanation why = engine.explanations().find(again.decisionId()).orElseThrow();
        assertTrue(why.lines().stream().anyMatch(l -> l.text().equals(RAW
                + ": older by 83 ms than at the recorded run (last modified 17, then 100)") && l.mark() == Explanation.Mark.FAIL),
                why.lines().toString());
    }
}

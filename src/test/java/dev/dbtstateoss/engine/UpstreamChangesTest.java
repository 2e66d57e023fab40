package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What changed upstream of a run since the run of its target before it. */
class UpstreamChangesTest {
    static RunRecord run(String id, Map<String, Long> inputs, Map<String, String> lineages) {
        return run(id, "postgres", inputs, lineages);
    }

    static RunRecord run(String id, String dialect, Map<String, Long> inputs, Map<String, String> lineages) {
        return RunRecord.builder().dialect(dialect).requestId(id).targetKey("table||t").targetTable("t").kind(RunKind.SQL)
                .displayName("model.p.t").executionType(ExecutionType.FULL).fingerprint("fp").settingsHash("s").inputs(inputs)
                .inputLineages(lineages).lineage("l").decidedAtMs(1).outcome(new RunRecord.Outcome(2, 3L, 4, null, null)).build();
    }

    static List<String> texts(RunRecord now, Optional<RunRecord> before) {
        return UpstreamChanges.between(now, before).stream().map(Explanation.Line::text).toList();
    }

    @Test
    void newerTimestampsChangedLineageAndInputsReadOrNoLongerRead() {
        RunRecord before = run("a", Map.of("x", 100L, "y", 50L, "gone", 10L), Map.of("x", "lx", "y", "ly1"));
        RunRecord now = run("b", Map.of("x", 100L, "y", 70L, "new", 5L), Map.of("x", "lx", "y", "ly2"));
        assertEquals(List.of(
                "gone: read by the run before, not now",
                "new: read now, not by the run before",
                "y: modified at 70, newer by 20 ms than at the run before (50)",
                "y: rebuilt with changed logic since the run before"), texts(now, Optional.of(before)));
    }

    @Test
    void nothingChangedOrNoRunBefore() {
        RunRecord before = run("a", Map.of("x", 100L), Map.of());
        assertEquals(List.of("no input changed since the run before"),
                texts(run("b", Map.of("x", 100L), Map.of()), Optional.of(before)));
        assertEquals(1, texts(before, Optional.empty()).size());
    }

    @Test
    void anOlderReadIsAChangeBeyondTheDialectsAllowance() {
        RunRecord before = run("a", Map.of("raw", 100_000L), Map.of());
        assertEquals(List.of("raw: reads 17000, older by 83000 ms than the 100000 at the run before (allowed 0 ms): "
                + "rows were deleted, or it was restored or re-created"),
                texts(run("b", Map.of("raw", 17_000L), Map.of()), Optional.of(before)), "PostgreSQL timestamps are exact");
        assertEquals(List.of("raw: reads 99999, older by 1 ms than the 100000 at the run before (allowed 0 ms): "
                + "rows were deleted, or it was restored or re-created"),
                texts(run("b", Map.of("raw", 99_999L), Map.of()), Optional.of(before)));
        RunRecord snowflake = run("a", "snowflake", Map.of("raw", 100_000L), Map.of());
        assertEquals(List.of("no input changed since the run before"),
                texts(run("b", "snowflake", Map.of("raw", 90_000L), Map.of()), Optional.of(snowflake)),
                "up to 10 s older is Snowflake's jitter, as the rules allow it");
        List<Explanation.Line> beyond = UpstreamChanges.between(run("b", "snowflake", Map.of("raw", 89_999L), Map.of()),
                Optional.of(snowflake));
        assertEquals(List.of("raw: reads 89999, older by 10001 ms than the 100000 at the run before (allowed 10000 ms): "
                + "rows were deleted, or it was restored or re-created"), beyond.stream().map(Explanation.Line::text).toList());
        assertEquals(Explanation.Badge.OUTDATED, beyond.get(0).badge());
    }
}

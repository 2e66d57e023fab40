package dev.dbtstateoss.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What changed upstream of a run since the run of its target before it. */
class UpstreamChangesTest {
    static RunRecord run(String id, Map<String, Long> inputs, Map<String, String> lineages) {
        return RunRecord.builder().requestId(id).targetKey("table||t").targetTable("t").kind(RunKind.SQL)
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
                texts(run("b", Map.of("x", 99L), Map.of()), Optional.of(before)), "an older read is jitter, not a change");
        assertEquals(1, texts(before, Optional.empty()).size());
    }
}
